import fc from 'fast-check';
import { AddressInfo } from 'node:net';
import { io } from 'socket.io-client';
import { OrgFactory } from './support/org-factory';
import { TestApp, startTestApp } from './support/test-app';

/** Generated bodies and queries for every organisation, sign-in and question endpoint: never a 5xx. */
describe('endpoints under generated input', () => {
  let t: TestApp;
  let admin: string;
  let unitId: number;
  let participantId: number;
  let questionId: number;
  let raceId: number;
  let roundId: number;
  let participant: string;
  let attemptId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const make = new OrgFactory(t);
    admin = await make.admin();
    const unit = await make.unit({ code: 'FUZZ-ROOT' });
    unitId = unit.id;
    participantId = (await make.participant({ unitCode: unit.code })).id;
    const question = await t
      .http()
      .post('/api/questions')
      .auth(admin, { type: 'bearer' })
      .send({
        type: 'single',
        text: 'Câu hỏi?',
        choices: [
          { text: 'A', correct: true },
          { text: 'B', correct: false },
        ],
      })
      .expect(201);
    questionId = question.body.id;
    raceId = (await t.http().post('/api/races').auth(admin, { type: 'bearer' }).send({ name: 'Đua thử' }).expect(201)).body.id;
    roundId = (
      await t
        .http()
        .post(`/api/races/${raceId}/rounds`)
        .auth(admin, { type: 'bearer' })
        .send({ name: 'Vòng', mode: 'window', questionIds: [questionId] })
        .expect(201)
    ).body.id;
    await t.http().post(`/api/rounds/${roundId}/open`).auth(admin, { type: 'bearer' }).expect(200);
    participant = await make.participantToken((await make.participant({ unitCode: unit.code })).staffCode);
    attemptId = (await t.http().post(`/api/rounds/${roundId}/attempts`).auth(participant, { type: 'bearer' }).expect(201)).body.attemptId;
  });
  afterAll(() => t.close());

  // Values of every JSON kind, plus strings that look like what the fields want.
  const choice = fc.record({ text: fc.oneof(fc.string(), fc.jsonValue()), correct: fc.oneof(fc.boolean(), fc.jsonValue()) }, { requiredKeys: [] });
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.array(choice, { maxLength: 10 }),
    fc.constantFrom('single', 'multiple', 'truefalse'),
    fc.constantFrom(
      'FUZZ-ROOT',
      'commune',
      'school',
      '1234',
      'Nguyễn Văn An',
      '',
      ' ',
      '<img src=x onerror=alert(1)>',
      "'; DROP TABLE unit; --",
      'admin',
      'organiser',
    ),
    fc.integer({ min: -5, max: 2_000_000 }),
  );
  const body = (fields: string[]) =>
    fc.oneof(
      fc.dictionary(fc.constantFrom(...fields, 'extra', '__proto__', 'constructor'), value, { maxKeys: fields.length + 1 }),
      fc.jsonValue({ maxDepth: 2 }),
    );

  const endpoints: Array<[string, 'post' | 'patch' | 'get', () => string, string[]]> = [
    ['create unit', 'post', () => '/api/units', ['code', 'name', 'category', 'parentCode', 'headcount']],
    ['change unit', 'patch', () => `/api/units/${unitId}`, ['name', 'category', 'parentCode', 'headcount']],
    ['merge unit', 'post', () => `/api/units/${unitId + 1000}/merge`, ['intoCode']],
    ['create clan', 'post', () => '/api/clans', ['code', 'name', 'unitCode']],
    ['create participant', 'post', () => '/api/participants', ['staffCode', 'fullName', 'unitCode', 'clanCode', 'pin', 'active']],
    ['change participant', 'patch', () => `/api/participants/${participantId}`, ['fullName', 'unitCode', 'clanCode', 'pin', 'active', 'timeMultiplier']],
    ['give a live question more time', 'post', () => `/api/rounds/${roundId}/live/extend`, ['seconds']],
    ['create organiser', 'post', () => '/api/organisers', ['username', 'password', 'role', 'unitId']],
    ['create screen token', 'post', () => '/api/screen-tokens', ['label']],
    ['join', 'post', () => '/api/auth/join', ['token']],
    ['create question', 'post', () => '/api/questions', ['type', 'text', 'choices', 'topic', 'difficulty', 'explanation']],
    ['change question', 'patch', () => `/api/questions/${questionId}`, ['type', 'text', 'choices', 'topic', 'difficulty', 'explanation', 'retired']],
    ['create race', 'post', () => '/api/races', ['name', 'startsAt', 'endsAt']],
    [
      'create round',
      'post',
      () => `/api/races/${raceId}/rounds`,
      ['name', 'mode', 'opensAt', 'closesAt', 'secondsPerQuestion', 'questionIds', 'draw', 'speedBonus', 'streakBonus', 'revealAnswers'],
    ],
  ];

  it.each(endpoints)('%s', async (_name, method, url, fields) => {
    await fc.assert(
      fc.asyncProperty(body(fields), async (payload) => {
        const res = await t
          .http()
          [method](url())
          .auth(admin, { type: 'bearer' })
          .set('content-type', 'application/json')
          .send(JSON.stringify(payload) ?? 'null');
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 120 },
    );
  });

  it('answers of every shape, from a participant: never a 5xx, never more than one stored', async () => {
    const answer = fc.record(
      { questionId: fc.oneof(value, fc.constant(questionId)), choiceIds: fc.oneof(value, fc.array(fc.integer({ min: -2, max: 50 }), { maxLength: 4 })) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(answer, body(['questionId', 'choiceIds'])), async (payload) => {
        const res = await t
          .http()
          .post(`/api/attempts/${attemptId}/answers`)
          .auth(participant, { type: 'bearer' })
          .set('content-type', 'application/json')
          .send(JSON.stringify(payload) ?? 'null');
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
    const attempt = await t.http().get(`/api/attempts/${attemptId}`).auth(participant, { type: 'bearer' }).expect(200);
    expect(attempt.body.answered).toBeLessThanOrEqual(1);
  });

  it('socket events of every shape get a failed ack or an error, and the connection stays', async () => {
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const socket = io(`http://127.0.0.1:${port}/live`, { transports: ['websocket'], auth: { token: participant }, reconnection: false });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('live:join', 'live:answer'),
          fc.oneof(body(['roundId', 'questionId', 'choiceIds']), fc.jsonValue()),
          async (event, payload) => {
            const ack = (await socket.timeout(3000).emitWithAck(event, payload)) as { ok: boolean; statusCode?: number };
            if (!ack.ok) expect(ack.statusCode).toBeLessThan(500);
            expect(socket.connected).toBe(true);
          },
        ),
        { numRuns: 200 },
      );
    } finally {
      socket.disconnect();
    }
  });

  it('list participants with generated queries', async () => {
    const query = fc.dictionary(fc.constantFrom('unitId', 'q', 'limit', 'offset', 'x'), fc.oneof(fc.string(), fc.integer().map(String)), { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(query, async (params) => {
        const res = await t.http().get('/api/participants').query(params).auth(admin, { type: 'bearer' });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('reports and boards with generated queries', async () => {
    const value = fc.oneof(fc.string(), fc.integer().map(String), fc.constant(String(raceId)), fc.constant('99999999999'));
    const query = fc.dictionary(fc.constantFrom('race', 'round', 'unitId', 'limit', 'offset', 'sort', 'x'), value, { maxKeys: 4 });
    const path = fc.constantFrom(
      '/api/reports/participation',
      '/api/reports/participation.csv',
      '/api/reports/non-participants',
      '/api/reports/non-participants.xlsx',
      `/api/reports/rounds/${raceId}/results`,
      '/api/leaderboards/units',
      '/api/leaderboards/individuals',
    );
    await fc.assert(
      fc.asyncProperty(path, query, async (url, params) => {
        const res = await t.http().get(url).query(params).auth(admin, { type: 'bearer' });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });

  it('path ids of every shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.integer().map(String), fc.constant('1e3'), fc.constant('99999999999999999999')), async (id) => {
        const res = await t
          .http()
          .get(`/api/units/${encodeURIComponent(id)}`)
          .auth(admin, { type: 'bearer' });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});
