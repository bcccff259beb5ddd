import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { RedisConnection } from '../redis/redis.module';

/**
 * A version per scope (`race:1`, `round:7`) that rises with every change, shared through Redis in
 * the scaled profile: the ticker sends a board again only when its version moved.
 */
@Injectable()
export class BoardVersions {
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly redis: RedisConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async of(scopes: string[]): Promise<number[]> {
    if (!scopes.length) return [];
    if (this.redis.client) return (await this.redis.client.mget(scopes.map((scope) => this.key(scope)))).map(Number);
    return scopes.map((scope) => this.versions.get(scope) ?? 0);
  }

  async touch(scopes: string[]): Promise<void> {
    if (this.redis.client) {
      const pipeline = this.redis.client.pipeline();
      for (const scope of scopes) pipeline.incr(this.key(scope));
      await pipeline.exec();
    } else for (const scope of scopes) this.versions.set(scope, (this.versions.get(scope) ?? 0) + 1);
  }

  private key(scope: string): string {
    return `${this.config.redisPrefix}:board-version:${scope}`;
  }
}
