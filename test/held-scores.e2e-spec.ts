import { PlayService } from '../src/play/play.service';
import { OrgFactory } from './support/org-factory';
import { TestApp, eventually, startTestApp } from './support/test-app';

/**
 * A round that reveals its answers after closing (the window rounds' default) must not let a
 * rising score tell anyone which answer was right: replies, the participant's rounds and every
 * board keep its points back, while participation counts at once. When the round closes, its
 * points go on the boards, also when the app was restarted in between.
 */
describe('scores held until an after_close round closes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('keeps points off replies and boards while the round is open, and settles them when it closes', async () => {
    const make = new OrgFactory(t);
    const admin = await make.admin();
    const as = (token: string) => ({
      get: (path: string) => t.http().get(path).auth(token, { type: 'bearer' }),
      post: (path: string) => t.http().post(path).auth(token, { type: 'bearer' }),
    });
    /** Question id → the right choice's text: phones answer with the handles they were served. */
    const key = new Map<number, string>();
    const questionIds: number[] = [];
    for (const text of ['Câu giữ điểm một?', 'Câu giữ điểm hai?']) {
      const made = (
        await as(admin)
          .post('/api/questions')
          .send({
            type: 'single',
            text,
            choices: [
              { text: 'Đúng', correct: true },
              { text: 'Sai', correct: false },
            ],
          })
          .expect(201)
      ).body;
      questionIds.push(made.id);
      key.set(made.id, made.choices.find((c: { correct: boolean }) => c.correct).text);
    }
    const unit = await make.unit({ headcount: 4 });
    const person = await make.participant({ unitCode: unit.code, fullName: 'Người Giữ Điểm' });
    const token = await make.participantToken(person.staffCode);
    const race = (await as(admin).post('/api/races').send({ name: 'Đua giữ điểm' }).expect(201)).body.id as number;
    const round = (await as(admin).post(`/api/races/${race}/rounds`).send({ name: 'Vòng giữ điểm', mode: 'window', questionIds }).expect(201)).body;
    expect(round.revealAnswers).toBe('after_close');
    await as(admin).post(`/api/rounds/${round.id}/open`).expect(200);

    // Both answers right: the replies say only that they were recorded.
    let attempt = (await as(token).post(`/api/rounds/${round.id}/attempts`).expect(201)).body;
    expect(attempt).toMatchObject({ score: 0, scoresHeld: true });
    for (;;) {
      const right = attempt.question.choices.find((c: { text: string }) => c.text === key.get(attempt.question.id)).id;
      const reply = (
        await as(token)
          .post(`/api/attempts/${attempt.attemptId}/answers`)
          .send({ questionId: attempt.question.id, choiceIds: [right] })
          .expect(200)
      ).body;
      expect(reply).toMatchObject({ accepted: true, score: 0, streak: 0, scoresHeld: true });
      expect(reply).not.toHaveProperty('correct');
      expect(reply).not.toHaveProperty('points');
      const again = (
        await as(token)
          .post(`/api/attempts/${attempt.attemptId}/answers`)
          .send({ questionId: attempt.question.id, choiceIds: [right] })
          .expect(200)
      ).body;
      expect(again).toMatchObject({ score: 0, streak: 0, scoresHeld: true });
      if (!reply.next) break;
      attempt = { ...attempt, question: reply.next };
    }
    expect((await as(token).get(`/api/attempts/${attempt.attemptId}`).expect(200)).body).toMatchObject({ score: 0, finished: true, scoresHeld: true });
    const listed = (await as(token).get('/api/me/rounds').expect(200)).body.find((r: { id: number }) => r.id === round.id);
    expect(listed).toMatchObject({ finished: true, score: 0, scoresHeld: true });

    // The boards count them as taking part, with no points yet, on the race and the round.
    for (const scope of [`race=${race}`, `round=${round.id}`]) {
      const people = (await as(token).get(`/api/leaderboards/individuals?${scope}`).expect(200)).body;
      expect(people).toMatchObject({ scoresHeld: true, entries: [expect.objectContaining({ id: person.id, score: 0 })] });
      const units = (await as(token).get(`/api/leaderboards/units?${scope}&limit=500`).expect(200)).body;
      expect(units.entries.find((entry: { id: number }) => entry.id === unit.id)).toMatchObject({ participants: 1, score: 0 });
      expect((await as(token).get(`/api/leaderboards/individuals/me?${scope}`).expect(200)).body.me).toMatchObject({ score: 0 });
      const inUnit = (await as(admin).get(`/api/leaderboards/individuals?${scope}&unitId=${unit.id}`).expect(200)).body;
      expect(inUnit.entries).toEqual([expect.objectContaining({ id: person.id, score: 0 })]);
    }
    // A rebuild while the round is open keeps them back too.
    await as(admin).post(`/api/races/${race}/standings/rebuild`).expect(200);
    expect((await as(token).get(`/api/leaderboards/individuals?race=${race}`).expect(200)).body.entries[0].score).toBe(0);
    // Organisers, who wrote the questions, see the true results.
    const results = (await as(admin).get(`/api/reports/rounds/${round.id}/results`).expect(200)).body;
    const trueScore = results.participants[0].score as number;
    expect(trueScore).toBeGreaterThanOrEqual(1000);

    // Closing puts the points on every board a moment later; a rebuild meanwhile does not count them twice.
    await as(admin).post(`/api/rounds/${round.id}/close`).expect(200);
    await as(admin).post(`/api/races/${race}/standings/rebuild`).expect(200);
    await eventually(async () => (await as(token).get(`/api/leaderboards/individuals?race=${race}`)).body.entries[0]?.score === trueScore, 15_000);
    // Settling again, or rebuilding after it, changes nothing.
    await t.app.get(PlayService).settleScores(round.id);
    await as(admin).post(`/api/races/${race}/standings/rebuild`).expect(200);
    expect((await as(token).get(`/api/leaderboards/individuals?race=${race}`).expect(200)).body.entries[0].score).toBe(trueScore);
    const settled = (await as(token).get(`/api/leaderboards/individuals?round=${round.id}`).expect(200)).body;
    expect(settled.entries[0].score).toBe(trueScore);
    expect(settled).not.toHaveProperty('scoresHeld');
    const units = (await as(token).get(`/api/leaderboards/units?race=${race}&limit=500`).expect(200)).body;
    expect(units.entries.find((entry: { id: number }) => entry.id === unit.id)).toMatchObject({ participants: 1, score: trueScore });
    const view = (await as(token).get(`/api/attempts/${attempt.attemptId}`).expect(200)).body;
    expect(view.score).toBe(trueScore);
    expect(view).not.toHaveProperty('scoresHeld');
  }, 40_000);

  it('settles a round that closed just before the app stopped, when it starts again', async () => {
    const make = new OrgFactory(t);
    const admin = await make.admin();
    const question = (
      await t
        .http()
        .post('/api/questions')
        .auth(admin, { type: 'bearer' })
        .send({
          type: 'truefalse',
          text: 'Câu khởi động lại?',
          choices: [
            { text: 'Đúng', correct: true },
            { text: 'Sai', correct: false },
          ],
        })
        .expect(201)
    ).body;
    const unit = await make.unit({ headcount: 2 });
    const person = await make.participant({ unitCode: unit.code });
    const token = await make.participantToken(person.staffCode);
    const race = (await t.http().post('/api/races').auth(admin, { type: 'bearer' }).send({ name: 'Đua khởi động lại' }).expect(201)).body.id as number;
    const round = (
      await t
        .http()
        .post(`/api/races/${race}/rounds`)
        .auth(admin, { type: 'bearer' })
        .send({ name: 'Vòng', mode: 'window', questionIds: [question.id] })
        .expect(201)
    ).body.id as number;
    await t.http().post(`/api/rounds/${round}/open`).auth(admin, { type: 'bearer' }).expect(200);
    const attempt = (await t.http().post(`/api/rounds/${round}/attempts`).auth(token, { type: 'bearer' }).expect(201)).body;
    const right = attempt.question.choices.find((c: { text: string }) => c.text === 'Đúng').id;
    await t
      .http()
      .post(`/api/attempts/${attempt.attemptId}/answers`)
      .auth(token, { type: 'bearer' })
      .send({ questionId: question.id, choiceIds: [right] })
      .expect(200);
    await t.http().post(`/api/rounds/${round}/close`).auth(admin, { type: 'bearer' }).expect(200);

    // Stopped before the settling job's moment, started again later.
    const { database, config } = t;
    await t.close({ keepData: true });
    t = await startTestApp({ database, redisPrefix: config.redisPrefix });
    const board = (await t.http().get(`/api/leaderboards/individuals?race=${race}`).auth(token, { type: 'bearer' }).expect(200)).body;
    expect(board.entries).toEqual([expect.objectContaining({ id: person.id, score: expect.any(Number) })]);
    expect(board.entries[0].score).toBeGreaterThanOrEqual(500);
  }, 40_000);
});
