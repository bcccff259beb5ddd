import fc from 'fast-check';
import type { RoundStatus } from '../contract/races';
import { ROUND_STATUSES, applyAction, dueStatus } from './round-lifecycle';

describe('round lifecycle', () => {
  it('allows only forward moves', () => {
    expect(applyAction('draft', 'schedule')).toBe('scheduled');
    expect(applyAction('draft', 'open')).toBe('open');
    expect(applyAction('scheduled', 'open')).toBe('open');
    expect(applyAction('open', 'close')).toBe('closed');
    expect(applyAction('closed', 'open')).toBeNull();
    expect(applyAction('open', 'schedule')).toBeNull();
    expect(applyAction('draft', 'close')).toBeNull();
  });

  it('opens and closes on time, also when both were missed', () => {
    const hour = 3600_000;
    expect(dueStatus({ status: 'scheduled', opensAt: 0, closesAt: hour }, hour / 2)).toBe('open');
    expect(dueStatus({ status: 'scheduled', opensAt: 0, closesAt: hour }, 2 * hour)).toBe('closed');
    expect(dueStatus({ status: 'open', opensAt: 0, closesAt: null }, 99 * hour)).toBe('open');
    expect(dueStatus({ status: 'draft', opensAt: 0, closesAt: hour }, 2 * hour)).toBe('draft');
  });

  it('never moves a round backwards and is the same when asked twice', () => {
    const order = (s: RoundStatus) => ROUND_STATUSES.indexOf(s);
    fc.assert(
      fc.property(
        fc.constantFrom(...ROUND_STATUSES),
        fc.option(fc.nat(1000), { nil: null }),
        fc.option(fc.nat(1000), { nil: null }),
        fc.nat(1000),
        (status, opensAt, closesAt, now) => {
          const round = { status, opensAt, closesAt };
          const due = dueStatus(round, now);
          return order(due) >= order(status) && dueStatus({ ...round, status: due }, now) === due;
        },
      ),
    );
  });
});
