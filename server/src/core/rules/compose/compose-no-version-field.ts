import { topLevelPair } from '../../compose/model';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-no-version-field',
    description: 'The top-level `version` key is obsolete: Compose ignores it and warns.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['no-version-field'],
  },
  (ctx) => {
    const pair = topLevelPair(ctx.model, 'version');
    const key = pair?.key as { range?: [number, number, number] } | undefined;
    if (!pair || !key?.range) return;
    const lines = ctx.model.lines;
    const keyStart = key.range[0];
    const value = pair.value as { range?: [number, number, number] } | null;
    const valueEnd = value?.range ? value.range[2] : key.range[2];
    // Delete whole lines, from the key's line through the value's last line, when nothing else is on them.
    const first = lines.positionAt(keyStart).line;
    const last = lines.positionAt(Math.max(keyStart, valueEnd - 1)).line;
    const before = ctx.text.slice(lines.lineStarts[first], keyStart);
    const endOfLast = lines.lineEnd(last);
    const after = ctx.text.slice(valueEnd, endOfLast);
    let fix;
    if (/^\s*$/.test(before) && /^\s*(#.*)?$/.test(after)) {
      const delEnd = last + 1 < lines.lineCount ? lines.lineStarts[last + 1] : endOfLast;
      // Drop one blank line after it too, so no gap is left at the top of the file.
      let end = delEnd;
      if (last + 1 < lines.lineCount && lines.lineText(last + 1).trim() === '' && first === 0) {
        end = last + 2 < lines.lineCount ? lines.lineStarts[last + 2] : lines.lineEnd(last + 1);
      }
      fix = ctx.replace('Remove the obsolete `version` key', lines.lineStarts[first], end, '');
    }
    ctx.report({
      range: ctx.range(keyStart, key.range[1]),
      message: 'The top-level `version` key is obsolete: Compose ignores it. Remove it.',
      fix,
    });
  },
);
