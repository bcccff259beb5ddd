import { QueryFailedError } from 'typeorm';

/**
 * A unit of work written once for both databases: a generator that yields SQL steps and gets
 * their results back. On SQLite the steps run synchronously on better-sqlite3's prepared
 * statements, so a whole batch of answers commits without yielding the event loop (nothing else
 * can slip a statement into the transaction); on PostgreSQL they run on a pooled connection.
 * SQL is written with `?` placeholders and portable syntax (ON CONFLICT, RETURNING).
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

/** The part of better-sqlite3 used here; typed locally to keep the driver's types out of the app. */
export interface SqliteDatabase {
  prepare(sql: string): { all(...params: unknown[]): unknown[]; run(...params: unknown[]): { changes: number }; reader: boolean };
  exec(sql: string): unknown;
  inTransaction: boolean;
}

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
    // better-sqlite3 binds numbers, not booleans or undefined.
    const bound = params.map((value) => (typeof value === 'boolean' ? Number(value) : value ?? null));
    return wants === 'rows' ? statement.all(...bound) : statement.run(...bound).changes;
  }
}

/** The part of node-postgres used here (a pooled client); typed locally like SqliteDatabase. */
export interface PostgresClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/**
 * Statement names by SQL. A named statement is parsed and planned once per connection and then
 * only bound and run: the answer path's ten statements run thousands of times a second. SQL built
 * with a varying number of placeholders (IN lists) would name without end, hence the cap.
 */
const statementNames = new Map<string, { name: string | undefined; text: string }>();
const MAX_NAMED = 500;

function prepared(sql: string): { name: string | undefined; text: string } {
  let found = statementNames.get(sql);
  if (!found) {
    let index = 0;
    const text = sql.replace(/\?/g, () => `$${++index}`);
    found = { name: statementNames.size < MAX_NAMED ? `s${statementNames.size}` : undefined, text };
    statementNames.set(sql, found);
  }
  return found;
}

/** Runs one step's SQL on PostgreSQL; a failure is a TypeORM QueryFailedError, as elsewhere in the app. */
export async function queryPostgres(client: PostgresClient, sql: string, params: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }> {
  const { name, text } = prepared(sql);
  try {
    return await client.query({ name, text, values: params });
  } catch (error) {
    throw new QueryFailedError(text, params, error as Error);
  }
}

/** Runs a work on a PostgreSQL connection inside the caller's transaction. */
export async function runOnPostgres<T>(client: PostgresClient, work: Work<T>): Promise<T> {
  let next = work.next();
  while (!next.done) {
    const { sql, params, wants } = next.value;
    const result = await queryPostgres(client, sql, params);
    next = work.next(wants === 'rows' ? result.rows : (result.rowCount ?? 0));
  }
  return next.value;
}
