import { sql } from '../../support/sql';
import { TestApp } from '../../support/test-app';
import { Reply, isOk, parsed } from './client';

// Database checks: "zero partial writes".

export async function count(t: TestApp, table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
  const [row] = await sql<{ n: number | string }>(t, `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(row.n);
}

async function total(t: TestApp, query: string): Promise<number> {
  const [row] = await sql<{ n: number | string | null }>(t, query);
  return Number(row.n ?? 0);
}

/** Reads a value before the run and checks it after, given the replies. */
export type Watch = (t: TestApp) => Promise<(replies: Reply[]) => Promise<void>>;

/** One row in `table` per success, none for a refusal. */
export const onePerSuccess =
  (table: string, success: (reply: Reply) => boolean = isOk): Watch =>
  async (t) => {
    const before = await count(t, table);
    return async (replies) => {
      const added = (await count(t, table)) - before;
      expect({ table, added }).toEqual({ table, added: replies.filter(success).length });
    };
  };

/** Rows of a table that a change must not add or remove. */
export const sameRows =
  (table: string): Watch =>
  async (t) => {
    const before = await count(t, table);
    return async () => expect({ table, rows: await count(t, table) }).toEqual({ table, rows: before });
  };

/** A value (a sum, say) that nothing in the run may change. */
export const sameValue =
  (label: string, query: string): Watch =>
  async (t) => {
    const before = await total(t, query);
    return async () => expect({ [label]: await total(t, query) }).toEqual({ [label]: before });
  };

/** Rows of a child table added with their parent: as many as the successful replies say. */
export const childRows =
  (table: string, perReply: (body: unknown) => number): Watch =>
  async (t) => {
    const before = await count(t, table);
    return async (replies) => {
      const expected = replies.filter(isOk).reduce((sum, reply) => sum + perReply(parsed(reply)), 0);
      expect({ table, added: (await count(t, table)) - before }).toEqual({ table, added: expected });
    };
  };

/** A query that must find nothing after the run (a broken invariant, listed). */
export const nothingFound =
  (label: string, query: string): Watch =>
  async (t) =>
  async () =>
    expect({ [label]: await sql(t, query) }).toEqual({ [label]: [] });

/** Every unit's materialised path is its parent's path and its own id: moves and merges rewrite whole subtrees. */
export const treeConsistent = nothingFound(
  'units whose path does not follow their parent',
  "SELECT u.id, u.path, p.path AS parent_path FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.path <> COALESCE(p.path, '/') || CAST(u.id AS VARCHAR(20)) || '/'",
);

/** At most one answer per attempt and question, and each attempt's counter agrees with its answers (they commit together). */
export async function answerInvariants(t: TestApp, attempts: string): Promise<{ duplicates: unknown[]; drifted: unknown[] }> {
  const [duplicates, drifted] = await Promise.all([
    sql(t, 'SELECT attempt_id, question_id, COUNT(*) AS n FROM answer GROUP BY attempt_id, question_id HAVING COUNT(*) > 1'),
    sql(
      t,
      `SELECT a.id, a.answered FROM attempt a WHERE ${attempts} AND a.answered <> (SELECT COUNT(*) FROM answer x WHERE x.attempt_id = a.id AND x.choice_ids IS NOT NULL)`,
    ),
  ]);
  return { duplicates, drifted };
}
