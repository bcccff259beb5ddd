import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';

export type DatabaseConfig =
  | {
      type: 'sqlite';
      path: string;
      /** FULL always, so an acknowledged answer survives a power cut; NORMAL only for the durability bench's comparison. */
      synchronous: SqliteSynchronous;
    }
  | { type: 'postgres'; url: string };

export type SqliteSynchronous = 'FULL' | 'NORMAL';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Everything the app is told by its environment, validated once at boot. */
export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Unset: in-process jobs and boards. Set: Bull, socket.io Redis adapter, boards in Redis. */
  redisUrl: string | null;
  /** Namespaces every Redis key (Bull queues, boards) so deployments and test runs can share a server. */
  redisPrefix: string;
  /** Password of the `admin` organiser created on first start; null means generate and print one. */
  adminPassword: string | null;
  jwtSecret: string;
  answerGraceMs: number;
  /** Board reads and costly reads (subtree boards, reports) one token may make a minute; null: the defaults of access/read-limits.ts. */
  readLimits: { boardsPerMinute: number | null; costlyPerMinute: number | null };
  logLevel: LogLevel;
  /** Where the SQLite file and generated secrets live. */
  dataDir: string;
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
  housekeepingIntervalMs: number;
  /** Behind a proxy: the proxies (addresses, CIDRs) whose X-Forwarded-For to believe, so sign-in limits count real addresses. */
  trustProxy: string | false;
  /** `CLUSTER_STANDBY=1`, set by `npm run cluster` only: load, then wait for the port of an instance that died. */
  standby: boolean;
}

/** A bad environment variable, or the secret file standing in for one; main.ts prints the message as one line and exits. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function text(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

/**
 * BENCH_SQLITE_SYNCHRONOUS: for `npm run bench -- durability` alone, which measures FULL against
 * NORMAL in one run. With NORMAL, a commit acknowledged just before a power cut or an OS crash
 * can be lost; nothing else should set it.
 */
function sqliteSynchronous(env: Env): SqliteSynchronous {
  const raw = text(env, 'BENCH_SQLITE_SYNCHRONOUS');
  if (raw === null) return 'FULL';
  if (raw !== 'FULL' && raw !== 'NORMAL')
    throw new ConfigError('BENCH_SQLITE_SYNCHRONOUS', `must be FULL or NORMAL, and is for the durability bench only (got "${raw}")`);
  return raw;
}

function database(env: Env, dataDir: string): DatabaseConfig {
  const raw = text(env, 'DATABASE_URL');
  const synchronous = sqliteSynchronous(env);
  if (raw === null) return { type: 'sqlite', path: join(dataDir, 'ai-race.sqlite'), synchronous };
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length);
    if (!path) throw new ConfigError('DATABASE_URL', 'must name a file after "sqlite:" (e.g. sqlite:data/other.sqlite)');
    return { type: 'sqlite', path: resolve(path), synchronous };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { type: 'postgres', url: raw };
  }
  throw new ConfigError('DATABASE_URL', 'must start with postgres:// or sqlite: (or be unset for the default SQLite file)');
}

function redisUrl(env: Env): string | null {
  const raw = text(env, 'REDIS_URL');
  if (raw === null) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL', `is not a valid URL (got "${raw}")`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL', 'must start with redis:// or rediss://');
  }
  return raw;
}

/**
 * The proxies whose X-Forwarded-For is believed: addresses or CIDRs, never "everyone". With
 * `true`, any client could name its own address and step round the sign-in limits.
 */
function trustProxy(env: Env): string | false {
  const raw = text(env, 'TRUST_PROXY');
  if (raw === null || raw === 'false') return false;
  if (raw === 'true') {
    throw new ConfigError(
      'TRUST_PROXY',
      'cannot be "true" (every client could then choose its own address): list the proxies\' addresses or CIDRs, e.g. 127.0.0.1,10.0.0.0/8',
    );
  }
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.find((entry) => !isAddressOrCidr(entry));
  if (bad !== undefined || !entries.length) {
    throw new ConfigError('TRUST_PROXY', `must list the proxies' addresses or CIDRs, e.g. 127.0.0.1,10.0.0.0/8 (not "${bad ?? raw}")`);
  }
  return entries.join(',');
}

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

const JWT_SECRET_MIN = 32;

/** JWT_SECRET, or one generated on first start and kept in the data folder so tokens survive restarts. */
function jwtSecret(env: Env, dataDir: string): string {
  const raw = text(env, 'JWT_SECRET');
  if (raw !== null) {
    if (raw.length < JWT_SECRET_MIN) throw new ConfigError('JWT_SECRET', `must be at least ${JWT_SECRET_MIN} characters long`);
    return raw;
  }
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    // An emptied or cut-short file (a failed copy, a volume mounted wrong) would otherwise sign
    // tokens that anyone could forge.
    const secret = readFileSync(file, 'utf8').trim();
    const bytes = Buffer.byteLength(secret);
    if (bytes < JWT_SECRET_MIN) {
      throw new ConfigError(
        file,
        `holds ${bytes} bytes, and a JWT secret needs at least ${JWT_SECRET_MIN}: delete the file to have a new one generated (everyone signs in again), or set JWT_SECRET`,
      );
    }
    return secret;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** `defaults` fill in what the environment leaves unset (the demo uses its own database, say). */
export function loadConfig(environment: Env = process.env, defaults: Env = {}): AppConfig {
  const env: Env = { ...defaults };
  for (const [name, value] of Object.entries(environment)) if (value?.trim()) env[name] = value;
  const dataDir = resolve(text(env, 'DATA_DIR') ?? 'data');
  const logLevel = (text(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const adminPassword = text(env, 'ADMIN_PASSWORD');
  if (adminPassword !== null && adminPassword.length < 8) {
    throw new ConfigError('ADMIN_PASSWORD', 'must be at least 8 characters long');
  }
  const redisPrefix = text(env, 'REDIS_PREFIX') ?? 'ai-race';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(redisPrefix)) {
    throw new ConfigError('REDIS_PREFIX', 'may hold only letters, digits and _ . : - (at most 64)');
  }
  const config: AppConfig = {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: text(env, 'HOST') ?? '0.0.0.0',
    database: database(env, dataDir),
    redisUrl: redisUrl(env),
    redisPrefix,
    adminPassword,
    jwtSecret: '',
    answerGraceMs: integer(env, 'ANSWER_GRACE_MS', 2000, 0, 60000),
    readLimits: {
      boardsPerMinute: text(env, 'READ_LIMIT_BOARDS_PER_MINUTE') === null ? null : integer(env, 'READ_LIMIT_BOARDS_PER_MINUTE', 0, 10, 1_000_000),
      costlyPerMinute: text(env, 'READ_LIMIT_COSTLY_PER_MINUTE') === null ? null : integer(env, 'READ_LIMIT_COSTLY_PER_MINUTE', 0, 5, 1_000_000),
    },
    logLevel,
    dataDir,
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10000, 0, 600000),
    housekeepingIntervalMs: integer(env, 'HOUSEKEEPING_INTERVAL_MS', 3600000, 1000, 86400000),
    trustProxy: trustProxy(env),
    standby: text(env, 'CLUSTER_STANDBY') === '1',
  };
  // Last, so a bad variable elsewhere never leaves a secret file behind.
  config.jwtSecret = jwtSecret(env, dataDir);
  return config;
}

/** `npm run cluster`: instances of the app behind one balancer, sharing PostgreSQL and Redis. */
export interface ClusterConfig {
  instances: number;
  /** Where the balancer listens; instance i listens on port + i, on 127.0.0.1. */
  port: number;
  host: string;
  app: AppConfig;
}

export function loadClusterConfig(environment: Env = process.env): ClusterConfig {
  const app = loadConfig(environment);
  if (app.database.type !== 'postgres')
    throw new ConfigError('DATABASE_URL', 'must be a postgres:// address: the instances of a cluster share one PostgreSQL database');
  if (!app.redisUrl) throw new ConfigError('REDIS_URL', 'must be set: the instances of a cluster share jobs, boards and socket.io rooms through Redis');
  return { instances: integer(environment, 'CLUSTER_INSTANCES', 3, 1, 32), port: app.port, host: app.host, app };
}
