import fc from 'fast-check';
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TestApp } from '../../support/test-app';

// The fuzz run's settings (FUZZ_RUNS and FUZZ_SEED are explained in test/faults/fuzz.faults-spec.ts), its
// HTTP client and the judging of replies. SEED is drawn here and nowhere else, so FUZZ_SEED=random gives
// every module one seed; the tallies and the failures file live here alone for the same reason.

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
export const SEED = process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 906_233_353);
/** Requests (and socket lanes) in flight at once: enough to keep the app busy, few enough for 2 cores. */
export const IN_FLIGHT = 16;
export const MAX_ID = 2_147_483_647;
/** A request unanswered this long counts as a server failure (status 0), as a crash would. */
const REPLY_MS = 10_000;

// HTTP, two ways at once. One request in eight goes over a real socket, from a worker thread so
// the client's work runs on the other core (Node's HTTP parser, keep-alive, Content-Length). The
// rest go through Fastify's inject: the same routing, body parsers, hooks, guards, pipes and
// handlers without the loopback round trip, which on this 2-core machine took as long as the
// app's own work per request.

type Method = 'GET' | 'POST' | 'PATCH';

export interface Call {
  method: Method;
  path: string;
  token?: string;
  body?: string | Uint8Array;
  type?: string;
  language?: string;
  /** The client's address as a proxy reports it (the app trusts the loopback proxy here). */
  forwardedFor?: string;
}

export interface Reply {
  status: number;
  text: string;
}

const OVER_A_SOCKET = 8;
const SOCKET_LANES = 4;

// Plain JavaScript: the worker runs outside Jest's transform. It only sends; every check is here.
const CLIENT_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', async ({ id, requests }) => {
  const replies = new Array(requests.length);
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const i = next++;
      const { path, ...init } = requests[i];
      try {
        const res = await fetch(workerData.base + path, { ...init, signal: AbortSignal.timeout(workerData.timeoutMs) });
        replies[i] = { status: res.status, text: await res.text() };
      } catch (error) {
        replies[i] = { status: 0, text: String((error && error.cause) || error) };
      }
    }
  };
  await Promise.all(Array.from({ length: workerData.inFlight }, lane));
  parentPort.postMessage({ id, replies });
});
`;

function headersOf(call: Call): Record<string, string> {
  return {
    ...(call.token !== undefined ? { authorization: `Bearer ${call.token}` } : {}),
    ...(call.type !== undefined ? { 'content-type': call.type } : {}),
    ...(call.language !== undefined ? { 'accept-language': call.language } : {}),
    ...(call.forwardedFor !== undefined ? { 'x-forwarded-for': call.forwardedFor } : {}),
  };
}

/** The path as a client puts it on the wire: spaces and the like percent-encoded. */
function wirePath(path: string): string {
  const url = new URL(path, 'http://fuzz.invalid');
  return url.pathname + url.search;
}

export class HttpClient {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (replies: Reply[]) => void; reject: (error: unknown) => void }>();
  private lastId = 0;

  constructor(
    private readonly t: TestApp,
    base: string,
  ) {
    this.worker = new Worker(CLIENT_SOURCE, { eval: true, workerData: { base, timeoutMs: REPLY_MS, inFlight: SOCKET_LANES } });
    this.worker.on('message', ({ id, replies }: { id: number; replies: Reply[] }) => {
      this.waiting.get(id)?.resolve(replies);
      this.waiting.delete(id);
    });
    this.worker.on('error', (error) => {
      for (const pending of this.waiting.values()) pending.reject(error);
      this.waiting.clear();
    });
  }

  async send(calls: Call[]): Promise<Reply[]> {
    const replies: Reply[] = new Array(calls.length);
    const socketed = calls.flatMap((_, i) => (i % OVER_A_SOCKET === 0 ? [i] : []));
    const injected = calls.flatMap((_, i) => (i % OVER_A_SOCKET === 0 ? [] : [i]));
    const overSockets = this.overSockets(socketed.map((i) => calls[i])).then((got) => got.forEach((reply, k) => (replies[socketed[k]] = reply)));
    let next = 0;
    const lane = async () => {
      while (next < injected.length) {
        const i = injected[next++];
        replies[i] = await this.inject(calls[i]);
        // Inject's work is all promises: without a turn of the event loop between requests the
        // real sockets would not be read until every injected request is done.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([overSockets, ...Array.from({ length: IN_FLIGHT - SOCKET_LANES }, lane)]);
    return replies;
  }

  private overSockets(calls: Call[]): Promise<Reply[]> {
    const id = ++this.lastId;
    const requests = calls.map((call) => ({ path: wirePath(call.path), method: call.method, headers: headersOf(call), body: call.body }));
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, requests });
    });
  }

  /** A handler that never answers is a failure like a crash, not a reason to wait forever. */
  private async inject(call: Call): Promise<Reply> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Reply>((resolve) => (timer = setTimeout(() => resolve({ status: 0, text: `no reply within ${REPLY_MS} ms` }), REPLY_MS)));
    const reply = this.t.app
      .inject({
        method: call.method,
        url: wirePath(call.path),
        headers: headersOf(call),
        payload: call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : Buffer.from(call.body),
      })
      .then((res) => ({ status: res.statusCode, text: res.payload }))
      .catch((error: unknown) => ({ status: 0, text: String(error) }));
    try {
      return await Promise.race([reply, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

export const isOk = (reply: Reply) => reply.status >= 200 && reply.status < 300;
export const parsed = <T>(reply: Reply): T => JSON.parse(reply.text) as T;

function preview(body: Call['body']): string {
  if (body === undefined) return '(no body)';
  const text = typeof body === 'string' ? body : `${body.length} bytes: ${Buffer.from(body.subarray(0, 300)).toString('latin1')}`;
  return JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}…` : text);
}

const describeCall = (call: Call, reply: Reply) =>
  `${call.method} ${call.path} [content-type ${call.type ?? 'none'}] body ${preview(call.body)} → ${reply.status} ${reply.text.slice(0, 300)}`;

/** What each target got back, printed at the end: proof that the generators reach both sides. */
export const tallies = new Map<string, { sent: number; ok: number; statuses: Map<number, number> }>();

export function tally(name: string, statuses: number[]): { ok: number } {
  const entry = tallies.get(name) ?? { sent: 0, ok: 0, statuses: new Map<number, number>() };
  for (const status of statuses) {
    entry.sent++;
    if (status >= 200 && status < 300) entry.ok++;
    entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
  }
  tallies.set(name, entry);
  return entry;
}

/** Failing requests in full (binary bodies in base64), to replay them: the messages show only the start. */
const FAILURES_FILE = join(tmpdir(), `ai-race-fuzz-${SEED}.jsonl`);

/** The requests the server failed (5xx, or no reply), described; null when there are none. */
function serverErrors(name: string, calls: Call[], replies: Reply[]): string | null {
  const failing = replies.flatMap((reply, i) => (reply.status >= 500 || reply.status === 0 ? [i] : []));
  if (!failing.length) return null;
  for (const i of failing) {
    const { body, ...call } = calls[i];
    const replay = { ...call, ...(typeof body === 'string' ? { body } : body ? { bodyBase64: Buffer.from(body).toString('base64') } : {}), reply: replies[i] };
    appendFileSync(FAILURES_FILE, `${json({ target: name, ...replay })}\n`);
  }
  const first = failing.slice(0, 8).map((i) => describeCall(calls[i], replies[i]));
  return `${name}: ${failing.length} of ${calls.length} requests failed on the server (FUZZ_SEED=${SEED}; all in ${FAILURES_FILE}); the first:\n${first.join('\n')}`;
}

export type Check = (replies: Reply[]) => unknown;

/**
 * Fails on any server error and runs every check even then, so one run reports a 5xx and the
 * partial write it may have left together.
 */
export async function judge(name: string, calls: Call[], replies: Reply[], checks: Check[] = []): Promise<void> {
  tally(
    name,
    replies.map((reply) => reply.status),
  );
  const found = [serverErrors(name, calls, replies)];
  for (const check of checks) {
    try {
      await check(replies);
    } catch (error) {
      found.push((error as Error).message);
    }
  }
  const problems = found.filter((problem) => problem !== null);
  if (problems.length) throw new Error(problems.join('\n\n'));
}

/** FUZZ_RUNS samples, reproducible from SEED and the target's name. */
export function samples<T>(name: string, arbitrary: fc.Arbitrary<T>): T[] {
  let hash = SEED;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return fc.sample(arbitrary, { numRuns: FUZZ_RUNS, seed: hash });
}

export const json = (value: unknown): string => JSON.stringify(value) ?? 'null';

/** Sends every call; then no 5xx, and every check holds. */
export async function fuzz(http: HttpClient, name: string, calls: Call[], checks: Check[] = []): Promise<Reply[]> {
  const replies = await http.send(calls);
  await judge(name, calls, replies, checks);
  return replies;
}
