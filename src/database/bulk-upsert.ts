import { EntityManager } from 'typeorm';

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
 * `INSERT … ON CONFLICT DO UPDATE` of many rows in few statements, written by hand because
 * TypeORM's query builder spends most of a 100,000-row import juggling parameters. The SQL is
 * the same on SQLite (3.24+) and PostgreSQL; only placeholders and booleans differ.
 */
export async function bulkUpsert(manager: EntityManager, upsert: BulkUpsert, afterEach?: () => Promise<void>): Promise<void> {
  const postgres = manager.connection.options.type === 'postgres';
  const quote = (name: string) => `"${name}"`;
  const set = upsert.update.map((column) => `${quote(column)} = excluded.${quote(column)}`).join(', ');
  for (let start = 0; start < upsert.rows.length; start += ROWS_PER_STATEMENT) {
    const rows = upsert.rows.slice(start, start + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const marks = row.map((value) => {
        // better-sqlite3 binds numbers, not booleans.
        params.push(!postgres && typeof value === 'boolean' ? Number(value) : value);
        return postgres ? `$${params.length}` : '?';
      });
      return `(${marks.join(', ')})`;
    });
    const sql =
      `INSERT INTO ${quote(upsert.table)} (${upsert.columns.map(quote).join(', ')}) VALUES ${tuples.join(', ')} ` +
      `ON CONFLICT (${quote(upsert.conflictColumn)}) DO ${set ? `UPDATE SET ${set}` : 'NOTHING'}`;
    await manager.query(sql, params);
    await afterEach?.();
  }
}
