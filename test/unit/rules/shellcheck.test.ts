import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { lintText } from '../../../server/src/core/engine';
import { emptyConfig } from '../../../server/src/core/config';
import type { FileSystem } from '../../../server/src/core/types';
import {
  resetShellcheckLookup,
  shellcheckBinary,
} from '../../../server/src/core/rules/dockerfile/shellcheck';

/** A file context: the rule only runs for real files. */
const fs: FileSystem = {
  readFile: () => undefined,
  exists: () => false,
  isDirectory: () => false,
  readDir: () => [],
};
const withFs = { fs, path: '/project/Dockerfile' };
const config = { ...emptyConfig(), rules: { shellcheck: 'warning' as const } };

describe('rule shellcheck without the binary', () => {
  const saved = process.env.BERTH_SHELLCHECK;
  before(() => {
    process.env.BERTH_SHELLCHECK = '/nonexistent/shellcheck-for-berth-tests';
    resetShellcheckLookup();
  });
  after(() => {
    if (saved === undefined) delete process.env.BERTH_SHELLCHECK;
    else process.env.BERTH_SHELLCHECK = saved;
    resetShellcheckLookup();
  });
  it('says nothing and leaves the other rules alone', () => {
    const text = 'FROM debian:12\nRUN echo $foo && sudo ls\n';
    const found = lintText(text, 'dockerfile', {
      ...withFs,
      config: { ...config, rules: { ...config.rules, 'run-no-sudo': 'error' } },
    });
    assert.deepEqual(
      found.map((f) => f.ruleId),
      ['run-no-sudo'],
    );
  });
});

if (!shellcheckBinary()) {
  describe('rule shellcheck', () => {
    it('SKIPPED: no `shellcheck` binary on PATH (install the Debian package `shellcheck` to run these tests)', function () {
      this.skip();
    });
  });
} else {
  ruleTester('shellcheck', {
    valid: [
      { name: 'clean script', code: 'FROM debian:12\nRUN echo "hello" && ls /\n', options: withFs },
      { name: 'no file context: nothing runs', code: 'FROM debian:12\nRUN echo $foo\n' },
      {
        name: 'ARG and ENV names are known to the script',
        code: 'FROM debian:12\nARG version\nENV home=/x\nRUN echo "$version" "$home"\n',
        options: withFs,
      },
      { name: 'exec form is not a script', code: 'FROM debian:12\nRUN ["echo", "$foo"]\n', options: withFs },
      {
        name: '# hadolint ignore=SC2154,SC2086 silences those codes',
        code: 'FROM debian:12\n# hadolint ignore=SC2154,SC2086\nRUN echo $foo\n',
        options: withFs,
      },
      {
        name: 'global ignore and config',
        code: '# hadolint global ignore=SC2154\nFROM debian:12\nRUN echo $foo\n',
        options: { ...withFs, config: { rules: { shellcheck: 'warning', SC2086: 'off' } } },
      },
      {
        name: 'PowerShell RUNs are not shell scripts',
        code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN echo $foo\n',
        options: withFs,
      },
      {
        name: 'a python heredoc is not checked',
        code: 'FROM debian:12\nRUN <<EOF\n#!/usr/bin/env python3\nprint($x)\nEOF\n',
        options: withFs,
      },
    ],
    invalid: [
      {
        name: 'the exact word, with the SC code first',
        code: 'FROM debian:12\nRUN echo $foo\n',
        options: withFs,
        errors: [
          { line: 2, column: 10, endColumn: 14, message: /^SC2154: foo is referenced but not assigned/ },
          { line: 2, column: 10, endColumn: 14, message: /^SC2086: / },
        ],
      },
      {
        name: 'positions through line continuations and a comment line',
        code: 'FROM debian:12\nRUN true \\\n# a comment\n  && echo `date` \\\n  && x=1\n',
        options: withFs,
        errors: [
          { line: 4, column: 11, endColumn: 17, message: /^SC2046:/ },
          { line: 4, column: 11, endColumn: 17, message: /^SC2005:/ },
          { line: 4, column: 11, endColumn: 17, message: /^SC2006:/ },
          { line: 5, column: 6, endColumn: 7, message: /^SC2034:/ },
        ],
      },
      {
        name: 'heredoc body, bash dialect from SHELL ([[ ]] is fine in bash)',
        code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN <<EOF\nif [[ -n "$HOME" ]]; then\n  cd /tmp\nfi\necho $bar\nEOF\n',
        options: withFs,
        errors: [
          { line: 5, column: 3, endColumn: 10, message: /^SC2164:/ },
          { line: 7, column: 6, endColumn: 10, message: /^SC2154:/ },
          { line: 7, column: 6, endColumn: 10, message: /^SC2086:/ },
        ],
      },
      {
        name: 'sh dialect by default: [[ ]] is not POSIX',
        code: 'FROM debian:12\nRUN if [[ -n "$HOME" ]]; then true; fi\n',
        options: withFs,
        errors: [{ line: 2, column: 8, message: /^SC3010:/ }],
      },
      {
        name: 'ONBUILD RUN',
        code: 'FROM debian:12\nONBUILD RUN echo $foo\n',
        options: withFs,
        errors: [
          { line: 2, column: 18, message: /^SC2154:/ },
          { line: 2, column: 18, message: /^SC2086:/ },
        ],
      },
    ],
  });

  describe('rule shellcheck, many RUNs in one file', () => {
    beforeEach(() => resetShellcheckLookup());
    it('50 RUNs, each with an SC2086 on its own line and column, all mapped to their place', () => {
      const lines = ['FROM debian:12', 'ARG v0'];
      const expected: string[] = [];
      for (let i = 0; i < 50; i++) {
        if (i % 3 === 0) lines.push(`# step ${i}`);
        if (i % 4 === 0) lines.push(`ENV e${i}=x`);
        const pad = ' '.repeat(i % 7);
        if (i % 5 === 0) {
          // Continued: the finding is on the second line of the RUN.
          lines.push(`RUN true \\`, `  &&${pad} echo $un > /tmp/f${i}`);
          expected.push(`${lines.length}:${11 + pad.length}`);
        } else {
          lines.push(`RUN${pad} echo $un /tmp/f${i}`);
          expected.push(`${lines.length}:${10 + pad.length}`);
        }
      }
      const text = lines.join('\n') + '\n';
      const found = lintText(text, 'dockerfile', { ...withFs, config }).filter(
        (f) => f.ruleId === 'shellcheck',
      );
      const sc2086 = found.filter((f) => f.message.startsWith('SC2086:'));
      assert.deepEqual(
        sc2086.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`),
        expected,
      );
      for (const f of sc2086) assert.equal(f.range.end.character - f.range.start.character, 3); // `$un`
      // `un` is not set anywhere (ARG v0 is known to every script): SC2154 on the same word, nothing else.
      assert.deepEqual(
        found
          .filter((f) => !f.message.startsWith('SC2086:'))
          .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message.slice(0, 7)}`),
        expected.map((p) => `${p} SC2154:`),
      );
    });
    it('the same script twice is checked once and reported twice; cached results on the next run', () => {
      const text = 'FROM debian:12\nRUN echo $foo\nRUN echo $foo\n';
      const run = () =>
        lintText(text, 'dockerfile', { ...withFs, config })
          .filter((f) => f.message.startsWith('SC2086:'))
          .map((f) => f.range.start.line + 1);
      assert.deepEqual(run(), [2, 3]);
      assert.deepEqual(run(), [2, 3]);
    });
  });
}
