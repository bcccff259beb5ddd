/**
 * A unit of work written once for both databases: a generator that yields SQL steps and gets
 * their results back. On SQLite the steps run synchronously on better-sqlite3's prepared
 * statements, so a whole batch of answers commits without yielding the event loop (nothing else
 * can slip a statement into the transaction); on PostgreSQL they run on a pooled connection.
 * SQL is written with `?` placeholders and portable syntax (ON CONFLICT, RETURNING).
 * Works run through Transactions: steps() (writes), read() (reads), stepsIn() (inside run()).
 */
export interface Step {
  sql: string;
  params: unknown[];
  wants: 'rows' | 'changes';
}

export type Work<T> = Generator<Step, T, unknown>;

/** The rows a query returns. PostgreSQL returns bigint columns as strings: convert with Number(). */
export function* rows<R>(sql: string, ...params: unknown[]): Generator<Step, R[], unknown> {
  return (yield { sql, params, wants: 'rows' }) as R[];
}

/** The number of rows a statement changed. */
export function* changes(sql: string, ...params: unknown[]): Generator<Step, number, unknown> {
  return (yield { sql, params, wants: 'changes' }) as number;
}

export function* firstRow<R>(sql: string, ...params: unknown[]): Generator<Step, R | undefined, unknown> {
  return (yield* rows<R>(sql, ...params))[0];
}

/** `?, ?, ?` for an IN list or a VALUES tuple. */
export const marks = (count: number) => Array.from({ length: count }, () => '?').join(', ');
