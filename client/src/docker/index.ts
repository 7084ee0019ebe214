// Pure helpers for the run commands: no `vscode` import anywhere under client/src/docker.
export * from './commands';
export * from './composeFiles';
export * from './composeModel';
export * from './containers';
export * from './dockerfile';
export * from './flavour';
export * from './process';
export * from './template';
export * from './words';
export * from './commandIds';
