import fc from 'fast-check';
import { MAX_ID } from './client';

// Queries: the main lists, boards and reports, with parameters right, wrong and repeated.

const QUERY_JUNK = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '0',
    '1.5',
    '1e3',
    'NaN',
    'Infinity',
    '9007199254740993',
    String(MAX_ID + 1),
    'true',
    'null',
    '[]',
    '%',
    "'",
    '=1+1',
    'Nguyễn'.normalize('NFD'),
    '\\',
    '%_\\',
    'a'.repeat(101),
  ),
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
);

export function queryString(keys: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const pair = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.oneof(...Object.entries(keys).map(([key, value]) => fc.tuple(fc.constant(key), fc.oneof({ weight: 3, arbitrary: value }, QUERY_JUNK)))),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', '__proto__', 'constructor', 'limit[]', '', 'race[0]'), QUERY_JUNK) },
  );
  return fc.array(pair, { maxLength: 5 }).map((pairs) => {
    const query = new URLSearchParams(pairs).toString();
    return query ? `?${query}` : '';
  });
}

export const numbersIn = (values: number[]) => fc.constantFrom(...values.map(String));
