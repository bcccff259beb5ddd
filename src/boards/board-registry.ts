import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Ranked } from './board-rules';

/** What the ticker remembers of a board between ticks: the last update sent. */
export interface BoardState {
  seq: number;
  /** The scope's change counter when the board was last read. */
  version: number;
  last: Ranked[];
}

/** A board some screen watches: its key, what to read, and the race or round it depends on. */
export interface WatchedBoard<Spec> {
  key: string;
  spec: Spec;
  scope: string;
}

/**
 * Which boards are watched, which instance ticks them, and the last update each board sent.
 * In one process that is a few maps; with Redis every instance registers the boards its
 * sockets watch and one instance, holding a lease, ticks them all, so each board has one
 * rising `seq` and every screen gets each update once, whichever instance it is connected to.
 */
export interface BoardRegistry<Spec> {
  /** Registers a board a local socket watches; returns its state, created from `initial` if new. */
  watch(board: WatchedBoard<Spec>, initial: BoardState): Promise<BoardState>;
  /** Keeps the boards watched here registered; boards no instance keeps are dropped. */
  keep(boards: Array<WatchedBoard<Spec>>): Promise<void>;
  /** True while this instance is the one that ticks; takes the lease over when it lapsed. */
  lead(): Promise<boolean>;
  /** Every board watched anywhere, with its state. */
  boards(): Promise<Array<WatchedBoard<Spec> & { state: BoardState }>>;
  saved(key: string, state: BoardState): Promise<void>;
}

export class MemoryBoardRegistry<Spec> implements BoardRegistry<Spec> {
  private readonly watched = new Map<string, WatchedBoard<Spec> & { state: BoardState }>();

  async watch(board: WatchedBoard<Spec>, initial: BoardState): Promise<BoardState> {
    const known = this.watched.get(board.key);
    if (known) return known.state;
    this.watched.set(board.key, { ...board, state: initial });
    return initial;
  }

  async keep(boards: Array<WatchedBoard<Spec>>): Promise<void> {
    const kept = new Set(boards.map((board) => board.key));
    for (const key of this.watched.keys()) if (!kept.has(key)) this.watched.delete(key);
  }

  async lead(): Promise<boolean> {
    return true;
  }

  async boards(): Promise<Array<WatchedBoard<Spec> & { state: BoardState }>> {
    return [...this.watched.values()];
  }

  async saved(key: string, state: BoardState): Promise<void> {
    const board = this.watched.get(key);
    if (board) board.state = state;
  }
}

/** A board no instance has kept for this long is no longer ticked. */
const FORGET_MS = 5_000;
/** The ticker's lease; renewed every tick, so another instance takes over within this time. */
const LEASE_MS = 2_000;

const FORGET = `local stale = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
for _, key in ipairs(stale) do
  redis.call('ZREM', KEYS[1], key)
  redis.call('HDEL', KEYS[2], key)
  redis.call('HDEL', KEYS[3], key)
end
return #stale`;

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0`;

export class RedisBoardRegistry<Spec> implements BoardRegistry<Spec> {
  private readonly instance = randomUUID();
  private readonly seen: string;
  private readonly specs: string;
  private readonly states: string;
  private readonly lease: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.seen = `${prefix}:boards:seen`;
    this.specs = `${prefix}:boards:spec`;
    this.states = `${prefix}:boards:state`;
    this.lease = `${prefix}:boards:ticker`;
  }

  async watch(board: WatchedBoard<Spec>, initial: BoardState): Promise<BoardState> {
    const replies = await this.redis
      .multi()
      .hset(this.specs, board.key, JSON.stringify(board))
      .zadd(this.seen, Date.now(), board.key)
      .hsetnx(this.states, board.key, JSON.stringify(initial))
      .hget(this.states, board.key)
      .exec();
    const state = replies![3][1] as string;
    return JSON.parse(state) as BoardState;
  }

  async keep(boards: Array<WatchedBoard<Spec>>): Promise<void> {
    const now = Date.now();
    const batch = this.redis.multi();
    if (boards.length) {
      batch.zadd(this.seen, ...boards.flatMap((board) => [now, board.key]));
      batch.hset(this.specs, Object.fromEntries(boards.map((board) => [board.key, JSON.stringify(board)])));
    }
    // Checked and removed in one script, so a board kept meanwhile by another instance stays.
    batch.eval(FORGET, 3, this.seen, this.specs, this.states, now - FORGET_MS);
    await batch.exec();
  }

  async lead(): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.lease, this.instance, LEASE_MS)) === 1;
  }

  async boards(): Promise<Array<WatchedBoard<Spec> & { state: BoardState }>> {
    const keys = await this.redis.zrange(this.seen, 0, -1);
    if (!keys.length) return [];
    const [specs, states] = await Promise.all([this.redis.hmget(this.specs, ...keys), this.redis.hmget(this.states, ...keys)]);
    return keys.flatMap((_key, i) => {
      const spec = specs[i];
      // A board forgotten while its instance was stalled starts again; screens see the seq gap and resubscribe.
      const state = states[i] ? (JSON.parse(states[i]) as BoardState) : { seq: 0, version: -1, last: [] };
      return spec ? [{ ...(JSON.parse(spec) as WatchedBoard<Spec>), state }] : [];
    });
  }

  async saved(key: string, state: BoardState): Promise<void> {
    await this.redis.hset(this.states, key, JSON.stringify(state));
  }
}
