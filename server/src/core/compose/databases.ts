/**
 * Well-known database and cache images: their default ports and a healthcheck that works with the
 * official image (used by the fixes of `compose-depends-on-healthy`).
 */

export interface DatabaseInfo {
  /** Short name for messages: `PostgreSQL`, `Redis`... */
  label: string;
  ports: number[];
  /** `healthcheck.test` as a YAML flow sequence, when we know one that works with the official image. */
  healthTest?: string;
}

const POSTGRES: DatabaseInfo = {
  label: 'PostgreSQL',
  ports: [5432],
  healthTest: '["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]',
};
const MYSQL: DatabaseInfo = {
  label: 'MySQL',
  ports: [3306],
  healthTest: '["CMD", "mysqladmin", "ping", "-h", "localhost"]',
};
// mariadb 11 images have no `mysqladmin`; they ship `healthcheck.sh` for this purpose.
const MARIADB: DatabaseInfo = {
  label: 'MariaDB',
  ports: [3306],
  healthTest: '["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]',
};
const MONGO: DatabaseInfo = {
  label: 'MongoDB',
  ports: [27017],
  healthTest: `["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"]`,
};
const REDIS: DatabaseInfo = { label: 'Redis', ports: [6379], healthTest: '["CMD", "redis-cli", "ping"]' };
const VALKEY: DatabaseInfo = { label: 'Valkey', ports: [6379], healthTest: '["CMD", "valkey-cli", "ping"]' };

/** Repository (without registry/tag) -> info. */
const BY_REPO: Record<string, DatabaseInfo> = {
  postgres: POSTGRES,
  'postgis/postgis': POSTGRES,
  'timescale/timescaledb': POSTGRES,
  'timescale/timescaledb-ha': POSTGRES,
  'pgvector/pgvector': POSTGRES,
  'bitnami/postgresql': { label: 'PostgreSQL', ports: [5432] },
  mysql: MYSQL,
  'mysql/mysql-server': MYSQL,
  'bitnami/mysql': { label: 'MySQL', ports: [3306] },
  mariadb: MARIADB,
  'bitnami/mariadb': { label: 'MariaDB', ports: [3306] },
  mongo: MONGO,
  'bitnami/mongodb': { label: 'MongoDB', ports: [27017] },
  redis: REDIS,
  'redis/redis-stack': REDIS,
  'redis/redis-stack-server': REDIS,
  'bitnami/redis': { label: 'Redis', ports: [6379] },
  'valkey/valkey': VALKEY,
  memcached: { label: 'Memcached', ports: [11211] },
  'elasticsearch/elasticsearch': { label: 'Elasticsearch', ports: [9200, 9300] },
  elasticsearch: { label: 'Elasticsearch', ports: [9200, 9300] },
  'opensearchproject/opensearch': { label: 'OpenSearch', ports: [9200, 9600] },
  cassandra: { label: 'Cassandra', ports: [9042] },
  couchdb: { label: 'CouchDB', ports: [5984] },
  influxdb: { label: 'InfluxDB', ports: [8086] },
  'clickhouse/clickhouse-server': { label: 'ClickHouse', ports: [8123, 9000] },
  neo4j: { label: 'Neo4j', ports: [7474, 7687] },
  'mssql/server': { label: 'SQL Server', ports: [1433] },
  'cockroachdb/cockroach': { label: 'CockroachDB', ports: [26257] },
};

/** The last path segment of every repository above (`postgis/postgis` -> `postgis`). */
const LAST_SEGMENTS: Record<string, true> = {};
for (const repo of Object.keys(BY_REPO)) LAST_SEGMENTS[repo.slice(repo.lastIndexOf('/') + 1)] = true;

/** Answers of `databaseOf` by image reference (a large file names the same few images again and again). */
const byImage = new Map<string, DatabaseInfo | null>();
const MAX_CACHED_IMAGES = 4096;

/** The database an image reference runs, if it is a well-known one (`docker.io/library/postgres:16` -> PostgreSQL). */
export function databaseOf(image: string | undefined): DatabaseInfo | undefined {
  if (!image || image.includes('${')) return undefined;
  const cached = byImage.get(image);
  if (cached !== undefined) return cached ?? undefined;
  const info = lookUp(image);
  if (byImage.size >= MAX_CACHED_IMAGES) byImage.clear();
  byImage.set(image, info ?? null);
  return info;
}

function lookUp(image: string): DatabaseInfo | undefined {
  let ref = image.split('@')[0];
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  ref = ref.toLowerCase();
  // Most images are not databases: their last path segment names none (checked with `in`, as the lookups
  // below are, so that the answer is the same for every name).
  if (!(ref.slice(ref.lastIndexOf('/') + 1) in LAST_SEGMENTS)) return undefined;
  const parts = ref.split('/');
  // Drop a registry host (has a dot or a port, or is localhost) and `library/`.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  if (parts[0] === 'library') parts.shift();
  const repo = parts.join('/');
  return BY_REPO[repo] ?? BY_REPO[parts.slice(-2).join('/')];
}
