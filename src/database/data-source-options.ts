import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/config';
import { MIGRATIONS } from '../../migrations/migrations';

export type EntityList = NonNullable<DataSourceOptions['entities']>;

/**
 * The same entities and migrations on both databases; only the connection differs. The entities come
 * from the composition root (src/entities.ts): the database knows no feature.
 */
export function dataSourceOptions(database: DatabaseConfig, entities: EntityList): DataSourceOptions {
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // Never: every schema change is a migration (see migrations/).
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (database.type === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, extra: { max: 20 } };
  }
  mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      // WAL lets readers (boards, reports) run while an answer commits; the busy timeout
      // covers a second process (migration CLI, seed) holding the write lock for a moment.
      db.pragma('journal_mode = WAL');
      // FULL: each commit is synced to disk before it returns, so an acknowledged answer survives
      // a power cut or an OS crash (NORMAL could lose the last ones). The group commit shares one
      // sync among the answers committed together.
      db.pragma(`synchronous = ${database.synchronous}`);
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    },
  };
}
