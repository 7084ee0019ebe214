/**
 * Where a rule's documentation page lives. The pages ship in the extension (`docs/rules/<id>.md`),
 * so links work offline; `docsRoot` is the folder that holds `docs/`.
 */
export function ruleDocPath(docsRoot: string, ruleId: string): string {
  return `${docsRoot.replace(/[/\\]+$/, '')}/docs/rules/${ruleId}.md`;
}

export function fileUri(path: string): string {
  const p = path.replace(/\\/g, '/');
  const withSlash = p.startsWith('/') ? p : '/' + p;
  return 'file://' + encodeURI(withSlash).replace(/[?#]/g, encodeURIComponent);
}
