import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { BoardRegistry, BoardState, MemoryBoardRegistry, RedisBoardRegistry } from './board-registry';

// The Redis registry runs when the scaled profile's Redis is there (REDIS_URL).
const redisUrl = process.env.REDIS_URL;
const redis = redisUrl ? new Redis(redisUrl) : null;
afterAll(() => redis?.disconnect());

const board = (key: string) => ({ key, spec: { board: 'units', race: 1 }, scope: 'race:1' });
const fresh: BoardState = { seq: 0, version: 3, last: [{ id: 1, rank: 1 }] };

describe('MemoryBoardRegistry', () => {
  it('keeps the first state of a board and forgets boards no longer watched', async () => {
    const registry = new MemoryBoardRegistry();
    expect(await registry.lead()).toBe(true);
    expect(await registry.watch(board('a'), fresh)).toEqual(fresh);
    await registry.saved('a', { seq: 4, version: 9, last: [] });
    expect(await registry.watch(board('a'), fresh)).toEqual({ seq: 4, version: 9, last: [] });
    await registry.watch(board('b'), fresh);
    await registry.keep([board('b')]);
    expect((await registry.boards()).map((b) => b.key)).toEqual(['b']);
  });
});

if (redis)
  describe('RedisBoardRegistry (REDIS_URL)', () => {
    let prefix: string;
    let registries: Array<BoardRegistry<unknown>>;
    beforeEach(() => {
      prefix = `ai-race-test-${randomBytes(4).toString('hex')}`;
      registries = [new RedisBoardRegistry(redis, prefix), new RedisBoardRegistry(redis, prefix)];
    });
    afterEach(async () => {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
    });

    it('lets one instance tick at a time and shares boards and their seq between instances', async () => {
      const [first, second] = registries;
      expect(await Promise.all([first.lead(), second.lead(), first.lead(), second.lead()])).toEqual([true, false, true, false]);
      await first.watch(board('a'), fresh);
      await first.saved('a', { seq: 7, version: 4, last: [] });
      // The second instance's screen on the same board continues the same seq.
      expect(await second.watch(board('a'), fresh)).toEqual({ seq: 7, version: 4, last: [] });
      await second.watch(board('b'), fresh);
      expect((await first.boards()).map((b) => [b.key, b.state.seq])).toEqual([
        ['a', 7],
        ['b', 0],
      ]);
    });

    it('hands the lease over when its holder stops renewing it', async () => {
      const [first, second] = registries;
      expect(await first.lead()).toBe(true);
      await redis.pexpire(`${prefix}:boards:ticker`, 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await second.lead()).toBe(true);
      expect(await first.lead()).toBe(false);
    });

    it('forgets a board no instance has kept for five seconds, and only such a board', async () => {
      const [first, second] = registries;
      await first.watch(board('old'), fresh);
      await first.watch(board('kept'), fresh);
      await redis.zadd(`${prefix}:boards:seen`, Date.now() - 6_000, 'old', Date.now() - 6_000, 'kept');
      await second.keep([board('kept')]);
      expect((await first.boards()).map((b) => b.key)).toEqual(['kept']);
      expect(await redis.hexists(`${prefix}:boards:state`, 'old')).toBe(0);
    });
  });
