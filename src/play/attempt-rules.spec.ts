import fc from 'fast-check';
import { choiceKey, choiceProblem, deadlineOf, expired, isCorrect, judgeTiming, parseIds, secondsLeft, shuffled } from './attempt-rules';

describe('shuffled', () => {
  it('is a permutation and leaves the input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (items) => {
        const before = [...items];
        const result = shuffled(items);
        expect(items).toEqual(before);
        expect([...result].sort()).toEqual([...items].sort());
      }),
    );
  });

  it('reaches every order of three over many draws', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) seen.add(shuffled([1, 2, 3]).join());
    expect(seen.size).toBe(6);
  });
});

describe('judgeTiming', () => {
  const sentAt = 1_000_000;
  const deadline = deadlineOf(sentAt, 30);

  it('counts answers up to the deadline plus grace, and no later', () => {
    expect(judgeTiming(deadline + 2000, sentAt, deadline, 2000).inTime).toBe(true);
    expect(judgeTiming(deadline + 2001, sentAt, deadline, 2000).inTime).toBe(false);
    expect(expired(deadline + 2000, deadline, 2000)).toBe(false);
    expect(expired(deadline + 2001, deadline, 2000)).toBe(true);
  });

  it('measures response time from sending, capped at the limit, never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: -60_000, max: 120_000 }), (offset) => {
        const { responseMs } = judgeTiming(sentAt + offset, sentAt, deadline, 2000);
        expect(responseMs).toBeGreaterThanOrEqual(0);
        expect(responseMs).toBeLessThanOrEqual(30_000);
      }),
    );
    expect(judgeTiming(sentAt + 1234, sentAt, deadline, 2000).responseMs).toBe(1234);
    expect(judgeTiming(deadline + 1500, sentAt, deadline, 2000).responseMs).toBe(30_000);
  });

  it('shows whole seconds left, never negative', () => {
    expect(secondsLeft(sentAt, deadline)).toBe(30);
    expect(secondsLeft(deadline - 1, deadline)).toBe(1);
    expect(secondsLeft(deadline + 500, deadline)).toBe(0);
  });
});

describe('choices', () => {
  it('single and true/false take exactly one offered choice; multiple at least one', () => {
    expect(choiceProblem('single', [1], [1, 2])).toBeNull();
    expect(choiceProblem('single', [1, 2], [1, 2])).toBe('count');
    expect(choiceProblem('truefalse', [], [1, 2])).toBe('count');
    expect(choiceProblem('multiple', [1, 2], [1, 2, 3])).toBeNull();
    expect(choiceProblem('multiple', [], [1, 2, 3])).toBe('count');
    expect(choiceProblem('single', [9], [1, 2])).toBe('not-offered');
    expect(choiceProblem('multiple', [1, 1], [1, 2])).toBe('duplicate');
  });

  it('is correct only with exactly the correct set, in any order', () => {
    expect(isCorrect([2, 1], [1, 2])).toBe(true);
    expect(isCorrect([1], [1, 2])).toBe(false);
    expect(isCorrect([1, 2, 3], [1, 2])).toBe(false);
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(50), { minLength: 1 }), (correct) => {
        expect(isCorrect(shuffled(correct), correct)).toBe(true);
        expect(choiceKey(shuffled(correct))).toBe(choiceKey(correct));
        expect(parseIds(choiceKey(correct)).sort((a, b) => a - b)).toEqual([...correct].sort((a, b) => a - b));
      }),
    );
  });
});
