import { PostgresPool } from './driver';
import { queryPostgres } from './postgres-steps';

/** What a transaction may claim for itself: see Transactions.run. */
export type Exclusive = 'unit-tree' | 'roster-import' | `race-standings:${number}`;

/** Held until the transaction ends: works naming the same thing wait for each other. */
export const TRANSACTION_LOCK = 'SELECT pg_advisory_xact_lock(hashtext(?))';
const SESSION_LOCK = 'SELECT pg_advisory_lock(hashtext(?))';
const SESSION_UNLOCK = 'SELECT pg_advisory_unlock(hashtext(?))';

/**
 * Runs `work` holding `name` against every other instance: a session advisory lock on a
 * connection kept for it, which PostgreSQL also lets go of when the instance dies.
 */
export async function holdingSessionLock<T>(pool: PostgresPool, name: Exclusive, work: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
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
