import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** A database of one's own: a new SQLite file, or a new PostgreSQL database when DATABASE_URL is one. */
export interface TestDatabase {
  url: string;
  kind: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

export function scaledProfile(): { databaseUrl: string | null; redisUrl: string | null } {
  const databaseUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : null;
  return { databaseUrl, redisUrl: process.env.REDIS_URL || null };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = scaledProfile().databaseUrl;
  if (!base) {
    const dir = mkdtempSync(join(tmpdir(), 'ai-race-db-'));
    return { url: `sqlite:${join(dir, 'test.sqlite')}`, kind: 'sqlite', drop: async () => undefined };
  }
  return createPostgresDatabase(base);
}

/** A new, empty PostgreSQL database beside `base` (any database on the server), dropped by drop(). */
export async function createPostgresDatabase(base: string): Promise<TestDatabase> {
  const name = `ai_race_t_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await adminQuery(base, `CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'postgres',
    drop: () => adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(base: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
