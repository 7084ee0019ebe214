/**
 * Incremental re-parsing (`parseDockerfile(text, previous)`, what the language server does on every
 * keystroke): after any chain of edits, the model must equal a fresh parse of the same text, field by
 * field, and the findings of every rule must be the same. Edits are random (a seeded PRNG) over the
 * built-in samples, the generated 1,000-line Dockerfile and a spread of corpus files (skipped, with a
 * message, when the corpus is absent).
 */
import assert from 'node:assert/strict';
import { lintModel, parseModel } from '../../server/src/core/engine';
import type { DockerfileModel } from '../../server/src/core/dockerfile/model';
import { parseDockerfile } from '../../server/src/core/dockerfile/parser';
import {
  BUILTIN_SAMPLES,
  corpusDir,
  generateDockerfile,
  loadCorpus,
  NO_CORPUS_MESSAGE,
  sample,
} from '../helpers/corpus';

/** A plain-data view of a model: every field the parser sets (Int32Arrays as arrays). */
function snapshot(m: DockerfileModel): string {
  return JSON.stringify(
    {
      escapeChar: m.escapeChar,
      directives: m.directives,
      comments: m.comments,
      instructions: m.instructions,
      stages: m.stages,
      globalArgs: m.globalArgs,
      problems: m.problems,
      text: m.text,
    },
    (_k, v) => (v instanceof Int32Array ? Array.from(v) : v),
  );
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  'x',
  ' ',
  '\n',
  '\\\n',
  '\\',
  '`',
  '"',
  "'",
  '#',
  '# comment\n',
  '\nRUN apt-get install -y curl\n',
  '\nFROM alpine AS b\n',
  '<<EOF\n',
  '\nEOF\n',
  '\r\n',
  '\t',
  '\nONBUILD RUN make\n',
  '# escape=`\n',
  '\nARG V=1\n',
  'RUN <<EOF\necho hi\nEOF\n',
];

/** One random edit: insert a snippet, delete a span, or replace a span. */
function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const r = rnd();
  if (r < 0.5) return text.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] + text.slice(at);
  const len = Math.floor(rnd() * 12);
  if (r < 0.8) return text.slice(0, at) + text.slice(at + len);
  return text.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] + text.slice(at + len);
}

/** Typing: one character at a time at one place, as in the editor. */
function typeAt(text: string, at: number, s: string): string[] {
  const out: string[] = [];
  for (let i = 1; i <= s.length; i++) out.push(text.slice(0, at) + s.slice(0, i) + text.slice(at));
  return out;
}

const CONFIG = { rules: {}, allRules: true };

function checkChain(name: string, texts: string[]): void {
  let previous: DockerfileModel | undefined = parseDockerfile(texts[0]);
  for (let i = 1; i < texts.length; i++) {
    const inc = parseDockerfile(texts[i], previous);
    const fresh = parseDockerfile(texts[i]);
    assert.equal(snapshot(inc), snapshot(fresh), `${name}: model differs after edit ${i}`);
    // Findings too: caches keyed by instruction are shared between versions.
    const a = lintModel(inc, { config: CONFIG, exclude: ['shellcheck'] });
    const b = lintModel(fresh, { config: CONFIG, exclude: ['shellcheck'] });
    assert.deepEqual(a, b, `${name}: findings differ after edit ${i}`);
    previous = inc;
  }
}

describe('incremental Dockerfile parsing', () => {
  it('takes over the instructions before the edit (same objects) and re-parses the rest', () => {
    const text = generateDockerfile(200);
    const before = parseDockerfile(text);
    const at = text.indexOf('\nRUN pip install', text.length >> 1) + 5;
    const after = parseDockerfile(text.slice(0, at) + 'x' + text.slice(at), before);
    const edited = after.instructions.findIndex((i) => i.start <= at && at <= i.end);
    assert.ok(edited > 10);
    for (let i = 0; i < edited; i++) assert.equal(after.instructions[i], before.instructions[i]);
    for (let i = edited; i < after.instructions.length; i++)
      assert.notEqual(after.instructions[i], before.instructions[i]);
    assert.equal(snapshot(after), snapshot(parseDockerfile(after.text)));
  });

  it('re-parses everything when the parser directives change', () => {
    const text = 'FROM alpine\nRUN echo a \\\n  b\nRUN echo c\n';
    const before = parseDockerfile(text);
    const after = parseDockerfile('# escape=`\n' + text, before);
    assert.ok(after.instructions.every((i) => !before.instructions.includes(i)));
    assert.equal(snapshot(after), snapshot(parseDockerfile(after.text)));
  });

  it('parseModel passes the previous model through, and ignores one of another kind', () => {
    const prev = parseModel('FROM alpine\nRUN echo hi\nRUN echo there\n', 'dockerfile');
    const next = parseModel('FROM alpine\nRUN echo hi\nRUN echo there!\n', 'dockerfile', prev);
    assert.equal(next.instructions[0], prev.instructions[0]);
    const compose = parseModel('services: {}\n', 'compose');
    const df = parseModel('FROM alpine\n', 'dockerfile', compose);
    assert.equal(snapshot(df), snapshot(parseDockerfile('FROM alpine\n')));
  });

  it('equals a fresh parse after random edits of the built-in samples', () => {
    const rnd = prng(7);
    for (const s of BUILTIN_SAMPLES.filter((x) => x.kind === 'dockerfile')) {
      const texts = [s.text];
      for (let i = 0; i < 40; i++) texts.push(edit(texts[texts.length - 1], rnd));
      checkChain(s.name, texts);
    }
  });

  it('equals a fresh parse while typing into a 1,000-line Dockerfile', () => {
    const text = generateDockerfile(1000);
    const at = text.indexOf('\nRUN pip install', text.length >> 1) + 16;
    checkChain('generated', [text, ...typeAt(text, at, ' urllib3==2.2.1 \\\n  idna')]);
    const rnd = prng(11);
    const texts = [text];
    for (let i = 0; i < 15; i++) texts.push(edit(texts[texts.length - 1], rnd));
    checkChain('generated, random edits', texts);
  });

  it('equals a fresh parse after random edits of corpus Dockerfiles', function () {
    if (!corpusDir()) {
      console.log(`      incremental parsing: ${NO_CORPUS_MESSAGE}`);
      this.skip();
    }
    this.timeout(60000);
    const files = sample(loadCorpus('dockerfile'), 40);
    assert.ok(files.length > 0);
    const rnd = prng(20261128);
    for (const f of files) {
      const texts = [f.text];
      for (let i = 0; i < 8; i++) texts.push(edit(texts[texts.length - 1], rnd));
      checkChain(f.name, texts);
    }
  });
});
