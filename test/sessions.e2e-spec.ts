import { AddressInfo } from 'node:net';
import { Socket, io } from 'socket.io-client';
import { OrgFactory } from './support/org-factory';
import { TestApp, eventually, startTestApp } from './support/test-app';

describe('sessions that end', () => {
  let t: TestApp;
  let make: OrgFactory;
  let admin: string;
  let unitCode: string;
  let liveUrl: string;
  const sockets: Socket[] = [];
  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).auth(token, { type: 'bearer' }),
    post: (path: string) => t.http().post(path).auth(token, { type: 'bearer' }),
    patch: (path: string) => t.http().patch(path).auth(token, { type: 'bearer' }),
    delete: (path: string) => t.http().delete(path).auth(token, { type: 'bearer' }),
  });

  /** A connected socket, and what it is told before it is closed. */
  const connected = async (token: string) => {
    const socket = io(liveUrl, { transports: ['websocket'], auth: { token }, reconnection: false });
    sockets.push(socket);
    const errors: Array<{ code?: string; message: string }> = [];
    socket.on('error', (error) => errors.push(error));
    await eventually(async () => socket.connected, 3000);
    // The handshake's check runs after the connection opens: one acked event makes sure it passed.
    const ack = await socket.timeout(3000).emitWithAck('board:subscribe', { board: 'units', race: 999_999 });
    expect(ack.statusCode).toBe(404);
    return { socket, errors };
  };

  /** Within 2 s the socket is told SESSION_ENDED and then closed. */
  const endsWithin2s = async ({ socket, errors }: Awaited<ReturnType<typeof connected>>) => {
    const started = Date.now();
    await eventually(async () => socket.disconnected, 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(errors).toContainEqual(expect.objectContaining({ code: 'SESSION_ENDED' }));
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    liveUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/live`;
    make = new OrgFactory(t);
    admin = await make.admin();
    unitCode = (await make.unit()).code;
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await t.close();
  });

  it('a new PIN ends the old token (401 SESSION_ENDED) and closes its socket within 2 s; the new PIN signs in', async () => {
    const person = await make.participant({ unitCode, pin: '1111' });
    const token = await make.participantToken(person.staffCode, '1111');
    const live = await connected(token);
    await as(admin).patch(`/api/participants/${person.id}`).send({ pin: '2222' }).expect(200);
    await endsWithin2s(live);
    const refused = await as(token).get('/api/me').expect(401);
    expect(refused.body.code).toBe('SESSION_ENDED');
    await as(await make.participantToken(person.staffCode, '2222'))
      .get('/api/me')
      .expect(200);
  });

  it('deactivation does the same, and a socket cannot come back with the old token', async () => {
    const person = await make.participant({ unitCode });
    const token = await make.participantToken(person.staffCode);
    const live = await connected(token);
    await as(admin).patch(`/api/participants/${person.id}`).send({ active: false }).expect(200);
    await endsWithin2s(live);
    expect((await as(token).get('/api/me').expect(401)).body.code).toBe('SESSION_ENDED');
    const again = io(liveUrl, { transports: ['websocket'], auth: { token }, reconnection: false });
    sockets.push(again);
    const error = await new Promise<{ code?: string }>((resolve) => again.on('error', resolve));
    expect(error.code).toBe('SESSION_ENDED');
  });

  it('a roster import with a new PIN ends sessions; one repeating the PIN keeps them', async () => {
    const person = await make.participant({ unitCode, pin: '3333' });
    const token = await make.participantToken(person.staffCode, '3333');
    const csv = (pin: string) => `staffCode,fullName,unitCode,pin\n${person.staffCode},Nguyễn Văn Thử,${unitCode},${pin}\n`;
    await as(admin)
      .post('/api/participants/import')
      .attach('file', Buffer.from(csv('3333')), 'roster.csv')
      .expect(200);
    await as(token).get('/api/me').expect(200);
    await as(admin)
      .post('/api/participants/import')
      .attach('file', Buffer.from(csv('4444')), 'roster.csv')
      .expect(200);
    expect((await as(token).get('/api/me').expect(401)).body.code).toBe('SESSION_ENDED');
    await make.participantToken(person.staffCode, '4444');
  });

  it('signing out everywhere ends every token of the caller, this one too', async () => {
    const person = await make.participant({ unitCode });
    const first = await make.participantToken(person.staffCode);
    const second = await make.participantToken(person.staffCode);
    const live = await connected(first);
    await as(second).post('/api/auth/sign-out-everywhere').expect(204);
    await endsWithin2s(live);
    await as(first).get('/api/me').expect(401);
    await as(second).get('/api/me').expect(401);
  });

  it('join links expire when their maker says, and stop working after a PIN reset', async () => {
    const person = await make.participant({ unitCode });
    const week = await as(admin).post(`/api/participants/${person.id}/join-link`).send({ validDays: 7 }).expect(201);
    const days = (Date.parse(week.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const month = await as(admin).post(`/api/participants/${person.id}/join-link`).expect(201);
    expect((Date.parse(month.body.expiresAt) - Date.now()) / 86_400_000).toBeGreaterThan(29.99);
    await as(admin).post(`/api/participants/${person.id}/join-link`).send({ validDays: 0 }).expect(400);
    await t.http().post('/api/auth/join').send({ token: week.body.token }).expect(200);
    await as(admin).patch(`/api/participants/${person.id}`).send({ pin: '9753' }).expect(200);
    const refused = await t.http().post('/api/auth/join').send({ token: week.body.token }).expect(401);
    expect(refused.body.code).toBe('BAD_JOIN_LINK');
    await t.http().post('/api/auth/join').send({ token: month.body.token }).expect(401);
  });

  it("a password change ends the organiser's other tokens and keeps the one that changed it", async () => {
    const { username, token: here } = await make.organiser(undefined);
    const elsewhere = await make.signIn(username, 'organiser-password');
    const live = await connected(elsewhere);
    const own = await connected(here);
    await as(here).post('/api/auth/password').send({ currentPassword: 'wrong-password-1', newPassword: 'a-new-password-2026' }).expect(401);
    await as(here).post('/api/auth/password').send({ currentPassword: 'organiser-password', newPassword: 'short' }).expect(400);
    await as(here).post('/api/auth/password').send({ currentPassword: 'organiser-password', newPassword: username.toUpperCase() }).expect(400);
    await as(here).post('/api/auth/password').send({ currentPassword: 'organiser-password', newPassword: 'a-new-password-2026' }).expect(204);
    await endsWithin2s(live);
    expect((await as(elsewhere).get('/api/units').expect(401)).body.code).toBe('SESSION_ENDED');
    await as(here).get('/api/units').expect(200);
    // The page that changed it keeps its socket too.
    expect(own.socket.connected).toBe(true);
    expect(own.errors).toEqual([]);
    await t.http().post('/api/auth/login').send({ username, password: 'organiser-password' }).expect(401);
    await make.signIn(username, 'a-new-password-2026');
  });

  it('an admin disables an organiser: their tokens and screens end and they cannot sign in; enabled again, they can', async () => {
    const unit = await make.unit();
    const { username, token } = await make.organiser(unit.id);
    const list = await as(admin).get('/api/organisers').expect(200);
    const id = list.body.find((o: { username: string }) => o.username === username).id as number;
    const screen = await make.screenToken(token);
    const live = await connected(token);
    const disabled = await as(admin).patch(`/api/organisers/${id}`).send({ active: false }).expect(200);
    expect(disabled.body).toMatchObject({ id, active: false });
    await endsWithin2s(live);
    expect((await as(token).get('/api/units').expect(401)).body.code).toBe('SESSION_ENDED');
    await as(screen).get('/api/races').expect(401);
    const refused = await t.http().post('/api/auth/login').send({ username, password: 'organiser-password' }).expect(401);
    expect(refused.body.code).toBe('ACCOUNT_DISABLED');
    await as(admin).patch(`/api/organisers/${id}`).send({ active: true, password: 'reset-by-admin-2026' }).expect(200);
    await make.signIn(username, 'reset-by-admin-2026');
    await as(token).get('/api/units').expect(401);
  });

  it('refuses to disable the last active admin, and organisers may not change accounts', async () => {
    const me = (await as(admin).get('/api/auth/me').expect(200)).body;
    const others = (await as(admin).get('/api/organisers').expect(200)).body.filter(
      (o: { role: string; active: boolean; id: number }) => o.role === 'admin' && o.active && o.id !== me.id,
    );
    // Stated, not assumed: with another active admin the refusal below would not be due.
    expect(others).toEqual([]);
    expect((await as(admin).patch(`/api/organisers/${me.id}`).send({ active: false }).expect(409)).body.code).toBe('LAST_ADMIN');
    const { token } = await make.organiser(undefined);
    await as(token).patch(`/api/organisers/${me.id}`).send({ active: false }).expect(403);
    await as(admin).patch('/api/organisers/999999').send({ active: false }).expect(404);
    await as(admin).patch(`/api/organisers/${me.id}`).send({ active: 'no' }).expect(400);
  });

  it('screen tokens expire when asked, end their sockets when revoked, and a bound one reads only its race', async () => {
    const raceA = (await as(admin).post('/api/races').send({ name: 'Cuộc đua A' }).expect(201)).body;
    const raceB = (await as(admin).post('/api/races').send({ name: 'Cuộc đua B' }).expect(201)).body;
    const bound = await as(admin).post('/api/screen-tokens').send({ label: 'Hội trường A', raceId: raceA.id }).expect(201);
    await as(bound.body.token).get(`/api/leaderboards/units?race=${raceA.id}`).expect(200);
    await as(bound.body.token).get(`/api/leaderboards/units?race=${raceB.id}`).expect(403);
    await as(bound.body.token).get(`/api/races/${raceB.id}`).expect(403);
    expect((await as(bound.body.token).get('/api/races').expect(200)).body.map((race: { id: number }) => race.id)).toEqual([raceA.id]);

    const live = await connected(bound.body.token);
    const refused = await live.socket.timeout(3000).emitWithAck('board:subscribe', { board: 'units', race: raceB.id });
    expect(refused.statusCode).toBe(403);
    await as(admin).delete(`/api/screen-tokens/${bound.body.id}`).expect(204);
    await endsWithin2s(live);

    await as(admin)
      .post('/api/screen-tokens')
      .send({ label: 'Cũ', expiresAt: new Date(Date.now() - 1000).toISOString() })
      .expect(400);
    const brief = await as(admin)
      .post('/api/screen-tokens')
      .send({ label: 'Một buổi', expiresAt: new Date(Date.now() + 2500).toISOString() })
      .expect(201);
    expect(brief.body.expiresAt).toEqual(expect.any(String));
    const briefLive = await connected(brief.body.token);
    await as(brief.body.token).get('/api/races').expect(200);
    await eventually(async () => briefLive.socket.disconnected, 5000);
    await as(brief.body.token).get('/api/races').expect(401);
  });
});
