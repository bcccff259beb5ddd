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
  /** Question id → its right choice's text: each phone is served its own handles for the choices. */
  const answerKey = new Map<number, string>();
  const questionIds: number[] = [];

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
        .send({
          type: 'single',
          text,
          choices: [
            { text: 'A', correct: true },
            { text: 'B', correct: false },
            { text: 'C', correct: false },
          ],
        })
        .expect(201);
      questionIds.push(res.body.id);
      answerKey.set(res.body.id, res.body.choices.find((c: { correct: boolean }) => c.correct).text);
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
  type Served = { id: number; choices: Array<{ id: number; text: string }> };
  /** The handle of the choice with `text` in a question as one viewer was served it. */
  const handle = (question: Served, text: string) => question.choices.find((c) => c.text === text)!.id;
  const rightOf = (question: Served) => handle(question, answerKey.get(question.id)!);
  const wrongOf = (question: Served) => question.choices.find((c) => c.text !== answerKey.get(question.id))!.id;

  it('sends each question to everyone, acks answers after commit, reveals after the deadline and ends', async () => {
    const make = new OrgFactory(t);
    const unit = await make.unit();
    const [ana, binh, chi, dung] = await Promise.all(
      ['Lê Thị Ana', 'Trần Bình', 'Nguyễn Chi', 'Phạm Dũng'].map((fullName) => make.participant({ unitCode: unit.code, fullName })),
    );
    const race = await post('/api/races').send({ name: 'Đua trực tiếp' }).expect(201);
    const round = await post(`/api/races/${race.body.id}/rounds`)
      .send({ name: 'Vòng trực tiếp', mode: 'live', questionIds, secondsPerQuestion: 5, revealAnswers: 'immediately' })
      .expect(201);
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

    const seen = [
      next<{ roundId: number; question: Served }>(anaSocket, 'live:question'),
      next<{ question: Served }>(binhSocket, 'live:question'),
      next<{ roundId: number; question: Served }>(host, 'live:question'),
    ] as const;
    const sent = await post(`/api/rounds/${roundId}/live/next`).expect(200);
    expect(sent.body).toMatchObject({ roundId, ended: false, question: { id: questionIds[0], index: 0, count: 2, secondsLeft: 5 } });
    const [onAna, onBinh, onHost] = await Promise.all(seen);
    // The host's reply and the host's socket speak the same handles; each phone its own.
    expect(onHost).toEqual({ roundId, question: sent.body.question });
    expect(onAna.question.id).toBe(questionIds[0]);
    expect(onBinh.question.id).toBe(questionIds[0]);
    expect(onAna.question.choices.map((c) => c.text).sort()).toEqual(['A', 'B', 'C']);
    expect(onAna.question.choices.map((c) => c.id).filter((id) => onBinh.question.choices.some((c) => c.id === id))).toEqual([]);
    expect(JSON.stringify(onAna)).not.toContain('correct');

    const q1 = questionIds[0];
    const anaQ1 = onAna.question;
    const right = await send(anaSocket, 'live:answer', { roundId, questionId: q1, choiceIds: [rightOf(anaQ1)] });
    expect(right).toMatchObject({ ok: true, accepted: true, correct: true, streak: 1, next: null, finished: false });
    expect(right.points).toBeGreaterThanOrEqual(500);
    expect(await send(anaSocket, 'live:answer', { roundId, questionId: q1, choiceIds: [rightOf(anaQ1)] })).toEqual(right);
    expect(await send(anaSocket, 'live:answer', { roundId, questionId: q1, choiceIds: [wrongOf(anaQ1)] })).toMatchObject({
      ok: false,
      statusCode: 409,
      code: 'ANSWER_CONFLICT',
    });
    // Binh answers with Ana's handle: not one of his.
    expect(await send(binhSocket, 'live:answer', { roundId, questionId: q1, choiceIds: [wrongOf(anaQ1)] })).toMatchObject({
      ok: false,
      statusCode: 400,
      code: 'INVALID_CHOICE',
    });
    const other = wrongOf(onBinh.question);
    expect(await send(binhSocket, 'live:answer', { roundId, questionId: q1, choiceIds: [other] })).toMatchObject({ ok: true, correct: false, points: 0 });
    expect(await send(host, 'live:answer', { roundId, questionId: q1, choiceIds: [other] })).toMatchObject({ ok: false, statusCode: 403 });
    const dungSocket = await connect(await make.participantToken(dung.staffCode));
    expect(await send(dungSocket, 'live:answer', { roundId, questionId: q1, choiceIds: [other] })).toMatchObject({
      ok: false,
      statusCode: 409,
      code: 'NOT_JOINED',
    });
    expect((await post(`/api/rounds/${roundId}/live/next`).expect(409)).body.code).toBe('QUESTION_RUNNING');

    // Binh's phone drops and comes back: rejoining keeps his place and score.
    binhSocket.disconnect();
    binhSocket = await connect(await make.participantToken(binh.staffCode));
    const rejoined = await send(binhSocket, 'live:join', { roundId });
    // Back with the same handles in the same order: they are his attempt's, not his socket's.
    expect(rejoined).toMatchObject({ ok: true, score: 0, answered: 1, question: { id: q1, choices: onBinh.question.choices } });

    type Reveal = { questionId: number; correctChoiceIds: number[]; counts: Record<string, number>; answered: number };
    const [reveal, binhReveal, hostReveal] = await Promise.all([
      next<Reveal>(anaSocket, 'live:reveal'),
      next<Reveal>(binhSocket, 'live:reveal'),
      next<Reveal>(host, 'live:reveal'),
    ]);
    expect(reveal).toMatchObject({ roundId, questionId: q1, correctChoiceIds: [rightOf(anaQ1)], answered: 2 });
    expect(reveal.counts[String(rightOf(anaQ1))]).toBe(1);
    expect(reveal.counts[String(handle(anaQ1, 'B'))] + reveal.counts[String(handle(anaQ1, 'C'))]).toBe(1);
    expect(binhReveal).toMatchObject({ correctChoiceIds: [rightOf(onBinh.question)], answered: 2 });
    expect(binhReveal.counts[String(other)]).toBe(1);
    expect(hostReveal.correctChoiceIds).toEqual([rightOf(sent.body.question)]);
    expect(Object.keys(hostReveal.counts).sort()).toEqual(sent.body.question.choices.map((c: { id: number }) => String(c.id)).sort());
    const late = await send(chiSocket, 'live:answer', { roundId, questionId: q1, choiceIds: [wrongOf(anaQ1)] });
    expect(late).toMatchObject({ ok: false, statusCode: 409, code: 'DEADLINE_PASSED' });

    const second = [next<{ question: Served }>(binhSocket, 'live:question'), next<{ question: Served }>(anaSocket, 'live:question')];
    await post(`/api/rounds/${roundId}/live/next`).expect(200);
    const q2 = (await second[0]).question.id;
    expect(q2).toBe(questionIds[1]);
    const both = await send(anaSocket, 'live:answer', { roundId, questionId: q2, choiceIds: [rightOf((await second[1]).question)] });
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
    const round = await post(`/api/races/${race.body.id}/rounds`)
      .send({ name: 'Kín', mode: 'live', questionIds: [questionIds[0]], secondsPerQuestion: 5, revealAnswers: 'after_close' })
      .expect(201);
    const roundId = round.body.id as number;
    await post(`/api/rounds/${roundId}/open`).expect(200);
    const socket = await connect(await make.participantToken(person.staffCode));
    await send(socket, 'live:join', { roundId });
    const question = next<{ question: Served }>(socket, 'live:question');
    await post(`/api/rounds/${roundId}/live/next`).expect(200);
    const q = (await question).question.id;
    const ack = await send(socket, 'live:answer', { roundId, questionId: q, choiceIds: [rightOf((await question).question)] });
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
    expect(await send(socket, 'live:answer', { roundId: round.body.id, questionId: questionIds[0], choiceIds: [1] })).toMatchObject({
      ok: false,
      statusCode: 409,
      code: 'WINDOW_ROUND',
    });
    expect(await send(socket, 'live:answer', { roundId: 999999, questionId: questionIds[0], choiceIds: [1] })).toMatchObject({ ok: false, statusCode: 404 });
    await eventually(async () => socket.connected, 1000);
  });
});
