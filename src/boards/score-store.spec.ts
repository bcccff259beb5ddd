import fc from 'fast-check';
import { MemoryScoreStore } from './score-store';

/** The memory store against a plain sort of the same scores. */
describe('MemoryScoreStore', () => {
  const oracle = (scores: Map<number, number>) => {
    const sorted = [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
    return sorted.map((entry) => ({ ...entry, rank: sorted.filter((other) => other.score > entry.score).length + 1 }));
  };

  it('ranks, pages and keeps the higher of two writes like a sort would', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 5000 })), { maxLength: 120 }),
        fc.nat(50),
        fc.integer({ min: 1, max: 30 }),
        async (writes, offset, limit) => {
          const store = new MemoryScoreStore();
          const truth = new Map<number, number>();
          for (const [id, score] of writes) {
            await store.raise('b', id, score);
            truth.set(id, Math.max(truth.get(id) ?? 0, score));
          }
          const expected = oracle(truth);
          const page = await store.top('b', offset, limit);
          expect(page.map((e) => [e.score, e.rank])).toEqual(expected.slice(offset, offset + limit).map((e) => [e.score, e.rank]));
          expect(new Set(page.map((e) => e.id)).size).toBe(page.length);
          expect(await store.size('b')).toBe(truth.size);
          for (const entry of expected) expect(await store.rankOf('b', entry.id)).toEqual({ rank: entry.rank, score: entry.score });
        },
      ),
    );
  });

  it('grows past its first size and rebuilds from a list', async () => {
    const store = new MemoryScoreStore();
    await store.replace('b', [{ id: 1, score: 250_000 }, { id: 2, score: 3 }, { id: 3, score: 250_000 }]);
    expect(await store.top('b', 0, 5)).toEqual([{ id: 1, score: 250_000, rank: 1 }, { id: 3, score: 250_000, rank: 1 }, { id: 2, score: 3, rank: 3 }]);
    await store.raise('b', 2, 2);
    expect(await store.rankOf('b', 2)).toEqual({ rank: 3, score: 3 });
    expect(await store.top('nothing', 0, 5)).toEqual([]);
  });
});
