import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { outsideRequest } from '../http/request-context';
import { EnqueueOptions, JobDriver } from './job-driver';
import { ALL_JOB_NAMES, JobName, JobPayloads } from './job-names';
import { missingHandlers } from './missing-handlers';
import { RedisConnection } from '../redis/redis.module';

export const JOB_DRIVER = Symbol('JOB_DRIVER');

type Handler<N extends JobName> = (payload: JobPayloads[N]) => Promise<void>;

/** Features register their handlers here and enqueue jobs by name; the driver does the rest. */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, (payload: unknown) => Promise<void>>();
  private readonly periodic = new Map<string, number>();

  constructor(
    @Inject(JOB_DRIVER) readonly driver: JobDriver,
    redis: RedisConnection,
  ) {
    // A Redis that restarted empty forgot the periodic jobs with everything else.
    redis.onRestore('periodic jobs', () => this.repeatPeriodic());
  }

  /** Call from a feature's onModuleInit; `everyMs` makes the job periodic. */
  register<N extends JobName>(name: N, handler: Handler<N>, options: { everyMs?: number } = {}): void {
    if (this.handlers.has(name)) throw new Error(`Job "${name}" has two handlers`);
    this.handlers.set(name, handler as (payload: unknown) => Promise<void>);
    if (options.everyMs) this.periodic.set(name, options.everyMs);
  }

  enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    return this.driver.enqueue(name, payload, options);
  }

  async onApplicationBootstrap(): Promise<void> {
    const missing = missingHandlers(ALL_JOB_NAMES, this.handlers.keys());
    if (missing.length) {
      throw new Error(`Refusing to start: no handler for job(s) ${missing.join(', ')}`);
    }
    await this.driver.start((name, payload) => this.dispatch(name, payload));
    await this.repeatPeriodic();
    this.logger.log(`Job driver: ${this.driver.kind}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.driver.stop();
  }

  private async repeatPeriodic(): Promise<void> {
    for (const [name, everyMs] of this.periodic) await this.driver.repeat(name, everyMs);
  }

  private async dispatch(name: string, payload: unknown): Promise<void> {
    const handler = this.handlers.get(name);
    // A job left in the queue by an older version whose name is gone: nothing to do.
    if (!handler) return this.logger.warn(`Dropped job "${name}": no handler`);
    // A job is the app's own doing, not the request whose timer or connection happened to wake it (see audit/).
    await outsideRequest(() => handler(payload));
  }
}
