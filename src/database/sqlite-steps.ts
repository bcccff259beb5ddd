import { SqliteDatabase } from './driver';
import { Step, Work } from './steps';

/** better-sqlite3 binds numbers, not booleans or undefined. */
export const sqliteValue = (value: unknown) => (typeof value === 'boolean' ? Number(value) : (value ?? null));

/** Runs a work to completion on SQLite without giving up the thread. */
export class SqliteSteps {
  private readonly statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();

  constructor(readonly db: SqliteDatabase) {}

  run<T>(work: Work<T>): T {
    let next = work.next();
    while (!next.done) next = work.next(this.execute(next.value));
    return next.value;
  }

  private execute({ sql, params, wants }: Step): unknown {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    const bound = params.map(sqliteValue);
    return wants === 'rows' ? statement.all(...bound) : statement.run(...bound).changes;
  }
}
