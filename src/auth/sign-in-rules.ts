/** How many wrong secrets an account may give before it is locked, and for how long. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MS = 15 * 60 * 1000;

/** Failed sign-ins from one address before it must wait, and the window they count in. */
export const MAX_FAILURES_PER_ADDRESS = 30;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;

export interface LockState {
  failedSignIns: number;
  lockedUntil: number | null;
}

export function isLocked(state: LockState, now: number): boolean {
  return state.lockedUntil !== null && state.lockedUntil > now;
}

/** The account after one more wrong secret: the fifth locks it and starts the count again. */
export function afterFailure(state: LockState, now: number): LockState {
  const failed = state.failedSignIns + 1;
  return failed >= MAX_FAILED_SIGN_INS
    ? { failedSignIns: 0, lockedUntil: now + LOCK_MS }
    : { failedSignIns: failed, lockedUntil: state.lockedUntil };
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
