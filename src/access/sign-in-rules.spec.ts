import fc from 'fast-check';
import { FIRST_LOCK_MS, LONGEST_LOCK_MS, clockInVietnam, lockDuration } from './sign-in-rules';

describe('sign-in rules', () => {
  it('locks for 15 minutes the first time, twice as long each time after within a day', () => {
    expect([1, 2, 3, 4].map(lockDuration)).toEqual([15, 30, 60, 120].map((minutes) => minutes * 60_000));
    expect(lockDuration(0)).toBe(FIRST_LOCK_MS);
  });

  it('never locks for less than the first lock or more than a day, and never shorter than the lock before', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 10_000 }), (lockouts) => {
        const ms = lockDuration(lockouts);
        return ms >= FIRST_LOCK_MS && ms <= LONGEST_LOCK_MS && lockDuration(lockouts + 1) >= ms;
      }),
    );
  });

  it('tells the time in Vietnam', () => {
    expect(clockInVietnam(Date.parse('2026-11-28T07:35:00Z'))).toBe('14:35');
    expect(clockInVietnam(Date.parse('2026-11-28T17:05:00Z'))).toBe('00:05');
  });
});
