import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { Fixture } from './fixture';

// Tokens: mostly the right caller, sometimes the wrong kind of caller or no valid token at all.

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
export const BAD_TOKENS = fc.constantFrom(
  '',
  'x',
  'null',
  `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: '1', typ: 'organiser' })}.`,
  `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: '1', typ: 'organiser' })}.${randomBytes(32).toString('base64url')}`,
);

export function organiserTokens(f: Fixture): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 24, arbitrary: fc.constant(f.admin) },
    { weight: 3, arbitrary: fc.constant(f.scoped) },
    { weight: 1, arbitrary: fc.constantFrom(f.screen, f.players[0].token) },
    { weight: 1, arbitrary: BAD_TOKENS },
  );
}

export function participantTokens(people: Array<{ token: string }>, f: Fixture): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 24, arbitrary: fc.constantFrom(...people.map((person) => person.token)) },
    { weight: 1, arbitrary: fc.constantFrom(f.admin, f.screen) },
    { weight: 1, arbitrary: BAD_TOKENS },
  );
}
