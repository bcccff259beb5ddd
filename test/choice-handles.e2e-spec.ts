import { AddressInfo } from 'node:net';
import { Socket, io } from 'socket.io-client';
import { OrgFactory } from './support/org-factory';
import { TestApp, startTestApp } from './support/test-app';
import { scaledProfile } from './support/test-database';

/**
 * Nothing served correlates with the author's choice order (issue 19): choice ids rose in the
 * order the author wrote the choices, so sorting the served ids gave that order back, and with
 * the bank's habits (and GIFT's `=right` first) the right answer. Phones now see opaque handles,
 * their own per attempt; live questions come in each phone's own order.
 */

interface Served {
  id: number;
  type: string;
  text: string;
  choices: Array<{ id: number; text: string }>;
}
interface Ack {
  ok: boolean;
  [field: string]: unknown;
}

/** The author's order; `A` is right. */
const AUTHOR = ['A', 'B', 'C', 'D'];
const byHandle = (question: Served) => [...question.choices].sort((a, b) => a.id - b.id).map((c) => c.text);
const handleOf = (question: Served, text: string) => question.choices.find((c) => c.text === text)!.id;

// On PostgreSQL + Redis, phones on a second instance: each instance shapes the sends for its own sockets.
const { databaseUrl, redisUrl } = scaledProfile();
const INSTANCES = databaseUrl && redisUrl ? 2 : 1;

describe(`choice handles (${INSTANCES} instance${INSTANCES > 1 ? 's' : ''})`, () => {
  let t: TestApp;
  let other: TestApp;
  const urls: string[] = [];
  const sockets: Socket[] = [];
  let make: OrgFactory;
  let admin: string;
  let unitCode: string;
  let questionId: number;
  let realIds: number[];

  beforeAll(async () => {
    t = await startTestApp({ env: { ANSWER_GRACE_MS: '200' } });
    other = INSTANCES > 1 ? await startTestApp({ database: t.database, redisPrefix: t.config.redisPrefix, env: { ANSWER_GRACE_MS: '200' } }) : t;
    for (const instance of new Set([t, other])) {
      await instance.app.listen(0, '127.0.0.1');
      urls.push(`http://127.0.0.1:${(instance.app.getHttpServer().address() as AddressInfo).port}/live`);
    }
    make = new OrgFactory(t);
    admin = await make.admin();
    unitCode = (await make.unit({ headcount: 100 })).code;
    const made = await as(admin)
      .post('/api/questions')
      .send({ type: 'single', text: 'Mật khẩu an toàn nên có gì?', choices: AUTHOR.map((text) => ({ text, correct: text === 'A' })) })
      .expect(201);
    questionId = made.body.id;
    // What an organiser reads of the question: its real choice ids.
    realIds = (await as(admin).get(`/api/questions/${questionId}`).expect(200)).body.choices.map((c: { id: number }) => c.id);
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    if (other !== t) await other.close({ keepData: true });
    await t.close();
  });

  function as(token: string) {
    return {
      get: (path: string) => t.http().get(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
      post: (path: string) => t.http().post(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
    };
  }
  const players = (n: number) => Promise.all(Array.from({ length: n }, async () => make.participantToken((await make.participant({ unitCode })).staffCode)));
  const round = async (body: Record<string, unknown>) => {
    const race = await as(admin).post('/api/races').send({ name: 'Đua công bằng' }).expect(201);
    const made = await as(admin)
      .post(`/api/races/${race.body.id}/rounds`)
      .send({ name: 'Vòng', questionIds: [questionId], revealAnswers: 'immediately', ...body })
      .expect(201);
    await as(admin).post(`/api/rounds/${made.body.id}/open`).expect(200);
    return made.body.id as number;
  };
  const connect = async (token: string, instance: number) => {
    const socket = io(urls[instance % urls.length], { transports: ['websocket'], auth: { token }, reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return socket;
  };
  const send = (socket: Socket, event: string, payload: unknown) => socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack>;
  const next = <T>(socket: Socket, event: string) => new Promise<T>((resolve) => socket.once(event, resolve));

  it("gives each window attempt its own handles, in no order of the author's, and takes only its own", async () => {
    const roundId = await round({ mode: 'window' });
    const tokens = await players(10);
    const attempts = await Promise.all(
      tokens.map(async (token) => {
        const started = await as(token).post(`/api/rounds/${roundId}/attempts`).expect(201);
        return { token, attemptId: started.body.attemptId as number, question: started.body.question as Served };
      }),
    );
    for (const { question } of attempts) expect([...question.choices.map((c) => c.text)].sort()).toEqual(AUTHOR);

    // Sorting by id gave the author's order every time; by handle, 1 in 24 on average.
    const inAuthorOrder = attempts.filter(({ question }) => byHandle(question).join() === AUTHOR.join()).length;
    expect(inAuthorOrder).toBeLessThan(6);
    // Nor is the right answer's handle the smallest (or any fixed rank) for everyone.
    expect(new Set(attempts.map(({ question }) => byHandle(question).indexOf('A'))).size).toBeGreaterThan(1);
    // The same choice has a different handle in each attempt, and none is a real id.
    for (const text of AUTHOR) expect(new Set(attempts.map(({ question }) => handleOf(question, text))).size).toBe(attempts.length);
    const served = attempts.flatMap(({ question }) => question.choices.map((c) => c.id));
    expect(served.filter((id) => realIds.includes(id))).toEqual([]);
    for (const id of served) expect(Number.isSafeInteger(id) && id > 0).toBe(true);

    const [first, second, third] = attempts;
    // The page reloaded: the same handles in the same order.
    expect((await as(first.token).get(`/api/attempts/${first.attemptId}`).expect(200)).body.question.choices).toEqual(first.question.choices);
    // Another attempt's handle, or the real id an organiser reads: not a choice of this attempt.
    const foreign = await as(first.token)
      .post(`/api/attempts/${first.attemptId}/answers`)
      .send({ questionId, choiceIds: [handleOf(second.question, 'A')] })
      .expect(400);
    expect(foreign.body.code).toBe('INVALID_CHOICE');
    for (const realId of realIds) {
      const real = await as(first.token)
        .post(`/api/attempts/${first.attemptId}/answers`)
        .send({ questionId, choiceIds: [realId] })
        .expect(400);
      expect(real.body.code).toBe('INVALID_CHOICE');
    }

    // Its own handles: judged as the choices they stand for, once.
    const right = await as(first.token)
      .post(`/api/attempts/${first.attemptId}/answers`)
      .send({ questionId, choiceIds: [handleOf(first.question, 'A')] })
      .expect(200);
    expect(right.body).toMatchObject({ accepted: true, correct: true, finished: true });
    expect(
      (
        await as(first.token)
          .post(`/api/attempts/${first.attemptId}/answers`)
          .send({ questionId, choiceIds: [handleOf(first.question, 'A')] })
          .expect(200)
      ).body,
    ).toEqual(right.body);
    const conflict = await as(first.token)
      .post(`/api/attempts/${first.attemptId}/answers`)
      .send({ questionId, choiceIds: [handleOf(first.question, 'B')] })
      .expect(409);
    expect(conflict.body.code).toBe('ANSWER_CONFLICT');
    const wrong = await as(second.token)
      .post(`/api/attempts/${second.attemptId}/answers`)
      .send({ questionId, choiceIds: [handleOf(second.question, 'C')] })
      .expect(200);
    expect(wrong.body).toMatchObject({ correct: false, points: 0 });
    // A handle at the top of the range is a well-formed answer (refused as not offered), not a bad body.
    const top = await as(third.token)
      .post(`/api/attempts/${third.attemptId}/answers`)
      .send({ questionId, choiceIds: [2 ** 48 - 1] })
      .expect(400);
    expect(top.body.code).toBe('INVALID_CHOICE');
    await as(third.token)
      .post(`/api/attempts/${third.attemptId}/answers`)
      .send({ questionId, choiceIds: [2 ** 48] })
      .expect(400);
  }, 30000);

  it('sends a live question to each phone in its own order and handles, and reveals in them', async () => {
    const roundId = await round({ mode: 'live', secondsPerQuestion: 5 });
    const tokens = await players(8);
    // Phones on both instances; the host asks the first; a screen and the host follow on the second.
    const phones = await Promise.all(tokens.map(async (token, i) => ({ token, socket: await connect(token, i) })));
    for (const phone of phones) expect(await send(phone.socket, 'live:join', { roundId })).toMatchObject({ ok: true, question: null });
    const screen = await connect(await make.screenToken(), 1);
    const host = await connect(admin, 1);
    for (const watcher of [screen, host]) expect(await send(watcher, 'live:join', { roundId })).toMatchObject({ ok: true, watching: true });

    const pushed = Promise.all(
      [...phones.map((phone) => phone.socket), screen, host].map((socket) => next<{ roundId: number; question: Served }>(socket, 'live:question')),
    );
    const sent = await as(admin).post(`/api/rounds/${roundId}/live/next`).expect(200);
    const got = await pushed;
    const onPhones = got.slice(0, phones.length).map((event) => event.question);
    const [onScreen, onHost] = got.slice(phones.length).map((event) => event.question);
    expect(onHost).toEqual(sent.body.question);
    for (const question of got.map((event) => event.question)) {
      expect(question.id).toBe(questionId);
      expect([...question.choices.map((c) => c.text)].sort()).toEqual(AUTHOR);
    }
    // Not everyone the same order; every phone its own handle for each choice.
    expect(new Set(onPhones.map((question) => question.choices.map((c) => c.text).join())).size).toBeGreaterThan(1);
    for (const text of AUTHOR) expect(new Set(got.map((event) => handleOf(event.question, text))).size).toBe(got.length);
    // A phone that asks again (a reload) sees what it was pushed.
    const rejoined = await send(phones[0].socket, 'live:join', { roundId });
    expect((rejoined.question as Served).choices).toEqual(onPhones[0].choices);

    // Half answer right, half wrong, each with its own handles; another phone's handle is refused.
    const foreign = await send(phones[0].socket, 'live:answer', { roundId, questionId, choiceIds: [handleOf(onPhones[1], 'A')] });
    expect(foreign).toMatchObject({ ok: false, statusCode: 400, code: 'INVALID_CHOICE' });
    const picks = phones.map((_phone, i) => (i % 2 ? 'D' : 'A'));
    const acks = await Promise.all(
      phones.map((phone, i) => send(phone.socket, 'live:answer', { roundId, questionId, choiceIds: [handleOf(onPhones[i], picks[i])] })),
    );
    acks.forEach((ack, i) => expect(ack).toMatchObject({ ok: true, correct: picks[i] === 'A' }));

    type Reveal = { roundId: number; questionId: number; correctChoiceIds: number[]; counts: Record<string, number>; answered: number };
    const reveals = await Promise.all([...phones.map((phone) => phone.socket), screen, host].map((socket) => next<Reveal>(socket, 'live:reveal')));
    reveals.forEach((reveal, i) => {
      const question = got[i].question;
      expect(reveal).toMatchObject({ roundId, questionId, answered: phones.length });
      expect(reveal.correctChoiceIds).toEqual([handleOf(question, 'A')]);
      expect(Object.keys(reveal.counts).sort()).toEqual(question.choices.map((c) => String(c.id)).sort());
      expect(AUTHOR.map((text) => reveal.counts[String(handleOf(question, text))])).toEqual([phones.length / 2, 0, 0, phones.length / 2]);
    });
    expect(onScreen.choices).toHaveLength(4);
  }, 30000);
});
