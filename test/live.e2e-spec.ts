import { AddressInfo } from 'node:net';
import { Socket, io } from 'socket.io-client';
import { OrgFactory } from './support/org-factory';
import { TestApp, eventually, startTestApp } from './support/test-app';

describe('live socket (/live)', () => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/live`;
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await t.close();
  });

  const connect = (token?: string) => {
    const socket = io(url, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false });
    sockets.push(socket);
    return socket;
  };

  it('refuses a socket without a valid token, saying why', async () => {
    const socket = connect('not-a-token');
    const error = await new Promise<{ message: string }>((resolve) => socket.on('error', resolve));
    expect(error.message).toContain('Sign in first');
    await eventually(async () => !socket.connected && socket.disconnected, 3000);
  });

  it('tells every signed-in socket when a round opens and closes, and counts open sockets', async () => {
    const make = new OrgFactory(t);
    const admin = await make.admin();
    const screen = connect(await make.screenToken());
    const organiser = connect(admin);
    await eventually(async () => screen.connected && organiser.connected, 3000);
    const metrics = await t.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/ai_race_open_sockets [2-9]/);

    const seen: Array<{ roundId: number; status: string }> = [];
    screen.on('round:status', (event) => seen.push(event));
    const question = await t
      .http()
      .post('/api/questions')
      .auth(admin, { type: 'bearer' })
      .send({
        type: 'truefalse',
        text: 'Có không?',
        choices: [
          { text: '', correct: true },
          { text: '', correct: false },
        ],
      })
      .expect(201);
    const race = await t.http().post('/api/races').auth(admin, { type: 'bearer' }).send({ name: 'Đua trực tiếp' }).expect(201);
    const round = await t
      .http()
      .post(`/api/races/${race.body.id}/rounds`)
      .auth(admin, { type: 'bearer' })
      .send({ name: 'Vòng', mode: 'window', questionIds: [question.body.id], opensAt: new Date(Date.now() + 300).toISOString() })
      .expect(201);
    await eventually(async () => seen.length >= 1, 5000);
    await t.http().post(`/api/rounds/${round.body.id}/close`).auth(admin, { type: 'bearer' }).expect(200);
    await eventually(async () => seen.length >= 2, 3000);
    expect(seen).toEqual([
      { roundId: round.body.id, raceId: race.body.id, status: 'open' },
      { roundId: round.body.id, raceId: race.body.id, status: 'closed' },
    ]);
  });
});
