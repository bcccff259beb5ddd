import { changes, rows } from '../../src/database/steps';
import { Transactions } from '../../src/database/transactions';
import { TestApp } from './test-app';

/**
 * A statement on the app's own database, through the app's one way there (`?` placeholders on
 * both): a read returns its rows, a write runs in a transaction of its own and returns none.
 */
export async function sql<R = Record<string, unknown>>(t: TestApp, text: string, params: unknown[] = []): Promise<R[]> {
  const transactions = t.app.get(Transactions);
  if (/^\s*(SELECT|WITH)\b/i.test(text)) return transactions.read(() => rows<R>(text, ...params));
  await transactions.steps(() => changes(text, ...params));
  return [];
}
