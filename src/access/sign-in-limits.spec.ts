import { SignInLimits, SignInRefused } from './sign-in-limits';
import { ADDRESS_CEILING, FIRST_LOCK_MS, MAX_FAILED_SIGN_INS, SLOWED_PACE_MS } from './sign-in-rules';

describe('sign-in limits (memory store)', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.parse('2026-12-03T02:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  const attempt = (account: string, address = '10.0.0.1') => ({ account, name: account, address });
  const refusal = async (work: Promise<unknown>) => {
    try {
      await work;
      return null;
    } catch (error) {
      if (error instanceof SignInRefused) return error.refusal;
      throw error;
    }
  };

  it('lets through exactly as many of many simultaneous tries as the account may fail', async () => {
    const limits = SignInLimits.inMemory();
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => refusal(limits.reserve(attempt('p:NV1')))));
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(MAX_FAILED_SIGN_INS);
    expect(outcomes.filter((outcome) => outcome?.reason === 'locked')).toHaveLength(50 - MAX_FAILED_SIGN_INS);
  });

  it('locks on the fifth failure, and each lock within a day lasts twice as long as the one before', async () => {
    const limits = SignInLimits.inMemory();
    const failFive = async () => {
      let lockedUntil: number | null = null;
      for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) lockedUntil = await (await limits.reserve(attempt('p:NV2'))).failed();
      return lockedUntil;
    };
    expect(await failFive()).toBe(Date.now() + FIRST_LOCK_MS);
    expect(await limits.lockedUntil('p:NV2')).toBe(Date.now() + FIRST_LOCK_MS);
    expect(await refusal(limits.reserve(attempt('p:NV2')))).toEqual({ reason: 'locked', until: Date.now() + FIRST_LOCK_MS });
    jest.advanceTimersByTime(FIRST_LOCK_MS + 1000);
    expect(await limits.lockedUntil('p:NV2')).toBeNull();
    expect(await failFive()).toBe(Date.now() + 2 * FIRST_LOCK_MS);
  });

  it('forgets the failures of a try that succeeds, and of an account given a new secret', async () => {
    const limits = SignInLimits.inMemory();
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) await (await limits.reserve(attempt('p:NV3'))).failed();
    await (await limits.reserve(attempt('p:NV3'))).succeeded();
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) expect(await (await limits.reserve(attempt('p:NV3'))).failed()).toBeNull();
    await limits.forget('p:NV3');
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) expect(await (await limits.reserve(attempt('p:NV3'))).failed()).toBeNull();
  });

  it('slows an address down, without locking it, once more names failed there than the ceiling', async () => {
    const limits = SignInLimits.inMemory();
    for (let i = 0; i < ADDRESS_CEILING; i++) {
      const reserved = await limits.reserve(attempt(`p:X${i}`));
      await reserved.failed();
      // The same name failing again from the same address counts once.
      await (await limits.reserve(attempt(`p:X${i}`))).failed();
    }
    await (await limits.reserve(attempt('p:OVER1'))).failed();
    expect(await refusal(limits.reserve(attempt('p:OVER2')))).toEqual({ reason: 'slowed', retryAfterMs: expect.any(Number) });
    // Another address is not slowed.
    expect(await refusal(limits.reserve(attempt('p:OVER2', '10.0.0.2')))).toBeNull();
    jest.advanceTimersByTime(SLOWED_PACE_MS);
    expect(await refusal(limits.reserve(attempt('p:OVER2')))).toBeNull();
  });

  it('never counts a first try that succeeds against its address', async () => {
    const limits = SignInLimits.inMemory();
    for (let i = 0; i < ADDRESS_CEILING * 3; i++) await (await limits.reserve(attempt(`p:OK${i}`))).succeeded();
    expect(await refusal(limits.reserve(attempt('p:LATE')))).toBeNull();
  });
});
