import { StandingChange } from '../standings/answer-standings';
import { QuestionType } from './attempt-rules';

/** What the play endpoints and live events send back: the attempt, its question, an answer's reply. */

export interface QuestionView {
  id: number;
  /** 0-based position in the attempt (window) or the round (live). */
  index: number;
  count: number;
  type: QuestionType;
  text: string;
  choices: Array<{ id: number; text: string }>;
  deadline: string;
  secondsLeft: number;
}

export interface AttemptView {
  attemptId: number;
  roundId: number;
  score: number;
  streak: number;
  /** Present while the round keeps its answers secret: score and streak stay 0 until it closes. */
  scoresHeld?: true;
  answered: number;
  finished: boolean;
  question: QuestionView | null;
}

export interface AnswerReply {
  accepted: true;
  correct?: boolean;
  points?: number;
  score: number;
  streak: number;
  scoresHeld?: true;
  next: QuestionView | null;
  finished: boolean;
}

export interface Refusal {
  status: 400 | 403 | 404 | 409;
  code: string;
  vi: string;
  en: string;
  extra?: Record<string, unknown>;
}

/** A work's result: a value (with what the answer changed on the standings), or a refusal the caller turns into an error. */
export type Outcome<T> = { ok: true; value: T; created?: boolean; standing?: StandingChange } | { ok: false; refusal: Refusal };
