/** Kahoot-style points: the fairness rules of DESIGN.md as plain functions. */

export const FULL_POINTS = 1000;
export const STREAK_STEP = 100;
export const STREAK_CAP = 500;

export interface ScoringSettings {
  /** On: a correct answer earns 500–1000 by speed. Off: always 1000. */
  speedBonus: boolean;
  /** On: +100 for each consecutive correct answer after the first, at most +500. */
  streakBonus: boolean;
}

/**
 * Points for one answer. `responseMs` is measured by the server from sending the question;
 * an answer that arrives in the grace after the deadline counts as answered at the deadline.
 */
export function answerPoints(correct: boolean, responseMs: number, limitMs: number, settings: Pick<ScoringSettings, 'speedBonus'>): number {
  if (!correct) return 0;
  if (!settings.speedBonus) return FULL_POINTS;
  const t = Math.min(Math.max(responseMs, 0), limitMs);
  return Math.round(FULL_POINTS * (1 - t / (2 * limitMs)));
}

/** The run of correct answers after this one. */
export function nextStreak(streak: number, correct: boolean): number {
  return correct ? streak + 1 : 0;
}

/** The bonus earned by the answer that brought the streak to `streak`. */
export function streakBonus(streak: number, settings: Pick<ScoringSettings, 'streakBonus'>): number {
  if (!settings.streakBonus || streak < 2) return 0;
  return Math.min(STREAK_STEP * (streak - 1), STREAK_CAP);
}

export interface ScoredAnswer {
  correct: boolean;
  responseMs: number;
}

/** An attempt's score and streak from its answers in order: the oracle the tests check against. */
export function scoreAttempt(answers: ScoredAnswer[], limitMs: number, settings: ScoringSettings): { score: number; streak: number } {
  let score = 0;
  let streak = 0;
  for (const answer of answers) {
    streak = nextStreak(streak, answer.correct);
    score += answerPoints(answer.correct, answer.responseMs, limitMs, settings) + (answer.correct ? streakBonus(streak, settings) : 0);
  }
  return { score, streak };
}
