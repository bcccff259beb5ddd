/**
 * Soak (`npm run bench:soak`, not in CI): a hall of sockets joined to a live round for half an
 * hour, with a random 10% leaving every minute and as many fresh connections taking their place,
 * while the host sends a question a minute and part of the hall answers it. What is measured is
 * the server process's resident memory (read from /proc, not the bench client's): a leak per
 * connection or per answer shows as RSS that keeps rising after warm-up.
 *
 * Drift = (median RSS over the end window − median RSS over the baseline window) / baseline;
 * the target is < 5%. Time is counted from the moment every socket is first connected. With 30
 * minutes the baseline is minutes 3–5 and the end the last 3; runs shorter than 10 minutes use
 * minute 1–2 and the last minute (a 4-minute trial: baseline 1–2, end 3–4). At least 3 minutes.
 *
 * Environment:
 *   SOAK_MINUTES       (30)     minutes of churn after the sockets are connected
 *   SOAK_SOCKETS       (10000)  participant sockets kept connected and joined to the live round
 *   SOAK_ROSTER        (100000) participants on the roster (at least SOAK_SOCKETS); see below
 *   SOAK_SCREENS       (20)     big screens watching boards (board:subscribe), churned at the same rate
 *   SOAK_REPLACE       (0.1)    share of the sockets replaced each minute
 *   SOAK_ANSWER_SHARE  (0.5)    share of the participant sockets answering each minute's question
 *   BENCH_NODE_ARGS    (unset)  Node and V8 flags for the server, to try GC settings or preload a probe
 *
 * The roster is a city's, not only the hall's: SQLite keeps up to 16 MiB of the database's pages
 * in memory (better-sqlite3's default cache), and with 10,000 people the whole database is
 * smaller than that, so the cache grew with every answer stored and showed as drift (about a
 * third of it). In service the database is larger than the cache and the cache is full; the
 * 100,000-person roster puts the run there before the baseline.
 *
 * Client and server each hold one file descriptor a socket: `ulimit -n` must be above SOAK_SOCKETS.
 * Prints a table a minute and writes bench-results/soak.json. Exits 0 whether the target is met
 * or not (it says which); 1 when the server died or the sockets could not be kept connected.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Socket, io } from 'socket.io-client';
import { ChildApp, startBuiltApp } from '../support/child-app';
import { PlayArena, benchEnv, inBatches } from './play-arena';
import { RESULTS_DIR, machine } from './report';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const SOCKETS = Number(process.env.SOAK_SOCKETS ?? 10_000);
const ROSTER = Number(process.env.SOAK_ROSTER ?? 100_000);
const SCREENS = Number(process.env.SOAK_SCREENS ?? 20);
const REPLACE = Number(process.env.SOAK_REPLACE ?? 0.1);
const ANSWER_SHARE = Number(process.env.SOAK_ANSWER_SHARE ?? 0.5);

const MINUTE_MS = 60_000;
const SAMPLE_MS = 10_000;
const TARGET_DRIFT = 0.05;
// Answers land within 20 s of the question, well inside its 30 s, so every one is in time and
// all are settled before the next minute's churn closes any socket.
const SECONDS_PER_QUESTION = 30;
const SPREAD_MS = 20_000;
const ACK_TIMEOUT_MS = 30_000;
// Connecting is the heaviest thing the client does; 200 at a time, as live-answers does.
const CONNECT_BATCH = 200;
const CONNECT_TRIES = 3;
// A few sockets that cannot get back in within their tries are noise; more means the server is not keeping up.
const MIN_CONNECTED_SHARE = 0.99;

interface Ack {
  ok: boolean;
  statusCode?: number;
  message?: unknown;
}

/** One place in the hall: a participant (or screen) whose socket comes and goes. */
interface Slot {
  kind: 'player' | 'screen';
  /** Participant id, or the screen's number. */
  id: number;
  socket?: Socket;
}

interface Sample {
  /** Seconds since every socket was first connected; negative while seeding and connecting. */
  t: number;
  rssBytes: number;
  /** RSS split as /proc reports it: malloc and V8 pages (anon) against mapped files and shared memory. */
  rssAnonBytes: number | null;
  rssFileBytes: number | null;
  heapUsedBytes: number | null;
  /** What V8 has committed for its heap, used or not: growth here with a flat heapUsed is fragmentation. */
  heapTotalBytes: number | null;
  externalBytes: number | null;
  /** The server's own count of open sockets (ai_race_open_sockets). */
  serverSockets: number | null;
  clientSockets: number;
}

interface Minute {
  minute: number;
  replaced: number;
  /** Sockets the server or the network closed, not the bench: put back at the next churn. */
  dropped: number;
  connectFailures: number;
  connected: number;
  answersSent: number;
  acked: number;
  refused: number;
  pending: number;
  firstRefusal?: string;
  rssMiB: number;
  rssAnonMiB: number | null;
  heapMiB: number | null;
  heapTotalMiB: number | null;
  externalMiB: number | null;
}

class SoakFailure extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const mib = (bytes: number) => bytes / 2 ** 20;

function median(values: number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median of the values measured, in MiB; null when none was (a scrape timed out). */
function medianMiB(values: Array<number | null>): number | null {
  const measured = values.filter((v): v is number => v !== null);
  return measured.length ? mib(median(measured)) : null;
}

/** Baseline and end windows in minutes since connected: [from, to). */
function windows(minutes: number): { baseline: [number, number]; end: [number, number] } {
  if (minutes < 3) throw new Error('SOAK_MINUTES must be at least 3: a warm-up minute, a baseline minute and an end minute');
  // A long run leaves 3 minutes for the heap and SQLite's cache to settle; a trial run cannot spare them.
  return minutes >= 10 ? { baseline: [3, 5], end: [minutes - 3, minutes] } : { baseline: [1, 2], end: [minutes - 1, minutes] };
}

/** Samples the server's memory every 10 s while the soak runs. */
class Sampler {
  readonly samples: Sample[] = [];
  private timer?: NodeJS.Timeout;
  private t0 = NaN;

  constructor(
    private readonly app: ChildApp,
    private readonly clientSockets: () => number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sample(), SAMPLE_MS);
  }

  /** From now on samples are timed from here; earlier ones are shifted to negative times. */
  markConnected(): void {
    const now = performance.now();
    for (const sample of this.samples) sample.t -= now / 1000;
    this.t0 = now;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Null once the server is gone. */
  async sample(): Promise<Sample | null> {
    const metrics = await scrapeMemory(this.app.url);
    const rss = readRss(this.app.child.pid!);
    const rssBytes = rss?.total ?? metrics.rss;
    if (rssBytes === null) return null;
    const now = performance.now();
    // Before markConnected, t holds the absolute time; markConnected turns it relative.
    const t = (Number.isNaN(this.t0) ? now : now - this.t0) / 1000;
    const sample = {
      t,
      rssBytes,
      rssAnonBytes: rss?.anon ?? null,
      rssFileBytes: rss?.file ?? null,
      heapUsedBytes: metrics.heapUsed,
      heapTotalBytes: metrics.heapTotal,
      externalBytes: metrics.external,
      serverSockets: metrics.openSockets,
      clientSockets: this.clientSockets(),
    };
    this.samples.push(sample);
    return sample;
  }
}

/** Samples from minute `from` up to minute `to`; the end window also takes the last sample, taken just after the run's end. */
function within(samples: Sample[], [from, to]: [number, number], openEnd = false): Sample[] {
  return samples.filter((s) => s.t >= from * 60 && (openEnd || s.t < to * 60));
}

/** VmRSS of a process from /proc (Linux), with its anonymous and file parts; null elsewhere or once the process is gone. */
function readRss(pid: number): { total: number; anon: number | null; file: number | null } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => {
      const kb = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1];
      return kb === undefined ? null : Number(kb) * 1024;
    };
    const total = field('VmRSS');
    return total === null ? null : { total, anon: field('RssAnon'), file: field('RssFile') };
  } catch {
    return null;
  }
}

/** The server's own memory figures from /metrics (prom-client default metrics; public). */
async function scrapeMemory(
  url: string,
): Promise<{ rss: number | null; heapUsed: number | null; heapTotal: number | null; external: number | null; openSockets: number | null }> {
  try {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
    const value = (name: string) => {
      const found = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text)?.[1];
      return found === undefined ? null : Number(found);
    };
    return {
      rss: value('process_resident_memory_bytes'),
      heapUsed: value('nodejs_heap_size_used_bytes'),
      heapTotal: value('nodejs_heap_size_total_bytes'),
      external: value('nodejs_external_memory_bytes'),
      openSockets: value('ai_race_open_sockets'),
    };
  } catch {
    // A scrape that times out under load leaves the heap out of that sample; RSS comes from /proc.
    return { rss: null, heapUsed: null, heapTotal: null, external: null, openSockets: null };
  }
}

/** The hall: every slot's socket, connected, joined, and answering when a question comes. */
class Hall {
  readonly slots: Slot[];
  /** The minute answers are counted against; a socket answering reads it when the question arrives. */
  current?: Minute;
  private pendingAnswers = 0;

  constructor(
    private readonly arena: PlayArena,
    private readonly roundId: number,
    /** One a screen: a token holds only a few sockets. */
    private readonly screenTokens: string[],
    players: number[],
  ) {
    this.slots = [...players.map((id) => ({ kind: 'player' as const, id })), ...Array.from({ length: SCREENS }, (_, id) => ({ kind: 'screen' as const, id }))];
  }

  connectedCount(): number {
    return this.slots.filter((slot) => slot.socket?.connected).length;
  }

  /** Connects every slot without a socket; returns how many could not get in. */
  async fill(slots = this.slots.filter((slot) => !slot.socket)): Promise<number> {
    const results = await inBatches(slots, CONNECT_BATCH, (slot) => this.connectWithRetries(slot));
    return results.filter((ok) => !ok).length;
  }

  /** Closes a random share of the connected sockets, then connects fresh ones in their places (and in any dropped). */
  async churn(share: number, minute: Minute): Promise<void> {
    const chosen = [
      ...pick(
        this.slots.filter((s) => s.kind === 'player' && s.socket),
        share,
      ),
      ...pick(
        this.slots.filter((s) => s.kind === 'screen' && s.socket),
        share,
      ),
    ];
    for (const slot of chosen) this.close(slot);
    minute.replaced = chosen.length;
    minute.connectFailures = await this.fill();
  }

  /** Resolves when every answer sent so far is acked or refused, or at `deadline` (performance.now() time). */
  async answersSettled(deadline: number): Promise<void> {
    while (this.pendingAnswers > 0 && performance.now() < deadline) await sleep(250);
  }

  closeAll(): void {
    for (const slot of this.slots) this.close(slot);
  }

  private close(slot: Slot): void {
    slot.socket?.disconnect();
    slot.socket = undefined;
  }

  private async connectWithRetries(slot: Slot): Promise<boolean> {
    for (let attempt = 1; attempt <= CONNECT_TRIES; attempt++) {
      try {
        await this.connect(slot);
        return true;
      } catch (error) {
        this.close(slot);
        if (attempt === CONNECT_TRIES) console.warn(`${slot.kind} ${slot.id} could not connect: ${String(error)}`);
        else await sleep(1_000 * attempt);
      }
    }
    return false;
  }

  private async connect(slot: Slot): Promise<void> {
    const token = slot.kind === 'player' ? this.arena.participantToken(slot.id) : this.screenTokens[slot.id];
    // A fresh connection each time, as a phone that comes back: no reconnection, no shared manager.
    const socket = io(`${this.arena.url}/live`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, timeout: 30_000 });
    slot.socket = socket;
    socket.on('disconnect', (reason) => {
      // The bench's own disconnect() says "io client disconnect"; anything else was done to us.
      if (reason === 'io client disconnect' || slot.socket !== socket) return;
      slot.socket = undefined;
      if (this.current) this.current.dropped++;
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    if (slot.kind === 'player')
      socket.on('live:question', (event: { roundId: number; question: { id: number; choices: Array<{ id: number }> } }) => this.maybeAnswer(socket, event));
    const joined = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('live:join', { roundId: this.roundId })) as Ack;
    if (!joined.ok) throw new Error(`live:join refused: ${JSON.stringify(joined)}`);
    if (slot.kind === 'screen') await this.watchBoards(socket);
  }

  /** A screen shows two boards of the race; its size varies, so boards are created and dropped as screens come and go. */
  private async watchBoards(socket: Socket): Promise<void> {
    const limit = [10, 20, 50][Math.floor(Math.random() * 3)];
    for (const board of ['individuals', 'units']) {
      const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('board:subscribe', { board, race: this.arena.raceId, limit })) as Ack;
      if (!ack.ok) throw new Error(`board:subscribe refused: ${JSON.stringify(ack)}`);
    }
  }

  private maybeAnswer(socket: Socket, { roundId, question }: { roundId: number; question: { id: number; choices: Array<{ id: number }> } }): void {
    const minute = this.current;
    if (!minute || roundId !== this.roundId || Math.random() >= ANSWER_SHARE) return;
    minute.answersSent++;
    this.pendingAnswers++;
    const choice = question.choices[Math.floor(Math.random() * question.choices.length)].id;
    setTimeout(
      () =>
        void (async () => {
          try {
            const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('live:answer', { roundId, questionId: question.id, choiceIds: [choice] })) as Ack;
            if (ack.ok) minute.acked++;
            else this.refused(minute, JSON.stringify(ack));
          } catch (error) {
            this.refused(minute, String(error));
          } finally {
            this.pendingAnswers--;
          }
        })(),
      Math.random() * SPREAD_MS,
    );
  }

  private refused(minute: Minute, why: string): void {
    minute.refused++;
    minute.firstRefusal ??= why.slice(0, 300);
  }
}

/** A random `share` of `slots` (Fisher–Yates on a copy). */
function pick(slots: Slot[], share: number): Slot[] {
  const count = Math.round(slots.length * share);
  const copy = [...slots];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(Math.random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

const rssText = (sample: Sample | null) => (sample ? `${mib(sample.rssBytes).toFixed(1)} MiB` : 'unknown (server gone)');

function newMinute(minute: number): Minute {
  return {
    minute,
    replaced: 0,
    dropped: 0,
    connectFailures: 0,
    connected: 0,
    answersSent: 0,
    acked: 0,
    refused: 0,
    pending: 0,
    rssMiB: NaN,
    rssAnonMiB: null,
    heapMiB: null,
    heapTotalMiB: null,
    externalMiB: null,
  };
}

function printMinute(m: Minute, first: boolean): void {
  if (first) {
    console.log('minute | connected | replaced | dropped | answers acked/sent | RSS MiB | anon MiB | heap MiB | heap committed | external MiB');
    console.log('-------|-----------|----------|---------|--------------------|---------|----------|----------|----------------|-------------');
  }
  const answers = `${m.acked}/${m.answersSent}${m.refused ? ` (${m.refused} refused)` : ''}${m.pending ? ` (${m.pending} pending)` : ''}`;
  const cell = (value: number | null, width: number) => (value === null ? '—' : value.toFixed(1)).padStart(width);
  console.log(
    `${String(m.minute).padStart(6)} | ${String(m.connected).padStart(9)} | ${String(m.replaced).padStart(8)} | ${String(m.dropped).padStart(7)} | ${answers.padStart(18)} | ${cell(m.rssMiB, 7)} | ${cell(m.rssAnonMiB, 8)} | ${cell(m.heapMiB, 8)} | ${cell(m.heapTotalMiB, 14)} | ${cell(m.externalMiB, 12)}`,
  );
}

/** Host: the next question of the live round; a minute whose question cannot be sent still counts its churn. */
async function sendQuestion(arena: PlayArena, roundId: number): Promise<void> {
  const reply = (await arena.call('POST', `/api/rounds/${roundId}/live/next`)) as { ended: boolean };
  // The round holds a question for every minute and two spare; running out means the soak ran long.
  if (reply.ended) throw new SoakFailure('the live round ran out of questions');
}

/** A typo in an environment variable should stop the run now, not after half an hour of NaN. */
function checkSettings(): void {
  const settings = {
    SOAK_MINUTES: MINUTES,
    SOAK_SOCKETS: SOCKETS,
    SOAK_ROSTER: ROSTER,
    SOAK_SCREENS: SCREENS,
    SOAK_REPLACE: REPLACE,
    SOAK_ANSWER_SHARE: ANSWER_SHARE,
  };
  for (const [name, value] of Object.entries(settings))
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, not ${String(value)}`);
  if (REPLACE > 1 || ANSWER_SHARE > 1) throw new Error('SOAK_REPLACE and SOAK_ANSWER_SHARE are shares between 0 and 1');
  if (!Number.isInteger(MINUTES) || !Number.isInteger(SOCKETS) || !Number.isInteger(SCREENS) || !Number.isInteger(ROSTER)) {
    throw new Error('SOAK_MINUTES, SOAK_SOCKETS, SOAK_SCREENS and SOAK_ROSTER are whole numbers');
  }
  if (ROSTER < SOCKETS) throw new Error('SOAK_ROSTER must be at least SOAK_SOCKETS: each socket is a participant of the roster');
}

async function soak(): Promise<number> {
  checkSettings();
  const { baseline: baselineWindow, end: endWindow } = windows(MINUTES);
  const dataDir = mkdtempSync(join(tmpdir(), 'ai-race-soak-'));
  // As the Docker image runs it: glibc's per-thread malloc arenas otherwise add RSS that is not the app's.
  const app = await startBuiltApp('src/main.js', { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2', ...benchEnv(dataDir) }, 60_000);
  // Set from the exit callback, so read through an object: a plain `let` would be narrowed to null.
  const server: { died: string | null } = { died: null };
  void app.exited.then(({ code, signal }) => (server.died = `the server exited (code ${code}, signal ${signal})`));
  let hall: Hall | undefined;
  const sampler = new Sampler(app, () => hall?.connectedCount() ?? 0);
  const minutes: Minute[] = [];
  let failure: string | null = null;
  try {
    sampler.start();
    console.log(
      `soak: ${SOCKETS.toLocaleString('en-US')} sockets of a ${ROSTER.toLocaleString('en-US')}-person roster + ${SCREENS} screens, ${Math.round(REPLACE * 100)}% replaced a minute, ${MINUTES} minutes; server pid ${app.child.pid}`,
    );
    const arena = await new PlayArena(app.url).setUp(ROSTER, MINUTES + 2);
    const roundId = await arena.openRound({ mode: 'live', secondsPerQuestion: SECONDS_PER_QUESTION });
    const screenTokens: string[] = [];
    for (let i = 0; i < SCREENS; i++)
      screenTokens.push(((await arena.call('POST', '/api/screen-tokens', { label: `Màn hình soak ${i + 1}` })) as { token: string }).token);
    console.log(`seeded; server RSS ${rssText(await sampler.sample())}. Connecting…`);

    hall = new Hall(arena, roundId, screenTokens, arena.participantIds.slice(0, SOCKETS));
    const connectStarted = performance.now();
    const missing = await hall.fill();
    if (hall.connectedCount() < hall.slots.length * MIN_CONNECTED_SHARE)
      throw new SoakFailure(`only ${hall.connectedCount()} of ${hall.slots.length} sockets connected (${missing} failed)`);
    sampler.markConnected();
    const t0 = performance.now();
    console.log(
      `${hall.connectedCount()} sockets connected in ${((t0 - connectStarted) / 1000).toFixed(1)} s; server RSS ${rssText(await sampler.sample())}\n`,
    );

    for (let m = 0; m < MINUTES; m++) {
      const start = t0 + m * MINUTE_MS;
      await Promise.race([sleep(start - performance.now()), app.exited]);
      if (server.died) throw new SoakFailure(server.died);
      const minute = newMinute(m + 1);
      hall.current = minute;
      await hall.churn(REPLACE, minute);
      await sendQuestion(arena, roundId);
      await hall.answersSettled(start + MINUTE_MS - 5_000);
      await Promise.race([sleep(start + MINUTE_MS - performance.now()), app.exited]);
      if (server.died) throw new SoakFailure(server.died);
      minute.connected = hall.connectedCount();
      minute.pending = minute.answersSent - minute.acked - minute.refused;
      const inMinute = within(sampler.samples, [m, m + 1]);
      minute.rssMiB = mib(median(inMinute.map((s) => s.rssBytes)));
      minute.rssAnonMiB = medianMiB(inMinute.map((s) => s.rssAnonBytes));
      minute.heapMiB = medianMiB(inMinute.map((s) => s.heapUsedBytes));
      minute.heapTotalMiB = medianMiB(inMinute.map((s) => s.heapTotalBytes));
      minute.externalMiB = medianMiB(inMinute.map((s) => s.externalBytes));
      minutes.push(minute);
      printMinute(minute, m === 0);
      if (minute.firstRefusal) console.warn(`   first refusal: ${minute.firstRefusal}`);
      if (minute.connected < hall.slots.length * MIN_CONNECTED_SHARE)
        throw new SoakFailure(`minute ${m + 1}: only ${minute.connected} of ${hall.slots.length} sockets connected`);
    }
    await sampler.sample(); // the end window's last point, at exactly MINUTES
  } catch (error) {
    failure = server.died ?? (error instanceof Error ? error.message : String(error));
    if (!(error instanceof SoakFailure) && !server.died) console.error(error);
  } finally {
    sampler.stop();
    hall?.closeAll();
    if (!server.died) {
      app.child.kill('SIGTERM');
      await Promise.race([app.exited, sleep(10_000)]);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  return report(sampler.samples, minutes, baselineWindow, endWindow, failure, server.died !== null ? app.output().slice(-2_000) : '');
}

/** Prints the verdict and writes bench-results/soak.json; the exit code. */
function report(
  samples: Sample[],
  minutes: Minute[],
  baselineWindow: [number, number],
  endWindow: [number, number],
  failure: string | null,
  serverOutput: string,
): number {
  const baselineSamples = within(samples, baselineWindow);
  const endSamples = within(samples, endWindow, true);
  const baseline = median(baselineSamples.map((s) => s.rssBytes));
  const end = median(endSamples.map((s) => s.rssBytes));
  const drift = (end - baseline) / baseline;
  // Where the growth is: V8's used and committed heap, buffers outside it, and malloc's share of RSS.
  const driftOf = (field: 'heapUsedBytes' | 'heapTotalBytes' | 'externalBytes' | 'rssAnonBytes' | 'rssFileBytes') => {
    const of = (list: Sample[]) => median(list.flatMap((s) => (s[field] === null ? [] : [s[field]])));
    const [from, to] = [of(baselineSamples), of(endSamples)];
    return Number.isFinite(from) && Number.isFinite(to) ? { baselineMiB: mib(from), endMiB: mib(to), drift: (to - from) / from } : null;
  };
  const parts = {
    heapUsed: driftOf('heapUsedBytes'),
    heapCommitted: driftOf('heapTotalBytes'),
    external: driftOf('externalBytes'),
    rssAnon: driftOf('rssAnonBytes'),
    rssFile: driftOf('rssFileBytes'),
  };
  const heapDrift = parts.heapUsed?.drift ?? NaN;
  // RSS saws up and down with V8's major collections (about 100 MiB at 10,000 sockets), so a
  // median leans on where they fell; the lowest point of each window shows the floor's trend.
  const floor = { baseline: Math.min(...baselineSamples.map((s) => s.rssBytes)), end: Math.min(...endSamples.map((s) => s.rssBytes)) };
  const complete = failure === null && minutes.length === MINUTES;
  const met = complete && drift < TARGET_DRIFT;

  mkdirSync(RESULTS_DIR, { recursive: true });
  const result = {
    at: new Date().toISOString(),
    machine: machine(),
    minutes: MINUTES,
    sockets: SOCKETS,
    roster: ROSTER,
    screens: SCREENS,
    replacedPerMinute: REPLACE,
    answerShare: ANSWER_SHARE,
    windows: { baseline: baselineWindow, end: endWindow },
    baseline,
    end,
    drift: Number.isFinite(drift) ? drift : null,
    heapDrift: Number.isFinite(heapDrift) ? heapDrift : null,
    parts,
    rssFloor: floor,
    target: `< ${TARGET_DRIFT * 100}%`,
    met,
    failure,
    perMinute: minutes,
    samples,
  };
  writeFileSync(join(RESULTS_DIR, 'soak.json'), JSON.stringify(result, null, 2) + '\n');

  const span = ([from, to]: [number, number]) => `${from}–${to} min after connecting`;
  if (Number.isFinite(drift)) {
    console.log(`\nbaseline (${span(baselineWindow)}, ${baselineSamples.length} samples): median ${mib(baseline).toFixed(1)} MiB RSS`);
    console.log(`end (${span(endWindow)}, ${endSamples.length} samples): median ${mib(end).toFixed(1)} MiB RSS`);
    console.log(
      `lowest RSS: ${mib(floor.baseline).toFixed(1)} MiB in the baseline, ${mib(floor.end).toFixed(1)} MiB at the end (${(((floor.end - floor.baseline) / floor.baseline) * 100).toFixed(2)}%)`,
    );
    for (const [name, part] of Object.entries(parts)) {
      if (part) console.log(`${name}: ${part.baselineMiB.toFixed(1)} → ${part.endMiB.toFixed(1)} MiB (${(part.drift * 100).toFixed(2)}%)`);
    }
    console.log(
      `RSS drift ${(drift * 100).toFixed(2)}% (target < ${TARGET_DRIFT * 100}%); heap drift ${Number.isFinite(heapDrift) ? `${(heapDrift * 100).toFixed(2)}%` : 'not measured'}`,
    );
  }
  if (failure) {
    console.error(`\nSOAK FAILED: ${failure}`);
    if (serverOutput) console.error(`server output (tail):\n${serverOutput}`);
    console.log(`wrote ${join(RESULTS_DIR, 'soak.json')}`);
    return 1;
  }
  console.log(met ? '\nTARGET MET: RSS drift below 5%.' : '\nTARGET NOT MET: RSS drift is 5% or more.');
  console.log(`wrote ${join(RESULTS_DIR, 'soak.json')}`);
  return 0;
}

soak().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
