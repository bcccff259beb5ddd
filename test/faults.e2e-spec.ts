import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Socket, io } from 'socket.io-client';
import { ApiClient, queryDatabase } from './support/api-client';
import { ChildApp, startBuiltApp } from './support/child-app';
import { ADMIN_PASSWORD, eventually } from './support/test-app';
import { TestDatabase, createTestDatabase, scaledProfile } from './support/test-database';

const PLAYERS = 12;
const QUESTIONS = 40;

/** A built app on its own database, killed with SIGKILL and started again on the same port and data. */
function killableApp(name: string, extra: Record<string, string> = {}) {
  const { databaseUrl, redisUrl } = scaledProfile();
  const state = {
    app: null as unknown as ChildApp,
    database: null as unknown as TestDatabase,
    env: {} as Record<string, string>,
    api: new ApiClient(''),
    restartSeconds: 0,
  };
  beforeAll(async () => {
    state.database = await createTestDatabase();
    state.env = {
      DATA_DIR: mkdtempSync(join(tmpdir(), `ai-race-${name}-`)),
      ADMIN_PASSWORD,
      JWT_SECRET: 'faults-test-secret-long-enough-0123456789abcdef',
      DATABASE_URL: state.database.url,
      ...(databaseUrl && redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: `${name}-${randomBytes(3).toString('hex')}` } : {}),
      ...extra,
    };
    state.app = await startBuiltApp('src/main.js', state.env, 30_000);
    state.api.base = state.app.url;
  }, 40_000);
  afterAll(async () => {
    state.app?.child.kill('SIGTERM');
    await state.app?.exited;
    await state.database?.drop();
  });
  return {
    state,
    killAndRestart: async (): Promise<void> => {
      state.app.child.kill('SIGKILL');
      await state.app.exited;
      const restartedAt = performance.now();
      state.app = await startBuiltApp('src/main.js', state.env, 30_000, state.app.port);
      // From the restart to /health answering, migrations checked and caches rebuilt: about 1 s on
      // a quiet machine. The 3 s is held by the chaos fault run, which runs alone; here the
      // bound leaves room for a CI machine running other test files beside this one.
      state.restartSeconds = (performance.now() - restartedAt) / 1000;
      process.stderr.write(`${name}: serving again ${state.restartSeconds.toFixed(1)} s after the restart\n`);
    },
  };
}

/**
 * kill -9 in the middle of a window round: the app is started again on the same data, the
 * players' clients retry as the phone page does, and every answer acknowledged before the kill
 * is still there, exactly once, with the choice that was acknowledged.
 */
describe('kill -9 during a window round', () => {
  const { state, killAndRestart } = killableApp('faults');

  it('keeps every acknowledged answer and serves again soon after the restart', async () => {
    const { api } = state;
    const admin = (await api.ok<{ accessToken: string }>(null, 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).accessToken;
    await api.ok(admin, 'POST', '/api/units', { code: 'FAULT', name: 'Xã Thử Lỗi', category: 'commune', headcount: PLAYERS });
    // The choice each question is answered with: its real id (as stored) and its text (to find the attempt's handle for it).
    const key = new Map<number, number>();
    const keyText = new Map<number, string>();
    const questionIds: number[] = [];
    for (let i = 0; i < QUESTIONS; i++) {
      const made = await api.ok<{ id: number; choices: Array<{ id: number; text: string }> }>(admin, 'POST', '/api/questions', {
        type: 'single',
        text: `Câu chịu lỗi số ${i + 1}?`,
        choices: [
          { text: 'Có', correct: true },
          { text: 'Không', correct: false },
        ],
      });
      questionIds.push(made.id);
      key.set(made.id, made.choices[i % 2].id);
      keyText.set(made.id, made.choices[i % 2].text);
    }
    const race = (await api.ok<{ id: number }>(admin, 'POST', '/api/races', { name: 'Đua chịu lỗi' })).id;
    const round = (
      await api.ok<{ id: number }>(admin, 'POST', `/api/races/${race}/rounds`, { name: 'Vòng chịu lỗi', mode: 'window', questionIds, secondsPerQuestion: 300 })
    ).id;
    await api.ok(admin, 'POST', `/api/rounds/${round}/open`);
    const tokens: string[] = [];
    for (let i = 0; i < PLAYERS; i++) {
      await api.ok(admin, 'POST', '/api/participants', { staffCode: `LOI${i}`, fullName: `Người chịu lỗi ${i}`, unitCode: 'FAULT', pin: '1234' });
      tokens.push((await api.ok<{ accessToken: string }>(null, 'POST', '/api/auth/participant', { staffCode: `LOI${i}`, pin: '1234' })).accessToken);
    }

    // Each player answers as the phone page does: the same answer again until the server says yes.
    const acked: Array<Array<{ questionId: number; choiceId: number }>> = tokens.map(() => []);
    let restarting = false;
    const play = async (token: string, mine: Array<{ questionId: number; choiceId: number }>) => {
      type Served = { id: number; choices: Array<{ id: number; text: string }> };
      let attempt: { attemptId: number; question: Served | null } | null = null;
      for (;;) {
        try {
          if (!attempt) {
            const started = await api.call(token, 'POST', `/api/rounds/${round}/attempts`);
            if (started.status >= 300) throw new Error(`start ${started.status}`);
            attempt = started.body as unknown as typeof attempt;
          }
          if (!attempt!.question) return;
          const questionId = attempt!.question.id;
          const handle = attempt!.question.choices.find((choice) => choice.text === keyText.get(questionId))!.id;
          const reply = await api.call(token, 'POST', `/api/attempts/${attempt!.attemptId}/answers`, { questionId, choiceIds: [handle] });
          if (reply.status !== 200) throw new Error(`answer ${reply.status} ${JSON.stringify(reply.body)}`);
          mine.push({ questionId, choiceId: key.get(questionId)! });
          attempt = { attemptId: attempt!.attemptId, question: reply.body.next as Served | null };
        } catch (error) {
          // Down (or refusing while it comes back): wait a little and carry on where the server says.
          if (!restarting && !String(error).includes('fetch failed') && !String(error).includes('aborted')) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
          attempt = null;
        }
      }
    };
    const playing = Promise.all(tokens.map((token, i) => play(token, acked[i])));

    // Killed a quarter of the way through the round.
    while (acked.flat().length < (PLAYERS * QUESTIONS) / 4) await new Promise((resolve) => setTimeout(resolve, 5));
    restarting = true;
    const ackedBeforeKill = acked.flat().length;
    await killAndRestart();
    await playing;
    restarting = false;

    expect(ackedBeforeKill).toBeLessThan((PLAYERS * QUESTIONS) / 2);
    expect(state.restartSeconds).toBeLessThan(20);
    const stored = await queryDatabase<{ staff_code: string; question_id: number; choice_ids: string }>(
      state.database.url,
      'SELECT p.staff_code, a.question_id, a.choice_ids FROM answer a JOIN participant p ON p.id = a.participant_id WHERE a.round_id = ?',
      [round],
    );
    for (const [i, list] of acked.entries()) {
      const theirs = stored.filter((row) => row.staff_code === `LOI${i}`);
      // Every acknowledged answer, before or after the kill, is stored once with the choice acknowledged.
      expect(theirs.map((row) => [Number(row.question_id), row.choice_ids]).sort()).toEqual(questionIds.map((id) => [id, String(key.get(id))]).sort());
      for (const answer of list) expect(theirs.filter((row) => Number(row.question_id) === answer.questionId)).toHaveLength(1);
    }
    expect(stored).toHaveLength(PLAYERS * QUESTIONS);
  }, 90_000);
});

/**
 * kill -9 while a live question is on: phones reconnect by themselves (socket.io), join again
 * and send the answers they had not had acknowledged; the question's reveal still comes at its
 * deadline, from the job queued before the kill, and the host goes on with the next question.
 */
describe('kill -9 during a live round', () => {
  const { state, killAndRestart } = killableApp('live-faults', { ANSWER_GRACE_MS: '300' });
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((socket) => socket.disconnect()));

  it('reconnects the phones, keeps every acknowledged answer and reveals on time', async () => {
    const { api } = state;
    const admin = (await api.ok<{ accessToken: string }>(null, 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).accessToken;
    await api.ok(admin, 'POST', '/api/units', { code: 'LIVE', name: 'Trường Trực Tiếp', category: 'school', headcount: 10 });
    const questionIds: number[] = [];
    /** Question id → the right choice's text; each phone answers with its own handle for it. */
    const right = new Map<number, string>();
    for (let i = 0; i < 2; i++) {
      const made = await api.ok<{ id: number; choices: Array<{ id: number; text: string; correct: boolean }> }>(admin, 'POST', '/api/questions', {
        type: 'single',
        text: `Câu trực tiếp ${i + 1}?`,
        choices: [
          { text: 'Đúng', correct: true },
          { text: 'Sai', correct: false },
        ],
      });
      questionIds.push(made.id);
      right.set(made.id, made.choices.find((choice) => choice.correct)!.text);
    }
    const race = (await api.ok<{ id: number }>(admin, 'POST', '/api/races', { name: 'Đua trực tiếp chịu lỗi' })).id;
    const roundId = (
      await api.ok<{ id: number }>(admin, 'POST', `/api/races/${race}/rounds`, {
        name: 'Vòng trực tiếp',
        mode: 'live',
        questionIds,
        secondsPerQuestion: 15,
        revealAnswers: 'immediately',
      })
    ).id;
    await api.ok(admin, 'POST', `/api/rounds/${roundId}/open`);

    // Ten phones, each joining the round again whenever its socket (re)connects, as the page does.
    type Served = { id: number; choices: Array<{ id: number; text: string }> };
    const phones: Array<{ socket: Socket; questions: number[]; served: Map<number, Served>; reveals: Array<{ questionId: number; answered: number }> }> = [];
    for (let i = 0; i < 10; i++) {
      await api.ok(admin, 'POST', '/api/participants', { staffCode: `TT${i}`, fullName: `Học sinh ${i}`, unitCode: 'LIVE', pin: '1234' });
      const token = (await api.ok<{ accessToken: string }>(null, 'POST', '/api/auth/participant', { staffCode: `TT${i}`, pin: '1234' })).accessToken;
      const socket = io(`${state.app.url}/live`, { transports: ['websocket'], auth: { token }, reconnectionDelay: 100, reconnectionDelayMax: 300 });
      sockets.push(socket);
      const phone = { socket, questions: [] as number[], served: new Map<number, Served>(), reveals: [] as Array<{ questionId: number; answered: number }> };
      socket.on('connect', () => void socket.emitWithAck('live:join', { roundId }));
      socket.on('live:question', (event: { question: Served }) => {
        phone.served.set(event.question.id, event.question);
        phone.questions.push(event.question.id);
      });
      socket.on('live:reveal', (event: { questionId: number; answered: number }) => phone.reveals.push(event));
      phones.push(phone);
    }
    await eventually(async () => phones.every((phone) => phone.socket.connected), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));

    // The same answer until it is acknowledged; a phone cut off waits for its socket to come back.
    let acked = 0;
    const answer = async (phone: (typeof phones)[number], questionId: number) => {
      for (;;) {
        const handle = phone.served.get(questionId)!.choices.find((choice) => choice.text === right.get(questionId))!.id;
        const reply = (await phone.socket
          .timeout(1000)
          .emitWithAck('live:answer', { roundId, questionId, choiceIds: [handle] })
          .catch(() => null)) as { ok: boolean } | null;
        if (reply?.ok) return void acked++;
        if (reply) throw new Error(`live:answer refused: ${JSON.stringify(reply)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    const first = questionIds[0];
    await api.ok(admin, 'POST', `/api/rounds/${roundId}/live/next`);
    const sentAt = Date.now();
    await eventually(async () => phones.every((phone) => phone.questions.includes(first)), 5000);
    // Half the phones answer at once, the rest a moment later, when the app has been killed.
    await Promise.all(phones.slice(0, 5).map((phone) => answer(phone, first)));
    const late = phones.slice(5).map((phone, i) => new Promise((resolve) => setTimeout(resolve, 50 * i)).then(() => answer(phone, first)));
    await killAndRestart();
    await Promise.all(late);
    expect(acked).toBe(10);
    expect(state.restartSeconds).toBeLessThan(20);
    expect(Date.now() - sentAt).toBeLessThan(15_000);

    // The reveal queued before the kill comes at the deadline, to every reconnected phone, counting all ten.
    await eventually(async () => phones.every((phone) => phone.reveals.some((reveal) => reveal.questionId === first)), 20_000);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(15_000);
    for (const phone of phones) expect(phone.reveals.find((reveal) => reveal.questionId === first)).toMatchObject({ answered: 10 });

    // The round goes on: the next question reaches every phone and is answered once by each.
    const second = questionIds[1];
    await api.ok(admin, 'POST', `/api/rounds/${roundId}/live/next`);
    await eventually(async () => phones.every((phone) => phone.questions.includes(second)), 5000);
    await Promise.all(phones.map((phone) => answer(phone, second)));
    const stored = await queryDatabase<{ question_id: number; n: number }>(
      state.database.url,
      'SELECT question_id, COUNT(*) AS n FROM answer WHERE round_id = ? GROUP BY question_id ORDER BY question_id',
      [roundId],
    );
    expect(stored.map((row) => [Number(row.question_id), Number(row.n)])).toEqual(questionIds.map((id) => [id, 10]));
  }, 90_000);
});
