import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'ai-race-config-'));

  it('gives the embedded profile with nothing set', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      database: { type: 'sqlite', path: join(dir, 'ai-race.sqlite'), synchronous: 'FULL' },
      redisUrl: null,
      adminPassword: null,
      answerGraceMs: 2000,
      logLevel: 'info',
    });
  });

  it('defaults the data folder to ./data', () => {
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(32) }).database).toEqual({
      type: 'sqlite',
      path: resolve('data', 'ai-race.sqlite'),
      synchronous: 'FULL',
    });
  });

  it('reads the scaled profile', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      DATABASE_URL: 'postgres://u:p@db:5432/race',
      REDIS_URL: 'redis://cache:6379',
      PORT: '8080',
      ANSWER_GRACE_MS: '1500',
    });
    expect(config.database).toEqual({ type: 'postgres', url: 'postgres://u:p@db:5432/race' });
    expect(config.redisUrl).toBe('redis://cache:6379');
    expect(config.port).toBe(8080);
    expect(config.answerGraceMs).toBe(1500);
  });

  it("reads TRUST_PROXY as the proxies' addresses and CIDRs only", () => {
    const trust = (value: string) => loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: value }).trustProxy;
    expect([trust('false'), trust('127.0.0.1, 10.0.0.0/8'), trust('::1,fd00::/8')]).toEqual([false, '127.0.0.1,10.0.0.0/8', '::1,fd00::/8']);
  });

  it('takes another SQLite file from sqlite:<path>', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'sqlite:/tmp/other.sqlite' }).database).toEqual({
      type: 'sqlite',
      path: '/tmp/other.sqlite',
      synchronous: 'FULL',
    });
  });

  it('syncs SQLite in full unless the durability bench asks for NORMAL, and refuses anything else', () => {
    const synchronous = (value?: string) => loadConfig({ DATA_DIR: dataDir(), ...(value ? { BENCH_SQLITE_SYNCHRONOUS: value } : {}) }).database;
    expect(synchronous()).toMatchObject({ synchronous: 'FULL' });
    expect(synchronous('NORMAL')).toMatchObject({ synchronous: 'NORMAL' });
    expect(() => synchronous('OFF')).toThrow(/BENCH_SQLITE_SYNCHRONOUS must be FULL or NORMAL/);
    expect(() => synchronous('normal')).toThrow(ConfigError);
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number from 0 to 65535 \(got "abc"\)/],
    ['PORT', '70000', /PORT must be a whole number/],
    ['ANSWER_GRACE_MS', '-5', /ANSWER_GRACE_MS must be a whole number/],
    ['READ_LIMIT_COSTLY_PER_MINUTE', '0', /READ_LIMIT_COSTLY_PER_MINUTE must be a whole number/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must start with postgres:\/\/ or sqlite:/],
    ['DATABASE_URL', 'sqlite:', /DATABASE_URL must name a file/],
    ['REDIS_URL', 'http://cache', /REDIS_URL must start with redis:\/\//],
    ['REDIS_URL', 'not a url', /REDIS_URL is not a valid URL/],
    ['JWT_SECRET', 'short', /JWT_SECRET must be at least 32 characters/],
    ['ADMIN_PASSWORD', 'abc', /ADMIN_PASSWORD must be at least 8 characters/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['REDIS_PREFIX', 'a b', /REDIS_PREFIX may hold only/],
    ['TRUST_PROXY', 'everyone!', /TRUST_PROXY must list the proxies' addresses/],
    ['TRUST_PROXY', 'true', /TRUST_PROXY cannot be "true"/],
    ['TRUST_PROXY', '10.0.0.0/33', /TRUST_PROXY must list .*not "10.0.0.0\/33"/],
    ['TRUST_PROXY', '10.0.0.1,,loopback', /TRUST_PROXY must list .*not "loopback"/],
  ])('refuses %s=%s with a sentence naming the variable', (variable, value, message) => {
    const dir = dataDir();
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dir, [variable]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).message).not.toContain('\n');
    // A refused start leaves nothing behind.
    expect(existsSync(join(dir, 'jwt-secret'))).toBe(false);
  });

  it('generates a JWT secret once and keeps it in the data folder', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first);
  });

  it.each([
    ['an empty', ''],
    ['a 10-byte', '0123456789\n'],
    ['a 31-byte', `  ${'s'.repeat(31)}  \n`],
  ])('refuses %s jwt-secret file with one line naming it, and leaves it as it is', (_, content) => {
    const dir = dataDir();
    const file = join(dir, 'jwt-secret');
    writeFileSync(file, content);
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dir });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(file);
    expect((error as ConfigError).message).toContain(`Invalid configuration: ${file} holds ${content.trim().length} bytes, and a JWT secret needs at least 32`);
    expect((error as ConfigError).message).not.toContain('\n');
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('takes a jwt-secret file of 32 bytes, counted without the white space around them', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'jwt-secret'), `\n${'k'.repeat(32)}\n`);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe('k'.repeat(32));
  });

  it('prefers JWT_SECRET when given', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir, JWT_SECRET: 's'.repeat(40) }).jwtSecret).toBe('s'.repeat(40));
    expect(existsSync(join(dir, 'jwt-secret'))).toBe(false);
  });

  it('does not read the jwt-secret file when JWT_SECRET is set', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'jwt-secret'), 'short');
    expect(loadConfig({ DATA_DIR: dir, JWT_SECRET: 's'.repeat(32) }).jwtSecret).toBe('s'.repeat(32));
  });

  it('refuses a JWT_SECRET one character short', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), JWT_SECRET: 's'.repeat(31) })).toThrow('JWT_SECRET must be at least 32 characters long');
  });
});
