import { EntityManager } from 'typeorm';
import { changes, marks } from './steps';
import { stepsIn } from './steps-in';

export interface BulkUpsert {
  table: string;
  columns: string[];
  rows: unknown[][];
  conflictColumn: string;
  /** Columns an existing row takes from the new one; the others keep their values. */
  update: string[];
}

const ROWS_PER_STATEMENT = 1000;

/**
 * `INSERT … ON CONFLICT DO UPDATE` of many rows in few statements, inside a Transactions.run(),
 * written by hand because TypeORM's query builder spends most of a 100,000-row import juggling
 * parameters. The SQL is the same on SQLite (3.24+) and PostgreSQL.
 */
export async function bulkUpsert(manager: EntityManager, upsert: BulkUpsert, afterEach?: () => Promise<void>): Promise<void> {
  const quote = (name: string) => `"${name}"`;
  const set = upsert.update.map((column) => `${quote(column)} = excluded.${quote(column)}`).join(', ');
  for (let start = 0; start < upsert.rows.length; start += ROWS_PER_STATEMENT) {
    const rows = upsert.rows.slice(start, start + ROWS_PER_STATEMENT);
    const sql =
      `INSERT INTO ${quote(upsert.table)} (${upsert.columns.map(quote).join(', ')}) VALUES ${rows.map((row) => `(${marks(row.length)})`).join(', ')} ` +
      `ON CONFLICT (${quote(upsert.conflictColumn)}) DO ${set ? `UPDATE SET ${set}` : 'NOTHING'}`;
    await stepsIn(manager, changes(sql, ...rows.flat()));
    await afterEach?.();
  }
}
