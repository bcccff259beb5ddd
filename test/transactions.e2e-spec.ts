import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MAX_TRIES } from '../src/database/postgres-retry';
import { Work, changes, firstRow, rows } from '../src/database/steps';
import { stepsIn } from '../src/database/steps-in';
import { Transactions } from '../src/database/transactions';
import { ENTITIES } from '../src/entities';
import { TestDatabase, createTestDatabase, scaledProfile } from './support/test-database';

const onPostgres = scaledProfile().databaseUrl !== null;
// A test of one database's own mechanics exists on that profile only: nothing here skips.
const notHere = (() => undefined) as unknown as typeof it;
const sqliteOnly = onPostgres ? notHere : it;
const postgresOnly = onPostgres ? describe : (notHere as unknown as typeof describe);

/**
 * Transactions on a real database of each profile, on tables of its own: the group commit and
 * its savepoints on SQLite, the retries on PostgreSQL, and what both promise a work: its result
 * reaches its own caller, a throw rolls back its writes alone, a returned refusal keeps them.
 */
describe('Transactions', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let transactions: Transactions;
  let nextId = 1;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(
      dataSourceOptions(loadConfig({ DATABASE_URL: database.url, JWT_SECRET: 'x'.repeat(32) }).database, ENTITIES),
    ).initialize();
    expect(dataSource.options.type).toBe(onPostgres ? 'postgres' : 'better-sqlite3');
    transactions = new Transactions(dataSource);
    await transactions.run(async (manager) => {
      await stepsIn(manager, changes('CREATE TABLE probe (id INTEGER PRIMARY KEY, label VARCHAR(40) NOT NULL UNIQUE)'));
      await stepsIn(manager, changes('CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)'));
    });
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  /** A counter of its own at 0, for one test. */
  const newCounter = async () => {
    const id = nextId++;
    await transactions.steps(() => changes('INSERT INTO counter (id, n) VALUES (?, 0)', id));
    return id;
  };
  const count = async (counter: number) => {
    const row = await transactions.read(() => firstRow<{ n: number }>('SELECT n FROM counter WHERE id = ?', counter));
    return Number(row?.n);
  };
  const labels = async (prefix: string) => {
    const found = await transactions.read(() => rows<{ label: string }>('SELECT label FROM probe WHERE label LIKE ? ORDER BY label', `${prefix}%`));
    return found.map((row) => row.label);
  };
  function* insertProbe(label: string): Work<number> {
    return yield* changes('INSERT INTO probe (id, label) VALUES (?, ?)', nextId++, label);
  }
  /** The works' steps as they ran and their callers as they heard back, in order. */
  const timeline = () => {
    const events: string[] = [];
    const ranAllBeforeAnyReply = () => {
      const firstReply = events.findIndex((event) => event.startsWith('reply'));
      return firstReply > 0 && events.slice(firstReply).every((event) => event.startsWith('reply'));
    };
    return { events, ranAllBeforeAnyReply };
  };

  it('hands each caller its own work’s result, each work seeing its own writes', async () => {
    const counter = await newCounter();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        transactions.steps(function* () {
          yield* changes('UPDATE counter SET n = n + 1 WHERE id = ?', counter);
          const seen = yield* firstRow<{ n: number }>('SELECT n FROM counter WHERE id = ?', counter);
          yield* insertProbe(`own-${i}`);
          const mine = yield* rows<{ label: string }>('SELECT label FROM probe WHERE label = ?', `own-${i}`);
          return { i, seen: Number(seen?.n), mine: mine.map((row) => row.label) };
        }),
      ),
    );
    results.forEach((result, i) => {
      expect(result.i).toBe(i);
      expect(result.mine).toEqual([`own-${i}`]);
    });
    // Every work saw its own increment on top of those committed (or released) before it, no other.
    expect(results.map((result) => result.seen).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await count(counter)).toBe(30);
  });

  sqliteOnly('commits works that arrive together in one SQLite transaction, one after another in arrival order', async () => {
    const counter = await newCounter();
    const { events } = timeline();
    // More than one group's worth (200): the rest commit in the next groups, still to the right callers.
    const results = await Promise.all(
      Array.from({ length: 450 }, (_, i) =>
        transactions
          .steps(function* () {
            events.push(`ran ${i}`);
            yield* changes('UPDATE counter SET n = n + 1 WHERE id = ?', counter);
            return Number((yield* firstRow<{ n: number }>('SELECT n FROM counter WHERE id = ?', counter))?.n);
          })
          .then((seen) => {
            events.push(`reply ${i}`);
            return seen;
          }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    // A group runs whole before its callers hear back (after its one commit), then the next group runs.
    const group = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    expect(events).toEqual(
      [group(0, 200), group(200, 400), group(400, 450)].flatMap((ids) => [...ids.map((i) => `ran ${i}`), ...ids.map((i) => `reply ${i}`)]),
    );
  });

  it('rolls back a throwing work alone while the others of its group commit', async () => {
    const counter = await newCounter();
    const { events, ranAllBeforeAnyReply } = timeline();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        transactions
          .steps(function* () {
            events.push(`ran ${i}`);
            const failedSeen = (yield* rows('SELECT id FROM probe WHERE label = ?', 'alone-failed')).length;
            yield* changes('UPDATE counter SET n = n + 1 WHERE id = ?', counter);
            yield* insertProbe(i === 2 ? 'alone-failed' : `alone-${i}`);
            if (i === 2) throw new Error('refused by the test');
            return failedSeen;
          })
          .finally(() => events.push(`reply ${i}`)),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(new Error('refused by the test'));
    // No work saw the failed one's row, not even those after it in the same transaction.
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => outcome.value)).toEqual([0, 0, 0, 0, 0]);
    expect(await labels('alone-')).toEqual(['alone-0', 'alone-1', 'alone-3', 'alone-4', 'alone-5']);
    expect(await count(counter)).toBe(5);
    // On PostgreSQL each work has a transaction of its own; on SQLite they shared one.
    if (!onPostgres) expect(ranAllBeforeAnyReply()).toBe(true);
  });

  it('keeps the writes of a work that returns a refusal, and rolls back those of one that throws', async () => {
    const refused = transactions.steps(function* () {
      yield* insertProbe('refusal-kept');
      return { ok: false as const, code: 'DEADLINE_PASSED' };
    });
    const thrown = transactions.steps(function* () {
      yield* insertProbe('refusal-thrown');
      throw new Error('thrown by the test');
    });
    await expect(refused).resolves.toEqual({ ok: false, code: 'DEADLINE_PASSED' });
    await expect(thrown).rejects.toThrow('thrown by the test');
    expect(await labels('refusal-')).toEqual(['refusal-kept']);
  });

  it('runs steps inside run() in its transaction, rolled back with it', async () => {
    const seenInside = transactions.run(async (manager) => {
      await stepsIn(manager, insertProbe('inside-run'));
      const inside = await stepsIn(manager, rows<{ label: string }>('SELECT label FROM probe WHERE label = ?', 'inside-run'));
      throw new Error(`saw ${inside.length}`);
    });
    await expect(seenInside).rejects.toThrow('saw 1');
    expect(await labels('inside-')).toEqual([]);
    await expect(stepsIn(dataSource.manager, rows('SELECT 1'))).rejects.toThrow(/inside Transactions.run/);
  });

  sqliteOnly('lets run() and the SQLite group commit take turns on the one connection', async () => {
    const queued: Array<Promise<number>> = [];
    await transactions.run(async (manager) => {
      await stepsIn(manager, insertProbe('turns-1'));
      // Arrives while run()'s transaction is open and held across awaits.
      for (let i = 0; i < 3; i++) {
        queued.push(transactions.steps(() => rows('SELECT id FROM probe WHERE label LIKE ?', 'turns-%')).then((found) => found.length));
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      await stepsIn(manager, insertProbe('turns-2'));
    });
    expect(await Promise.all(queued)).toEqual([2, 2, 2]);
    const failing = transactions.run(async (manager) => {
      await stepsIn(manager, insertProbe('turns-undone'));
      queued.push(transactions.steps(() => insertProbe('turns-3')));
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('run() failed');
    });
    await expect(failing).rejects.toThrow('run() failed');
    await Promise.all(queued);
    expect(await labels('turns-')).toEqual(['turns-1', 'turns-2', 'turns-3']);
  });

  postgresOnly('on PostgreSQL', () => {
    let other: Client;
    let watcher: Client;

    beforeAll(async () => {
      other = new Client({ connectionString: database.url });
      watcher = new Client({ connectionString: database.url });
      await Promise.all([other.connect(), watcher.connect()]);
    });
    afterAll(async () => {
      await Promise.all([other?.end(), watcher?.end()]);
    });

    /** Until a statement of this database waits for a lock (the work, on `other`'s row). */
    const untilBlocked = async () => {
      for (let tries = 0; tries < 500; tries++) {
        const { rows: found } = await watcher.query(
          "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if (Number(found[0].n) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('the work never waited for the other transaction');
    };
    const sqlState = (error: unknown) => (error as { driverError?: { code?: string } }).driverError?.code;

    it('runs a work again after a serialization failure (40001) with a concurrent transaction', async () => {
      const counter = await newCounter();
      let attempts = 0;
      await other.query('BEGIN');
      await other.query('UPDATE counter SET n = n + 100 WHERE id = $1', [counter]);
      const work = transactions.steps(function* () {
        attempts++;
        yield* changes('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        const before = Number((yield* firstRow<{ n: number }>('SELECT n FROM counter WHERE id = ?', counter))?.n);
        // Waits for `other`, then finds the row changed since this transaction's snapshot.
        yield* changes('UPDATE counter SET n = n + 1 WHERE id = ?', counter);
        return before;
      });
      await untilBlocked();
      await other.query('COMMIT');
      expect(await work).toBe(100);
      expect(attempts).toBe(2);
      expect(await count(counter)).toBe(101);
    });

    it('runs a work again after a unique violation (23505) from a concurrent insert, which it then finds', async () => {
      let attempts = 0;
      await other.query('BEGIN');
      await other.query("INSERT INTO probe (id, label) VALUES (9001, 'raced')");
      const work = transactions.steps(function* () {
        attempts++;
        const found = yield* firstRow<{ id: number }>('SELECT id FROM probe WHERE label = ?', 'raced');
        if (found) return { id: Number(found.id), created: false };
        // Waits on the unique index for `other`, whose row then wins.
        yield* changes('INSERT INTO probe (id, label) VALUES (?, ?)', 9002, 'raced');
        return { id: 9002, created: true };
      });
      await untilBlocked();
      await other.query('COMMIT');
      expect(await work).toEqual({ id: 9001, created: false });
      expect(attempts).toBe(2);
    });

    it('gives up after MAX_TRIES collisions and does not retry any other error', async () => {
      let attempts = 0;
      const colliding = transactions.steps(function* () {
        attempts++;
        yield* insertProbe(`collides-${attempts}`);
        yield* changes("DO $$ BEGIN RAISE EXCEPTION 'collided' USING ERRCODE = '40001'; END $$");
      });
      expect(sqlState(await colliding.catch((error: unknown) => error))).toBe('40001');
      expect(attempts).toBe(MAX_TRIES);
      attempts = 0;
      const notNull = transactions.steps(function* () {
        attempts++;
        yield* changes('INSERT INTO probe (id, label) VALUES (?, NULL)', nextId++);
      });
      expect(sqlState(await notNull.catch((error: unknown) => error))).toBe('23502');
      expect(attempts).toBe(1);
      // Each attempt rolled back; the pool's connections are fit for the next work.
      expect(await labels('collides-')).toEqual([]);
      expect(await transactions.steps(() => insertProbe('after-errors'))).toBe(1);
    });
  });
});
