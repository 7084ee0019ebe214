/**
 * The rule format: one file per rule exporting `meta` and `check(ctx)`.
 */
import type { FileKind, FileSystem, Fix, Range, Report, RuleMeta } from '../types';
import type { DockerfileModel } from '../dockerfile/model';
import type { ComposeModel } from '../compose/model';
import type { BerthConfig } from '../config';

export interface RuleContext<M> {
  model: M;
  text: string;
  /** Absolute path of the file, when known. */
  path?: string;
  fs?: FileSystem;
  config: BerthConfig;
  /** Options for this rule from the configuration (`rules: { id: [severity, options] }`). */
  options: Record<string, unknown>;
  report(report: Report): void;
  /** Range of document offsets. */
  range(start: number, end: number): Range;
  /** A fix replacing document offsets [start, end) with `newText`. */
  replace(title: string, start: number, end: number, newText: string): Fix;
}

export interface Rule<M = unknown> {
  meta: RuleMeta;
  check(ctx: RuleContext<M>): void;
}

export type DockerfileRule = Rule<DockerfileModel>;
export type ComposeRule = Rule<ComposeModel>;

export function defineDockerfileRule(
  meta: Omit<RuleMeta, 'kind'>,
  check: (ctx: RuleContext<DockerfileModel>) => void,
): DockerfileRule {
  return { meta: { ...meta, kind: 'dockerfile' as FileKind }, check };
}

export function defineComposeRule(
  meta: Omit<RuleMeta, 'kind'>,
  check: (ctx: RuleContext<ComposeModel>) => void,
): ComposeRule {
  return { meta: { ...meta, kind: 'compose' as FileKind }, check };
}
