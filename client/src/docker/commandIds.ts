/** Command ids and their palette titles (client/contributes.json is checked against this by a unit test). */
export const COMMAND_TITLES = {
  'berth.composeUp': 'Compose Up',
  'berth.composeUpSelectServices': 'Compose Up - Select Services',
  'berth.composeDown': 'Compose Down',
  'berth.composeDownVolumes': 'Compose Down and Remove Volumes',
  'berth.composeRestart': 'Compose Restart',
  'berth.composeStop': 'Compose Stop',
  'berth.composeStart': 'Compose Start',
  'berth.composeLogs': 'Compose Logs',
  'berth.composePs': 'Compose PS',
  'berth.composePull': 'Compose Pull',
  'berth.composeBuild': 'Compose Build',
  'berth.composeScale': 'Compose Scale a Service',
  'berth.composeWatch': 'Compose Watch',
  'berth.composeConfig': 'Compose Show Merged Configuration',
  'berth.imageBuild': 'Build Image',
  'berth.imageRun': 'Run Image',
  'berth.containerShell': 'Open Shell in Container',
  'berth.containerLogs': 'Container Logs',
  'berth.containerStop': 'Stop Container',
  'berth.containerRemove': 'Remove Container',
  'berth.systemPrune': 'System Prune',
} as const;

export type BerthCommandId = keyof typeof COMMAND_TITLES;
