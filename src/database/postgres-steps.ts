import { QueryFailedError } from 'typeorm';
import { PostgresClient } from './driver';
import { Work } from './steps';

/** PostgreSQL's `$1, $2, …` for the `?` placeholders works are written with. */
export function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
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
    found = { name: statementNames.size < MAX_NAMED ? `s${statementNames.size}` : undefined, text: numbered(sql) };
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

/** Runs a work on a PostgreSQL connection inside the caller's transaction (or none, for reads). */
export async function runOnPostgres<T>(client: PostgresClient, work: Work<T>): Promise<T> {
  let next = work.next();
  while (!next.done) {
    const { sql, params, wants } = next.value;
    const result = await queryPostgres(client, sql, params);
    next = work.next(wants === 'rows' ? result.rows : (result.rowCount ?? 0));
  }
  return next.value;
}
