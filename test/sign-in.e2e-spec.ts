import { AddressInfo } from 'node:net';
import { burst } from './support/burst';
import { checksIn } from './support/metrics';
import { OrgFactory } from './support/org-factory';
import { ADMIN_PASSWORD, TestApp, startTestApp } from './support/test-app';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('sign-in against a determined guesser', () => {
  let t: TestApp;
  let make: OrgFactory;
  let base: string;
  let unitCode: string;
  let nextAddress = 1;
  // Each test its own addresses (behind the loopback proxy), so the address limits of one do not reach another.
  const address = () => `10.18.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const checks = async (kind: 'pin' | 'password') => checksIn((await t.http().get('/metrics').expect(200)).text, kind);

  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    make = new OrgFactory(t);
    unitCode = (await make.unit({ headcount: 500 })).code;
  });
  afterAll(() => t.close());

  it('compares at most 5 of 120 wrong PINs sent at once from 12 addresses, then refuses the right PIN while locked', async () => {
    const person = await make.participant({ unitCode, pin: '4821' });
    const addresses = Array.from({ length: 12 }, address);
    const before = await checks('pin');
    const guesses = Array.from({ length: 120 }, (_, i) => ({
      method: 'POST',
      path: '/api/auth/participant',
      body: { staffCode: person.staffCode, pin: String(1000 + i) },
      headers: from(addresses[i % 12]),
    }));
    const replies = await burst(base, guesses);
    expect(await checks('pin')).toBeLessThanOrEqual(before + 10);
    expect(await checks('pin')).toBeGreaterThan(before);
    expect(replies.every((reply) => reply.status === 401 || reply.status === 429)).toBe(true);
    expect(replies.filter((reply) => reply.body.code === 'ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(110);

    const right = await t.http().post('/api/auth/participant').set(from(address())).send({ staffCode: person.staffCode, pin: '4821' });
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ code: 'ACCOUNT_LOCKED', lockedUntil: expect.any(String), retryAfterSeconds: expect.any(Number) });
    expect(Date.parse(right.body.lockedUntil as string) - Date.now()).toBeGreaterThan(14 * 60_000);
  });

  it('lets 40 people behind one router each mistype once, then all sign in', async () => {
    const hall = address();
    const people = await Promise.all(Array.from({ length: 40 }, (_, i) => make.participant({ unitCode, pin: String(5000 + i) })));
    const wrong = await burst(
      base,
      people.map((person) => ({ method: 'POST', path: '/api/auth/participant', body: { staffCode: person.staffCode, pin: '0000' }, headers: from(hall) })),
    );
    expect(wrong.map((reply) => reply.status)).toEqual(Array(40).fill(401));
    const right = await burst(
      base,
      people.map((person, i) => ({
        method: 'POST',
        path: '/api/auth/participant',
        body: { staffCode: person.staffCode, pin: String(5000 + i) },
        headers: from(hall),
      })),
    );
    expect(right.map((reply) => reply.status)).toEqual(Array(40).fill(200));
  });

  it('locks an unknown staff code as it locks a known one, so locking tells nothing either', async () => {
    const ip = address();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await t.http().post('/api/auth/participant').set(from(ip)).send({ staffCode: 'KHONGCO-AI', pin: '1111' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('takes as long for an unknown staff code as for a known one with a wrong PIN', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, () => make.participant({ unitCode, pin: '2468' })));
    const timed = async (staffCode: string) => {
      const started = process.hrtime.bigint();
      const res = await t.http().post('/api/auth/participant').set(from(address())).send({ staffCode, pin: '1357' });
      expect(res.status).toBe(401);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    // Interleaved, so a busy moment of the machine falls on both alike.
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 20; i++) {
      known.push(await timed(people[i].staffCode));
      unknown.push(await timed(OrgFactory.unique('NOBODY')));
    }
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(1 / 1.5);
    expect(ratio).toBeLessThan(1.5);
  });

  it("counts an organiser's failures per address: a stranger elsewhere cannot lock admin out", async () => {
    const stranger = address();
    for (let i = 0; i < 4; i++) {
      await t
        .http()
        .post('/api/auth/login')
        .set(from(stranger))
        .send({ username: 'admin', password: `guess-${i}-wrong` })
        .expect(401);
    }
    const fifth = await t.http().post('/api/auth/login').set(from(stranger)).send({ username: 'admin', password: 'guess-5-wrong' });
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    await t.http().post('/api/auth/login').set(from(stranger)).send({ username: 'admin', password: ADMIN_PASSWORD }).expect(429);
    await t.http().post('/api/auth/login').set(from(address())).send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
  });

  it('makes an unknown username cost the same hash work as a known one', async () => {
    const before = await checks('password');
    await t.http().post('/api/auth/login').set(from(address())).send({ username: 'khong-ai-ca', password: 'whatever-password' }).expect(401);
    expect(await checks('password')).toBe(before + 1);
  });
});
