import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ENTITIES } from '../src/entities';
import { TestApp, startTestApp } from './support/test-app';
import { scaledProfile } from './support/test-database';

/**
 * An answer is acknowledged after its commit; for that to mean "kept", the commit must be on
 * disk when it returns. SQLite does that with synchronous=FULL (NORMAL may lose the last commits
 * to a power cut); PostgreSQL with synchronous_commit and fsync on.
 */
describe('durable commits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs the app’s own database with commits synced to disk before they return', async () => {
    const dataSource = t.app.get(DataSource);
    // The profile the environment chose, not the one the app happened to open.
    const postgres = scaledProfile().databaseUrl !== null;
    expect(dataSource.options.type).toBe(postgres ? 'postgres' : 'better-sqlite3');
    if (!postgres) {
      expect(await dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
      expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    } else {
      expect(await dataSource.query('SHOW synchronous_commit')).toEqual([{ synchronous_commit: 'on' }]);
      expect(await dataSource.query('SHOW fsync')).toEqual([{ fsync: 'on' }]);
    }
  });

  it('opens every SQLite file with synchronous=FULL, and NORMAL only when the durability bench asks', async () => {
    // A SQLite file whatever the profile: these are the options the embedded app opens its database with.
    const open = async (env: Record<string, string> = {}) => {
      const file = join(mkdtempSync(join(tmpdir(), 'ai-race-durable-')), 'ai-race.sqlite');
      const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, JWT_SECRET: 'x'.repeat(32), ...env });
      const dataSource = await new DataSource(dataSourceOptions(config.database, ENTITIES)).initialize();
      try {
        return await dataSource.query('PRAGMA synchronous');
      } finally {
        await dataSource.destroy();
      }
    };
    expect(await open()).toEqual([{ synchronous: 2 }]);
    expect(await open({ BENCH_SQLITE_SYNCHRONOUS: 'FULL' })).toEqual([{ synchronous: 2 }]);
    expect(await open({ BENCH_SQLITE_SYNCHRONOUS: 'NORMAL' })).toEqual([{ synchronous: 1 }]);
  });
});
