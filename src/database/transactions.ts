import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Exclusive, TRANSACTION_LOCK, holdingSessionLock } from './advisory-locks';
import { PostgresPool, postgresPool, sqliteConnection } from './driver';
import { GroupCommit } from './group-commit';
import { stepsOnPostgres } from './postgres-retry';
import { runOnPostgres } from './postgres-steps';
import { SqliteSteps } from './sqlite-steps';
import { Work, rows } from './steps';
import { stepsIn } from './steps-in';
import { Turns } from './turns';

/**
 * The one way to the database besides TypeORM's repositories: it opens every transaction and runs
 * every raw statement. SQLite has a single connection in TypeORM and refuses nested BEGINs, so
 * there transactions take turns; PostgreSQL runs them on pooled connections side by side.
 * A repository's single statement outside run() (a job's row, say) needs no turn on SQLite, but
 * one that lands while a run() transaction is open runs inside it and shares its fate.
 */
@Injectable()
export class Transactions {
  private readonly turns = new Turns();
  private onSqlite?: { steps: SqliteSteps; group: GroupCommit };

  constructor(private readonly dataSource: DataSource) {}

  /**
   * `exclusive` names what the work changes as a whole (the unit tree, a race's standings): on
   * PostgreSQL, works naming the same thing wait for each other, through an advisory lock held
   * until the commit. SQLite runs every transaction alone anyway. Inside, stepsIn(manager, …)
   * runs SQL steps in the same transaction.
   */
  run<T>(work: (manager: EntityManager) => Promise<T>, exclusive?: Exclusive): Promise<T> {
    if (!this.postgres) return this.turns.take(() => this.dataSource.transaction(work));
    return this.dataSource.transaction(async (manager) => {
      if (exclusive) await stepsIn(manager, rows(TRANSACTION_LOCK, exclusive));
      return work(manager);
    });
  }

  /**
   * Runs `work` (reads, then transactions of its own) while holding `name` against every other
   * instance, through a PostgreSQL session advisory lock. A single SQLite instance has nothing
   * to wait for; callers order their own work within the instance (and so hold at most one
   * connection here).
   */
  exclusively<T>(name: Exclusive, work: () => Promise<T>): Promise<T> {
    if (!this.postgres) return work();
    return holdingSessionLock(this.pool(), name, work);
  }

  /**
   * Runs a unit of work made of SQL steps (the answer hot path) in a transaction: on SQLite in
   * the group commit, on PostgreSQL in a transaction of its own, run again when it collided with
   * a concurrent one. A throw rolls back the work's writes; a returned refusal keeps them.
   */
  steps<T>(work: () => Work<T>, exclusive?: Exclusive): Promise<T> {
    if (this.postgres) return stepsOnPostgres(this.pool(), work, exclusive);
    return this.sqlite().group.add(work);
  }

  /**
   * A read, typed by its rows (`read(() => rows<Row>(sql, …params))`), without a transaction: on
   * SQLite straight on a cached prepared statement, on PostgreSQL on a pooled connection.
   */
  async read<T>(work: () => Work<T>): Promise<T> {
    if (!this.postgres) return this.sqlite().steps.run(work());
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

  private sqlite(): { steps: SqliteSteps; group: GroupCommit } {
    if (!this.onSqlite) {
      const steps = new SqliteSteps(sqliteConnection(this.dataSource));
      this.onSqlite = { steps, group: new GroupCommit(steps, this.turns) };
    }
    return this.onSqlite;
  }

  private pool(): PostgresPool {
    return postgresPool(this.dataSource);
  }
}
