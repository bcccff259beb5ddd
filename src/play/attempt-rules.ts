/** The rules of playing a question, as plain functions: timing, judging, choice order, replies. */

export type QuestionType = 'single' | 'multiple' | 'truefalse';

/** Fisher–Yates on a copy; `random` is injectable so tests can pin the order. */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** A question's deadline when the server sends it at `sentAt`. */
export function deadlineOf(sentAt: number, secondsPerQuestion: number): number {
  return sentAt + secondsPerQuestion * 1000;
}

/**
 * Whether an answer received at `receivedAt` counts, and its response time. Grace covers the
 * network: an answer inside it counts as given at the deadline (the slowest full-time answer).
 */
export function judgeTiming(receivedAt: number, sentAt: number, deadline: number, graceMs: number): { inTime: boolean; responseMs: number } {
  const limit = deadline - sentAt;
  return { inTime: receivedAt <= deadline + graceMs, responseMs: Math.min(Math.max(receivedAt - sentAt, 0), limit) };
}

/** True once nobody can answer the question any more, so the attempt moves on. */
export function expired(now: number, deadline: number, graceMs: number): boolean {
  return now > deadline + graceMs;
}

/** Why a choice list cannot be an answer to the question as offered, or null when it can. */
export type ChoiceProblem = 'duplicate' | 'not-offered' | 'count';

export function choiceProblem(type: QuestionType, chosen: readonly number[], offered: readonly number[]): ChoiceProblem | null {
  if (new Set(chosen).size !== chosen.length) return 'duplicate';
  if (chosen.some((id) => !offered.includes(id))) return 'not-offered';
  if (type === 'multiple' ? chosen.length < 1 : chosen.length !== 1) return 'count';
  return null;
}

/** All and only the correct choices: multiple-answer questions earn nothing for a partial set. */
export function isCorrect(chosen: readonly number[], correct: readonly number[]): boolean {
  return chosen.length === correct.length && chosen.every((id) => correct.includes(id));
}

/** The stored form of a choice set: sorted, so the same answer in another order is the same answer. */
export function choiceKey(chosen: readonly number[]): string {
  return [...chosen].sort((a, b) => a - b).join(',');
}

export function parseIds(list: string | null): number[] {
  return list ? list.split(',').map(Number) : [];
}

/** Seconds left to answer, for the countdown; the grace is not shown. */
export function secondsLeft(now: number, deadline: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** A round's status and timing as the answer path reads them (closes_at a string from PostgreSQL's bigint). */
interface RoundClock {
  status: string;
  closes_at: string | number | null;
  reveal_answers: string;
}

/** Open for answers at `now`: the status says open and the closing time has not come (a late job cannot stretch it). */
export const isOpen = (round: RoundClock, now: number) => round.status === 'open' && (round.closes_at === null || Number(round.closes_at) > now);

export const revealNow = (round: RoundClock) => round.reveal_answers === 'immediately' || round.status === 'closed';

/** Score and streak as the participant may see them: a rising score would tell which answers were right. */
export const shownScore = (round: RoundClock, score: number, streak: number): { score: number; streak: number; scoresHeld?: true } =>
  revealNow(round) ? { score, streak } : { score: 0, streak: 0, scoresHeld: true };
