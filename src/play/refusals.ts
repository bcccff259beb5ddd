import { ERRORS, ErrorCode, ErrorValues, errorText } from '../contract/errors';
import { What } from '../http/errors';
import { ChoiceProblem } from './attempt-rules';
import { Outcome } from './outcome';

/**
 * The answer path's refusals, worded by the error catalogue. A work returns them rather than
 * throwing, so what it recorded before refusing (a missed question moving the attempt on) still commits.
 */
export const refuse = <C extends ErrorCode>(code: C, ...values: ErrorValues<C>): Outcome<never> => ({
  ok: false,
  refusal: { status: ERRORS[code].status, code, ...errorText(code, ...values) },
});

/** A refusal that also shows the question to answer now. */
const showingNext = (outcome: Outcome<never>, extra?: Record<string, unknown>): Outcome<never> =>
  outcome.ok || !extra ? outcome : { ok: false, refusal: { ...outcome.refusal, extra } };

export const noRound = (roundId: number) => refuse('NOT_FOUND', What.round, roundId);

export const noAttempt = (attemptId: number) => refuse('NOT_FOUND', What.attempt, attemptId);

export const notInRace = () => refuse('NOT_IN_RACE');

export function roundNotOpen(round: { status: string }): Outcome<never> {
  return round.status === 'closed' || round.status === 'open' ? refuse('ROUND_CLOSED', 'joining') : refuse('ROUND_NOT_OPEN', 'participant');
}

/** A window round's entry (start, or answer) used for a live round. */
export const liveRound = (how: 'start' | 'answer') => refuse('LIVE_ROUND', how === 'start' ? 'joining' : 'answering');

export const windowRound = () => refuse('WINDOW_ROUND');

export const noQuestions = () => refuse('NO_QUESTIONS');

export const notJoined = () => refuse('NOT_JOINED');

export const deadlinePassed = (extra?: Record<string, unknown>) => showingNext(refuse('DEADLINE_PASSED'), extra);

export const answerConflict = () => refuse('ANSWER_CONFLICT');

export const attemptFinished = () => refuse('ATTEMPT_FINISHED');

export const closedToAnswers = () => refuse('ROUND_CLOSED', 'answering');

/** An answer to another question than the one on now: the attempt's (window) or the screen's (live). */
export const notCurrentQuestion = (where: 'attempt' | 'screen', extra?: Record<string, unknown>) =>
  showingNext(refuse('NOT_CURRENT_QUESTION', where === 'attempt' ? 'window' : 'live'), extra);

export const invalidChoice = (problem: ChoiceProblem) => refuse('INVALID_CHOICE', problem);
