import fc from 'fast-check';
import { Field } from './arbitraries';
import { Watch } from './checks';
import { Fixture } from './fixture';

// Endpoints that take a JSON body and change one kind of row: a table of them (body-targets.ts),
// run alike.

export interface BodyTarget {
  name: string;
  method: 'POST' | 'PATCH';
  path: (f: Fixture) => fc.Arbitrary<string>;
  token?: (f: Fixture) => fc.Arbitrary<string | undefined>;
  fields?: (f: Fixture) => Record<string, Field>;
  /** A body generator of its own, when fields that depend on each other make goodRecord too weak. */
  good?: (f: Fixture) => fc.Arbitrary<unknown>;
  /** A success costs far more than a refusal (an argon2 hash, a QR code): send fewer valid bodies. */
  costly?: boolean;
  /** No body is read: any body must be ignored. */
  noBody?: boolean;
  watch: (f: Fixture) => Watch[];
  /** The fixture guarantees that some requests can succeed, so a run without a 2xx means the generators are wrong. */
  expectSuccess?: boolean;
}
