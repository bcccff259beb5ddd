import { Agent, request } from 'node:http';
import { percentile } from './play-arena';

export interface LoadRequest {
  path: string;
  body: unknown;
  token?: string;
  /** Anything the caller wants back with the reply. */
  [note: string]: unknown;
}

export interface LoadResult {
  /** Completed requests per second over the run. */
  perSecond: number;
  completed: number;
  failed: number;
  /** The first failure, to say why. */
  firstFailure?: string;
  p50: number;
  p99: number;
  max: number;
}

/**
 * A small stateful load generator: `workers` loops, each sending one POST at a time and choosing
 * its next request from the last reply (a participant walking through an attempt), flat out or
 * paced to a total rate. autocannon cannot carry state between one connection's requests.
 * Latency is measured from the moment a paced request was due, so a slow server is not hidden
 * by requests that queue in the client (coordinated omission).
 */
export async function drive<S>(options: {
  url: string;
  workers: S[];
  durationS: number;
  /** Total requests per second across workers; flat out when absent. */
  rate?: number;
  next: (worker: S) => LoadRequest | null;
  reply: (worker: S, status: number, body: string, job: LoadRequest) => void;
}): Promise<LoadResult> {
  const { hostname, port } = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.workers.length });
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  // Connect every worker first (a hall of phones is connected before the question comes).
  await Promise.all(
    options.workers.map(
      () =>
        new Promise<void>((resolve) =>
          request({ agent, hostname, port, path: '/health' }, (res) => res.resume().on('end', resolve))
            .on('error', () => resolve())
            .end(),
        ),
    ),
  );
  const started = performance.now();
  const endAt = started + options.durationS * 1000;
  const interval = options.rate ? (options.workers.length / options.rate) * 1000 : 0;

  const post = (job: LoadRequest) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const payload = JSON.stringify(job.body);
      const req = request(
        {
          agent,
          hostname,
          port,
          method: 'POST',
          path: job.path,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...(job.token ? { authorization: `Bearer ${job.token}` } : {}),
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  await Promise.all(
    options.workers.map(async (worker, index) => {
      // Paced workers start spread over one interval so the total rate is even from the start.
      let due = started + (interval ? (index / options.workers.length) * interval : 0);
      for (;;) {
        if (interval) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const sentAt = interval ? due : performance.now();
        // An overloaded server leaves paced requests overdue; those still unsent when the run
        // ends are dropped (the achieved rate shows the overload) rather than drained for minutes.
        if (sentAt >= endAt || performance.now() >= endAt) return;
        const job = options.next(worker);
        if (!job) return;
        try {
          const { status, body } = await post(job);
          if (status >= 400) {
            failed++;
            firstFailure ??= `${status} ${body.slice(0, 300)}`;
          } else latencies.push(performance.now() - sentAt);
          options.reply(worker, status, body, job);
        } catch (error) {
          failed++;
          firstFailure ??= String(error);
        }
        due += interval;
      }
    }),
  );
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    completed: latencies.length,
    failed,
    firstFailure,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
  };
}
