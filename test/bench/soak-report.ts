// The soak's figures: a line a minute while it runs, then the verdict and bench-results/soak.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR, machine } from './report';
import { Sample, median, mib, within } from './soak-memory';
import { ANSWER_SHARE, MINUTES, REPLACE, ROSTER, SCREENS, SOCKETS, TARGET_DRIFT } from './soak-settings';

export interface Minute {
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

export function newMinute(minute: number): Minute {
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

export function printMinute(m: Minute, first: boolean): void {
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

/** Prints the verdict and writes bench-results/soak.json; the exit code. */
export function report(
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
