/**
 * The rule format for `.dockerignore` files (kind `dockerignore`). Kept here until rule.ts has a
 * `defineDockerignoreRule` of its own. Not a rule (the file name starts with `_`).
 */
import type { DockerignoreModel } from '../../dockerignore/model';
import type { FileKind, RuleMeta } from '../../types';
import type { Rule, RuleContext } from '../rule';

export type DockerignoreRule = Rule<DockerignoreModel>;

export function defineDockerignoreRule(
  meta: Omit<RuleMeta, 'kind'>,
  check: (ctx: RuleContext<DockerignoreModel>) => void,
): DockerignoreRule {
  return { meta: { ...meta, kind: 'dockerignore' as FileKind }, check };
}
