import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config';
import { ConfigModule } from '../src/config/config.module';
import { DatabaseModule } from '../src/database/database.module';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ENTITIES } from '../src/entities';
import { runMigrations } from '../src/database/migrate';
import { HousekeepingService } from '../src/housekeeping/housekeeping.service';
import { InProcessJobDriver } from '../src/jobs/in-process-job-driver';
import { MAX_JOB_ATTEMPTS } from '../src/jobs/job-driver';
import { JobName } from '../src/jobs/job-names';
import { JobsModule } from '../src/jobs/jobs.module';
import { JobsService } from '../src/jobs/jobs.service';
import { ScheduledJob } from '../src/jobs/scheduled-job.entity';
import { RedisModule } from '../src/redis/redis.module';
import { eventually, startTestApp } from './support/test-app';
import { createTestDatabase, scaledProfile } from './support/test-database';

const expectedDriver = scaledProfile().redisUrl ? 'bull' : 'in-process';

describe(`jobs on the configured driver (${expectedDriver})`, () => {
  it('uses Bull when REDIS_URL is set and the in-process driver otherwise', async () => {
    const t = await startTestApp();
    try {
      expect(t.app.get(JobsService).driver.kind).toBe(expectedDriver);
    } finally {
      await t.close();
    }
  });

  it('runs the housekeeping job when enqueued', async () => {
    const t = await startTestApp();
    try {
      const housekeeping = t.app.get(HousekeepingService);
      expect(await housekeeping.lastSweep()).toBeNull();
      const before = Date.now();
      await t.app.get(JobsService).enqueue(JobName.Housekeeping, {});
      const sweep = await eventually(() => housekeeping.lastSweep().then((s) => s ?? undefined));
      expect(sweep.at).toBeGreaterThanOrEqual(before);
    } finally {
      await t.close();
    }
  });

  it('runs housekeeping periodically by itself', async () => {
    const t = await startTestApp({ env: { HOUSEKEEPING_INTERVAL_MS: '1000' } });
    try {
      const housekeeping = t.app.get(HousekeepingService);
      const first = await eventually(() => housekeeping.lastSweep().then((s) => s ?? undefined), 5000);
      const second = await eventually(() => housekeeping.lastSweep().then((s) => (s && s.at > first.at ? s : undefined)), 5000);
      expect(second.at - first.at).toBeGreaterThanOrEqual(500);
    } finally {
      await t.close();
    }
  });

  it('keeps a delayed job across a restart and runs it when due', async () => {
    const first = await startTestApp();
    const runAt = Date.now() + 1500;
    await first.app.get(JobsService).enqueue(JobName.Housekeeping, {}, { runAt, key: 'delayed-sweep' });
    await first.close({ keepData: true });

    const second = await startTestApp({ database: first.database, redisPrefix: first.config.redisPrefix });
    try {
      const housekeeping = second.app.get(HousekeepingService);
      const sweep = await eventually(() => housekeeping.lastSweep().then((s) => s ?? undefined), 8000);
      expect(sweep.at).toBeGreaterThanOrEqual(runAt - 50);
    } finally {
      await second.close();
    }
  });

  it('coalesces jobs enqueued with the same key into one run', async () => {
    const t = await startTestApp();
    try {
      const jobs = t.app.get(JobsService);
      const runAt = Date.now() + 800;
      for (let i = 0; i < 5; i++) await jobs.enqueue(JobName.Housekeeping, {}, { runAt: runAt + i, key: 'burst' });
      const housekeeping = t.app.get(HousekeepingService);
      const sweep = await eventually(() => housekeeping.lastSweep().then((s) => s ?? undefined), 5000);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await housekeeping.lastSweep())?.at).toBe(sweep.at);
    } finally {
      await t.close();
    }
  });
});

describe('refusing to start', () => {
  it('fails to start when a job name has no handler', async () => {
    const database = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: database.url, JWT_SECRET: 'x'.repeat(32), REDIS_PREFIX: 'ai-race-refuse' });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ ...config, redisUrl: null }), DatabaseModule.forRoot(ENTITIES), RedisModule, JobsModule],
    }).compile();
    moduleRef.useLogger(false);
    try {
      await expect(moduleRef.init()).rejects.toThrow(`no handler for job(s) ${JobName.Housekeeping}, ${JobName.RoundOpen}, ${JobName.RoundClose}`);
    } finally {
      await moduleRef.close();
      await database.drop();
    }
  });
});

describe('in-process driver', () => {
  let dataSource: DataSource;
  const drop: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    const database = await createTestDatabase();
    dataSource = await new DataSource(
      dataSourceOptions(loadConfig({ DATABASE_URL: database.url, JWT_SECRET: 'x'.repeat(32) }).database, ENTITIES),
    ).initialize();
    await runMigrations(dataSource);
    drop.push(async () => {
      await dataSource.destroy();
      await database.drop();
    });
  });
  afterEach(async () => {
    while (drop.length) await drop.pop()!();
  });

  it('retries a failing job and gives up after the last attempt, keeping the error', async () => {
    const driver = new InProcessJobDriver(dataSource, () => 20);
    let calls = 0;
    await driver.start(async () => {
      calls++;
      throw new Error(`failure ${calls}`);
    });
    await driver.enqueue('flaky', { n: 1 }, {});
    const jobs = dataSource.getRepository(ScheduledJob);
    const failed = await eventually(() => jobs.findOneBy({ status: 'failed' }).then((job) => job ?? undefined));
    await driver.stop();
    expect(calls).toBe(MAX_JOB_ATTEMPTS);
    expect(failed).toMatchObject({ name: 'flaky', attempts: MAX_JOB_ATTEMPTS, lastError: `failure ${MAX_JOB_ATTEMPTS}` });
    expect(await driver.purgeFailed(Date.now() + 1)).toBe(1);
  });

  it('runs a job that a crash left running again at the next start', async () => {
    await dataSource.getRepository(ScheduledJob).insert({
      name: 'interrupted',
      jobKey: null,
      payload: '{"round":7}',
      status: 'running',
      runAt: Date.now() - 1000,
      attempts: 1,
      lastError: null,
      createdAt: Date.now() - 1000,
    });
    const driver = new InProcessJobDriver(dataSource);
    const seen: unknown[] = [];
    await driver.start(async (name, payload) => {
      seen.push({ name, payload });
    });
    await eventually(async () => seen.length === 1);
    await eventually(async () => (await dataSource.getRepository(ScheduledJob).count()) === 0);
    await driver.stop();
    expect(seen).toEqual([{ name: 'interrupted', payload: { round: 7 } }]);
  });

  it('runs due jobs in order and each once, also when enqueued in a burst', async () => {
    const driver = new InProcessJobDriver(dataSource);
    const seen: number[] = [];
    await driver.start(async (_name, payload) => {
      seen.push((payload as { i: number }).i);
    });
    const now = Date.now();
    await Promise.all(Array.from({ length: 30 }, (_, i) => driver.enqueue('burst', { i }, { runAt: now + 200 + i * 5 })));
    await eventually(async () => seen.length === 30);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await driver.stop();
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(seen.length).toBe(30);
  });

  it('keeps a job re-enqueued under its key while the first run is still going', async () => {
    const driver = new InProcessJobDriver(dataSource);
    const runs: string[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    await driver.start(async (_name, payload) => {
      const { v } = payload as { v: string };
      runs.push(v);
      if (v === 'first') await blocked;
    });
    await driver.enqueue('round.open', { v: 'first' }, { key: 'round:1' });
    await eventually(async () => runs.length === 1);
    await driver.enqueue('round.open', { v: 'second' }, { key: 'round:1' });
    release();
    await eventually(async () => runs.length === 2);
    await driver.stop();
    expect(runs).toEqual(['first', 'second']);
  });
});
