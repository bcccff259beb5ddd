import { EntityManager } from 'typeorm';

export type TransactionHook<Event, Result> = (manager: EntityManager, event: Event) => Promise<Result>;

/**
 * Steps that features higher in the tree add to a change a lower feature makes, inside its
 * transaction: a unit merge must also move the unit's organisers and races, which org does not own
 * and cannot import. Each hook is registered once, at start-up, by the module that owns the rows;
 * `run` gives back each hook's result, in the order they were added.
 */
export class TransactionHooks<Event, Result = void> {
  private readonly hooks: TransactionHook<Event, Result>[] = [];

  add(hook: TransactionHook<Event, Result>): void {
    this.hooks.push(hook);
  }

  async run(manager: EntityManager, event: Event): Promise<Result[]> {
    const results: Result[] = [];
    for (const hook of this.hooks) results.push(await hook(manager, event));
    return results;
  }
}
