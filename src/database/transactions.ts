import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PostgresClient, SqliteDatabase, SqliteSteps, Work, queryPostgres, runOnPostgres } from './steps';

/** The biggest group of works committed together on SQLite: bounds how long one batch holds the thread. */
const MAX_GROUP = 200;

/** PostgreSQL errors that mean "two transactions met; run it again": serialization, deadlock, unique race. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
const MAX_TRIES = 3;

/** What a transaction may claim for itself: see Transactions.run. */
export type Exclusive = 'unit-tree' | 'roster-import' | `race-standings:${number}`;
const LOCK = 'SELECT pg_advisory_xact_lock(hashtext(?))';
const SESSION_LOCK = 'SELECT pg_advisory_lock(hashtext(?))';
const SESSION_UNLOCK = 'SELECT pg_advisory_unlock(hashtext(?))';

interface Pending {
  work: () => Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The one place that opens transactions. SQLite has a single connection in TypeORM and
 * refuses nested BEGINs, so there transactions queue behind each other; PostgreSQL runs them
 * on pooled connections side by side.
 */
@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly pending: Pending[] = [];
  private groupQueued = false;
  private sqliteSteps?: SqliteSteps;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * `exclusive` names what the work changes as a whole (the unit tree, a race's standings): on
   * PostgreSQL, works naming the same thing wait for each other, through an advisory lock held
   * until the commit. SQLite runs every transaction alone anyway.
   */
  run<T>(work: (manager: EntityManager) => Promise<T>, exclusive?: Exclusive): Promise<T> {
    if (!this.postgres) return this.enqueue(() => this.dataSource.transaction(work));
    return this.dataSource.transaction(async (manager) => {
      if (exclusive) await manager.query(LOCK.replace('?', '$1'), [exclusive]);
      return work(manager);
    });
  }

  /**
   * Runs `work` (reads, then transactions of its own) while holding `name` against every other
   * instance: on PostgreSQL a session advisory lock on a connection kept for it, which PostgreSQL
   * also lets go of when the instance dies. A single SQLite instance has nothing to wait for;
   * callers order their own work within the instance (and so hold at most one connection here).
   */
  async exclusively<T>(name: Exclusive, work: () => Promise<T>): Promise<T> {
    if (!this.postgres) return work();
    const client = await this.pool().connect();
    let broken: Error | undefined;
    try {
      await queryPostgres(client, SESSION_LOCK, [name]).catch((failed: Error) => {
        broken = failed;
        throw failed;
      });
      try {
        return await work();
      } finally {
        // A connection that may still hold the lock must not go back to the pool.
        await queryPostgres(client, SESSION_UNLOCK, [name]).catch((failed: Error) => (broken = failed));
      }
    } finally {
      client.release(broken);
    }
  }

  /**
   * Runs a unit of work made of SQL steps (the answer hot path) in a transaction. On SQLite,
   * works that arrive together share one transaction and one commit (group commit), each
   * inside its own savepoint so one failing work does not undo the others; every caller hears
   * back only after the commit. On PostgreSQL each work has its own transaction, run again
   * when it collided with a concurrent one.
   */
  steps<T>(work: () => Work<T>, exclusive?: Exclusive): Promise<T> {
    if (this.postgres) return this.stepsOnPostgres(work, exclusive);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.groupQueued) {
        this.groupQueued = true;
        // setImmediate: everything that arrived in this turn of the event loop joins the group.
        setImmediate(() => void this.enqueue(() => this.commitGroup()));
      }
    });
  }

  /**
   * A read of a few rows on the hot path (who is calling, say), without a transaction: on SQLite
   * straight on a cached prepared statement, on PostgreSQL on a pooled connection.
   */
  async read<T>(work: () => Work<T>): Promise<T> {
    if (!this.postgres) return this.sqlite().run(work());
    const client = await this.pool().connect();
    try {
      return await runOnPostgres(client, work());
    } finally {
      client.release();
    }
  }

  private get postgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async commitGroup(): Promise<void> {
    const steps = this.sqlite();
    const db = steps.db;
    // A TypeORM save outside run() may hold the connection's transaction: let it finish.
    while (db.inTransaction) await new Promise((resolve) => setTimeout(resolve, 1));
    const group = this.pending.splice(0, MAX_GROUP);
    this.groupQueued = false;
    if (this.pending.length) {
      this.groupQueued = true;
      setImmediate(() => void this.enqueue(() => this.commitGroup()));
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      db.exec('BEGIN IMMEDIATE');
      for (const item of group) {
        db.exec('SAVEPOINT work');
        try {
          outcomes.push({ ok: true, value: steps.run(item.work()) });
          db.exec('RELEASE work');
        } catch (error) {
          db.exec('ROLLBACK TO work');
          db.exec('RELEASE work');
          outcomes.push({ ok: false, error });
        }
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      group.forEach((item) => item.reject(error));
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  private sqlite(): SqliteSteps {
    return (this.sqliteSteps ??= new SqliteSteps((this.dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection));
  }

  /** node-postgres's pool under TypeORM: the hot path skips TypeORM's query runner and its per-query work. */
  private pool(): PostgresPool {
    return (this.dataSource.driver as unknown as { master: PostgresPool }).master;
  }

  private async stepsOnPostgres<T>(work: () => Work<T>, exclusive?: Exclusive): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool().connect();
      let broken: Error | undefined;
      try {
        await queryPostgres(client, 'BEGIN', []).catch((failed: Error) => {
          broken = failed;
          throw failed;
        });
        try {
          if (exclusive) await queryPostgres(client, LOCK, [exclusive]);
          const result = await runOnPostgres(client, work());
          await queryPostgres(client, 'COMMIT', []);
          return result;
        } catch (error) {
          // A connection that cannot even roll back is dropped from the pool, not handed on mid-transaction.
          await queryPostgres(client, 'ROLLBACK', []).catch((rollbackFailed: Error) => (broken = rollbackFailed));
          throw error;
        }
      } catch (error) {
        const code = (error as { driverError?: { code?: string } }).driverError?.code;
        if (attempt >= MAX_TRIES || !code || !RETRYABLE.has(code)) throw error;
      } finally {
        client.release(broken);
      }
    }
  }
}

interface PostgresPool {
  connect(): Promise<PostgresClient & { release(error?: Error): void }>;
}
