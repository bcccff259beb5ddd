import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../migrations/migrations';
import { runBuilt, startBuiltApp } from './support/child-app';
import { eventually } from './support/test-app';
import { TestDatabase, createTestDatabase, scaledProfile } from './support/test-database';

describe('the app as a process', () => {
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'ai-race-proc-'));
    const { redisUrl } = scaledProfile();
    env = {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_PREFIX: `ai-race-proc-${Date.now()}`,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    };
  });
  afterEach(() => database.drop());

  it('refuses a bad variable with one line naming it, and no stack trace', async () => {
    const run = runBuilt('src/main.js', { ...env, PORT: 'eighty' });
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.output().trim()).toBe('Invalid configuration: PORT must be a whole number from 0 to 65535 (got "eighty")');
  });

  it.each([
    ['an empty', ''],
    ['a 10-byte', '0123456789\n'],
  ])('refuses to start with %s jwt-secret file, in one line naming the file', async (_, content) => {
    const file = join(dataDir, 'jwt-secret');
    writeFileSync(file, content);
    const run = runBuilt('src/main.js', { ...env, HOST: '127.0.0.1', PORT: '0' });
    try {
      expect(await within(run.exited, 15000)).toEqual({ code: 1, signal: null });
    } finally {
      run.child.kill('SIGKILL');
    }
    expect(run.output().trim()).toMatch(/^Invalid configuration: \S+ holds \d+ bytes, and a JWT secret needs at least 32[^\n]*$/);
    expect(run.output()).toContain(`${file} holds ${content.trim().length} bytes`);
  });

  it('starts on a fresh data folder, migrating the database first', async () => {
    const { DATABASE_URL: _unused, ...withoutDatabase } = env;
    const app = await startBuiltApp('src/main.js', scaledProfile().databaseUrl ? env : withoutDatabase);
    try {
      const health = (await fetch(`${app.url}/health`).then((res) => res.json())) as { db: string };
      expect(health.db).toBe('up');
      // The SQLite file, and only without PostgreSQL: the scaled profile must not fall back to it.
      expect(existsSync(join(dataDir, 'ai-race.sqlite'))).toBe(!scaledProfile().databaseUrl);
      expect(existsSync(join(dataDir, 'jwt-secret'))).toBe(true);
    } finally {
      app.child.kill('SIGTERM');
      expect(await app.exited).toEqual({ code: 0, signal: null });
    }
  });

  it('finishes requests in flight on SIGTERM, refuses new ones, and exits 0', async () => {
    const app = await startBuiltApp('test/fixtures/app-with-probes.js', env);
    const inFlight = Array.from({ length: 5 }, () => fetch(`${app.url}/api/test/slow`).then(async (res) => ({ status: res.status, body: await res.json() })));
    await new Promise((resolve) => setTimeout(resolve, 400));
    app.child.kill('SIGTERM');
    const results = await Promise.all(inFlight);
    expect(results).toEqual(Array(5).fill({ status: 200, body: { done: true } }));
    expect(await app.exited).toEqual({ code: 0, signal: null });
    await expect(fetch(`${app.url}/health`)).rejects.toThrow();
  });

  it('keeps answering, and stops on SIGTERM in time, while nobody reads its stdout', async () => {
    const app = await startBuiltApp('src/main.js', { ...env, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '3000' });
    try {
      // A log shipper that stopped reading: from here on the pipe fills, then the app's own buffer.
      app.child.stdout!.pause();
      // Long addresses make long request lines: about 7 MB of them, more than the pipe and the buffer hold.
      const long = `${app.url}/health?pad=${'x'.repeat(6000)}`;
      for (let batch = 0; batch < 48; batch++) {
        const statuses = await Promise.all(Array.from({ length: 25 }, () => fetch(long, { signal: AbortSignal.timeout(5000) }).then((res) => res.status)));
        expect(statuses).toEqual(Array(25).fill(200));
      }
      const metrics = await fetch(`${app.url}/metrics`, { signal: AbortSignal.timeout(5000) }).then((res) => res.text());
      expect(Number(/^ai_race_log_lines_dropped_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);

      const stopping = Date.now();
      app.child.kill('SIGTERM');
      expect(await within(app.exited, 8000)).toEqual({ code: 0, signal: null });
      expect(Date.now() - stopping).toBeLessThan(3000 + 1000);
    } finally {
      app.child.kill('SIGKILL');
      app.child.stdout!.destroy();
    }
  }, 60000);

  it('migrates and reverts from the command line', async () => {
    const run = async (command: string) => {
      const child = runBuilt('src/database/migrate-cli.js', env, [command]);
      const { code } = await child.exited;
      return { code, output: child.output().trim() };
    };
    // As TypeORM reports them: the name each migration declares.
    const names = MIGRATIONS.map((migration) => new migration().name);
    expect(names[0]).toBe('Foundation1764352800000');
    expect(await run('run')).toEqual({ code: 0, output: `Applied: ${names.join(', ')}` });
    expect(await run('run')).toEqual({ code: 0, output: 'The schema is up to date.' });
    expect(await run('revert')).toEqual({ code: 0, output: 'Reverted the last migration.' });
    expect(await run('run')).toEqual({ code: 0, output: `Applied: ${names[names.length - 1]}` });
    expect((await run('sideways')).code).toBe(1);
  });

  it('runs the demo: a seeded district, printed logins, and the same roster when run again', async () => {
    for (let run = 1; run <= 2; run++) {
      const demo = await startBuiltApp('seeds/demo.js', env, 60000);
      try {
        await eventually(async () => demo.output().includes('Demo logins:'), 30000);
        expect(demo.output()).toContain('2,896 participants');
        expect(demo.output()).toMatch(/\d{3} questions/);
        expect(demo.output()).toContain('admin / demo-admin-2025');
        const login = await post(`${demo.url}/api/auth/login`, { username: 'hamo', password: 'demo-hamo-2025' });
        const admin = await post(`${demo.url}/api/auth/login`, { username: 'admin', password: 'demo-admin-2025' });
        const staff = await post(`${demo.url}/api/auth/participant`, { staffCode: 'NV00001', pin: '1234' });
        expect(staff.participant.staffCode).toBe('NV00001');
        const all = await get(`${demo.url}/api/participants?limit=1`, admin.accessToken);
        expect(all.total).toBe(2896);
        const bank = await get(`${demo.url}/api/questions?limit=1`, admin.accessToken);
        expect(bank.total).toBeGreaterThanOrEqual(150);
        const races = await get(`${demo.url}/api/races`, admin.accessToken);
        expect(races).toHaveLength(1);
        expect(races[0].rounds.filter((r: { status: string }) => r.status === 'open')).toHaveLength(1);
        const hamo = await get(`${demo.url}/api/units`, login.accessToken);
        expect(hamo.map((u: { code: string }) => u.code)).toEqual(['HAMO']);
      } finally {
        demo.child.kill('SIGTERM');
        expect(await demo.exited).toEqual({ code: 0, signal: null });
      }
    }
  }, 150000);
});

/** What the promise gives, or 'still running' after `ms` (without holding Jest's exit). */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still running'> {
  return Promise.race([promise, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms).unref())]);
}

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies; the assertions check their shape */
async function post(url: string, body: object): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

async function get(url: string, token: string): Promise<any> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}
