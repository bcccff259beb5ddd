import { Outcome, inSavepoint } from './savepoint';
import { SqliteSteps } from './sqlite-steps';
import { Work } from './steps';
import { Turns } from './turns';

/** The biggest group of works committed together on SQLite: bounds how long one batch holds the thread. */
const MAX_GROUP = 200;

interface Pending {
  work: () => Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * SQLite's group commit: works that arrive together share one transaction and one commit (one
 * sync to disk), each inside its own savepoint so one failing work does not undo the others;
 * every caller hears back only after the commit. A group runs from BEGIN to COMMIT without
 * giving up the thread, so nothing else can slip a statement into it.
 */
export class GroupCommit {
  private readonly pending: Pending[] = [];
  private queued = false;

  constructor(
    private readonly steps: SqliteSteps,
    private readonly turns: Turns,
  ) {}

  add<T>(work: () => Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.queued) this.queue();
    });
  }

  private queue(): void {
    this.queued = true;
    // setImmediate: everything that arrived in this turn of the event loop joins the group.
    setImmediate(() => void this.turns.take(() => this.commit()));
  }

  private commit(): void {
    const db = this.steps.db;
    const group = this.pending.splice(0, MAX_GROUP);
    this.queued = false;
    if (this.pending.length) this.queue();
    const outcomes: Array<Outcome<unknown>> = [];
    let begun = false;
    try {
      // Every transaction on this connection takes its turn (run() too), so none is open here and
      // nothing needs waiting for. One that is was opened behind Transactions' back (a TypeORM
      // save() outside run(), say): say so rather than fail on BEGIN or roll back its work.
      if (db.inTransaction) throw new Error('The SQLite connection is in a transaction not opened by Transactions');
      db.exec('BEGIN IMMEDIATE');
      begun = true;
      for (const item of group) outcomes.push(inSavepoint(db, () => this.steps.run(item.work())));
      db.exec('COMMIT');
    } catch (error) {
      if (begun && db.inTransaction) db.exec('ROLLBACK');
      group.forEach((item) => item.reject(error));
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}
