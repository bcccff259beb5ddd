/**
 * Durability (`npm run bench -- durability`): what SQLite's `synchronous=FULL` costs against
 * NORMAL, measured in one run on one machine. FULL syncs the WAL at every commit, so an answer
 * acknowledged just before a power cut is still there; the group commit shares that sync among
 * the answers committed together. The figures are the window bench's flat-out answer rate and
 * the live bench's 10,000-socket burst, each run with NORMAL then FULL, alternately, so a
 * machine that warms up or slows down weighs on both alike. The app always runs FULL; the
 * bench sets BENCH_SQLITE_SYNCHRONOUS, which exists for this comparison only.
 *
 * Environment:
 *   DURABILITY_PAIRS       (2)     NORMAL/FULL pairs of the window run
 *   DURABILITY_LIVE_PAIRS  (1)     NORMAL/FULL pairs of the live run (each connects 10,000 sockets)
 *   DURABILITY_SMOKE       (unset) 1: tiny sizes, to check the bench itself works (figures mean nothing)
 *
 * Prints both and writes bench-results/durability.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteSynchronous } from '../../src/config/config';
import { liveAnswers } from './live-answers';
import { BenchProfile, SQLITE } from './profiles';
import { Figure, RESULTS_DIR, machine } from './report';
import { windowFlatOut } from './window-answers';

const SMOKE = process.env.DURABILITY_SMOKE === '1';
const PAIRS = Number(process.env.DURABILITY_PAIRS ?? 2);
const LIVE_PAIRS = Number(process.env.DURABILITY_LIVE_PAIRS ?? 1);
const WINDOW_SIZE = SMOKE ? { participants: 40, questions: 5, durationS: 2 } : undefined;
const LIVE_PARTICIPANTS = SMOKE ? 40 : undefined;

const LIVE_FIGURES = ['live: every answer acked, from the question', 'live: ack after commit, p99', 'live: answers acked'];

interface Run {
  synchronous: SqliteSynchronous;
  name: string;
  value: number;
  unit: string;
}

/** SQLite as the benches use it, with the one pragma set as asked. */
const sqliteWith = (synchronous: SqliteSynchronous): BenchProfile => ({
  name: 'SQLite',
  async storage() {
    const storage = await SQLITE.storage();
    return { ...storage, env: { ...storage.env, BENCH_SQLITE_SYNCHRONOUS: synchronous } };
  },
});

/** NORMAL, FULL, NORMAL, FULL…: `pairs` of each, alternately. */
const alternately = (pairs: number): SqliteSynchronous[] => Array.from({ length: pairs }, () => ['NORMAL', 'FULL'] as const).flat();

export async function durability(): Promise<Figure[]> {
  const runs: Run[] = [];
  for (const synchronous of alternately(PAIRS)) {
    console.log(`durability: window answers flat out, synchronous=${synchronous}…`);
    runs.push({ synchronous, name: 'window answers, flat out', value: await windowFlatOut(sqliteWith(synchronous), WINDOW_SIZE), unit: 'answers/s' });
  }
  for (const synchronous of alternately(LIVE_PAIRS)) {
    console.log(`durability: live answers, synchronous=${synchronous}…`);
    const figures = await liveAnswers(sqliteWith(synchronous), LIVE_PARTICIPANTS);
    for (const figure of figures.filter((f) => LIVE_FIGURES.includes(f.name)))
      runs.push({ synchronous, name: figure.name, value: figure.value, unit: figure.unit });
  }

  const names = [...new Set(runs.map((run) => run.name))];
  const mean = (name: string, synchronous: SqliteSynchronous) => {
    const values = runs.filter((run) => run.name === name && run.synchronous === synchronous).map((run) => run.value);
    return values.reduce((sum, value) => sum + value, 0) / values.length;
  };
  const compared = names.map((name) => {
    const normal = mean(name, 'NORMAL');
    const full = mean(name, 'FULL');
    return { name, unit: runs.find((run) => run.name === name)!.unit, normal, full, fullOverNormal: normal ? full / normal : NaN };
  });
  const conditions = `SQLite (WAL), ${SMOKE ? 'SMOKE sizes, figures mean nothing' : 'window: 2,000 participants, 100 connections, 10 s; live: 10,000 sockets'}; mean of ${PAIRS} window and ${LIVE_PAIRS} live runs each, NORMAL and FULL alternately`;
  console.table(
    compared.map(({ name, unit, normal, full, fullOverNormal }) => ({
      name,
      unit,
      NORMAL: round(normal),
      FULL: round(full),
      'FULL ÷ NORMAL': round(fullOverNormal),
    })),
  );

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, 'durability.json');
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), machine: machine(), smoke: SMOKE, conditions, compared, runs }, null, 2) + '\n');
  console.log(`wrote ${file}`);

  return compared.flatMap(({ name, unit, normal, full, fullOverNormal }) => [
    { name: `durability: ${name}, synchronous=NORMAL`, value: normal, unit, conditions },
    { name: `durability: ${name}, synchronous=FULL (the default)`, value: full, unit, conditions },
    { name: `durability: ${name}, FULL ÷ NORMAL`, value: fullOverNormal, unit: '×', conditions },
  ]);
}

const round = (value: number) => Math.round(value * 100) / 100;
