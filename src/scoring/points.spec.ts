import fc from 'fast-check';
import { FULL_POINTS, STREAK_CAP, answerPoints, nextStreak, scoreAttempt, streakBonus } from './points';

const on = { speedBonus: true, streakBonus: true };

describe('answer points', () => {
  it('follows round(1000 × (1 − t / 2T))', () => {
    expect(answerPoints(true, 0, 30000, on)).toBe(1000);
    expect(answerPoints(true, 15000, 30000, on)).toBe(750);
    expect(answerPoints(true, 30000, 30000, on)).toBe(500);
    expect(answerPoints(true, 10000, 30000, on)).toBe(833);
    expect(answerPoints(false, 0, 30000, on)).toBe(0);
    expect(answerPoints(true, 29000, 30000, { speedBonus: false })).toBe(FULL_POINTS);
  });

  it('stays within 500–1000 for a correct answer, grace included', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 400000 }), fc.integer({ min: 5000, max: 300000 }), (t, limit) => {
        const points = answerPoints(true, t, limit, on);
        return points >= 500 && points <= 1000;
      }),
    );
  });

  it('never rewards a slower answer more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300000 }), fc.integer({ min: 0, max: 300000 }), fc.integer({ min: 5000, max: 300000 }), (a, b, limit) => {
        const [fast, slow] = a <= b ? [a, b] : [b, a];
        return answerPoints(true, fast, limit, on) >= answerPoints(true, slow, limit, on);
      }),
    );
  });
});

describe('streaks', () => {
  it('adds 100 per consecutive correct answer after the first, capped at 500', () => {
    expect([1, 2, 3, 6, 7, 20].map((s) => streakBonus(s, on))).toEqual([0, 100, 200, 500, 500, 500]);
    expect(streakBonus(4, { streakBonus: false })).toBe(0);
    expect(nextStreak(3, true)).toBe(4);
    expect(nextStreak(3, false)).toBe(0);
  });

  it('never gives a bonus above the cap, and a wrong answer resets the run', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ correct: fc.boolean(), responseMs: fc.nat(30000) }), { maxLength: 40 }), (answers) => {
        const { score, streak } = scoreAttempt(answers, 30000, on);
        const correct = answers.filter((a) => a.correct).length;
        const lastWrong = answers.map((a) => a.correct).lastIndexOf(false);
        return score <= correct * (1000 + STREAK_CAP) && score >= correct * 500 && streak === answers.length - 1 - lastWrong;
      }),
    );
  });
});
