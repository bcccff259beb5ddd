import { Writable } from 'node:stream';
import { ProbeModule } from './fixtures/probe.module';
import { OrgFactory } from './support/org-factory';
import { ADMIN_PASSWORD, TestApp, startTestApp } from './support/test-app';

describe('secrets in the logs', () => {
  let t: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    const logDestination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    t = await startTestApp({ extraModules: [ProbeModule], env: { LOG_LEVEL: 'info' }, logDestination });
  });
  afterAll(() => t.close());

  it('writes the request lines of tokens, join links and screens without the secrets in them', async () => {
    const make = new OrgFactory(t);
    const admin = await make.admin();
    const screen = await make.screenToken();
    const unit = await make.unit();
    const person = await make.participant({ unitCode: unit.code });
    const link = await t.http().post(`/api/participants/${person.id}/join-link`).auth(admin, { type: 'bearer' }).expect(201);
    const join = link.body.token as string;
    const cookie = 'session-cookie-value-0123456789';

    await t.http().get('/api/units').auth(admin, { type: 'bearer' }).set('cookie', `sid=${cookie}`).expect(200);
    await t.http().get(`/screen?token=${screen}`);
    await t.http().get(`/?join=${join}&lang=vi`);
    const joined = await t.http().post('/api/auth/join').send({ token: join }).expect(200);
    const participant = joined.body.accessToken as string;
    await t.http().get('/api/me').auth(participant, { type: 'bearer' }).expect(200);
    // A request that fails inside, and one no route takes, are logged with their address too.
    await t.http().get(`/api/test/boom?token=${screen}`).expect(500);
    await t.http().get(`/no-such-page?join=${join}`).expect(404);

    const log = lines.join('\n');
    const tokens = { admin, screen, join, participant };
    const secrets = { ...tokens, cookie, password: ADMIN_PASSWORD };
    expect(
      Object.entries(secrets)
        .filter(([, secret]) => log.includes(secret))
        .map(([name]) => name),
    ).toEqual([]);
    // A token's header and claims can be guessed; its signature is what makes it, so not even that shows.
    expect(
      Object.entries(tokens)
        .filter(([, token]) => log.includes(token.split('.')[2]))
        .map(([name]) => name),
    ).toEqual([]);

    const urls = lines.map((line) => JSON.parse(line) as { req?: { url?: string }; url?: string; msg?: string });
    const requested = urls.map((line) => line.req?.url).filter(Boolean);
    expect(requested).toEqual(
      expect.arrayContaining([
        '/api/units',
        '/screen?token=[redacted]',
        '/?join=[redacted]&lang=vi',
        '/api/auth/join',
        '/api/test/boom?token=[redacted]',
        '/no-such-page?join=[redacted]',
      ]),
    );
    expect(urls).toContainEqual(expect.objectContaining({ msg: 'Unhandled error', url: '/api/test/boom?token=[redacted]' }));
  });
});
