import fc from 'fast-check';
import { competitionRanks, pageRanks, participationRate } from './ranking';

describe('ranking', () => {
  it('ranks ties alike and skips the places they take', () => {
    expect(competitionRanks([900, 800, 800, 700, 700, 700, 100], (a, b) => a === b)).toEqual([1, 2, 2, 4, 4, 4, 7]);
    expect(competitionRanks([], (a, b) => a === b)).toEqual([]);
  });

  it('gives rank i+1 to an entry that ties with nobody before it, and never more than its place', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 })), (scores) => {
        const sorted = [...scores].sort((a, b) => b - a);
        const ranks = competitionRanks(sorted, (a, b) => a === b);
        return ranks.every((rank, i) => rank <= i + 1 && (i === 0 || sorted[i - 1] !== sorted[i] ? rank === i + 1 : rank === ranks[i - 1]));
      }),
    );
  });

  it('ranks a page as the whole ranking does, whatever the page', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 })), fc.nat(10), fc.integer({ min: 1, max: 10 }), (scores, offset, limit) => {
        const sorted = [...scores].sort((a, b) => b - a);
        const whole = competitionRanks(sorted, (a, b) => a === b);
        const page = sorted.slice(offset, offset + limit);
        const above = page.length ? sorted.filter((score) => score > page[0]).length : 0;
        expect(pageRanks(page, offset, above)).toEqual(whole.slice(offset, offset + limit));
      }),
    );
  });

  it('computes the article’s participation figures', () => {
    expect(participationRate(2751, 2896)).toBeCloseTo(0.9499, 4);
    expect((participationRate(2175, 2223) * 100).toFixed(2)).toBe('97.84');
    expect((participationRate(397, 474) * 100).toFixed(2)).toBe('83.76');
    expect(participationRate(3, 0)).toBe(0);
  });
});
