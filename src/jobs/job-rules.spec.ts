import fc from 'fast-check';
import { retryDelayMs } from './job-driver';
import { missingHandlers } from './missing-handlers';

describe('missingHandlers', () => {
  it('lists names without a handler, in order', () => {
    expect(missingHandlers(['a', 'b', 'c'], ['b'])).toEqual(['a', 'c']);
    expect(missingHandlers(['a'], new Set(['a', 'extra']))).toEqual([]);
  });
});

describe('retryDelayMs', () => {
  it('doubles from one second and never exceeds a minute', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (attempt) => {
        const delay = retryDelayMs(attempt);
        return delay >= 1000 && delay <= 60000 && retryDelayMs(attempt + 1) >= delay;
      }),
    );
  });
});
