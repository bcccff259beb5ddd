import { scoreAttempt } from '../src/scoring/points';
import { OrgFactory } from './support/org-factory';
import { sql } from './support/sql';
import { TestApp, eventually, startTestApp } from './support/test-app';

interface Choice {
  id: number;
  text: string;
  correct?: boolean;
}
interface Question {
  id: number;
  index: number;
  count: number;
  type: string;
  text: string;
  choices: Choice[];
  deadline: string;
  secondsLeft: number;
}

/** Builds what a window round needs through the API: questions with known answers, a race, players. */
class Arena {
  readonly make: OrgFactory;
  /** Question id → its correct choice's text, known to the test only (phones see handles, never ids). */
  readonly answerKey = new Map<number, string>();
  questionIds: number[] = [];
  raceId = 0;
  unitCode = '';

  constructor(readonly t: TestApp) {
    this.make = new OrgFactory(t);
  }

  async setUp(questions = 3): Promise<this> {
    const admin = await this.make.admin();
    for (let i = 1; i <= questions; i++) {
      const res = await this.t
        .http()
        .post('/api/questions')
        .auth(admin, { type: 'bearer' })
        .send({
          type: 'single',
          text: `Câu hỏi số ${i}?`,
          topic: 'Chơi thử',
          choices: [
            { text: 'Đúng', correct: true },
            { text: 'Sai', correct: false },
            { text: 'Không biết', correct: false },
          ],
        })
        .expect(201);
      this.questionIds.push(res.body.id);
      this.answerKey.set(res.body.id, res.body.choices.find((c: Choice) => c.correct).text);
    }
    this.raceId = (await this.t.http().post('/api/races').auth(admin, { type: 'bearer' }).send({ name: 'Cuộc đua thử' }).expect(201)).body.id;
    this.unitCode = (await this.make.unit({ headcount: 100 })).code;
    return this;
  }

  async round(settings: Record<string, unknown> = {}, open = true): Promise<number> {
    const admin = await this.make.admin();
    const res = await this.t
      .http()
      .post(`/api/races/${this.raceId}/rounds`)
      .auth(admin, { type: 'bearer' })
      .send({ name: 'Vòng thử', mode: 'window', questionIds: this.questionIds, ...settings })
      .expect(201);
    if (open) await this.t.http().post(`/api/rounds/${res.body.id}/open`).auth(admin, { type: 'bearer' }).expect(200);
    return res.body.id;
  }

  async player(): Promise<Player> {
    const person = await this.make.participant({ unitCode: this.unitCode });
    return new Player(this.t, await this.make.participantToken(person.staffCode), person.id);
  }

  /** The right choice's handle as this attempt was served the question. */
  correctChoice(question: Question): number {
    return question.choices.find((c) => c.text === this.answerKey.get(question.id))!.id;
  }

  wrongChoice(question: Question): number {
    return question.choices.find((c) => c.text !== this.answerKey.get(question.id))!.id;
  }
}

class Player {
  constructor(
    readonly t: TestApp,
    readonly token: string,
    readonly id: number,
  ) {}

  start(roundId: number) {
    return this.t.http().post(`/api/rounds/${roundId}/attempts`).auth(this.token, { type: 'bearer' }).set('accept-language', 'en');
  }
  attempt(attemptId: number) {
    return this.t.http().get(`/api/attempts/${attemptId}`).auth(this.token, { type: 'bearer' });
  }
  answer(attemptId: number, questionId: number, choiceIds: number[]) {
    return this.t
      .http()
      .post(`/api/attempts/${attemptId}/answers`)
      .auth(this.token, { type: 'bearer' })
      .set('accept-language', 'en')
      .send({ questionId, choiceIds });
  }
  rounds() {
    return this.t.http().get('/api/me/rounds').auth(this.token, { type: 'bearer' });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('playing a window round', () => {
  let t: TestApp;
  let arena: Arena;

  beforeAll(async () => {
    t = await startTestApp({ env: { ANSWER_GRACE_MS: '300' } });
    arena = await new Arena(t).setUp();
  });
  afterAll(() => t.close());

  it('plays a whole attempt: one question at a time, scored, resumable, never showing the answer', async () => {
    const roundId = await arena.round({ revealAnswers: 'immediately' });
    const player = await arena.player();
    expect((await player.rounds().expect(200)).body).toContainEqual(
      expect.objectContaining({ id: roundId, attempted: false, finished: false, score: 0, questionCount: 3 }),
    );

    const started = await player.start(roundId).expect(201);
    const first: Question = started.body.question;
    expect(started.body).toMatchObject({ attemptId: expect.any(Number), roundId, score: 0, answered: 0, finished: false });
    expect(first).toMatchObject({ index: 0, count: 3, type: 'single', secondsLeft: 30 });
    expect(JSON.stringify(started.body)).not.toContain('correct');
    expect(first.choices.map((c) => c.text).sort()).toEqual(['Không biết', 'Sai', 'Đúng']);

    // A reconnect resumes the same attempt on the same question with its clock still running.
    const resumed = await player.start(roundId).expect(200);
    expect(resumed.body.attemptId).toBe(started.body.attemptId);
    expect(resumed.body.question).toEqual({ ...first, secondsLeft: expect.any(Number) });
    expect(resumed.body.question.deadline).toBe(first.deadline);

    const attemptId = started.body.attemptId;
    const reply = await player.answer(attemptId, first.id, [arena.correctChoice(first)]).expect(200);
    expect(reply.body).toMatchObject({ accepted: true, correct: true, streak: 1, finished: false, next: { index: 1, count: 3 } });
    expect(reply.body.points).toBeGreaterThanOrEqual(500);
    expect(reply.body.points).toBeLessThanOrEqual(1000);
    expect(reply.body.score).toBe(reply.body.points);

    // The same answer again: the same reply. Another answer to the same question: refused.
    const again = await player.answer(attemptId, first.id, [arena.correctChoice(first)]).expect(200);
    expect(again.body).toEqual(reply.body);
    const other = await player.answer(attemptId, first.id, [arena.wrongChoice(first)]).expect(409);
    expect(other.body.code).toBe('ANSWER_CONFLICT');

    const second: Question = reply.body.next;
    const streak2 = await player.answer(attemptId, second.id, [arena.correctChoice(second)]).expect(200);
    expect(streak2.body).toMatchObject({ correct: true, streak: 2 });
    expect(streak2.body.points).toBeGreaterThanOrEqual(600); // +100 streak bonus
    const third: Question = streak2.body.next;
    const last = await player.answer(attemptId, third.id, [arena.wrongChoice(third)]).expect(200);
    expect(last.body).toMatchObject({ correct: false, points: 0, streak: 0, next: null, finished: true, score: streak2.body.score });

    const done = await player.attempt(attemptId).expect(200);
    expect(done.body).toMatchObject({ attemptId, roundId, finished: true, answered: 3, score: streak2.body.score, question: null });
    const finished = await player.answer(attemptId, third.id, [arena.correctChoice(third)]).expect(409);
    expect(finished.body.code).toBe('ANSWER_CONFLICT');
    expect((await player.rounds().expect(200)).body).toContainEqual(
      expect.objectContaining({ id: roundId, attempted: true, finished: true, score: streak2.body.score }),
    );
  });

  it('keeps correctness, points and a telling score to itself until the round closes when told so', async () => {
    const roundId = await arena.round();
    const player = await arena.player();
    const { attemptId, question } = (await player.start(roundId).expect(201)).body;
    const reply = await player.answer(attemptId, question.id, [arena.correctChoice(question)]).expect(200);
    expect(reply.body).not.toHaveProperty('correct');
    expect(reply.body).not.toHaveProperty('points');
    expect(JSON.stringify(reply.body)).not.toMatch(/correct/);
    // A score or streak that rose would say the answer was right.
    expect(reply.body).toMatchObject({ score: 0, streak: 0, scoresHeld: true });
  });

  it('refuses what cannot be an answer, with nothing stored', async () => {
    const roundId = await arena.round();
    const player = await arena.player();
    const stranger = await arena.player();
    const { attemptId, question } = (await player.start(roundId).expect(201)).body;
    await player.answer(attemptId, question.id, [999999]).expect(400);
    await player.answer(attemptId, question.id, [question.choices[0].id, question.choices[1].id]).expect(400);
    await player.answer(attemptId, question.id, []).expect(400);
    await t.http().post(`/api/attempts/${attemptId}/answers`).auth(player.token, { type: 'bearer' }).send({ questionId: 'x', choiceIds: 'y' }).expect(400);
    const notCurrent = await player
      .answer(
        attemptId,
        arena.questionIds.find((id) => id !== question.id)!,
        [1],
      )
      .expect(409);
    expect(notCurrent.body.code).toBe('NOT_CURRENT_QUESTION');
    await stranger.answer(attemptId, question.id, [question.choices[0].id]).expect(404);
    await stranger.attempt(attemptId).expect(404);
    await player.start(999999).expect(404);
    const organiser = await t
      .http()
      .post(`/api/rounds/${roundId}/attempts`)
      .auth(await arena.make.admin(), { type: 'bearer' });
    expect(organiser.status).toBe(403);
    const still = await player.attempt(attemptId).expect(200);
    expect(still.body).toMatchObject({ answered: 0, score: 0, question: { id: question.id } });
    const draft = await arena.round({}, false);
    expect((await player.start(draft).expect(409)).body.code).toBe('ROUND_NOT_OPEN');
  });

  it('refuses a late answer, scores the missed question 0 and moves on', async () => {
    const roundId = await arena.round({ secondsPerQuestion: 5, revealAnswers: 'immediately' });
    const player = await arena.player();
    const { attemptId, question } = (await player.start(roundId).expect(201)).body;
    const first = await player.answer(attemptId, question.id, [arena.correctChoice(question)]).expect(200);
    const second: Question = first.body.next;
    await sleep(5000 + 300 + 200);
    const late = await player.answer(attemptId, second.id, [arena.correctChoice(second)]).expect(409);
    expect(late.body.code).toBe('DEADLINE_PASSED');
    expect(late.body.next).toMatchObject({ index: 2, secondsLeft: 5 });
    const third: Question = late.body.next;
    // The streak was broken by the missed question: 1, not 2.
    const last = await player.answer(attemptId, third.id, [arena.correctChoice(third)]).expect(200);
    expect(last.body).toMatchObject({ streak: 1, finished: true, score: first.body.score + last.body.points });
    const log = await sql(t, 'SELECT choice_ids, points FROM answer WHERE attempt_id = ? ORDER BY id', [attemptId]);
    expect(log.map((row) => [row.choice_ids === null, Number(row.points)])).toEqual([
      [false, first.body.points],
      [true, 0],
      [false, last.body.points],
    ]);
  }, 20000);

  it('finishes attempts in progress when the round closes, keeping what was answered', async () => {
    const roundId = await arena.round({ revealAnswers: 'immediately' });
    const player = await arena.player();
    const { attemptId, question } = (await player.start(roundId).expect(201)).body;
    const first = await player.answer(attemptId, question.id, [arena.correctChoice(question)]).expect(200);
    await t
      .http()
      .post(`/api/rounds/${roundId}/close`)
      .auth(await arena.make.admin(), { type: 'bearer' })
      .expect(200);
    const after = await player.attempt(attemptId).expect(200);
    expect(after.body).toMatchObject({ finished: true, answered: 1, score: first.body.score, question: null });
    const refused = await player.answer(attemptId, first.body.next.id, [arena.correctChoice(first.body.next)]).expect(409);
    expect(refused.body.code).toBe('ROUND_CLOSED');
    const [row] = await sql(t, 'SELECT finished_at FROM attempt WHERE id = ?', [attemptId]);
    expect(row.finished_at).not.toBeNull();
    expect((await player.rounds().expect(200)).body.map((r: { id: number }) => r.id)).not.toContain(roundId);
  });

  it('opens and closes a scheduled round on time, finishing the attempt in progress', async () => {
    const admin = await arena.make.admin();
    const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
    const roundId = await arena.round({ opensAt: soon(700), closesAt: soon(2500) }, false);
    const player = await arena.player();
    expect((await player.start(roundId).expect(409)).body.code).toBe('ROUND_NOT_OPEN');
    const started = await eventually(async () => {
      const res = await player.start(roundId);
      return res.status === 201 ? res.body : undefined;
    }, 5000);
    await player.answer(started.attemptId, started.question.id, [arena.correctChoice(started.question)]).expect(200);
    await eventually(async () => (await t.http().get(`/api/rounds/${roundId}`).auth(admin, { type: 'bearer' })).body.status === 'closed', 6000);
    const [row] = await sql(t, 'SELECT finished_at, answered FROM attempt WHERE id = ?', [started.attemptId]);
    expect(row.finished_at).not.toBeNull();
    expect(Number(row.answered)).toBe(1);
  });
});

describe('answers sent many times from many clients at once', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('stores each answer once and scores exactly what an oracle computes from the answer log', async () => {
    t = await startTestApp();
    const arena = await new Arena(t).setUp(4);
    const roundId = await arena.round({ revealAnswers: 'immediately' });
    const players = await Promise.all(Array.from({ length: 24 }, () => arena.player()));
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const chosenBy = new Map<number, Array<{ questionId: number; choiceId: number; right: boolean }>>();

    await Promise.all(
      players.map(async (player) => {
        let { attemptId, question } = (await player.start(roundId).expect(201)).body as { attemptId: number; question: Question | null };
        const chosen: Array<{ questionId: number; choiceId: number; right: boolean }> = [];
        while (question) {
          const mine = random() < 0.6 ? arena.correctChoice(question) : arena.wrongChoice(question);
          const rival = question.choices.find((c) => c.id !== mine)!.id;
          const copies = 1 + Math.floor(random() * 3);
          const sends = Array.from({ length: copies }, () => mine);
          if (random() < 0.25) sends.push(rival);
          const replies = await Promise.all(sends.map((choiceId) => player.answer(attemptId, question!.id, [choiceId]).then((res) => ({ choiceId, res }))));
          const won = replies.filter(({ res }) => res.status === 200);
          expect(won.length).toBeGreaterThan(0);
          const winner = won[0].choiceId;
          // The same reply each time; only the next question's seconds left count down between them.
          const first = won[0].res.body;
          const same = first.next ? { ...first, next: { ...first.next, secondsLeft: expect.any(Number) } } : first;
          for (const { choiceId, res } of replies) {
            if (choiceId === winner) expect(res.body).toEqual(same);
            else expect([res.status, res.body.code]).toEqual([409, 'ANSWER_CONFLICT']);
          }
          chosen.push({ questionId: question.id, choiceId: winner, right: winner === arena.correctChoice(question) });
          question = won[0].res.body.next;
        }
        chosenBy.set(player.id, chosen);
      }),
    );

    const log = await sql(
      t,
      'SELECT a.participant_id, a.question_id, a.response_ms, t.id AS attempt_id, t.score FROM answer a JOIN attempt t ON t.id = a.attempt_id WHERE a.round_id = ? ORDER BY a.id',
      [roundId],
    );
    expect(log).toHaveLength(players.length * 4);
    for (const player of players) {
      const mine = log.filter((row) => Number(row.participant_id) === player.id);
      expect(mine.map((row) => Number(row.question_id))).toEqual(chosenBy.get(player.id)!.map((c) => c.questionId));
      const oracle = scoreAttempt(
        chosenBy.get(player.id)!.map((c, i) => ({ correct: c.right, responseMs: Number(mine[i].response_ms) })),
        30_000,
        { speedBonus: true, streakBonus: true },
      );
      const attempt = await player.attempt(Number(mine[0].attempt_id)).expect(200);
      expect(attempt.body).toMatchObject({ score: oracle.score, answered: 4, finished: true });
    }
    const standings = await sql(t, 'SELECT participant_id, score, answered, rounds_played FROM race_standing WHERE race_id = ?', [arena.raceId]);
    expect(standings).toHaveLength(players.length);
    for (const row of standings) {
      const attempt = log.find((r) => Number(r.participant_id) === Number(row.participant_id))!;
      expect([Number(row.score), Number(row.answered), Number(row.rounds_played)]).toEqual([Number(attempt.score), 4, 1]);
    }
  }, 60000);
});

describe('an attempt across a restart of the app', () => {
  it('resumes on the same question with the time it had left, and goes on scoring', async () => {
    const first = await startTestApp();
    const arena = await new Arena(first).setUp();
    const roundId = await arena.round({ revealAnswers: 'immediately' });
    const player = await arena.player();
    const { attemptId, question } = (await player.start(roundId).expect(201)).body;
    const reply = await player.answer(attemptId, question.id, [arena.correctChoice(question)]).expect(200);
    await first.close({ keepData: true });

    const second = await startTestApp({ database: first.database, redisPrefix: first.config.redisPrefix });
    try {
      const again = new Player(second, player.token, player.id);
      const resumed = await again.attempt(attemptId).expect(200);
      expect(resumed.body).toMatchObject({
        score: reply.body.score,
        answered: 1,
        finished: false,
        question: { id: reply.body.next.id, deadline: reply.body.next.deadline },
      });
      expect(resumed.body.question.secondsLeft).toBeGreaterThan(20);
      const next = await again.answer(attemptId, reply.body.next.id, [arena.correctChoice(reply.body.next)]).expect(200);
      expect(next.body).toMatchObject({ streak: 2, score: reply.body.score + next.body.points });
    } finally {
      await second.close();
    }
  });
});
