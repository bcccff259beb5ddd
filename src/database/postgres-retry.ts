import { TRANSACTION_LOCK } from './advisory-locks';
import { PostgresPool } from './driver';
import { queryPostgres, runOnPostgres } from './postgres-steps';
import { Work } from './steps';

/** PostgreSQL errors that mean "two transactions met; run it again": serialization, deadlock, unique race. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
export const MAX_TRIES = 3;

/**
 * Runs a work in a transaction of its own on a pooled connection, again (from a fresh work) when
 * it collided with a concurrent one, up to MAX_TRIES times; any other error is thrown at once.
 */
export async function stepsOnPostgres<T>(pool: PostgresPool, work: () => Work<T>, lock?: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await queryPostgres(client, 'BEGIN', []).catch((failed: Error) => {
        broken = failed;
        throw failed;
      });
      try {
        if (lock) await queryPostgres(client, TRANSACTION_LOCK, [lock]);
        const result = await runOnPostgres(client, work());
        await queryPostgres(client, 'COMMIT', []);
        return result;
      } catch (error) {
        // A connection that cannot even roll back is dropped from the pool, not handed on mid-transaction.
        await queryPostgres(client, 'ROLLBACK', []).catch((rollbackFailed: Error) => (broken = rollbackFailed));
        throw error;
      }
    } catch (error) {
      if (attempt >= MAX_TRIES || !RETRYABLE.has(sqlState(error) ?? '')) throw error;
    } finally {
      client.release(broken);
    }
  }
}

function sqlState(error: unknown): string | undefined {
  return (error as { driverError?: { code?: string } }).driverError?.code;
}
