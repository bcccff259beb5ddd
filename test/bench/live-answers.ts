import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Socket, io } from 'socket.io-client';
import { startBuiltApp } from '../support/child-app';
import { PlayArena, benchEnv, inBatches, percentile } from './play-arena';
import { Figure } from './report';

// better-sqlite3 ships no types; this is the little the bench uses to count rows.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (path: string, options: { readonly: boolean }) => { prepare(sql: string): { get(...params: unknown[]): unknown }; close(): void };

const PARTICIPANTS = 10_000;
// Everyone answers within 1.5 s of seeing the question, leaving the rest of the 2 s for the last acks.
const SPREAD_MS = Number(process.env.BENCH_SPREAD_MS ?? 1_500);
const WINDOW_S = 2;
const TARGET_P99_MS = 500;

interface Ack {
  ok: boolean;
  statusCode?: number;
  message?: unknown;
}

/**
 * A live round in a hall: 10,000 sockets joined, the host sends a question, everyone answers
 * within a second of seeing it; every ack must come after commit, and the rows are counted after.
 */
export async function liveAnswers(): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ai-race-bench-'));
  const app = await startBuiltApp('src/main.js', benchEnv(dataDir), 60_000);
  const sockets: Socket[] = [];
  try {
    const arena = await new PlayArena(app.url).setUp(PARTICIPANTS, 3);
    const roundId = await arena.openRound({ mode: 'live', secondsPerQuestion: 30 });

    const connectStarted = performance.now();
    await inBatches(arena.participantIds, 200, async (id) => {
      const socket = io(`${app.url}/live`, { transports: ['websocket'], auth: { token: arena.participantToken(id) }, reconnection: false, forceNew: true });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const joined = (await socket.timeout(30_000).emitWithAck('live:join', { roundId })) as Ack;
      if (!joined.ok) throw new Error(`live:join refused: ${JSON.stringify(joined)}`);
    });
    const connectSeconds = (performance.now() - connectStarted) / 1000;

    const latencies: number[] = [];
    const refusals: Ack[] = [];
    const received: number[] = [];
    let lastAck = 0;
    let sentAt = 0;
    const allAcked = new Promise<void>((resolve) => {
      let pending = sockets.length;
      for (const socket of sockets) {
        socket.once('live:question', ({ question }: { question: { id: number; choices: Array<{ id: number }> } }) => {
          received.push(performance.now() - sentAt);
          const choice = question.choices[Math.floor(Math.random() * question.choices.length)].id;
          setTimeout(async () => {
            const emitted = performance.now();
            try {
              const ack = (await socket.timeout(30_000).emitWithAck('live:answer', { roundId, questionId: question.id, choiceIds: [choice] })) as Ack;
              if (ack.ok) latencies.push(performance.now() - emitted);
              else refusals.push(ack);
            } catch (error) {
              refusals.push({ ok: false, message: String(error) });
            }
            lastAck = performance.now();
            if (--pending === 0) resolve();
          }, Math.random() * SPREAD_MS);
        });
      }
    });
    const clientLag = monitorEventLoopDelay({ resolution: 10 });
    clientLag.enable();
    sentAt = performance.now();
    await arena.call('POST', `/api/rounds/${roundId}/live/next`);
    await allAcked;
    const burstSeconds = (lastAck - sentAt) / 1000;
    clientLag.disable();

    const db = new Database(join(dataDir, 'ai-race.sqlite'), { readonly: true });
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM answer WHERE round_id = ?').get(roundId) as { n: number }).n;
    const answered = (db.prepare('SELECT SUM(answered) AS n FROM attempt WHERE round_id = ?').get(roundId) as { n: number }).n;
    db.close();
    latencies.sort((a, b) => a - b);
    received.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    const conditions = `${PARTICIPANTS.toLocaleString('en-US')} socket.io clients (websocket) in the bench process, app in its own, SQLite; answers spread over ${SPREAD_MS} ms after the question arrives`;
    const lostOrDouble = Math.abs(rows - latencies.length) + Math.abs(answered - latencies.length);
    if (refusals.length) console.warn(`${refusals.length} answers refused, first: ${JSON.stringify(refusals[0])}`);
    return [
      { name: 'live: 10,000 sockets connected and joined', value: connectSeconds, unit: 's', conditions: '200 at a time' },
      { name: 'live: question reaches every socket, p99', value: percentile(received, 99), unit: 'ms', conditions },
      { name: 'live: every answer acked, from the question', value: burstSeconds, unit: 's', target: `≤ ${WINDOW_S} s`, met: burstSeconds <= WINDOW_S && !refusals.length, conditions },
      { name: 'live: ack after commit, p99', value: p99, unit: 'ms', target: `< ${TARGET_P99_MS} ms`, met: p99 < TARGET_P99_MS, conditions },
      { name: 'live: event-loop lag of the bench client, p99', value: clientLag.percentile(99) / 1e6, unit: 'ms', conditions: 'during the burst: the part of the ack time spent in the client, not the server' },
      { name: 'live: answers acked', value: latencies.length, unit: 'answers', target: PARTICIPANTS.toLocaleString('en-US'), met: latencies.length === PARTICIPANTS, conditions: `${refusals.length} refused or timed out` },
      { name: 'live: rows lost or double-counted', value: lostOrDouble, unit: 'rows', target: '0', met: lostOrDouble === 0, conditions: `${rows} answer rows, attempts say ${answered} answered, ${latencies.length} acked` },
    ];
  } finally {
    sockets.forEach((socket) => socket.disconnect());
    app.child.kill('SIGTERM');
    await app.exited;
  }
}
