import { TIME_MULTIPLIERS, TimeMultiplier } from '../contract/org';

/**
 * Time for those who need it (WCAG 2.2.1), as plain rules. A multiplier is stored in per cent of
 * the ordinary time so that every deadline is an exact integer of milliseconds.
 */

export const ORDINARY_PERCENT = 100;

export const percentOf = (multiplier: TimeMultiplier): number => Math.round(multiplier * 100);

/** The multiplier a stored per cent stands for; anything unknown reads as ordinary time. */
export function multiplierOf(percent: number | string | null | undefined): TimeMultiplier {
  return TIME_MULTIPLIERS.find((multiplier) => percentOf(multiplier) === Number(percent)) ?? 1;
}

/** A window question's deadline for this person: the round's time, times theirs. */
export function personalDeadline(sentAt: number, secondsPerQuestion: number, timePercent: number | string): number {
  return sentAt + secondsPerQuestion * 10 * Number(timePercent);
}

/**
 * The response time that speed points are counted from. In a window round the person's own
 * (multiplied) time already sets the scale. In a live round everyone shares one deadline and the
 * reveal is public, so it cannot be stretched for one person: their right answer counts as given
 * at once instead (the full points, no speed penalty).
 */
export function countedResponseMs(mode: string, timePercent: number | string, responseMs: number): number {
  return mode === 'live' && Number(timePercent) > ORDINARY_PERCENT ? 0 : responseMs;
}

/**
 * Whether a live question can still be given more time at `now`: only while its clock runs. Once
 * it has run out the grace is the reveal's margin: phones have shown "time's up" and the reveal
 * job may already be running.
 */
export function extendable(now: number, deadline: number | null): boolean {
  return deadline !== null && now <= deadline;
}
