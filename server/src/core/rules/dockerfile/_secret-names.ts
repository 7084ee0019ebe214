/**
 * Does an ARG / ENV name look like it holds a secret? Shared by `secrets-used-in-arg-or-env`
 * (hadolint DL3064 + BuildKit SecretsUsedInArgOrEnv) and `hardcoded-secret`.
 *
 * Not a rule (the file name starts with `_`).
 */

/** BuildKit's tokens: a whole `_`-separated part of the name (case-insensitive). */
// prettier-ignore
const BUILDKIT_TOKENS = ['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token'];
/** Parts that make a name harmless (BuildKit: public, file; Berth adds the others, see the rule page). */
const ALLOW_TOKENS = ['public', 'file', 'version', 'gpg', 'pgp', 'path', 'dir', 'url', 'uri', 'endpoint'];

/** hadolint DL3064's list of well-known secret variable names. */
// prettier-ignore
const HADOLINT_NAMES = new Set([
  'ACCESS_TOKEN', 'APPLICATION_KEY', 'APP_SECRET', 'AUTH_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'BITTREX_API_KEY', 'BITTREX_API_SECRET', 'CF_PASSWORD', 'CF_USERNAME', 'CIRCLE_TOKEN', 'CI_DEPLOY_PASSWORD',
  'CI_DEPLOY_USER', 'DOCKERHUB_PASSWORD', 'DOCKER_EMAIL', 'DOCKER_PASSWORD', 'DOCKER_USERNAME',
  'FACEBOOK_ACCESS_TOKEN', 'FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET', 'FIREBASE_API_TOKEN', 'FIREBASE_TOKEN',
  'FOSSA_API_KEY', 'GH_ENTERPRISE_TOKEN', 'GH_TOKEN', 'GITHUB_ENTERPRISE_TOKEN', 'GITHUB_TOKEN', 'HEROKU_API_KEY',
  'HEROKU_API_USER', 'NPM_AUTH_TOKEN', 'NPM_TOKEN', 'OKTA_AUTHN_GROUPID', 'OKTA_CLIENT_ORGURL', 'OKTA_CLIENT_TOKEN',
  'OKTA_OAUTH2_CLIENTID', 'OKTA_OAUTH2_CLIENTSECRET', 'OPENAI_API_KEY', 'OS_PASSWORD', 'OS_USERNAME',
  'POSTGRES_PASSWORD', 'SLACK_TOKEN', 'STRIPE_API_KEY', 'STRIPE_DEVICE_NAME', 'TRAVIS_OS_NAME',
  'TRAVIS_SECURE_ENV_VARS', 'TRAVIS_SUDO', 'VAULT_CLIENT_KEY', 'VAULT_TOKEN',
]);
/** hadolint DL3064's substrings, minus `username` and `private` (see the rule page). */
const HADOLINT_SUBSTRINGS = ['api_key', 'client_key', 'password', 'secret', 'token'];

function parts(name: string): string[] {
  return name.toLowerCase().split('_');
}

export function hasAllowedPart(name: string): boolean {
  return parts(name).some((p) => ALLOW_TOKENS.includes(p));
}

/** BuildKit's SecretsUsedInArgOrEnv test, with Berth's allow list. */
export function buildkitSecretName(name: string): boolean {
  if (hasAllowedPart(name)) return false;
  return parts(name).some((p) => BUILDKIT_TOKENS.includes(p));
}

/** hadolint DL3064's test (known names, or a suspicious substring), with Berth's allow list. */
export function hadolintSecretName(name: string): boolean {
  if (hasAllowedPart(name)) return false;
  if (HADOLINT_NAMES.has(name.toUpperCase())) return true;
  const lower = name.toLowerCase();
  return HADOLINT_SUBSTRINGS.some((s) => lower.includes(s));
}

/** The name looks like it holds a secret, by either tool's test. */
export function secretLikeName(name: string): boolean {
  return buildkitSecretName(name) || hadolintSecretName(name);
}
