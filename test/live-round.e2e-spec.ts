import { AddressInfo } from 'node:net';
import { Socket, io } from 'socket.io-client';
import { OrgFactory } from './support/org-factory';
import { TestApp, eventually, startTestApp } from './support/test-app';

interface Ack {
  ok: boolean;
  [field: string]: unknown;
}

describe('a live (host-paced) round over /live', () => {
  let t: TestApp;
  let url: string;
  let admin: string;
  const sockets: Socket[] = [];
  const answerKey = new Map<number, number>();
  let questionIds: number[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { ANSWER_GRACE_MS: '200' } });
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/live`;
    admin = await new OrgFactory(t).admin();
    for (const text of ['Trí tuệ nhân tạo là gì?', 'ChatGPT do ai phát triển?']) {
      const res = await t
        .http()
        .post('/api/questions')
        .auth(admin, { type: 'bearer' })
        .send({ type: 'single', text, choices: [{ text: 'A', correct: true }, { text: 'B', correct: false }, { text: 'C', correct: false }] })
        .expect(201);
      questionIds.push(res.body.id);
      answerKey.set(res.body.id, res.body.choices[0].id);
    }
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await t.close();
  });

  const connect = async (token: string) => {
    const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return socket;
  };
  const send = (socket: Socket, event: string, payload: unknown) => socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack>;
  const next = <T>(socket: Socket, event: string) => new Promise<T>((resolve) => socket.once(event, resolve));
  const post = (path: string) => t.http().post(path).auth(admin, { type: 'bearer' }).set('accept-language', 'en');

  it('sends each question to everyone, acks answers after commit, reveals after the deadline and ends', async () => {
    const make = new OrgFactory(t);
    const unit = await make.unit();
    const [ana, binh, chi, dung] = await Promise.all(
      ['Lê Thị Ana', 'Trần Bình', 'Nguyễn Chi', 'Phạm Dũng'].map((fullName) => make.participant({ unitCode: unit.code, fullName })),
    );
    const race = await post('/api/races').send({ name: 'Đua trực tiếp' }).expect(201);
    const round = await post(`/api/races/${race.body.id}/rounds`).send({ name: 'Vòng trực tiếp', mode: 'live', questionIds, secondsPerQuestion: 5, revealAnswers: 'immediately' }).expect(201);
    const roundId = round.body.id as number;
    expect((await post(`/api/rounds/${roundId}/live/next`).expect(409)).body.code).toBe('ROUND_NOT_OPEN');
    await post(`/api/rounds/${roundId}/open`).expect(200);

    const host = await connect(admin);
    const anaSocket = await connect(await make.participantToken(ana.staffCode));
    let binhSocket = await connect(await make.participantToken(binh.staffCode));
    expect(await send(host, 'live:join', { roundId })).toEqual({ ok: true, roundId, watching: true });
    expect(await send(anaSocket, 'live:join', { roundId })).toMatchObject({ ok: true, score: 0, question: null, finished: false });
    expect(await send(binhSocket, 'live:join', { roundId })).toMatchObject({ ok: true, score: 0 });
    const chiSocket = await connect(await make.participantToken(chi.staffCode));
    expect(await send(chiSocket, 'live:join', { roundId })).toMatchObject({ ok: true, score: 0 });

    // Nothing is on yet: an answer is refused with a reason, and the connection stays.
    const early = await send(anaSocket, 'live:answer', { roundId, questionId: questionIds[0], choiceIds: [1] });
    expect(early).toMatchObject({ ok: false, statusCode: 409, code: 'NOT_CURRENT_QUESTION' });
    const malformed = await send(anaSocket, 'live:answer', { roundId: 'x', choiceIds: 'y' });
    expect(malformed).toMatchObject({ ok: false, statusCode: 400 });
    expect(anaSocket.connected).toBe(true);

    const seen = [next<{ roundId: number; question: { id: number; choices: unknown[] } }>(anaSocket, 'live:question'), next<{ question: { id: number } }>(binhSocket, 'live:question'), next(host, 'live:question')];
    const sent = await post(`/api/rounds/${roundId}/live/next`).expect(200);
    expect(sent.body).toMatchObject({ roundId, ended: false, question: { id: questionIds[0], index: 0, count: 2, secondsLeft: 5 } });
    const [onAna, onBinh] = (await Promise.all(seen)) as [{ roundId: number; question: { id: number } }, { question: { id: number } }, unknown];
    expect(onAna).toEqual({ roundId, question: sent.body.question });
    expect(onBinh.question.id).toBe(questionIds[0]);
    expect(JSON.stringify(onAna)).not.toContain('correct');

    const q1 = questionIds[0];
    const right = await send(anaSocket, 'live:answer', { roundId, questionId: q1, choiceIds: [answerKey.get(q1)] });
    expect(right).toMatchObject({ ok: true, accepted: true, correct: true, streak: 1, next: null, finished: false });
    expect(right.points).toBeGreaterThanOrEqual(500);
    expect(await send(anaSocket, 'live:answer', { roundId, questionId: q1, choiceIds: [answerKey.get(q1)] })).toEqual(right);
    const other = sent.body.question.choices.find((c: { id: number }) => c.id !== answerKey.get(q1)).id;
    expect(await send(anaSocket, 'live:answer', { roundId, questionId: q1, choiceIds: [other] })).toMatchObject({ ok: false, statusCode: 409, code: 'ANSWER_CONFLICT' });
    expect(await send(binhSocket, 'live:answer', { roundId, questionId: q1, choiceIds: [other] })).toMatchObject({ ok: true, correct: false, points: 0 });
    expect(await send(host, 'live:answer', { roundId, questionId: q1, choiceIds: [other] })).toMatchObject({ ok: false, statusCode: 403 });
    const dungSocket = await connect(await make.participantToken(dung.staffCode));
    expect(await send(dungSocket, 'live:answer', { roundId, questionId: q1, choiceIds: [other] })).toMatchObject({ ok: false, statusCode: 409, code: 'NOT_JOINED' });
    expect((await post(`/api/rounds/${roundId}/live/next`).expect(409)).body.code).toBe('QUESTION_RUNNING');

    // Binh's phone drops and comes back: rejoining keeps his place and score.
    binhSocket.disconnect();
    binhSocket = await connect(await make.participantToken(binh.staffCode));
    const rejoined = await send(binhSocket, 'live:join', { roundId });
    expect(rejoined).toMatchObject({ ok: true, score: 0, answered: 1, question: { id: q1 } });

    const reveal = await next<{ questionId: number; correctChoiceIds: number[]; counts: Record<string, number>; answered: number }>(anaSocket, 'live:reveal');
    expect(reveal).toMatchObject({ roundId, questionId: q1, correctChoiceIds: [answerKey.get(q1)], answered: 2 });
    expect(reveal.counts[String(answerKey.get(q1))]).toBe(1);
    expect(reveal.counts[String(other)]).toBe(1);
    const late = await send(chiSocket, 'live:answer', { roundId, questionId: q1, choiceIds: [answerKey.get(q1)] });
    expect(late).toMatchObject({ ok: false, statusCode: 409, code: 'DEADLINE_PASSED' });

    const second = next<{ question: { id: number } }>(binhSocket, 'live:question');
    await post(`/api/rounds/${roundId}/live/next`).expect(200);
    const q2 = (await second).question.id;
    expect(q2).toBe(questionIds[1]);
    const both = await send(anaSocket, 'live:answer', { roundId, questionId: q2, choiceIds: [answerKey.get(q2)] });
    expect(both).toMatchObject({ ok: true, correct: true, streak: 2, score: (right.score as number) + (both.points as number) });
    await next(anaSocket, 'live:reveal');

    const ended = [next(anaSocket, 'live:end'), next<{ status: string }>(host, 'round:status')];
    const last = await post(`/api/rounds/${roundId}/live/next`).expect(200);
    expect(last.body).toEqual({ roundId, question: null, ended: true });
    expect(await ended[0]).toEqual({ roundId });
    expect(await ended[1]).toMatchObject({ roundId, status: 'closed' });
    const done = await send(anaSocket, 'live:join', { roundId });
    expect(done).toMatchObject({ ok: true, finished: true, score: both.score, answered: 2 });
  }, 30000);

  it('keeps the correct answer to itself when the round says after_close, even at the reveal', async () => {
    const make = new OrgFactory(t);
    const unit = await make.unit();
    const person = await make.participant({ unitCode: unit.code });
    const race = await post('/api/races').send({ name: 'Đua kín đáp án' }).expect(201);
    const round = await post(`/api/races/${race.body.id}/rounds`).send({ name: 'Kín', mode: 'live', questionIds: [questionIds[0]], secondsPerQuestion: 5, revealAnswers: 'after_close' }).expect(201);
    const roundId = round.body.id as number;
    await post(`/api/rounds/${roundId}/open`).expect(200);
    const socket = await connect(await make.participantToken(person.staffCode));
    await send(socket, 'live:join', { roundId });
    const question = next<{ question: { id: number } }>(socket, 'live:question');
    await post(`/api/rounds/${roundId}/live/next`).expect(200);
    const q = (await question).question.id;
    const ack = await send(socket, 'live:answer', { roundId, questionId: q, choiceIds: [answerKey.get(q)] });
    expect(ack).toMatchObject({ ok: true, accepted: true, score: 0, streak: 0, scoresHeld: true });
    expect(ack).not.toHaveProperty('correct');
    expect(ack).not.toHaveProperty('points');
    const reveal = await next<Record<string, unknown>>(socket, 'live:reveal');
    expect(reveal).toMatchObject({ roundId, questionId: q, answered: 1 });
    expect(reveal).not.toHaveProperty('correctChoiceIds');
  }, 15000);

  it('refuses to join what is not a live round it can play', async () => {
    const make = new OrgFactory(t);
    const unit = await make.unit();
    const person = await make.participant({ unitCode: unit.code });
    const socket = await connect(await make.participantToken(person.staffCode));
    expect(await send(socket, 'live:join', { roundId: 999999 })).toMatchObject({ ok: false, statusCode: 404 });
    expect(await send(socket, 'live:join', {})).toMatchObject({ ok: false, statusCode: 400 });
    expect(await send(socket, 'live:join', 'nonsense')).toMatchObject({ ok: false, statusCode: 400 });
    const race = await post('/api/races').send({ name: 'Đua cửa sổ' }).expect(201);
    const round = await post(`/api/races/${race.body.id}/rounds`).send({ name: 'Cửa sổ', mode: 'window', questionIds }).expect(201);
    expect(await send(socket, 'live:join', { roundId: round.body.id })).toMatchObject({ ok: false, statusCode: 409, code: 'WINDOW_ROUND' });
    expect(await send(socket, 'live:answer', { roundId: round.body.id, questionId: questionIds[0], choiceIds: [1] })).toMatchObject({ ok: false, statusCode: 409, code: 'WINDOW_ROUND' });
    expect(await send(socket, 'live:answer', { roundId: 999999, questionId: questionIds[0], choiceIds: [1] })).toMatchObject({ ok: false, statusCode: 404 });
    await eventually(async () => socket.connected, 1000);
  });
});
