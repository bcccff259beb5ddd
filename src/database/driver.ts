import { DataSource } from 'typeorm';

/**
 * The one place that reaches under TypeORM to the drivers themselves. The answer path skips
 * TypeORM's query runner: on SQLite so that a whole group commit runs synchronously on
 * better-sqlite3 (nothing can slip a statement in between), on PostgreSQL so that its statements
 * run as named prepared statements on node-postgres's pool. TypeORM does not expose either, so
 * they are read from its driver here (TypeORM 1.x: `databaseConnection` and `master`); an upgrade
 * that renames them fails here, on first use, with a message saying so.
 *
 * The driver types are declared locally, with only the parts used, to keep them out of the app.
 */
export interface SqliteDatabase {
  prepare(sql: string): { all(...params: unknown[]): unknown[]; run(...params: unknown[]): { changes: number }; reader: boolean };
  exec(sql: string): unknown;
  inTransaction: boolean;
}

/** A node-postgres client taken from the pool. */
export interface PostgresClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
  /** Back to the pool; with an error, the connection is closed instead (it may be mid-transaction). */
  release(error?: Error): void;
}

export interface PostgresPool {
  connect(): Promise<PostgresClient>;
}

/** better-sqlite3's connection, the same one TypeORM's repositories and run() use. */
export function sqliteConnection(dataSource: DataSource): SqliteDatabase {
  return underTypeorm(dataSource, 'databaseConnection') as SqliteDatabase;
}

/** node-postgres's pool, the same one TypeORM's repositories and run() take connections from. */
export function postgresPool(dataSource: DataSource): PostgresPool {
  return underTypeorm(dataSource, 'master') as PostgresPool;
}

function underTypeorm(dataSource: DataSource, field: 'databaseConnection' | 'master'): unknown {
  const found = (dataSource.driver as unknown as Record<string, unknown>)[field];
  if (!found) throw new Error(`TypeORM's ${dataSource.options.type} driver has no '${field}' (changed in a TypeORM upgrade?): see src/database/driver.ts`);
  return found;
}
