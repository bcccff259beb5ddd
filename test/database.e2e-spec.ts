import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { DatabaseConfig, loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ENTITIES } from '../src/entities';
import { pendingSchemaChanges, revertLastMigration, runMigrations } from '../src/database/migrate';
import { Transactions } from '../src/database/transactions';
import { AppState } from '../src/housekeeping/app-state.entity';
import { MIGRATIONS } from '../migrations/migrations';
import { TestDatabase, createTestDatabase, scaledProfile } from './support/test-database';

// Decided by the environment alone, so that a test can catch the app connecting to the other database.
const PROFILE = scaledProfile().databaseUrl ? 'postgres' : 'sqlite';

describe(`database (${PROFILE})`, () => {
  let database: TestDatabase;
  let configured: DatabaseConfig;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    configured = loadConfig({ DATABASE_URL: database.url, JWT_SECRET: 'x'.repeat(32) }).database;
    dataSource = await new DataSource(dataSourceOptions(configured, ENTITIES)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('finds the schema out of line with the entities before migrating', async () => {
    expect((await pendingSchemaChanges(dataSource)).length).toBeGreaterThan(0);
  });

  it('runs every migration on a fresh database and then matches the entities exactly', async () => {
    const applied = await runMigrations(dataSource);
    expect(applied).toEqual(MIGRATIONS.map((migration) => new migration().name));
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    expect(await runMigrations(dataSource)).toEqual([]);
  });

  it('reverts every migration and applies them again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await revertLastMigration(dataSource);
    expect(await dataSource.query('SELECT * FROM migrations')).toEqual([]);
    await runMigrations(dataSource);
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  // Instances of the scaled profile start together; SQLite serves one instance, whose
  // connections share one thread, so there the migrators take turns.
  it('lets several migrators apply each migration once (at the same time on PostgreSQL)', async () => {
    const others = await Promise.all([1, 2].map(() => new DataSource(dataSource.options).initialize()));
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await revertLastMigration(dataSource);
      const sources = [dataSource, ...others];
      const applied =
        dataSource.options.type === 'postgres'
          ? await Promise.all(sources.map((source) => runMigrations(source)))
          : [await runMigrations(sources[0]), await runMigrations(sources[1]), await runMigrations(sources[2])];
      expect(applied.flat().sort()).toEqual(MIGRATIONS.map((migration) => new migration().name).sort());
    } finally {
      await Promise.all(others.map((source) => source.destroy()));
    }
  });

  it('is connected to the database the profile names, as the server itself reports', async () => {
    expect(configured.type).toBe(PROFILE);
    expect(dataSource.options.type).toBe(PROFILE === 'postgres' ? 'postgres' : 'better-sqlite3');
    if (PROFILE === 'postgres') {
      // The database made for this test, on a PostgreSQL server: SQLite has neither function.
      const [server] = await dataSource.query('SELECT version() AS version, current_database() AS name');
      expect(server.version).toMatch(/^PostgreSQL \d+/);
      expect(server.name).toBe(new URL(database.url).pathname.slice(1));
    } else {
      // The file made for this test, by the SQLite library: PostgreSQL has neither function.
      const path = database.url.slice('sqlite:'.length);
      const [library] = await dataSource.query('SELECT sqlite_version() AS version');
      expect(library.version).toMatch(/^3\.\d+\.\d+$/);
      expect(await dataSource.query("SELECT file FROM pragma_database_list WHERE name = 'main'")).toEqual([{ file: path }]);
      expect(existsSync(path)).toBe(true);
    }
  });

  // The pragmas are SQLite's own; PostgreSQL has nothing of the kind to check.
  if (PROFILE === 'sqlite') {
    it('opens SQLite in WAL mode, synced in full, with foreign keys on and a busy timeout', async () => {
      expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      // 2 is FULL: an acknowledged answer survives a power cut.
      expect(await dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
      expect(await dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      expect(await dataSource.query('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
    });
  }

  it('runs concurrent transactions without interference and rolls a failed one back whole', async () => {
    const transactions = new Transactions(dataSource);
    const repo = dataSource.getRepository(AppState);
    const writes = Array.from({ length: 20 }, (_, i) =>
      transactions.run(async (manager) => {
        await manager.insert(AppState, { key: `tx.${i}`, value: 'a', updatedAt: i });
        await new Promise((resolve) => setTimeout(resolve, 1));
        await manager.update(AppState, { key: `tx.${i}` }, { value: 'b' });
      }),
    );
    const failing = transactions.run(async (manager) => {
      await manager.insert(AppState, { key: 'tx.failed', value: 'a', updatedAt: 0 });
      throw new Error('changed my mind');
    });
    await expect(failing).rejects.toThrow('changed my mind');
    await Promise.all(writes);
    const rows = await repo.find();
    expect(rows.filter((row) => row.key.startsWith('tx.')).map((row) => row.value)).toEqual(Array(20).fill('b'));
    expect(await repo.findOneBy({ key: 'tx.failed' })).toBeNull();
  });
});
