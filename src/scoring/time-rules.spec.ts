import fc from 'fast-check';
import { TIME_MULTIPLIERS } from '../contract/org';
import { answerPoints } from './points';
import { countedResponseMs, extendable, multiplierOf, percentOf, personalDeadline } from './time-rules';

const multiplier = fc.constantFrom(...TIME_MULTIPLIERS);
const seconds = fc.integer({ min: 5, max: 300 });
const sentAt = fc.integer({ min: 0, max: 4_000_000_000_000 });

describe('time for those who need it', () => {
  it('gives a person their multiple of the round time, exactly', () => {
    expect(personalDeadline(1000, 30, 100)).toBe(31000);
    expect(personalDeadline(1000, 30, 150)).toBe(46000);
    expect(personalDeadline(1000, 30, 200)).toBe(61000);
    expect(personalDeadline(1000, 30, '300')).toBe(91000);
    fc.assert(
      fc.property(sentAt, seconds, multiplier, (at, s, m) => {
        const deadline = personalDeadline(at, s, percentOf(m));
        return Number.isInteger(deadline) && deadline - at === s * 1000 * m;
      }),
    );
  });

  it('never gives anyone less than the round time, and more for a larger multiplier', () => {
    fc.assert(
      fc.property(sentAt, seconds, multiplier, multiplier, (at, s, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        return (
          personalDeadline(at, s, percentOf(small)) >= at + s * 1000 && personalDeadline(at, s, percentOf(small)) <= personalDeadline(at, s, percentOf(large))
        );
      }),
    );
  });

  it('round-trips multipliers through per cent; unknown figures read as ordinary time', () => {
    for (const m of TIME_MULTIPLIERS) expect(multiplierOf(percentOf(m))).toBe(m);
    expect(multiplierOf('150')).toBe(1.5);
    expect(multiplierOf(175)).toBe(1);
    expect(multiplierOf(null)).toBe(1);
  });

  it('lets a ×2 person answer at 1.5× the round time, not others, and scores them at their own scale', () => {
    const limit = 10_000;
    const at = 50_000;
    const received = at + 15_000;
    const ordinary = personalDeadline(at, 10, 100);
    const doubled = personalDeadline(at, 10, 200);
    expect(received > ordinary).toBe(true);
    expect(received <= doubled).toBe(true);
    // Speed points against their own 20 s: 15 s of 20 scores as an ordinary 7.5 s of 10 does.
    const speed = { speedBonus: true };
    expect(answerPoints(true, received - at, doubled - at, speed)).toBe(answerPoints(true, 7_500, limit, speed));
  });

  it('spares an accommodated person the speed penalty in a live round, nobody else and never in a window round', () => {
    fc.assert(
      fc.property(fc.constantFrom('live', 'window'), multiplier, fc.integer({ min: 0, max: 300_000 }), (mode, m, ms) => {
        const counted = countedResponseMs(mode, percentOf(m), ms);
        return mode === 'live' && m > 1 ? counted === 0 : counted === ms;
      }),
    );
    expect(answerPoints(true, countedResponseMs('live', 200, 9_000), 10_000, { speedBonus: true })).toBe(1000);
  });

  it('extends a live question only while its clock runs', () => {
    expect(extendable(1000, 1000)).toBe(true);
    expect(extendable(999, 1000)).toBe(true);
    expect(extendable(1001, 1000)).toBe(false);
    expect(extendable(0, null)).toBe(false);
  });
});
