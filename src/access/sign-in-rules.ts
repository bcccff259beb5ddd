/** Wrong secrets an account may give within `FAILURE_WINDOW_MS` before it is locked. */
export const MAX_FAILED_SIGN_INS = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** The first lock lasts 15 minutes; each further lock within a day lasts twice as long, up to a day. */
export const FIRST_LOCK_MS = 15 * 60 * 1000;
export const LONGEST_LOCK_MS = 24 * 3600 * 1000;
export const LOCK_MEMORY_MS = 24 * 3600 * 1000;

/**
 * Staff codes that failed from one address within the window before that address is slowed
 * down. A staff code counts once however often it failed there, so a hall of phones behind one
 * router, where some mistype a few times, stays far below it; trying one PIN across the roster
 * does not. Past it the address is paced, never locked: one try every `SLOWED_PACE_MS`.
 */
export const ADDRESS_CEILING = 100;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
export const SLOWED_PACE_MS = 3000;

/** How long the `lockouts`-th lock of an account lasts (1 for its first within a day). */
export function lockDuration(lockouts: number): number {
  const doublings = Math.max(0, Math.min(lockouts - 1, 16));
  return Math.min(FIRST_LOCK_MS * 2 ** doublings, LONGEST_LOCK_MS);
}

/**
 * What the failure count reserved for this try says before the secret is compared: tries past
 * the limit are refused uncompared; the try that reaches the limit is compared, and locks the
 * account when it is wrong.
 */
export function reservedTry(failuresCounted: number): 'compare' | 'compare-then-lock' | 'refuse' {
  if (failuresCounted > MAX_FAILED_SIGN_INS) return 'refuse';
  return failuresCounted === MAX_FAILED_SIGN_INS ? 'compare-then-lock' : 'compare';
}

/** "14:35" in Vietnam's time, for telling someone when their lock ends. */
export function clockInVietnam(at: number): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}
