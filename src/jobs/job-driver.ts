export type JobDispatch = (name: string, payload: unknown) => Promise<void>;

export interface EnqueueOptions {
  /** When to run, in epoch ms; now when absent. */
  runAt?: number;
  /** Jobs with the same key coalesce: the newest enqueue replaces a job still waiting. */
  key?: string;
}

/**
 * Where jobs wait and who runs them: in this process with the database as the waiting room,
 * or Bull on Redis shared by every instance. Either may run a job late or twice, so handlers
 * must let the database decide whether there is anything left to do.
 */
export interface JobDriver {
  readonly kind: 'in-process' | 'bull';
  start(dispatch: JobDispatch): Promise<void>;
  enqueue(name: string, payload: unknown, options: EnqueueOptions): Promise<void>;
  repeat(name: string, everyMs: number): Promise<void>;
  /** Forgets jobs that failed for good before `olderThan` (epoch ms); returns how many. */
  purgeFailed(olderThan: number): Promise<number>;
  stop(): Promise<void>;
}

export const MAX_JOB_ATTEMPTS = 5;

/** Wait before retry number `attempt` (1-based): 1 s, 2 s, 4 s … capped at a minute. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
}
