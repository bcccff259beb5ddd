// The soak's measure: the server's memory sampled from /proc and /metrics, and the windows it is compared over.
import { readFileSync } from 'node:fs';
import { ChildApp } from '../support/child-app';
import { SAMPLE_MS } from './soak-settings';

export interface Sample {
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

export const mib = (bytes: number) => bytes / 2 ** 20;

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median of the values measured, in MiB; null when none was (a scrape timed out). */
export function medianMiB(values: Array<number | null>): number | null {
  const measured = values.filter((v): v is number => v !== null);
  return measured.length ? mib(median(measured)) : null;
}

/** Baseline and end windows in minutes since connected: [from, to). */
export function windows(minutes: number): { baseline: [number, number]; end: [number, number] } {
  if (minutes < 3) throw new Error('SOAK_MINUTES must be at least 3: a warm-up minute, a baseline minute and an end minute');
  // A long run leaves 3 minutes for the heap and SQLite's cache to settle; a trial run cannot spare them.
  return minutes >= 10 ? { baseline: [3, 5], end: [minutes - 3, minutes] } : { baseline: [1, 2], end: [minutes - 1, minutes] };
}

/** Samples the server's memory every 10 s while the soak runs. */
export class Sampler {
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
export function within(samples: Sample[], [from, to]: [number, number], openEnd = false): Sample[] {
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
