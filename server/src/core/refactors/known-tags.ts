/**
 * Tags Berth suggests when pinning an official image that uses `latest` or no tag: in a Dockerfile FROM
 * ("Pin the base image tag") and in a compose `image:` (the compose-image-tag rule's suggestion and the
 * "Pick a tag" quick pick of image-tag-pick.ts).
 *
 * This table is a SNAPSHOT (late 2026: Python 3.14, Node 26 / 24 / 22 LTS lines, Go 1.27, Debian 13,
 * Alpine 3.24, PostgreSQL 18, Java 25 LTS...), shipped offline on purpose: Berth makes no network
 * calls. Keep it short (the first entry is the one we recommend) and refresh it with each release. Only
 * tags that name a release: no floating tag (`stable`, `lts`, `edge`...), which would move like `latest`.
 */
export const KNOWN_TAGS: Record<string, string[]> = {
  python: ['3.14-slim', '3.13-slim', '3.12-slim', '3.14-alpine', '3.14'],
  node: ['24-slim', '22-slim', '26-slim', '24-alpine', '24'],
  golang: ['1.27', '1.26', '1.27-alpine', '1.27-bookworm'],
  debian: ['trixie-slim', 'bookworm-slim', 'trixie', '13-slim', '12-slim'],
  ubuntu: ['24.04', '26.04', '22.04'],
  alpine: ['3.24', '3.23', '3.22'],
  postgres: ['18', '17', '18-alpine', '16'],
  redis: ['8.2', '8.2-alpine', '7.4', '7.2'],
  nginx: ['1.30', '1.30-alpine', '1.28', '1.28-alpine'],
  mysql: ['8.4', '9.6'],
  mariadb: ['11.8', '11.4'],
  mongo: ['8.2', '8.0', '7.0'],
  rust: ['1.92-slim', '1.92', '1.92-alpine'],
  openjdk: ['26-jdk-slim', '25-jdk-slim'],
  'eclipse-temurin': ['25-jre', '25-jdk', '21-jre', '21-jdk', '25-jre-alpine'],
  ruby: ['4.0-slim', '3.4-slim', '4.0-alpine', '3.4'],
  php: ['8.5-fpm', '8.5-apache', '8.4-fpm', '8.5-cli', '8.5-fpm-alpine'],
  // Services more often found in compose files (they were compose-image-tag's own table). These rows
  // name tags known to exist, not necessarily the newest of late 2026: refresh them with the rest.
  valkey: ['8.1', '8.1-alpine', '8.0'],
  httpd: ['2.4', '2.4-alpine'],
  rabbitmq: ['4.1-management', '4.1', '4.0-management'],
  memcached: ['1.6', '1.6-alpine'],
  traefik: ['v3.4', 'v3.3'],
  caddy: ['2.10', '2.10-alpine', '2.9'],
  adminer: ['5', '4'],
  elasticsearch: ['9.0.0', '8.18.0'],
  busybox: ['1.37', '1.36'],
};

/** Official images are `docker.io/library/<name>`: written `name`, `library/name` or `docker.io/library/name`. */
export function knownTagsFor(registry: string, path: string): string[] | undefined {
  if (registry !== 'docker.io' && registry !== 'index.docker.io') return undefined;
  const name = path.replace(/^library\//, '');
  if (name.includes('/')) return undefined;
  return KNOWN_TAGS[name];
}
