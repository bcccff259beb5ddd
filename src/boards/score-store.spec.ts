import fc from 'fast-check';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RedisScoreStore } from './redis-score-store';
import { MemoryScoreStore, ScoreStore } from './score-store';

// The Redis store runs the same checks when the scaled profile's Redis is there (REDIS_URL).
const redisUrl = process.env.REDIS_URL;
const redis = redisUrl ? new Redis(redisUrl) : null;
const prefix = `ai-race-test-${randomBytes(4).toString('hex')}`;
let boards = 0;
afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const stores: Array<[string, () => { store: ScoreStore; board: string }]> = [
  ['MemoryScoreStore', () => ({ store: new MemoryScoreStore(), board: 'b' })],
  ...(redis
    ? [
        ['RedisScoreStore', () => ({ store: new RedisScoreStore(redis, prefix), board: `b${++boards}` })] as [
          string,
          () => { store: ScoreStore; board: string },
        ],
      ]
    : []),
];

/** Each store against a plain sort of the same scores. */
describe.each(stores)('%s', (_name, make) => {
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
          const { store, board } = make();
          const truth = new Map<number, number>();
          for (const [id, score] of writes) {
            await store.raise(board, id, score);
            truth.set(id, Math.max(truth.get(id) ?? 0, score));
          }
          const expected = oracle(truth);
          const page = await store.top(board, offset, limit);
          expect(page.map((e) => [e.score, e.rank])).toEqual(expected.slice(offset, offset + limit).map((e) => [e.score, e.rank]));
          expect(new Set(page.map((e) => e.id)).size).toBe(page.length);
          expect(await store.size(board)).toBe(truth.size);
          for (const entry of expected) expect(await store.rankOf(board, entry.id)).toEqual({ rank: entry.rank, score: entry.score });
        },
      ),
      { numRuns: redis ? 40 : 100 },
    );
  });

  it('grows past its first size and rebuilds from a list', async () => {
    const { store, board: b } = make();
    await store.replace(b, [
      { id: 1, score: 250_000 },
      { id: 2, score: 3 },
      { id: 3, score: 250_000 },
    ]);
    expect((await store.top(b, 0, 5)).map((e) => [e.score, e.rank])).toEqual([
      [250_000, 1],
      [250_000, 1],
      [3, 3],
    ]);
    await store.raise(b, 2, 2);
    expect(await store.rankOf(b, 2)).toEqual({ rank: 3, score: 3 });
    expect(await store.top('nothing', 0, 5)).toEqual([]);
  });

  it('refills in place without undoing a raise made meanwhile', async () => {
    const { store, board: b } = make();
    await store.raise(b, 1, 900);
    // A refill read from the database just before person 1's latest answer, and person 2 from nothing.
    await store.raiseAll(b, [
      { id: 1, score: 700 },
      { id: 2, score: 800 },
    ]);
    expect((await store.top(b, 0, 5)).map((e) => [e.id, e.score, e.rank])).toEqual([
      [1, 900, 1],
      [2, 800, 2],
    ]);
  });
});
