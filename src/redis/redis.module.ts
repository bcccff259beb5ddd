import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

/** Work that puts Redis's share of the state back from the database. */
export type RedisRestore = () => Promise<void>;

/** The shared Redis connection of the scaled profile; `client` is null when REDIS_URL is unset. */
@Injectable()
export class RedisConnection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client: Redis | null;
  private readonly restores: Array<[string, RedisRestore]> = [];
  private started = false;
  private outage = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false }) : null;
    // ioredis reconnects by itself; without a listener an outage would be an unhandled 'error'.
    this.client?.on('error', () => undefined);
    // Start-up rebuilds everything anyway; only a connection lost after it needs a restore (a
    // cluster's standby is connected long before its modules start, and restores nothing).
    this.client?.on('close', () => (this.outage = this.started));
    this.client?.on('ready', () => {
      if (!this.outage) return;
      this.outage = false;
      void this.restore();
    });
  }

  /**
   * Registers work to run when Redis answers again after an outage. Redis may have restarted
   * empty (queued jobs, boards gone) or missed what happened meanwhile (answers committed while
   * it was away never reached the boards), so each feature rebuilds its part from the database.
   */
  onRestore(name: string, restore: RedisRestore): void {
    this.restores.push([name, restore]);
  }

  private async restore(): Promise<void> {
    this.logger.warn('Redis answers again: rebuilding its state from the database');
    for (const [name, restore] of this.restores) {
      await restore().catch((error: unknown) => this.logger.error(`Could not restore ${name} after the Redis outage: ${String(error)}`));
    }
  }

  onApplicationBootstrap(): void {
    this.started = true;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }
}

@Global()
@Module({ providers: [RedisConnection], exports: [RedisConnection] })
export class RedisModule {}
