import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';

/**
 * The body of a parse worker (see parse-in-worker.ts): for each job, loads one exported function
 * of one module, calls it on the job's arguments and posts back its value. A Buffer crosses the thread
 * boundary as a plain Uint8Array, so byte arguments are made Buffers again first.
 */
export interface ParseJob {
  /** Absolute path without extension: the compiled .js in dist/, the .ts source under Jest. */
  module: string;
  name: string;
  args: unknown[];
}

export type ParseReply = { value: unknown } | { error: string };

async function run(job: ParseJob): Promise<unknown> {
  // The module is named at run time, and under Jest only require() goes through the worker's .ts hook.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const task = (require(job.module) as Record<string, ((...args: unknown[]) => unknown) | undefined>)[job.name];
  if (typeof task !== 'function') throw new Error(`${job.module} has no function ${job.name}`);
  const args = job.args.map((arg) => (arg instanceof Uint8Array && !Buffer.isBuffer(arg) ? Buffer.from(arg.buffer, arg.byteOffset, arg.byteLength) : arg));
  return task(...args);
}

// On Linux a nice value belongs to the thread that sets it: a parse then gives way to the event
// loop when both want the CPU, and still has every idle cycle. (Elsewhere it would be the whole
// process's, so it is left alone.)
if (process.platform === 'linux') {
  try {
    setPriority(5);
  } catch {
    // not allowed here: the parse runs at the app's priority, as it would elsewhere
  }
}

// Jobs come one at a time (the pool sends the next only after the reply), so a worker that
// finishes one cleanly can take another with its modules already loaded.
if (parentPort) {
  const port = parentPort;
  port.on(
    'message',
    (job: ParseJob) =>
      void run(job).then(
        (value) => port.postMessage({ value } satisfies ParseReply),
        (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies ParseReply),
      ),
  );
}
