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
 *
 * This file runs the soak; the settings are read in soak-settings.ts, the hall of sockets is
 * soak-hall.ts, the memory samples soak-memory.ts, and the table and verdict soak-report.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltApp } from '../support/child-app';
import { PlayArena, benchEnv } from './play-arena';
import { Hall, sleep } from './soak-hall';
import { Sample, Sampler, median, medianMiB, mib, within, windows } from './soak-memory';
import { Minute, newMinute, printMinute, report } from './soak-report';
import { MINUTES, MINUTE_MS, MIN_CONNECTED_SHARE, REPLACE, ROSTER, SCREENS, SECONDS_PER_QUESTION, SOCKETS, checkSettings } from './soak-settings';

class SoakFailure extends Error {}

const rssText = (sample: Sample | null) => (sample ? `${mib(sample.rssBytes).toFixed(1)} MiB` : 'unknown (server gone)');

/** Host: the next question of the live round; a minute whose question cannot be sent still counts its churn. */
async function sendQuestion(arena: PlayArena, roundId: number): Promise<void> {
  const reply = (await arena.call('POST', `/api/rounds/${roundId}/live/next`)) as { ended: boolean };
  // The round holds a question for every minute and two spare; running out means the soak ran long.
  if (reply.ended) throw new SoakFailure('the live round ran out of questions');
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

soak().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
