import { AddressInfo } from 'node:net';
import { Socket, io } from 'socket.io-client';
import { BullJobDriver } from '../src/jobs/bull-job-driver';
import { JobDriver } from '../src/jobs/job-driver';
import { JOB_DRIVER } from '../src/jobs/jobs.service';
import { OrgFactory } from './support/org-factory';
import { sql } from './support/sql';
import { TestApp, startTestApp } from './support/test-app';
import { scaledProfile } from './support/test-database';

// Time for those who need it: a participant's time multiplier in window rounds, full points for
// them in live rounds, and the host's "more time". On PostgreSQL + Redis the live part runs on two
// instances sharing the database and Redis: the host on one, phones on both.
const { databaseUrl, redisUrl } = scaledProfile();
const INSTANCES = databaseUrl && redisUrl ? 2 : 1;
const GRACE_MS = 200;

interface Served {
  id: number;
  choices: Array<{ id: number; text: string }>;
  deadline: string;
  secondsLeft: number;
}
interface Ack {
  ok: boolean;
  [field: string]: unknown;
}
interface AuditItem {
  action: string;
  target: { kind: string; id: number };
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

describe(`time for those who need it (${INSTANCES} instance${INSTANCES > 1 ? 's' : ''})`, () => {
  let t: TestApp;
  let other: TestApp;
  let admin: string;
  let make: OrgFactory;
  const urls: string[] = [];
  const sockets: Socket[] = [];
  /** The right choice of every question is the one whose text is "A". */
  const questionIds: number[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { ANSWER_GRACE_MS: String(GRACE_MS) } });
    other = INSTANCES > 1 ? await startTestApp({ database: t.database, redisPrefix: t.config.redisPrefix, env: { ANSWER_GRACE_MS: String(GRACE_MS) } }) : t;
    for (const instance of new Set([t, other])) {
      await instance.app.listen(0, '127.0.0.1');
      urls.push(`http://127.0.0.1:${(instance.app.getHttpServer().address() as AddressInfo).port}/live`);
    }
    make = new OrgFactory(t);
    admin = await make.admin();
    for (const text of ['Mã OTP có nên đọc cho người gọi?', 'Ảnh này do AI tạo?', 'Đường link này an toàn?']) {
      const res = await as(admin)
        .post('/api/questions')
        .send({ type: 'single', text, choices: ['A', 'B', 'C'].map((choice) => ({ text: choice, correct: choice === 'A' })) })
        .expect(201);
      questionIds.push(res.body.id);
    }
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    if (other !== t) await other.close({ keepData: true });
    await t.close();
  });

  const as = (token: string, app: TestApp = t) => ({
    get: (path: string) => app.http().get(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
    post: (path: string) => app.http().post(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
    patch: (path: string) => app.http().patch(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
  });
  const right = (question: Served) => question.choices.find((choice) => choice.text === 'A')!.id;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const audits = async (action: string, targetId: number): Promise<AuditItem[]> =>
    ((await as(admin).get(`/api/audit?action=${action}&limit=200`).expect(200)).body.items as AuditItem[]).filter((item) => item.target.id === targetId);
  const connect = async (token: string, instance = 0) => {
    const socket = io(urls[instance % urls.length], { transports: ['websocket'], auth: { token }, reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return socket;
  };
  const send = (socket: Socket, event: string, payload: unknown) => socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack>;
  const next = <T>(socket: Socket, event: string) => new Promise<T>((resolve) => socket.once(event, resolve));
  const race = async (name: string) => (await as(admin).post('/api/races').send({ name }).expect(201)).body.id as number;

  it('sets a participant’s time multiplier for organisers over their unit only, refuses other values, and audits it', async () => {
    const home = await make.unit();
    const elsewhere = await make.unit();
    const person = await make.participant({ unitCode: home.code, fullName: 'Lê Thị Bà' });
    const outsider = await make.organiser(elsewhere.id);
    const own = await make.organiser(home.id);
    const participantToken = await make.participantToken(person.staffCode);

    expect((await as(admin).get(`/api/participants/${person.id}`).expect(200)).body.timeMultiplier).toBe(1);
    for (const bad of [2.5, 0, -1, '2', null, true, 100]) {
      const refused = await as(own.token).patch(`/api/participants/${person.id}`).send({ timeMultiplier: bad }).expect(400);
      expect(JSON.stringify(refused.body.message)).toContain('timeMultiplier');
    }
    expect((await as(outsider.token).patch(`/api/participants/${person.id}`).send({ timeMultiplier: 2 })).status).toBe(403);
    await as(participantToken).patch(`/api/participants/${person.id}`).send({ timeMultiplier: 2 }).expect(403);
    expect(await audits('participant.time_multiplier', person.id)).toEqual([]);

    const set = await as(own.token).patch(`/api/participants/${person.id}`).send({ timeMultiplier: 1.5 }).expect(200);
    expect(set.body.timeMultiplier).toBe(1.5);
    await as(own.token).patch(`/api/participants/${person.id}`).send({ timeMultiplier: 3 }).expect(200);
    // The same figure again changes nothing and records nothing.
    await as(own.token).patch(`/api/participants/${person.id}`).send({ timeMultiplier: 3 }).expect(200);
    expect((await as(admin).get(`/api/participants?q=${person.staffCode}`).expect(200)).body.items[0].timeMultiplier).toBe(3);
    const logged = await audits('participant.time_multiplier', person.id);
    expect(logged.map((item) => [item.before, item.after])).toEqual([
      [{ timeMultiplier: 1.5 }, { timeMultiplier: 3 }],
      [{ timeMultiplier: 1 }, { timeMultiplier: 1.5 }],
    ]);
    // Its own action: the name-and-unit update is not recorded for it.
    expect(await audits('participant.update', person.id)).toEqual([]);
  });

  it('gives a ×2 participant twice the time in a window round: an answer at 1.5× counts for them, not for others, and the attempt keeps its figure', async () => {
    const unit = await make.unit();
    const ordinary = await make.participant({ unitCode: unit.code, fullName: 'Trần Văn Thường' });
    const slower = await make.participant({ unitCode: unit.code, fullName: 'Nguyễn Thị Chậm' });
    await as(admin).patch(`/api/participants/${slower.id}`).send({ timeMultiplier: 2 }).expect(200);
    const raceId = await race('Đua có thêm giờ');
    const round = await as(admin)
      .post(`/api/races/${raceId}/rounds`)
      .send({ name: 'Cửa sổ 5 giây', mode: 'window', questionIds, secondsPerQuestion: 5, revealAnswers: 'immediately' })
      .expect(201);
    await as(admin).post(`/api/rounds/${round.body.id}/open`).expect(200);

    const ordinaryToken = await make.participantToken(ordinary.staffCode);
    const slowerToken = await make.participantToken(slower.staffCode);
    // The round list tells the person their time before they start; nobody else's says anything.
    const listed = async (token: string) =>
      ((await as(token).get('/api/me/rounds').expect(200)).body as Array<{ id: number }>).find((item) => item.id === round.body.id);
    expect(await listed(slowerToken)).toMatchObject({ secondsPerQuestion: 5, timeMultiplier: 2 });
    expect(await listed(ordinaryToken)).not.toHaveProperty('timeMultiplier');
    const [plain, doubled] = await Promise.all(
      [ordinaryToken, slowerToken].map(async (token) => {
        const started = Date.now();
        const res = await as(token).post(`/api/rounds/${round.body.id}/attempts`).expect(201);
        return { started, attemptId: res.body.attemptId as number, question: res.body.question as Served };
      }),
    );
    expect(plain.question.secondsLeft).toBe(5);
    expect(doubled.question.secondsLeft).toBe(10);
    const span = (from: number, question: Served) => Date.parse(question.deadline) - from;
    expect(span(doubled.started, doubled.question)).toBeGreaterThanOrEqual(10_000);
    expect(span(doubled.started, doubled.question)).toBeLessThan(10_000 + 1_000);
    expect(span(plain.started, plain.question)).toBeLessThan(5_000 + 1_000);

    await pause(7_500);
    const late = await as(ordinaryToken)
      .post(`/api/attempts/${plain.attemptId}/answers`)
      .send({ questionId: plain.question.id, choiceIds: [right(plain.question)] })
      .expect(409);
    expect(late.body.code).toBe('DEADLINE_PASSED');
    const inTime = await as(slowerToken)
      .post(`/api/attempts/${doubled.attemptId}/answers`)
      .send({ questionId: doubled.question.id, choiceIds: [right(doubled.question)] })
      .expect(200);
    // Speed points against their own 10 s: at 7.5 s, about 1000 × (1 − 7.5 / 20) = 625, not the floor of 500.
    expect(inTime.body).toMatchObject({ accepted: true, correct: true });
    expect(inTime.body.points).toBeGreaterThan(560);
    expect(inTime.body.points).toBeLessThanOrEqual(630);
    expect(inTime.body.next.secondsLeft).toBe(10);

    // Changed mid-attempt: the question on the phone keeps its deadline and the next still gets ×2.
    const onPhone = inTime.body.next as Served;
    await as(admin).patch(`/api/participants/${slower.id}`).send({ timeMultiplier: 3 }).expect(200);
    expect((await as(slowerToken).get(`/api/attempts/${doubled.attemptId}`).expect(200)).body.question.deadline).toBe(onPhone.deadline);
    await as(admin).patch(`/api/participants/${slower.id}`).send({ timeMultiplier: 1 }).expect(200);
    const second = await as(slowerToken)
      .post(`/api/attempts/${doubled.attemptId}/answers`)
      .send({ questionId: onPhone.id, choiceIds: [right(onPhone)] })
      .expect(200);
    expect(second.body.next.secondsLeft).toBe(10);
  }, 30_000);

  it('scores an accommodated person’s right live answer in full, and "more time" moves every phone’s deadline and the reveal', async () => {
    const unit = await make.unit();
    const [ordinary, slower, late] = await Promise.all(
      ['Phạm Văn Nhanh', 'Lê Thị Cao Tuổi', 'Đỗ Văn Muộn'].map((fullName) => make.participant({ unitCode: unit.code, fullName })),
    );
    await as(admin).patch(`/api/participants/${slower.id}`).send({ timeMultiplier: 2 }).expect(200);
    const raceId = await race('Đua trực tiếp có thêm giờ');
    const round = await as(admin)
      .post(`/api/races/${raceId}/rounds`)
      .send({ name: 'Trực tiếp 5 giây', mode: 'live', questionIds: questionIds.slice(0, 1), secondsPerQuestion: 5, revealAnswers: 'immediately' })
      .expect(201);
    const roundId = round.body.id as number;
    await as(admin).post(`/api/rounds/${roundId}/open`).expect(200);
    // Nothing on yet: nothing to give more time to.
    expect((await as(admin).post(`/api/rounds/${roundId}/live/extend`).send({ seconds: 10 }).expect(409)).body.code).toBe('QUESTION_OVER');

    const host = await connect(admin, 0);
    const phones = [
      await connect(await make.participantToken(ordinary.staffCode), 0),
      await connect(await make.participantToken(slower.staffCode), 1),
      await connect(await make.participantToken(late.staffCode), 1),
    ];
    for (const socket of [host, ...phones]) expect(await send(socket, 'live:join', { roundId })).toMatchObject({ ok: true });
    const questions = phones.map((phone) => next<{ question: Served }>(phone, 'live:question'));
    const sent = await as(admin).post(`/api/rounds/${roundId}/live/next`).expect(200);
    const [onOrdinary, onSlower, onLate] = (await Promise.all(questions)).map((event) => event.question);
    const firstDeadline = Date.parse(sent.body.question.deadline);

    await pause(1_500);
    const quick = await send(phones[0], 'live:answer', { roundId, questionId: onOrdinary.id, choiceIds: [right(onOrdinary)] });
    const full = await send(phones[1], 'live:answer', { roundId, questionId: onSlower.id, choiceIds: [right(onSlower)] });
    expect(full).toMatchObject({ ok: true, correct: true, points: 1000 });
    expect(quick).toMatchObject({ ok: true, correct: true });
    expect(quick.points).toBeLessThanOrEqual(860);

    // Validation and who may: the round's own organisers only, the allowed seconds only.
    for (const bad of [{ seconds: 15 }, { seconds: '10' }, {}, { seconds: 10, extra: 1 }]) {
      await as(admin).post(`/api/rounds/${roundId}/live/extend`).send(bad).expect(400);
    }
    const outsider = await make.organiser((await make.unit()).id);
    expect((await as(outsider.token).post(`/api/rounds/${roundId}/live/extend`).send({ seconds: 10 })).status).toBe(403);
    await as(await make.participantToken(late.staffCode))
      .post(`/api/rounds/${roundId}/live/extend`)
      .send({ seconds: 10 })
      .expect(403);
    await as(admin).post('/api/rounds/999999/live/extend').send({ seconds: 10 }).expect(404);

    // More time, asked of the other instance: every phone, on either instance, hears the new deadline.
    const extensions = [host, ...phones].map((socket) => next<Record<string, unknown>>(socket, 'live:extend'));
    const revealed = phones.map((phone) => next<{ questionId: number }>(phone, 'live:reveal').then(() => Date.now()));
    const extended = await as(admin, other).post(`/api/rounds/${roundId}/live/extend`).send({ seconds: 10 }).expect(200);
    const newDeadline = firstDeadline + 10_000;
    expect(extended.body).toMatchObject({ roundId, questionId: onOrdinary.id, deadline: new Date(newDeadline).toISOString() });
    expect(extended.body.secondsLeft).toBeGreaterThan(10);
    for (const heard of await Promise.all(extensions))
      expect(heard).toEqual({ roundId, questionId: onOrdinary.id, deadline: new Date(newDeadline).toISOString(), secondsLeft: expect.any(Number) });
    const [logged] = await audits('round.live_extend', roundId);
    expect(logged).toMatchObject({
      before: { questionId: onOrdinary.id, deadline: new Date(firstDeadline).toISOString() },
      after: { questionId: onOrdinary.id, deadline: new Date(newDeadline).toISOString(), seconds: 10 },
    });
    // The host cannot move on while the extended question runs.
    expect((await as(admin).post(`/api/rounds/${roundId}/live/next`).expect(409)).body.code).toBe('QUESTION_RUNNING');

    // Past the first deadline and its grace: still open for everyone, on every instance.
    await pause(Math.max(0, firstDeadline + GRACE_MS + 500 - Date.now()));
    const rejoined = await connect(await make.participantToken(late.staffCode), 0);
    expect(await send(rejoined, 'live:join', { roundId })).toMatchObject({
      ok: true,
      question: { id: onLate.id, deadline: new Date(newDeadline).toISOString() },
    });
    expect(await send(phones[2], 'live:answer', { roundId, questionId: onLate.id, choiceIds: [right(onLate)] })).toMatchObject({ ok: true, correct: true });

    // The reveal comes at the new deadline, not the first.
    for (const at of await Promise.all(revealed)) expect(at).toBeGreaterThanOrEqual(newDeadline);
    const after = await as(admin).post(`/api/rounds/${roundId}/live/extend`).send({ seconds: 10 }).expect(409);
    expect(after.body.code).toBe('QUESTION_OVER');
    expect(await audits('round.live_extend', roundId)).toHaveLength(1);
  }, 45_000);

  it('still reveals at the new deadline when the instance that gave more time stopped before queueing its reveal', async () => {
    const person = await make.participant({ unitCode: (await make.unit()).code });
    const raceId = await race('Đua mất việc');
    const live = await as(admin)
      .post(`/api/races/${raceId}/rounds`)
      .send({ name: 'Trực tiếp', mode: 'live', questionIds: questionIds.slice(0, 1), secondsPerQuestion: 5 })
      .expect(201);
    const roundId = live.body.id as number;
    await as(admin).post(`/api/rounds/${roundId}/open`).expect(200);
    const phone = await connect(await make.participantToken(person.staffCode), 1);
    expect(await send(phone, 'live:join', { roundId })).toMatchObject({ ok: true });
    await as(admin).post(`/api/rounds/${roundId}/live/next`).expect(200);
    const extended = await as(admin).post(`/api/rounds/${roundId}/live/extend`).send({ seconds: 10 }).expect(200);
    const deadline = Date.parse(extended.body.deadline);
    // As if the process had died between the commit and the enqueue: the new deadline's reveal is gone.
    const key = `round.reveal:${roundId}:0:${deadline}`;
    const driver = t.app.get<JobDriver>(JOB_DRIVER);
    if (driver instanceof BullJobDriver) await (await driver.queue.getJob(key))!.remove();
    else expect(await sql(t, 'DELETE FROM scheduled_job WHERE job_key = ? RETURNING id', [key])).toHaveLength(1);
    const revealed = await next<{ questionId: number }>(phone, 'live:reveal');
    expect(revealed.questionId).toBe(questionIds[0]);
    expect(Date.now()).toBeGreaterThanOrEqual(deadline);
  }, 30_000);

  it('counts two hosts pressing "more time" at once, both audited', async () => {
    const raceId = await race('Đua hai người bấm');
    const live = await as(admin).post(`/api/races/${raceId}/rounds`).send({ name: 'Trực tiếp', mode: 'live', questionIds, secondsPerQuestion: 5 }).expect(201);
    await as(admin).post(`/api/rounds/${live.body.id}/open`).expect(200);
    const sent = await as(admin).post(`/api/rounds/${live.body.id}/live/next`).expect(200);
    const replies = await Promise.all([
      as(admin).post(`/api/rounds/${live.body.id}/live/extend`).send({ seconds: 10 }),
      as(admin, other).post(`/api/rounds/${live.body.id}/live/extend`).send({ seconds: 20 }),
    ]);
    expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
    const last = Math.max(...replies.map((reply) => Date.parse(reply.body.deadline)));
    expect(last).toBe(Date.parse(sent.body.question.deadline) + 30_000);
    expect(await audits('round.live_extend', live.body.id)).toHaveLength(2);
    await as(admin).post(`/api/rounds/${live.body.id}/close`).expect(200);
  });

  it('refuses "more time" on a window round and on a closed round', async () => {
    const raceId = await race('Đua không thêm giờ');
    const window = await as(admin).post(`/api/races/${raceId}/rounds`).send({ name: 'Cửa sổ', mode: 'window', questionIds }).expect(201);
    expect((await as(admin).post(`/api/rounds/${window.body.id}/live/extend`).send({ seconds: 20 }).expect(409)).body.code).toBe('WINDOW_ROUND');
    const live = await as(admin).post(`/api/races/${raceId}/rounds`).send({ name: 'Trực tiếp', mode: 'live', questionIds }).expect(201);
    await as(admin).post(`/api/rounds/${live.body.id}/open`).expect(200);
    await as(admin).post(`/api/rounds/${live.body.id}/live/next`).expect(200);
    await as(admin).post(`/api/rounds/${live.body.id}/close`).expect(200);
    expect((await as(admin).post(`/api/rounds/${live.body.id}/live/extend`).send({ seconds: 30 }).expect(409)).body.code).toBe('ROUND_NOT_OPEN');
  });
});
