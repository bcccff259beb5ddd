import { DataSource } from 'typeorm';
import { TestApp } from './test-app';

/** A query on the app's own database; `?` placeholders work on both. */
export function sql<R = Record<string, unknown>>(t: TestApp, text: string, params: unknown[] = []): Promise<R[]> {
  const dataSource = t.app.get(DataSource);
  let index = 0;
  return dataSource.query(dataSource.options.type === 'postgres' ? text.replace(/\?/g, () => `$${++index}`) : text, params);
}
