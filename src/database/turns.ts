/**
 * SQLite's one connection holds one transaction at a time (TypeORM shares a single connection and
 * better-sqlite3 refuses a nested BEGIN), so on SQLite run() and the group commit take turns here,
 * each starting when the one before has committed or rolled back.
 */
export class Turns {
  private tail: Promise<unknown> = Promise.resolve();

  take<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
