import { OrgFactory } from './support/org-factory';
import { TestApp, eventually, startTestApp } from './support/test-app';

describe('races and rounds', () => {
  let t: TestApp;
  let admin: string;
  let questionIds: number[];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await new OrgFactory(t).admin();
    questionIds = [];
    for (const text of ['Câu một?', 'Câu hai?', 'Câu ba?']) {
      const res = await post('/api/questions')
        .send({
          type: 'single',
          text,
          topic: 'Thử',
          choices: [
            { text: 'Có', correct: true },
            { text: 'Không', correct: false },
          ],
        })
        .expect(201);
      questionIds.push(res.body.id);
    }
  });
  afterAll(() => t.close());

  function post(url: string) {
    return t.http().post(url).auth(admin, { type: 'bearer' }).set('accept-language', 'en');
  }
  const get = (url: string) => t.http().get(url).auth(admin, { type: 'bearer' });
  const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

  it('creates a race and rounds with fixed or drawn questions', async () => {
    const race = await post('/api/races').send({ name: 'Cuộc đua luyện AI — tháng 6' }).expect(201);
    expect(race.body).toEqual({
      id: expect.any(Number),
      name: 'Cuộc đua luyện AI — tháng 6',
      unitId: null,
      unitName: null,
      manageable: true,
      startsAt: null,
      endsAt: null,
      rounds: [],
    });
    const fixed = await post(`/api/races/${race.body.id}/rounds`).send({ name: 'Vòng 1', mode: 'window', questionIds }).expect(201);
    expect(fixed.body).toMatchObject({
      raceId: race.body.id,
      status: 'draft',
      mode: 'window',
      questionCount: 3,
      secondsPerQuestion: 30,
      speedBonus: true,
      streakBonus: true,
      revealAnswers: 'after_close',
      draw: null,
    });
    const drawn = await post(`/api/races/${race.body.id}/rounds`)
      .send({ name: 'Vòng 2', mode: 'live', draw: { count: 2, topic: 'Thử' }, secondsPerQuestion: 20 })
      .expect(201);
    expect(drawn.body).toMatchObject({ questionCount: 2, draw: { count: 2, topic: 'Thử' }, revealAnswers: 'immediately' });
    const again = await get(`/api/races/${race.body.id}`).expect(200);
    expect(again.body.rounds.map((r: { name: string }) => r.name)).toEqual(['Vòng 1', 'Vòng 2']);
  });

  it('refuses rounds that cannot be played', async () => {
    const race = await post('/api/races').send({ name: 'Đua thử' }).expect(201);
    const url = `/api/races/${race.body.id}/rounds`;
    await post(url).send({ name: 'x', mode: 'window' }).expect(400);
    await post(url)
      .send({ name: 'x', mode: 'window', questionIds, draw: { count: 1 } })
      .expect(400);
    await post(url)
      .send({ name: 'x', mode: 'window', questionIds: [999999] })
      .expect(400);
    await post(url)
      .send({ name: 'x', mode: 'window', questionIds: [questionIds[0], questionIds[0]] })
      .expect(400);
    const tooMany = await post(url)
      .send({ name: 'x', mode: 'window', draw: { count: 50, topic: 'Thử' } })
      .expect(400);
    expect(tooMany.body.message).toContain('only 3');
    await post(url)
      .send({ name: 'x', mode: 'window', questionIds, opensAt: inMs(60000), closesAt: inMs(1000) })
      .expect(400);
    await post(url).send({ name: 'x', mode: 'window', questionIds, secondsPerQuestion: 4 }).expect(400);
    await post('/api/races/999999/rounds').send({ name: 'x', mode: 'window', questionIds }).expect(404);
  });

  it('launches and closes a round by hand, and refuses what its state does not allow', async () => {
    const race = await post('/api/races').send({ name: 'Đua tay' }).expect(201);
    const round = await post(`/api/races/${race.body.id}/rounds`).send({ name: 'Vòng', mode: 'window', questionIds }).expect(201);
    await post(`/api/rounds/${round.body.id}/close`).expect(409);
    const open = await post(`/api/rounds/${round.body.id}/open`).expect(200);
    expect(open.body).toMatchObject({ status: 'open', opensAt: expect.any(String) });
    const closed = await post(`/api/rounds/${round.body.id}/close`).expect(200);
    expect(closed.body.status).toBe('closed');
    await post(`/api/rounds/${round.body.id}/open`).expect(409);
  });

  it('opens and closes a scheduled round by itself', async () => {
    const race = await post('/api/races').send({ name: 'Đua hẹn giờ' }).expect(201);
    const round = await post(`/api/races/${race.body.id}/rounds`)
      .send({ name: 'Vòng hẹn giờ', mode: 'window', questionIds, opensAt: inMs(800), closesAt: inMs(2500) })
      .expect(201);
    expect(round.body.status).toBe('scheduled');
    await eventually(async () => (await get(`/api/rounds/${round.body.id}`)).body.status === 'open', 5000);
    await eventually(async () => (await get(`/api/rounds/${round.body.id}`)).body.status === 'closed', 6000);
  });

  it('shows rounds to organisers only', async () => {
    const make = new OrgFactory(t);
    const unit = await make.unit();
    const person = await make.participant({ unitCode: unit.code });
    const participant = await make.participantToken(person.staffCode);
    await t.http().get('/api/races').auth(participant, { type: 'bearer' }).expect(403);
    await t
      .http()
      .post('/api/races')
      .auth(await make.screenToken(), { type: 'bearer' })
      .send({ name: 'x' })
      .expect(403);
  });
});

describe('rounds across a restart', () => {
  it('closes on start a round whose times passed while the app was down', async () => {
    const first = await startTestApp();
    const admin = await new OrgFactory(first).admin();
    const question = await first
      .http()
      .post('/api/questions')
      .auth(admin, { type: 'bearer' })
      .send({
        type: 'truefalse',
        text: 'Đúng không?',
        choices: [
          { text: '', correct: true },
          { text: '', correct: false },
        ],
      })
      .expect(201);
    const race = await first.http().post('/api/races').auth(admin, { type: 'bearer' }).send({ name: 'Đua qua đêm' }).expect(201);
    const round = await first
      .http()
      .post(`/api/races/${race.body.id}/rounds`)
      .auth(admin, { type: 'bearer' })
      .send({
        name: 'Vòng',
        mode: 'window',
        questionIds: [question.body.id],
        opensAt: new Date(Date.now() + 600).toISOString(),
        closesAt: new Date(Date.now() + 1200).toISOString(),
      })
      .expect(201);
    await first.close({ keepData: true });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const second = await startTestApp({ database: first.database, redisPrefix: first.config.redisPrefix });
    try {
      const token = await new OrgFactory(second).admin();
      const now = await second.http().get(`/api/rounds/${round.body.id}`).auth(token, { type: 'bearer' }).expect(200);
      expect(now.body.status).toBe('closed');
    } finally {
      await second.close();
    }
  });
});
