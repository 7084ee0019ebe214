/**
 * Coverage of the peers' catalogues: every hadolint DL code, every BuildKit check and every dclint
 * rule is an alias of exactly one Berth rule (so users' suppressions and configs keep working).
 */
import assert from 'node:assert/strict';
import { allRules } from '../../server/src/core/rules/index';

const HADOLINT = [
  'DL1001',
  'DL3000',
  'DL3001',
  'DL3002',
  'DL3003',
  'DL3004',
  'DL3006',
  'DL3007',
  'DL3008',
  'DL3009',
  'DL3010',
  'DL3011',
  'DL3012',
  'DL3013',
  'DL3014',
  'DL3015',
  'DL3016',
  'DL3018',
  'DL3019',
  'DL3020',
  'DL3021',
  'DL3022',
  'DL3023',
  'DL3024',
  'DL3025',
  'DL3026',
  'DL3027',
  'DL3028',
  'DL3029',
  'DL3030',
  'DL3032',
  'DL3033',
  'DL3034',
  'DL3035',
  'DL3036',
  'DL3037',
  'DL3038',
  'DL3040',
  'DL3041',
  'DL3042',
  'DL3043',
  'DL3044',
  'DL3045',
  'DL3046',
  'DL3047',
  'DL3048',
  'DL3049',
  'DL3050',
  'DL3051',
  'DL3052',
  'DL3053',
  'DL3054',
  'DL3055',
  'DL3056',
  'DL3057',
  'DL3058',
  'DL3059',
  'DL3060',
  'DL3061',
  'DL3062',
  'DL3063',
  'DL3064',
  'DL3065',
  'DL3066',
  'DL3067',
  'DL4000',
  'DL4001',
  'DL4003',
  'DL4004',
  'DL4005',
  'DL4006',
];

/** BuildKit's checks; InvalidBaseImagePlatform needs the pulled image and cannot be checked offline. */
const BUILDKIT = [
  'StageNameCasing',
  'FromAsCasing',
  'NoEmptyContinuation',
  'ConsistentInstructionCasing',
  'DuplicateStageName',
  'ReservedStageName',
  'JSONArgsRecommended',
  'MaintainerDeprecated',
  'UndefinedArgInFrom',
  'WorkdirRelativePath',
  'UndefinedVar',
  'MultipleInstructionsDisallowed',
  'LegacyKeyValueFormat',
  'RedundantTargetPlatform',
  'SecretsUsedInArgOrEnv',
  'InvalidDefaultArgInFrom',
  'FromPlatformFlagConstDisallowed',
  'CopyIgnoredFile',
  'InvalidDefinitionDescription',
  'ExposeProtoCasing',
  'ExposeInvalidFormat',
];
const BUILDKIT_NOT_POSSIBLE_OFFLINE = ['InvalidBaseImagePlatform'];

const DCLINT = [
  'no-build-and-image',
  'no-duplicate-container-names',
  'no-duplicate-exported-ports',
  'no-quotes-in-volumes',
  'no-unbound-port-interfaces',
  'no-version-field',
  'require-project-name-field',
  'require-quotes-in-ports',
  'service-container-name-regex',
  'service-dependencies-alphabetical-order',
  'service-image-require-explicit-tag',
  'service-keys-order',
  'service-ports-alphabetical-order',
  'services-alphabetical-order',
  'top-level-properties-order',
];

function owners(code: string): string[] {
  return allRules.filter((r) => r.meta.aliases.includes(code)).map((r) => r.meta.id);
}

describe("coverage of the peers' catalogues", () => {
  it('hadolint has 71 DL rules listed here', () => assert.equal(HADOLINT.length, 71));
  it('BuildKit has 22 checks listed here', () =>
    assert.equal(BUILDKIT.length + BUILDKIT_NOT_POSSIBLE_OFFLINE.length, 22));

  for (const [tool, codes] of [
    ['hadolint', HADOLINT],
    ['BuildKit', BUILDKIT],
    ['dclint', DCLINT],
  ] as const) {
    it(`every ${tool} code is an alias of exactly one rule`, () => {
      const missing = codes.filter((c) => owners(c).length === 0);
      const doubled = codes.filter((c) => owners(c).length > 1).map((c) => `${c}: ${owners(c).join(', ')}`);
      assert.deepEqual({ missing, doubled }, { missing: [], doubled: [] });
    });
  }

  it('hadolint rules off by default stay off (DL1001, DL3057, label-schema family)', () => {
    for (const code of [
      'DL1001',
      'DL3057',
      'DL3049',
      'DL3050',
      'DL3051',
      'DL3052',
      'DL3053',
      'DL3054',
      'DL3055',
      'DL3056',
      'DL3058',
    ]) {
      const rule = allRules.find((r) => r.meta.aliases.includes(code));
      assert.ok(rule?.meta.defaultOff, `${code} (${rule?.meta.id}) should be off by default`);
    }
  });
});
