import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { ScoreStore } from './score-store';

const BATCH = 10_000;

/** Boards as Redis sorted sets, shared by every instance: ZADD GT keeps the higher score. */
export class RedisScoreStore implements ScoreStore {
  readonly kind = 'redis' as const;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async raise(board: string, id: number, score: number): Promise<void> {
    await this.redis.zadd(this.key(board), 'GT', score, String(id));
  }

  async top(board: string, offset: number, limit: number): Promise<Array<{ id: number; score: number; rank: number }>> {
    const flat = await this.redis.zrevrange(this.key(board), offset, offset + limit - 1, 'WITHSCORES');
    const entries: Array<{ id: number; score: number; rank: number }> = [];
    for (let i = 0; i < flat.length; i += 2) entries.push({ id: Number(flat[i]), score: Number(flat[i + 1]), rank: 0 });
    if (!entries.length) return entries;
    // Competition ranks: the first from a count of better scores, the rest from their neighbours.
    entries[0].rank = (await this.redis.zcount(this.key(board), `(${entries[0].score}`, '+inf')) + 1;
    for (let i = 1; i < entries.length; i++) entries[i].rank = entries[i].score === entries[i - 1].score ? entries[i - 1].rank : offset + i + 1;
    return entries;
  }

  async rankOf(board: string, id: number): Promise<{ rank: number; score: number } | null> {
    const score = await this.redis.zscore(this.key(board), String(id));
    if (score === null) return null;
    return { rank: (await this.redis.zcount(this.key(board), `(${score}`, '+inf')) + 1, score: Number(score) };
  }

  size(board: string): Promise<number> {
    return this.redis.zcard(this.key(board));
  }

  async replace(board: string, entries: Array<{ id: number; score: number }>): Promise<void> {
    // Built beside the live key and swapped in at once, so readers never see half a board.
    // A key of its own: two rebuilds at once in one process renamed each other's away (a 500).
    const building = `${this.key(board)}:building:${randomUUID()}`;
    await this.redis.del(building);
    for (let start = 0; start < entries.length; start += BATCH) {
      const args: Array<string | number> = [];
      for (const { id, score } of entries.slice(start, start + BATCH)) args.push(score, String(id));
      await this.redis.zadd(building, ...args);
    }
    if (entries.length) await this.redis.rename(building, this.key(board));
    else await this.redis.del(this.key(board));
  }

  async raiseAll(board: string, entries: Array<{ id: number; score: number }>): Promise<void> {
    for (let start = 0; start < entries.length; start += BATCH) {
      const args: Array<string | number> = [];
      for (const { id, score } of entries.slice(start, start + BATCH)) args.push(score, String(id));
      await this.redis.zadd(this.key(board), 'GT', ...args);
    }
  }

  private key(board: string): string {
    return `${this.prefix}:board:${board}`;
  }
}
