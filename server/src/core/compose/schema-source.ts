/**
 * The Compose Specification JSON schema, as copied at build time from the npm package that ships it
 * (`scripts/build.mjs`; origin and licence in THIRD_PARTY_NOTICES.md). esbuild inlines it into the bundles.
 */
import schema from './generated/compose-spec.schema.json';

export const composeSpecSchema: Record<string, unknown> = schema as Record<string, unknown>;
