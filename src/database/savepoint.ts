import { SqliteDatabase } from './driver';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * One work among others in a shared SQLite transaction. A throw rolls back this work's writes
 * alone; a returned value keeps them, a returned refusal too (a missed question moves the attempt
 * on even when the answer is refused as late). PostgreSQL gives each work its own transaction,
 * with the same rule.
 */
export function inSavepoint<T>(db: SqliteDatabase, run: () => T): Outcome<T> {
  db.exec('SAVEPOINT work');
  try {
    const value = run();
    db.exec('RELEASE work');
    return { ok: true, value };
  } catch (error) {
    db.exec('ROLLBACK TO work');
    db.exec('RELEASE work');
    return { ok: false, error };
  }
}
