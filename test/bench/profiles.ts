import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryDatabase } from '../support/api-client';
import { createPostgresDatabase } from '../support/test-database';
import { benchEnv } from './play-arena';

// Where the PostgreSQL + Redis figures are measured; both run on our machines and in CI.
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One app's storage for a benchmark: its environment, a way to count rows, and clean-up. */
export interface BenchStorage {
  env: Record<string, string>;
  count(sql: string, params?: unknown[]): Promise<number>;
  drop(): Promise<void>;
}

export interface BenchProfile {
  name: 'SQLite' | 'PostgreSQL + Redis';
  storage(): Promise<BenchStorage>;
}

const count =
  (url: string) =>
  async (sql: string, params: unknown[] = []) =>
    Number((await queryDatabase<{ n: number }>(url, sql, params))[0].n);

export const SQLITE: BenchProfile = {
  name: 'SQLite',
  async storage() {
    const dataDir = mkdtempSync(join(tmpdir(), 'ai-race-bench-'));
    const url = `sqlite:${join(dataDir, 'ai-race.sqlite')}`;
    return { env: { ...benchEnv(dataDir), DATABASE_URL: url }, count: count(url), drop: async () => undefined };
  },
};

export const POSTGRES: BenchProfile = {
  name: 'PostgreSQL + Redis',
  async storage() {
    const database = await createPostgresDatabase(POSTGRES_URL);
    const dataDir = mkdtempSync(join(tmpdir(), 'ai-race-bench-'));
    return {
      env: { ...benchEnv(dataDir), DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: `bench-${randomBytes(3).toString('hex')}` },
      count: count(database.url),
      drop: () => database.drop(),
    };
  },
};

/** SQLite always; PostgreSQL + Redis when both answer (the figures are then side by side). */
export async function benchProfiles(): Promise<BenchProfile[]> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  const redisUp = await redis
    .connect()
    .then(() => redis.ping())
    .then(
      () => true,
      () => false,
    );
  redis.disconnect();
  const postgresUp = await queryDatabase(POSTGRES_URL, 'SELECT 1').then(
    () => true,
    () => false,
  );
  if (redisUp && postgresUp) return [SQLITE, POSTGRES];
  console.warn(`!!! PostgreSQL (${POSTGRES_URL}) or Redis (${REDIS_URL}) does not answer: SQLite figures only !!!`);
  return [SQLITE];
}
