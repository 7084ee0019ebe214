import { graphOf } from '../../dockerfile/graph';
import { keyValuePairs } from '../../dockerfile/model';
import type { Fix } from '../../types';
import { defineDockerfileRule } from '../rule';
import { finalBaseImage } from './_base-image';

const VARS = ['PYTHONDONTWRITEBYTECODE', 'PYTHONUNBUFFERED'];

export default defineDockerfileRule(
  {
    id: 'python-missing-env-vars',
    description:
      'A Python image does not set `PYTHONDONTWRITEBYTECODE=1` and `PYTHONUNBUFFERED=1` in its final stage.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: true,
    aliases: [],
  },
  (ctx) => {
    const model = ctx.model;
    const img = finalBaseImage(model);
    // The official image (also through a mirror: `mirror.example.com/library/python`).
    if (!img || !(img.path === 'python' || img.path.endsWith('library/python'))) return;
    const g = graphOf(model);
    const stage = model.stages[g.finalStage];
    // ENV in the final stage or the stages it is built on (ONBUILD ENV does not apply to this image).
    const set = new Set<string>();
    for (const st of g.baseChain(g.finalStage))
      for (const i of st.instructions)
        if (i.keyword === 'ENV') for (const p of keyValuePairs(i, model.escapeChar)) set.add(p.key);
    const defined = (name: string) => set.has(name);
    const missing = VARS.filter((v) => !defined(v));
    if (!missing.length) return;
    const pairs = missing.map((v) => `${v}=1`);
    const eol = model.lines.eol;
    let fix: Fix | undefined;
    const env = stage.instructions.find(
      (i) => i.keyword === 'ENV' && keyValuePairs(i, model.escapeChar).every((p) => !p.legacy),
    );
    if (env && env.args.length) {
      const end = env.args[env.args.length - 1].end;
      if (env.endLine > env.line) {
        const lastLine = model.lines.lineText(model.lines.positionAt(end).line);
        const indent = /^\s*/.exec(lastLine)?.[0] ?? '    ';
        const esc = model.escapeChar;
        fix = ctx.replace(
          `Add ${missing.join(' and ')} to this ENV`,
          end,
          end,
          pairs.map((p) => ` ${esc}${eol}${indent}${p}`).join(''),
        );
      } else fix = ctx.replace(`Add ${missing.join(' and ')} to this ENV`, end, end, ' ' + pairs.join(' '));
    } else {
      const kw = stage.from.keywordRaw === stage.from.keywordRaw.toLowerCase() ? 'env' : 'ENV';
      fix = ctx.replace(
        `Add ENV ${pairs.join(' ')}`,
        stage.from.end,
        stage.from.end,
        `${eol}${kw} ${pairs.join(' ')}`,
      );
    }
    ctx.report({
      range: ctx.range(stage.imageStart, stage.imageEnd),
      message: `This Python image does not set ${missing.map((v) => `\`${v}=1\``).join(' and ')}: ${
        missing.includes('PYTHONUNBUFFERED')
          ? 'without PYTHONUNBUFFERED, print output and logs are buffered and show up late (or never, after a crash) in `docker logs`'
          : 'without PYTHONDONTWRITEBYTECODE, Python writes `.pyc` files into the container at run time'
      }.`,
      fix,
    });
  },
);
