import { EntityManager } from 'typeorm';
import { numbered } from './postgres-steps';
import { sqliteValue } from './sqlite-steps';
import { Work } from './steps';

/**
 * Runs a work's steps inside a Transactions.run() transaction, on that transaction's connection
 * through TypeORM (so they see its uncommitted writes and roll back with it). For SQL that
 * TypeORM's repositories do not say well: a row lock, a bulk upsert.
 */
export async function stepsIn<T>(manager: EntityManager, work: Work<T>): Promise<T> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('stepsIn() runs inside Transactions.run(), on the manager it gives');
  const postgres = manager.connection.options.type === 'postgres';
  let next = work.next();
  while (!next.done) {
    const { sql, params, wants } = next.value;
    const result = await runner.query(postgres ? numbered(sql) : sql, postgres ? params : params.map(sqliteValue), true);
    next = work.next(wants === 'rows' ? (result.records ?? []) : (result.affected ?? 0));
  }
  return next.value;
}
