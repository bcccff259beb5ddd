import fc from 'fast-check';
import { MAX_ID, json } from './client';

// Generators shared by every target.

const VIETNAMESE_WORDS = [
  'Nguyễn',
  'Thị',
  'Ánh',
  'Tuyết',
  'Đặng',
  'Hưởng',
  'Ủy ban',
  'xã Hạ Mỗ',
  'Trường',
  'Dòng họ Lê Hữu',
  'Phường',
  'Cơ quan',
  'Trợ lý AI',
  'Lừa đảo',
];

/** Vietnamese as phones type it (NFC) and as some Mac and Word exports send it (NFD: combining marks). */
export const vietnamese = fc
  .tuple(fc.array(fc.constantFrom(...VIETNAMESE_WORDS), { minLength: 1, maxLength: 5 }), fc.boolean())
  .map(([words, decomposed]) => (decomposed ? words.join(' ').normalize('NFD') : words.join(' ')));

/** A name that passes every rule: 1–200 characters once normalised. */
export const goodName = fc.oneof({ weight: 4, arbitrary: vietnamese }, fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .'-]{0,40}$/));

/** Strings that break naive code: spreadsheet formulas, SQL, markup, prototype keys, odd Unicode. */
const TRICKY = fc.constantFrom(
  '=1+1',
  '+SUM(A1:A9)',
  '-2+3',
  '@SUM(1)',
  '=HYPERLINK("http://x","y")',
  "'; DROP TABLE unit; --",
  '<img src=x onerror=alert(1)>',
  '__proto__',
  'constructor',
  'toString',
  '\u0000',
  'a\u0000b',
  '\uFEFF',
  '\uD800',
  '\uDC00x',
  '👩‍👩‍👧',
  'İ',
  '   ',
  '\t\r\n',
  '%',
  '_',
  '\\',
  '%_\\',
  "O'Brien",
  '"',
  'null',
  '${x}',
  '../../etc/passwd',
);

/**
 * Strings around a length limit, counted the ways that differ: UTF-16 units, code points, NFC
 * and NFD (ệ is 1 in NFC and 3 in NFD; a Hangul syllable is 1 in NFC and 2 in NFD; U+0958 is 1
 * as typed and 2 after NFC).
 */
export const aroundLimit = (max: number) =>
  fc
    .tuple(fc.constantFrom(max - 1, max, max + 1), fc.constantFrom('a', 'ệ', 'ệ'.normalize('NFD'), '가', '\u0958', '🙂', ' '))
    .map(([length, unit]) => (unit === ' ' ? `${' '.repeat(length)}a` : unit.repeat(Math.max(length, 1))));

/** Text for a field limited to `max`: mostly plausible, some of it too long or very odd. */
export const text = (max: number) =>
  fc.oneof(
    { weight: 3, arbitrary: vietnamese },
    { weight: 2, arbitrary: TRICKY },
    { weight: 2, arbitrary: aroundLimit(max) },
    { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  );

/** A value of the wrong kind for any field. */
export const WRONG_KIND: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, -0.5, 1e21, 2 ** 31, 2 ** 53 + 2, '', ' ', '0', 'true', 'null', [], {}, [null], { $gt: '' }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Codes (unit, clan, staff): A–Z 0–9 . _ -, 1–50. Fresh ones are new to the database almost surely. */
export const freshCode = fc.stringMatching(/^[A-Z][A-Z0-9]{7}$/);
export const BAD_CODES = fc.oneof(
  fc.constantFrom('', ' ', 'a b', 'A'.repeat(51), 'ĐV01', 'mã-1', 'A%', 'A/B', 'A,B', '=1+1', '\u0000', 'NOSUCHCODE'),
  text(50),
);

/** Integers around the limits of a field, and numbers that are not integers. */
export const numberNear = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min, max }),
    fc.constantFrom(min - 1, max + 1, min + 0.5, -0, 1e21, MAX_ID, MAX_ID + 1, 2 ** 53 + 2, -(2 ** 31)),
    fc.double({ noNaN: true }),
    fc.integer({ min, max }).map(String),
  );

/** An id of a row that may exist, and ids that cannot: out of range, not integers, not numbers. */
export const idIn = (pool: number[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool) }, numberNear(1, MAX_ID), WRONG_KIND);

/**
 * A path segment meant as an id: a row of the pool, or something plausible but wrong. Numbers in
 * odd spellings (`+N`, `0N`, `1e9`, hex) name ids far above the ones the run creates, so a "junk"
 * id never changes a row another test relies on.
 */
export const JUNK_SEGMENT = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '1.5',
    '1e9',
    '0x3B9ACA00',
    '+900000000',
    ' 900000000',
    '0900000000',
    String(MAX_ID),
    String(MAX_ID + 1),
    '99999999999999999999',
    'abc',
    'null',
    'NaN',
    'Infinity',
    '%20',
    '..',
    '%2e%2e',
    '1;DROP',
  ),
  fc.integer({ min: 100_000_000, max: MAX_ID }).map(String),
  // Random text, but never a number: "7" would be a real row.
  fc
    .string({ minLength: 1, maxLength: 10 })
    .filter((text) => !Number.isFinite(Number(text)))
    .map(encodeURIComponent),
);
export const segmentIn = (pool: number[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool).map(String) }, JUNK_SEGMENT);

/** Keys Fastify must refuse (prototype poisoning), put into the JSON text itself. */
const POISON = fc.constantFrom('"__proto__":{"isAdmin":true}', '"constructor":{"prototype":{"isAdmin":true}}', '"__proto__":null', '"constructor":1');

function poisoned(value: unknown, key: string): string {
  const body = json(value);
  if (!body.startsWith('{')) return `{${key}}`;
  return body === '{}' ? `{${key}}` : `{${key},${body.slice(1)}`;
}

/** Text that is not JSON, or JSON that JavaScript reads oddly (1e999 is Infinity). */
const NOT_JSON = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    '[1,2',
    'undefined',
    'NaN',
    "{'a':1}",
    '{"a":1}garbage',
    '\uFEFF{}',
    '{"a":1e999}',
    '{"a":-}',
    'null null',
    '{"a":"\\ud800"}',
  ),
  fc.string({ maxLength: 30 }),
);

/** The first number in a JSON text made 1e999 (Infinity), -0, 1.0 or a huge integer: limits JSON.parse is lax about. */
const numberTwist = fc.constantFrom('1e999', '-0', '1.0', '123456789012345678901234567890', '-1e-7');
function twisted(value: unknown, replacement: string): string {
  return json(value).replace(/(?<=[:[,])-?\d+(\.\d+)?([eE][-+]?\d+)?/, replacement);
}

export const CONTENT_TYPES = fc.oneof(
  { weight: 30, arbitrary: fc.constant('application/json') },
  fc.constantFrom(
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/JSON',
    'application/json; charset=latin1',
    'multipart/form-data',
  ),
);
export const LANGUAGES = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  fc.constantFrom('en', 'vi', 'en-US,en;q=0.9', 'fr', 'vi;q=0,en', '*', 'en;q=abc'),
);

interface Sent {
  body?: string;
  type?: string;
  language?: string;
}

/**
 * A JSON body in the forms a client gets wrong: a valid one (so some requests succeed), the
 * endpoint's fields holding wrong kinds, prototype keys, any JSON at all, not JSON, an odd
 * content type.
 */
export function jsonBodies(good: fc.Arbitrary<unknown>, shaped: fc.Arbitrary<unknown>, goodWeight = 6): fc.Arbitrary<Sent> {
  const body = fc.oneof(
    { weight: goodWeight, arbitrary: good.map(json) },
    { weight: 6, arbitrary: shaped.map(json) },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(good, shaped), POISON).map(([value, key]) => poisoned(value, key)) },
    { weight: 1, arbitrary: fc.tuple(good, numberTwist).map(([value, replacement]) => twisted(value, replacement)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
    { weight: 1, arbitrary: NOT_JSON },
  );
  return fc.record({ body, type: CONTENT_TYPES, language: LANGUAGES });
}

/** For endpoints without a body: none, an empty one, or any JSON, which must be ignored. */
export const ignoredBodies: fc.Arbitrary<Sent> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  fc.record({ body: fc.jsonValue({ maxDepth: 2 }).map(json), type: CONTENT_TYPES }),
  fc.record({ body: NOT_JSON, type: fc.constant('application/json') }),
);

export interface Field {
  good: fc.Arbitrary<unknown>;
  bad: fc.Arbitrary<unknown>;
  optional?: boolean;
}

/** A body with every required field right (optional ones sometimes): most of these succeed. */
export function goodRecord(fields: Record<string, Field>): fc.Arbitrary<Record<string, unknown>> {
  const required = Object.keys(fields).filter((key) => !fields[key].optional);
  return fc.record(Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.good])), { requiredKeys: required });
}

/** The endpoint's own field names, each right, plausible but wrong, or of the wrong kind; some missing, some extra. */
export function shapedRecord(fields: Record<string, Field>, goodWeight = 2): fc.Arbitrary<Record<string, unknown>> {
  const loose = Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [
      key,
      fc.oneof({ weight: goodWeight, arbitrary: field.good }, { weight: 2, arbitrary: field.bad }, { weight: 1, arbitrary: WRONG_KIND }),
    ]),
  );
  const extra = fc.option(fc.tuple(fc.constantFrom('extra', 'id', 'isAdmin', 'role', 'passwordHash', 'path', 'createdAt', 'toString'), WRONG_KIND), {
    freq: 4,
  });
  return fc.tuple(fc.record(loose, { requiredKeys: [] }), extra).map(([record, added]) => (added ? { ...record, [added[0]]: added[1] } : record));
}

export const isoAt = (offsetMs: fc.Arbitrary<number>) => offsetMs.map((offset) => new Date(Date.now() + offset).toISOString());

/** Strings class-validator calls ISO 8601 (some that Date.parse cannot read), and ones it does not. */
export const ODD_DATES = fc.constantFrom(
  '2009-W01-1',
  '2009-123',
  '20250601',
  '2025-06-01T10',
  '2025-06-01T10:00:00,5Z',
  '2025-06-01 10:00:00',
  '2025',
  '9999-12-31T23:59:59Z',
  '2025-06-01T24:00:00Z',
  '2025-13-01',
  '2025-02-29',
  '+002025-06-01',
  '0000-01-01',
  '1970-01-01T00:00:00Z',
  '2025-06-01T00:00:00.123456789Z',
  'yesterday',
);
