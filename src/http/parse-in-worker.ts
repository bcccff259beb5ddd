import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParseJob, ParseReply } from './parse-worker';

/**
 * Uploaded files are parsed in a worker thread, never on the event loop that serves rounds: a
 * file crafted to be slow or huge to parse then costs one worker, which is stopped at these
 * limits, and every other request goes on being answered.
 */
export interface ParseLimits {
  /** The worker is terminated when the parse has not finished by then. */
  timeoutMs: number;
  /** V8 heap of the worker; past it the worker dies (ERR_WORKER_OUT_OF_MEMORY), not the app. */
  maxOldGenerationSizeMb: number;
  maxYoungGenerationSizeMb: number;
}

/** A 100,000-row workbook (26 MB unzipped) parses in about 7 s on a busy two-core machine. */
export const PARSE_LIMITS: ParseLimits = { timeoutMs: 20_000, maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

/** One parse at a time per spare core, so parses never starve the event loop of CPU. */
const MAX_RUNNING = Math.max(1, availableParallelism() - 1);
/** More waiting than this is a flood, refused at once rather than held. */
const MAX_WAITING = 16;

/** A parse that did not finish: what stopped it. */
export class ParseFailure extends Error {
  constructor(
    readonly reason: 'time' | 'memory' | 'error' | 'busy',
    message: string,
  ) {
    super(message);
    this.name = 'ParseFailure';
  }
}

/** A function exported by a module, as the worker will load it. */
export interface ParseTask {
  /** Absolute path without extension, e.g. `join(__dirname, 'question-formats')`. */
  module: string;
  name: string;
}

/**
 * Runs `task(...args)` in a worker thread within `limits`; its value must survive structured
 * cloning (plain objects, arrays, Buffers). A worker that finished its last parse cleanly is
 * reused (ExcelJS alone takes a quarter of a second to load); one stopped at a limit is gone.
 */
export async function parseInWorker<T>(task: ParseTask, args: unknown[], limits: ParseLimits = PARSE_LIMITS): Promise<T> {
  await slot();
  try {
    return (await runJob({ module: task.module, name: task.name, args }, limits)) as T;
  } finally {
    release();
  }
}

let running = 0;
const waiting: Array<() => void> = [];

function slot(): Promise<void> {
  if (running < MAX_RUNNING) {
    running++;
    return Promise.resolve();
  }
  if (waiting.length >= MAX_WAITING) return Promise.reject(new ParseFailure('busy', 'too many files are being read'));
  return new Promise((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/** Under Jest the sources are TypeScript: the worker compiles them with swc (a dev dependency) as they load. */
const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { transformSync } = require(workerData.swc);
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022', transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false } },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
require(workerData.entry);
`;

const fromSource = __filename.endsWith('.ts');

function startWorker(limits: ParseLimits): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: limits.maxYoungGenerationSizeMb };
  if (!fromSource) return new Worker(join(__dirname, 'parse-worker.js'), { resourceLimits });
  const workerData = { entry: join(__dirname, 'parse-worker.ts'), swc: require.resolve('@swc/core') };
  return new Worker(TS_BOOTSTRAP, { eval: true, workerData, resourceLimits });
}

/** Workers with the default limits waiting for a job; each ends after IDLE_MS unused. */
const idle: Worker[] = [];
const IDLE_MS = 30_000;
const idleTimers = new WeakMap<Worker, NodeJS.Timeout>();

function park(worker: Worker): void {
  worker.unref(); // a waiting worker must not keep the process alive
  idle.push(worker);
  const forget = () => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
  };
  worker.once('exit', forget);
  idleTimers.set(
    worker,
    setTimeout(() => {
      forget();
      void worker.terminate();
    }, IDLE_MS).unref(),
  );
}

function take(limits: ParseLimits): { worker: Worker; reusable: boolean } {
  if (limits !== PARSE_LIMITS) return { worker: startWorker(limits), reusable: false };
  const worker = idle.pop();
  if (!worker) return { worker: startWorker(limits), reusable: true };
  clearTimeout(idleTimers.get(worker));
  worker.removeAllListeners('exit');
  worker.ref();
  return { worker, reusable: true };
}

function runJob(job: ParseJob, limits: ParseLimits): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const { worker, reusable } = take(limits);
    let settled = false;
    const settle = (outcome: () => void, healthy: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      outcome();
      if (healthy && reusable) park(worker);
      else void worker.terminate();
    };
    const onMessage = (reply: ParseReply) => settle(() => ('error' in reply ? reject(new ParseFailure('error', reply.error)) : resolve(reply.value)), true);
    const onError = (error: Error & { code?: string }) =>
      settle(
        () =>
          reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new ParseFailure('memory', `the parse needed more than ${limits.maxOldGenerationSizeMb} MB`)
              : new ParseFailure('error', error.message),
          ),
        false,
      );
    const onExit = (code: number) => settle(() => reject(new ParseFailure('error', `the parse worker stopped (exit code ${code})`)), false);
    const timer = setTimeout(
      () => settle(() => reject(new ParseFailure('time', `the parse took longer than ${limits.timeoutMs} ms`)), false),
      limits.timeoutMs,
    );
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(job);
  });
}
