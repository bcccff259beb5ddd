import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Socket, io } from 'socket.io-client';
import { startBuiltApp } from '../support/child-app';
import { PlayArena, inBatches, percentile } from './play-arena';
import { BenchProfile } from './profiles';
import { Figure } from './report';

const PARTICIPANTS = 10_000;
// Everyone answers within 1.5 s of seeing the question, leaving the rest of the 2 s for the last acks.
const SPREAD_MS = Number(process.env.BENCH_SPREAD_MS ?? 1_500);
const WINDOW_S = 2;
const SCREENS = Number(process.env.BENCH_SCREENS ?? 20);
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
export async function liveAnswers(profile: BenchProfile, participants = PARTICIPANTS): Promise<Figure[]> {
  const storage = await profile.storage();
  const app = await startBuiltApp('src/main.js', storage.env, 60_000);
  const sockets: Socket[] = [];
  const players: Socket[] = [];
  try {
    const arena = await new PlayArena(app.url).setUp(participants, 3);
    const roundId = await arena.openRound({ mode: 'live', secondsPerQuestion: 30 });

    const connectStarted = performance.now();
    await inBatches(arena.participantIds, 200, async (id) => {
      const socket = io(`${app.url}/live`, { transports: ['websocket'], auth: { token: arena.participantToken(id) }, reconnection: false, forceNew: true });
      sockets.push(socket);
      players.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const joined = (await socket.timeout(30_000).emitWithAck('live:join', { roundId })) as Ack;
      if (!joined.ok) throw new Error(`live:join refused: ${JSON.stringify(joined)}`);
    });
    const connectSeconds = (performance.now() - connectStarted) / 1000;

    // Twenty big screens watch the race's boards while the hall answers, each with its own token (one token holds only a few sockets).
    const updateTimes: number[][] = [];
    for (let i = 0; i < SCREENS; i++) {
      const screenToken = ((await arena.call('POST', '/api/screen-tokens', { label: `Màn hình đo tải ${i + 1}` })) as { token: string }).token;
      const screen = io(`${app.url}/live`, { transports: ['websocket'], auth: { token: screenToken }, reconnection: false, forceNew: true });
      sockets.push(screen);
      await new Promise<void>((resolve) => screen.once('connect', () => resolve()));
      const times: number[] = [];
      updateTimes.push(times);
      screen.on('board:update', () => times.push(performance.now()));
      const ack = (await screen.emitWithAck('board:subscribe', { board: i % 2 ? 'units' : 'individuals', race: arena.raceId })) as Ack;
      if (!ack.ok) throw new Error(`board:subscribe refused: ${JSON.stringify(ack)}`);
    }
    await scrape(app.url); // resets the server's event-loop histogram: what follows is the burst alone

    const latencies: number[] = [];
    const ackTimes: number[] = [];
    const refusals: Ack[] = [];
    const received: number[] = [];
    let lastAck = 0;
    let sentAt = 0;
    const allAcked = new Promise<void>((resolve) => {
      let pending = players.length;
      for (const socket of players) {
        socket.once('live:question', ({ question }: { question: { id: number; choices: Array<{ id: number }> } }) => {
          received.push(performance.now() - sentAt);
          const choice = question.choices[Math.floor(Math.random() * question.choices.length)].id;
          setTimeout(
            () =>
              void (async () => {
                const emitted = performance.now();
                try {
                  const ack = (await socket.timeout(30_000).emitWithAck('live:answer', { roundId, questionId: question.id, choiceIds: [choice] })) as Ack;
                  if (ack.ok) {
                    latencies.push(performance.now() - emitted);
                    ackTimes.push(performance.now());
                  } else refusals.push(ack);
                } catch (error) {
                  refusals.push({ ok: false, message: String(error) });
                }
                lastAck = performance.now();
                if (--pending === 0) resolve();
              })(),
            Math.random() * SPREAD_MS,
          );
        });
      }
    });
    const clientLag = monitorEventLoopDelay({ resolution: 10 });
    clientLag.enable();
    sentAt = performance.now();
    await arena.call('POST', `/api/rounds/${roundId}/live/next`);
    // A lost question or ack must fail the bench, not hang it.
    await Promise.race([allAcked, new Promise<void>((resolve) => setTimeout(resolve, 60_000))]);
    if (received.length < players.length || lastAck === 0) {
      throw new Error(
        `${received.length} of ${players.length} sockets got the question, ${latencies.length} acks, ${refusals.length} refusals: ${JSON.stringify(refusals[0] ?? null)}`,
      );
    }
    const burstSeconds = (lastAck - sentAt) / 1000;
    clientLag.disable();
    await new Promise((resolve) => setTimeout(resolve, 3000)); // the last ticks, later on a loaded server
    const server = await scrape(app.url);
    // Commit → screen: from each ack (just after its commit) to the next update each screen received.
    const toScreen: number[] = [];
    for (const times of updateTimes) {
      let next = 0;
      for (const acked of [...ackTimes].sort((a, b) => a - b)) {
        while (next < times.length && times[next] < acked) next++;
        toScreen.push(next < times.length ? times[next] - acked : Infinity);
      }
    }
    toScreen.sort((a, b) => a - b);

    // An overloaded server is still committing answers whose acks timed out: count once it has caught up.
    let rows = -1;
    for (let stableSince = performance.now(), waited = 0; waited < 120_000; waited += 500) {
      const now = await storage.count('SELECT COUNT(*) AS n FROM answer WHERE round_id = ?', [roundId]);
      if (now !== rows) stableSince = performance.now();
      else if (performance.now() - stableSince >= 2000) break;
      rows = now;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const answered = await storage.count('SELECT SUM(answered) AS n FROM attempt WHERE round_id = ?', [roundId]);
    latencies.sort((a, b) => a - b);
    received.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    const conditions = `${participants.toLocaleString('en-US')} socket.io clients (websocket) in the bench process, app in its own; answers spread over ${SPREAD_MS} ms after the question arrives`;
    // Lost: acked but not stored. Double: the attempts count other than the rows. Stored but not
    // acked (the ack timed out) is neither: the phone sends it again and gets the same reply.
    const lostOrDouble = Math.max(0, latencies.length - rows) + Math.abs(answered - rows);
    if (refusals.length) console.warn(`${refusals.length} answers refused, first: ${JSON.stringify(refusals[0])}`);
    return [
      { name: 'live: 10,000 sockets connected and joined', value: connectSeconds, unit: 's', conditions: '200 at a time' },
      { name: 'live: question reaches every socket, p99', value: percentile(received, 99), unit: 'ms', conditions },
      {
        name: 'live: every answer acked, from the question',
        value: burstSeconds,
        unit: 's',
        target: `≤ ${WINDOW_S} s`,
        met: burstSeconds <= WINDOW_S && !refusals.length,
        conditions,
      },
      { name: 'live: ack after commit, p99', value: p99, unit: 'ms', target: `< ${TARGET_P99_MS} ms`, met: p99 < TARGET_P99_MS, conditions },
      {
        name: 'live: event-loop lag of the bench client, p99',
        value: clientLag.percentile(99) / 1e6,
        unit: 'ms',
        conditions: 'during the burst: the part of the ack time spent in the client, not the server',
      },
      {
        name: 'live: commit → board:update on 20 screens, p99',
        value: percentile(toScreen, 99),
        unit: 'ms',
        target: '≤ 300 ms',
        met: percentile(toScreen, 99) <= 300,
        conditions: `from each ack to the next update each screen received; ${conditions}`,
      },
      {
        name: 'live: server event-loop lag p99 during the burst',
        value: server.lagP99 * 1000,
        unit: 'ms',
        target: '< 50 ms',
        met: server.lagP99 * 1000 < 50,
        conditions: `${participants.toLocaleString('en-US')} + ${SCREENS} sockets on one instance (prom-client)`,
      },
      {
        name: 'live: server RSS with 10,000 sockets',
        value: server.rss / 2 ** 20,
        unit: 'MiB',
        target: '< 1,536 MiB',
        met: server.rss < 1.5 * 2 ** 30,
        conditions: 'after the burst',
      },
      {
        name: 'live: answers acked',
        value: latencies.length,
        unit: 'answers',
        target: participants.toLocaleString('en-US'),
        met: latencies.length === participants,
        conditions: `${refusals.length} refused or timed out`,
      },
      {
        name: 'live: rows lost or double-counted',
        value: lostOrDouble,
        unit: 'rows',
        target: '0',
        met: lostOrDouble === 0,
        conditions: `${rows} answer rows, attempts say ${answered} answered, ${latencies.length} acked`,
      },
    ];
  } finally {
    sockets.forEach((socket) => socket.disconnect());
    app.child.kill('SIGTERM');
    await app.exited;
    await storage.drop();
  }
}

/** The server's own event-loop lag p99 (seconds) and resident memory, from /metrics. */
async function scrape(url: string): Promise<{ lagP99: number; rss: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { lagP99: value('nodejs_eventloop_lag_p99_seconds'), rss: value('process_resident_memory_bytes') };
}
