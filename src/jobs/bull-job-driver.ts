import { Logger } from '@nestjs/common';
import Bull from 'bull';
import { EnqueueOptions, JobDispatch, JobDriver, MAX_JOB_ATTEMPTS } from './job-driver';

const CONCURRENCY = 4;

/** Jobs wait in Redis and run on whichever instance picks them up first. */
export class BullJobDriver implements JobDriver {
  readonly kind = 'bull';
  private readonly logger = new Logger('Jobs');
  readonly queue: Bull.Queue;

  constructor(redisUrl: string, prefix: string) {
    this.queue = new Bull('jobs', redisUrl, {
      prefix,
      defaultJobOptions: {
        attempts: MAX_JOB_ATTEMPTS,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    });
    // Without a listener a Redis outage would surface as an unhandled 'error' event.
    this.queue.on('error', (error) => this.logger.warn(`Queue error: ${error.message}`));
  }

  async start(dispatch: JobDispatch): Promise<void> {
    await this.queue.isReady();
    void this.queue.process('*', CONCURRENCY, (job) => dispatch(job.name, job.data));
  }

  async enqueue(name: string, payload: unknown, { runAt, key }: EnqueueOptions): Promise<void> {
    if (key) {
      // Bull ignores an add whose id exists, so a waiting job with this key is replaced.
      const existing = await this.queue.getJob(key);
      if (existing && ((await existing.isDelayed()) || (await existing.isWaiting()))) {
        await existing.remove();
      }
    }
    const delay = Math.max(0, (runAt ?? Date.now()) - Date.now());
    await this.queue.add(name, payload ?? {}, { delay, jobId: key });
  }

  async repeat(name: string, everyMs: number): Promise<void> {
    // A repeat left by an earlier start with another interval would keep firing: drop it.
    for (const repeatable of await this.queue.getRepeatableJobs()) {
      if (repeatable.name === name && Number(repeatable.every) !== everyMs) {
        await this.queue.removeRepeatableByKey(repeatable.key);
      }
    }
    await this.queue.add(name, {}, { repeat: { every: everyMs } });
  }

  async purgeFailed(olderThan: number): Promise<number> {
    const removed = await this.queue.clean(Math.max(0, Date.now() - olderThan), 'failed');
    return removed.length;
  }

  async stop(): Promise<void> {
    await this.queue.close();
  }
}
