import { Logger } from '@nestjs/common';
import { DataSource, LessThan, LessThanOrEqual, Repository } from 'typeorm';
import { EnqueueOptions, JobDispatch, JobDriver, MAX_JOB_ATTEMPTS, retryDelayMs } from './job-driver';
import { ScheduledJob } from './scheduled-job.entity';

const CONCURRENCY = 4;
// Another process (the migration CLI, a seed) may add rows, so never sleep longer than this.
const MAX_SLEEP_MS = 1000;

/** Jobs run in this process; waiting jobs live in the `scheduled_job` table and survive restarts. */
export class InProcessJobDriver implements JobDriver {
  readonly kind = 'in-process';
  private readonly logger = new Logger('Jobs');
  private readonly jobs: Repository<ScheduledJob>;
  private readonly running = new Set<Promise<void>>();
  private readonly repeats: NodeJS.Timeout[] = [];
  private dispatch: JobDispatch | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wakeAt = Infinity;
  private ticking = false;
  private stopped = false;

  constructor(
    dataSource: DataSource,
    private readonly retryDelay: (attempt: number) => number = retryDelayMs,
  ) {
    this.jobs = dataSource.getRepository(ScheduledJob);
  }

  async start(dispatch: JobDispatch): Promise<void> {
    this.dispatch = dispatch;
    // Jobs cut off by a crash run again; handlers are idempotent.
    await this.jobs.update({ status: 'running' }, { status: 'pending' });
    this.wake(0);
  }

  async enqueue(name: string, payload: unknown, { runAt, key }: EnqueueOptions): Promise<void> {
    const now = Date.now();
    const job = {
      name,
      payload: JSON.stringify(payload ?? {}),
      status: 'pending' as const,
      runAt: runAt ?? now,
      attempts: 0,
      lastError: null,
      createdAt: now,
    };
    if (key) {
      // updateEntity(false): on a conflict there is no new id to read back.
      await this.jobs
        .createQueryBuilder()
        .insert()
        .values({ ...job, jobKey: key })
        .orUpdate(['name', 'payload', 'status', 'run_at', 'attempts', 'last_error', 'created_at'], ['job_key'])
        .updateEntity(false)
        .execute();
    } else await this.jobs.insert({ ...job, jobKey: null });
    this.wake(job.runAt - now);
  }

  async repeat(name: string, everyMs: number): Promise<void> {
    const timer = setInterval(() => {
      this.enqueue(name, {}, { key: `repeat:${name}` }).catch((error: unknown) => this.logger.error(`Could not enqueue ${name}: ${String(error)}`));
    }, everyMs);
    timer.unref();
    this.repeats.push(timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.repeats.forEach(clearInterval);
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.running]);
  }

  async purgeFailed(olderThan: number): Promise<number> {
    const result = await this.jobs.delete({ status: 'failed', createdAt: LessThan(olderThan) });
    return result.affected ?? 0;
  }

  private wake(inMs: number): void {
    if (this.stopped || !this.dispatch) return;
    const at = Date.now() + Math.max(0, Math.min(inMs, MAX_SLEEP_MS));
    if (this.timer && at >= this.wakeAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.wakeAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wakeAt = Infinity;
      void this.tick();
    }, at - Date.now());
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    let next = MAX_SLEEP_MS;
    try {
      const free = CONCURRENCY - this.running.size;
      const now = Date.now();
      if (free > 0) {
        const due = await this.jobs.find({
          where: { status: 'pending', runAt: LessThanOrEqual(now) },
          order: { runAt: 'ASC', id: 'ASC' },
          take: free,
        });
        for (const job of due) await this.claimAndRun(job);
      }
      const upcoming = await this.jobs.findOne({ where: { status: 'pending' }, order: { runAt: 'ASC' } });
      if (upcoming && this.running.size < CONCURRENCY) next = upcoming.runAt - Date.now();
    } catch (error) {
      if (!this.stopped) this.logger.error(`Job loop failed: ${String(error)}`);
    } finally {
      this.ticking = false;
      this.wake(next);
    }
  }

  private async claimAndRun(job: ScheduledJob): Promise<void> {
    // The status guard makes the claim atomic even if two loops saw the same row.
    const claimed = await this.jobs.update({ id: job.id, status: 'pending' }, { status: 'running', attempts: job.attempts + 1 });
    if (!claimed.affected) return;
    const run = this.execute(job, job.attempts + 1).finally(() => {
      this.running.delete(run);
      this.wake(0);
    });
    this.running.add(run);
  }

  private async execute(job: ScheduledJob, attempt: number): Promise<void> {
    try {
      await this.dispatch!(job.name, JSON.parse(job.payload));
      // Guarded by status: an enqueue with the same key while this ran turned the row back
      // into a pending job, which must stay.
      await this.jobs.delete({ id: job.id, status: 'running' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = attempt >= MAX_JOB_ATTEMPTS;
      this.logger.warn(`Job ${job.name} #${job.id} failed (attempt ${attempt}): ${message}`);
      await this.jobs
        .update(
          { id: job.id, status: 'running' },
          failed ? { status: 'failed', lastError: message } : { status: 'pending', lastError: message, runAt: Date.now() + this.retryDelay(attempt) },
        )
        .catch(() => undefined);
    }
  }
}
