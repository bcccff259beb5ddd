import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DestinationStream } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/config';
import { TestDatabase, createTestDatabase, scaledProfile } from './test-database';

export const ADMIN_PASSWORD = 'test-admin-password';

export interface TestAppOptions {
  /** Reuse a database (to restart the app on it); a fresh one otherwise, dropped on close. */
  database?: TestDatabase;
  /** Reuse a Redis key prefix (to restart on the same queues); a fresh one otherwise. */
  redisPrefix?: string;
  env?: Record<string, string>;
  extraModules?: Type[];
  logDestination?: DestinationStream;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  database: TestDatabase;
  http(): ReturnType<typeof request>;
  /** Stops the app; `keepData` leaves the database and Redis keys for a restart. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/** The real app on a real database (and Redis in the scaled run), as the HTTP server sees it. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const redisPrefix = options.redisPrefix ?? `ai-race-test-${randomBytes(4).toString('hex')}`;
  const { redisUrl } = scaledProfile();
  const config = loadConfig({
    DATABASE_URL: database.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'ai-race-data-')),
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'silent',
    ADMIN_PASSWORD: ADMIN_PASSWORD,
    REDIS_PREFIX: redisPrefix,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    ...options.env,
  });
  const app = await createApp(config, { extraModules: options.extraModules, logDestination: options.logDestination });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    database,
    http: () => request(app.getHttpServer()),
    close: async ({ keepData = false } = {}) => {
      await app.close();
      if (keepData) return;
      await database.drop();
      if (config.redisUrl) await deleteRedisKeys(config.redisUrl, redisPrefix);
    },
  };
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
