import { Client } from 'pg';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** The app's HTTP API as a script sees it: fetch with a timeout, JSON in and out. */
export class ApiClient {
  constructor(public base: string) {}

  async call(token: string | null, method: string, path: string, body?: unknown, timeoutMs = 5000): Promise<Reply> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  }

  /** A call that must succeed: its body, or an error saying what came back. */
  async ok<T = Record<string, unknown>>(token: string | null, method: string, path: string, body?: unknown): Promise<T> {
    const reply = await this.call(token, method, path, body, 30_000);
    if (reply.status >= 300) throw new Error(`${method} ${path} → ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body as T;
  }
}

// better-sqlite3 ships no types; this is the little the tests use to read rows back.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sqlite = require('better-sqlite3') as new (
  path: string,
  options: { readonly: boolean },
) => { prepare(sql: string): { all(...params: unknown[]): unknown[] }; close(): void };

/** Rows straight from a child app's database (a `sqlite:` or `postgres://` URL); `?` placeholders. */
export async function queryDatabase<R>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  if (url.startsWith('postgres')) {
    const client = new Client({ connectionString: url });
    await client.connect();
    let index = 0;
    try {
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++index}`),
          params,
        )
      ).rows as R[];
    } finally {
      await client.end();
    }
  }
  const db = new Sqlite(url.slice('sqlite:'.length), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as R[];
  } finally {
    db.close();
  }
}
