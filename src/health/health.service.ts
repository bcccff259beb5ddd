import { Injectable } from '@nestjs/common';
import { rows } from '../database/steps';
import { Transactions } from '../database/transactions';
import { RedisConnection } from '../redis/redis.module';

export type DependencyState = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'error';
  db: DependencyState;
  redis?: DependencyState;
}

const CHECK_TIMEOUT_MS = 1500;

@Injectable()
export class HealthService {
  constructor(
    private readonly transactions: Transactions,
    private readonly redis: RedisConnection,
  ) {}

  async check(): Promise<HealthReport> {
    const db = await probe(() => this.transactions.read(() => rows('SELECT 1')));
    const client = this.redis.client;
    if (!client) return { status: db === 'up' ? 'ok' : 'error', db };
    const redis = await probe(() => client.ping());
    return { status: db === 'up' && redis === 'up' ? 'ok' : 'error', db, redis };
  }
}

async function probe(check: () => Promise<unknown>): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
