/**
 * Which language VS Code gives a file, from the `contributes.languages` of our manifest, resolved as
 * VS Code's `getAssociationByPath` does (src/vs/editor/common/services/languagesAssociations.ts):
 * an exact file name wins, then the LONGEST matching `filenamePatterns` entry, then the longest
 * extension; names are compared case-insensitively. VS Code's built-in Docker grammar contributes the
 * same `Dockerfile.*` / `Containerfile.*` patterns as we do, so the manifest alone decides.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { kindOfPath } from '../../server/src/core/engine';

interface Association {
  id: string;
  filename?: string;
  filepattern?: string;
  extension?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
const associations: Association[] = [];
for (const l of manifest.contributes.languages) {
  for (const f of l.filenames ?? []) associations.push({ id: l.id, filename: f });
  for (const p of l.filenamePatterns ?? []) associations.push({ id: l.id, filepattern: p });
  for (const e of l.extensions ?? []) associations.push({ id: l.id, extension: e });
}

/** Our patterns use `*` only (`?`, `{}` and `/` would need VS Code's full glob). */
function globRegex(pattern: string): RegExp {
  assert.ok(!/[?{}[\]/]/.test(pattern), `pattern ${pattern} needs a fuller glob in this test`);
  const body = pattern
    .split('*')
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${body}$`, 'i');
}

function languageOf(name: string): string | undefined {
  const filename = name.toLowerCase();
  let byName: Association | undefined;
  let byPattern: Association | undefined;
  let byExt: Association | undefined;
  for (let i = associations.length - 1; i >= 0; i--) {
    const a = associations[i];
    if (a.filename !== undefined && a.filename.toLowerCase() === filename) {
      byName = a;
      break;
    }
    if (a.filepattern && (!byPattern || a.filepattern.length > byPattern.filepattern!.length))
      if (globRegex(a.filepattern).test(filename)) byPattern = a;
    if (a.extension && (!byExt || a.extension.length > byExt.extension!.length))
      if (filename.endsWith(a.extension.toLowerCase())) byExt = a;
  }
  return (byName ?? byPattern ?? byExt)?.id;
}

describe('language associations in package.json', () => {
  const cases: [string, string][] = [
    ['Dockerfile', 'dockerfile'],
    ['Dockerfile.dev', 'dockerfile'],
    ['Containerfile.prod', 'dockerfile'],
    ['api.dockerfile', 'dockerfile'],
    ['compose.yaml', 'dockercompose'],
    ['.dockerignore', 'dockerignore'],
    ['.containerignore', 'dockerignore'],
    // BuildKit reads `<Dockerfile name>.dockerignore` next to the Dockerfile: an ignore file, not a
    // Dockerfile, although `Dockerfile.*` / `Containerfile.*` match the name as well.
    ['Dockerfile.dockerignore', 'dockerignore'],
    ['dockerfile.dockerignore', 'dockerignore'],
    ['Dockerfile.dev.dockerignore', 'dockerignore'],
    ['Containerfile.dockerignore', 'dockerignore'],
    ['Containerfile.prod.dockerignore', 'dockerignore'],
    ['api.Dockerfile.dockerignore', 'dockerignore'],
  ];
  const kinds: Record<string, string> = {
    dockerfile: 'dockerfile',
    dockercompose: 'compose',
    dockerignore: 'dockerignore',
  };
  for (const [name, id] of cases)
    it(`${name} -> ${id}, as the server and CLI see it`, () => {
      assert.equal(languageOf(name), id);
      assert.equal(kindOfPath(name), kinds[id]);
    });
});
