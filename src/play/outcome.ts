import { ErrorCode } from '../contract/errors';
import { StandingChange } from '../standings/answer-standings';

/** A refusal of the answer path, worded by the error catalogue (refusals.ts). */
export interface Refusal {
  status: number;
  code: ErrorCode;
  vi: string;
  en: string;
  extra?: Record<string, unknown>;
}

/** A work's result: a value (with what the answer changed on the standings), or a refusal the caller turns into an error. */
export type Outcome<T> = { ok: true; value: T; created?: boolean; standing?: StandingChange } | { ok: false; refusal: Refusal };
