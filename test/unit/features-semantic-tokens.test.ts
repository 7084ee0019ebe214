import assert from 'node:assert/strict';
import { parseDockerfile } from '../../server/src/core/dockerfile/parser';
import { dockerfileSemanticTokens, dockerfileService } from '../../server/src/features/dockerfile-service';

/** Decode LSP relative token data into [line, char, length] triples. */
function decode(data: number[]): [number, number, number][] {
  const out: [number, number, number][] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] ? data[i + 1] : char + data[i + 1];
    out.push([line, char, data[i + 2]]);
  }
  return out;
}

describe('Dockerfile semantic tokens', () => {
  const text =
    'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && echo "$X"\nRUN <<EOF\nset -e\necho hi\nEOF\nCMD ["a"]\n';

  it('leave shell code (RUN arguments and heredoc bodies) to the shell grammar, keep the rest', () => {
    const all = decode(dockerfileService().computeSemanticTokens(text).data);
    const kept = decode(dockerfileSemanticTokens(text, parseDockerfile(text)).data);
    // dockerfile-language-service tokenizes the shell words; Berth drops exactly those.
    assert.ok(
      all.some(([l]) => l === 3 || l === 4),
      'the service paints the heredoc body',
    );
    assert.deepEqual(
      kept.filter(([l]) => l >= 3 && l <= 5),
      [],
      'no token in the heredoc body or its terminator',
    );
    assert.ok(!kept.some(([l, c]) => l === 1 && c >= 47), 'no token in the shell-form arguments');
    // Keywords, the FROM image, the RUN flag and the exec-form CMD keep theirs.
    assert.ok(
      kept.some(([l, c, n]) => l === 0 && c === 0 && n === 4),
      'FROM',
    );
    assert.ok(
      kept.some(([l, c, n]) => l === 1 && c === 0 && n === 3),
      'RUN',
    );
    assert.ok(
      kept.some(([l, c]) => l === 1 && c >= 4 && c < 46),
      'the --mount flag',
    );
    assert.ok(
      kept.some(([l]) => l === 6),
      'CMD line',
    );
    // Still a valid encoding: positions increase.
    for (let i = 1; i < kept.length; i++)
      assert.ok(kept[i][0] > kept[i - 1][0] || kept[i][1] >= kept[i - 1][1] + kept[i - 1][2]);
  });
});
