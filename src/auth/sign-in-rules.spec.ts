import fc from 'fast-check';
import { LOCK_MS, MAX_FAILED_SIGN_INS, afterFailure, clockInVietnam, isLocked } from './sign-in-rules';

describe('sign-in rules', () => {
  it('locks on the fifth wrong secret for 15 minutes and starts counting again', () => {
    let state = { failedSignIns: 0, lockedUntil: null as number | null };
    const now = 1_000_000;
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) {
      state = afterFailure(state, now);
      expect(state).toEqual({ failedSignIns: i, lockedUntil: null });
    }
    state = afterFailure(state, now);
    expect(state).toEqual({ failedSignIns: 0, lockedUntil: now + LOCK_MS });
    expect(isLocked(state, now + LOCK_MS - 1)).toBe(true);
    expect(isLocked(state, now + LOCK_MS)).toBe(false);
  });

  it('never locks before five failures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FAILED_SIGN_INS - 2 }), (failed) => {
        return !isLocked(afterFailure({ failedSignIns: failed, lockedUntil: null }, 0), 0);
      }),
    );
  });

  it('tells the time in Vietnam', () => {
    expect(clockInVietnam(Date.parse('2026-11-28T07:35:00Z'))).toBe('14:35');
    expect(clockInVietnam(Date.parse('2026-11-28T17:05:00Z'))).toBe('00:05');
  });
});
