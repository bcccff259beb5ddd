import Redis from 'ioredis';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisScoreStore } from '../../src/boards/redis-score-store';
import { MemoryScoreStore, ScoreStore } from '../../src/boards/score-store';
import { percentile } from './play-arena';
import { Figure } from './report';

// better-sqlite3 ships no types; this is the little the bench uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (path: string) => {
  exec(sql: string): void;
  prepare(sql: string): { run(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
  transaction<T>(fn: () => T): () => T;
  close(): void;
};

const PARTICIPANTS = 1_000_000;
const QUERIES = 5_000;
const TARGET_QUERY_MS = 2;
const TARGET_REBUILD_S = 10;

/**
 * The individuals' board at a million participants: a rebuild (read the standings from SQLite,
 * fill the store) and top-20 plus one's own rank, in the memory store and in Redis when it answers.
 */
export async function boardStore(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ai-race-bench-'));
  const db = new Database(join(dir, 'standings.sqlite'));
  db.exec('CREATE TABLE race_standing (race_id INTEGER, participant_id INTEGER, score INTEGER)');
  db.exec('CREATE INDEX IDX_race_standing_score ON race_standing (race_id, score)');
  const insert = db.prepare('INSERT INTO race_standing VALUES (1, ?, ?)');
  db.transaction(() => {
    // Scores as a month of rounds gives: most in the middle, a long tail, many ties.
    for (let id = 1; id <= PARTICIPANTS; id++) insert.run(id, Math.round(Math.random() * Math.random() * 60_000));
  })();

  const stores: Array<[string, ScoreStore, () => Promise<void>]> = [['memory', new MemoryScoreStore(), async () => undefined]];
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  const prefix = `ai-race-bench-${process.pid}`;
  if (
    await redis.connect().then(
      () => true,
      () => false,
    )
  ) {
    stores.push(['redis', new RedisScoreStore(redis, prefix), async () => void (await redis.del(`${prefix}:board:race:1`))]);
  } else redis.disconnect();

  const figures: Figure[] = [];
  try {
    for (const [kind, store, cleanUp] of stores) {
      const started = performance.now();
      const entries = db.prepare('SELECT participant_id AS id, score FROM race_standing WHERE race_id = ?').all(1) as Array<{ id: number; score: number }>;
      await store.replace('race:1', entries);
      const rebuildSeconds = (performance.now() - started) / 1000;
      const times: number[] = [];
      for (let i = 0; i < QUERIES; i++) {
        const t0 = performance.now();
        await store.top('race:1', 0, 20);
        await store.rankOf('race:1', 1 + Math.floor(Math.random() * PARTICIPANTS));
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p99 = percentile(times, 99);
      const conditions = `${PARTICIPANTS.toLocaleString('en-US')} participants with random scores (many ties), ${kind} store${kind === 'redis' ? ' on 127.0.0.1' : ''}, in the bench process`;
      figures.push(
        {
          name: `board ${kind}: rebuild of 1,000,000 from SQLite`,
          value: rebuildSeconds,
          unit: 's',
          target: `≤ ${TARGET_REBUILD_S} s`,
          met: rebuildSeconds <= TARGET_REBUILD_S,
          conditions,
        },
        {
          name: `board ${kind}: top-20 + own rank, p99`,
          value: p99,
          unit: 'ms',
          target: `≤ ${TARGET_QUERY_MS} ms`,
          met: p99 <= TARGET_QUERY_MS,
          conditions: `${QUERIES} queries; ${conditions}`,
        },
      );
      await cleanUp();
    }
  } finally {
    db.close();
    if (redis.status === 'ready') redis.disconnect();
  }
  return figures;
}
