import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Socket, io } from 'socket.io-client';
import { ApiClient, queryDatabase } from '../support/api-client';
import { ChildApp, startBuiltApp } from '../support/child-app';
import { RedisServer } from '../support/redis-server';
import { ADMIN_PASSWORD, eventually } from '../support/test-app';
import { TestDatabase, createTestDatabase } from '../support/test-database';

const PLAYERS = 8;
const QUESTIONS = 60;

/** A question as an attempt is served it: `id`s of choices are the attempt's handles. */
interface Served {
  id: number;
  choices: Array<{ id: number; text: string }>;
}

interface BoardUpdate {
  seq: number;
  entries: Array<{ id: number; score: number }>;
}

/**
 * Redis killed and started again, empty, while people answer: the database is the truth, so
 * answers keep being acknowledged through the outage; afterwards the boards are filled again
 * from the database and reach the screens, and the round schedules Redis lost still run.
 * Its own redis-server, on the app's own database (SQLite or PostgreSQL, as the profile says).
 */
describe('Redis restarted in the middle of a round', () => {
  let redis: RedisServer;
  let database: TestDatabase;
  let app: ChildApp;
  let api: ApiClient;
  let screen: Socket | undefined;

  beforeAll(async () => {
    redis = await RedisServer.start();
    database = await createTestDatabase();
    app = await startBuiltApp('src/main.js', {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ai-race-redis-restart-')),
      ADMIN_PASSWORD,
      JWT_SECRET: 'redis-restart-secret-long-enough-0123456789',
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
    });
    api = new ApiClient(app.url);
  }, 60_000);
  afterAll(async () => {
    screen?.disconnect();
    app?.child.kill('SIGTERM');
    await app?.exited;
    await redis?.kill();
    await database?.drop();
  });

  it('keeps acknowledging answers, then rebuilds the boards and runs the schedules Redis lost', async () => {
    const admin = (await api.ok<{ accessToken: string }>(null, 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).accessToken;
    await api.ok(admin, 'POST', '/api/units', { code: 'REDIS', name: 'Phường Mất Điện', category: 'commune', headcount: PLAYERS });
    // The choices' texts: each attempt answers with the handles it was served for them.
    const questions: Array<{ id: number; right: string; wrong: string }> = [];
    for (let i = 0; i < QUESTIONS; i++) {
      const made = await api.ok<{ id: number; choices: Array<{ id: number; text: string; correct: boolean }> }>(admin, 'POST', '/api/questions', {
        type: 'single',
        text: `Khi Redis khởi động lại, câu số ${i + 1} còn không?`,
        choices: [
          { text: 'Còn', correct: true },
          { text: 'Mất', correct: false },
        ],
      });
      questions.push({ id: made.id, right: made.choices.find((c) => c.correct)!.text, wrong: made.choices.find((c) => !c.correct)!.text });
    }
    const choiceFor = (player: number, served: Served) => {
      const question = questions.find((q) => q.id === served.id)!;
      const text = (player + served.id) % 3 ? question.right : question.wrong;
      return served.choices.find((c) => c.text === text)!.id;
    };
    const race = (await api.ok<{ id: number }>(admin, 'POST', '/api/races', { name: 'Đua khi Redis sập' })).id;
    const now = Date.now();
    const questionIds = questions.map((q) => q.id);
    // Playing now and closing by its schedule; a second round opening by its schedule after the outage.
    const playing = (
      await api.ok<{ id: number }>(admin, 'POST', `/api/races/${race}/rounds`, {
        name: 'Vòng đang thi',
        mode: 'window',
        questionIds,
        secondsPerQuestion: 300,
        revealAnswers: 'immediately',
        closesAt: new Date(now + 40_000).toISOString(),
      })
    ).id;
    const later = (
      await api.ok<{ id: number }>(admin, 'POST', `/api/races/${race}/rounds`, {
        name: 'Vòng sau',
        mode: 'window',
        questionIds,
        opensAt: new Date(now + 25_000).toISOString(),
        closesAt: new Date(now + 120_000).toISOString(),
      })
    ).id;
    await api.ok(admin, 'POST', `/api/rounds/${playing}/open`);
    const tokens: string[] = [];
    for (let i = 0; i < PLAYERS; i++) {
      await api.ok(admin, 'POST', '/api/participants', { staffCode: `RD${i}`, fullName: `Người thi ${i}`, unitCode: 'REDIS', pin: '1234' });
      tokens.push((await api.ok<{ accessToken: string }>(null, 'POST', '/api/auth/participant', { staffCode: `RD${i}`, pin: '1234' })).accessToken);
    }

    const screenToken = (await api.ok<{ token: string }>(admin, 'POST', '/api/screen-tokens', { label: 'Hội trường' })).token;
    const updates: BoardUpdate[] = [];
    screen = io(`${app.url}/live`, { transports: ['websocket'], auth: { token: screenToken } });
    screen.on('board:update', (update: BoardUpdate) => updates.push(update));
    // A screen resubscribes after every reconnection, as the screen page does.
    screen.on('connect', () => void screen!.emitWithAck('board:subscribe', { board: 'individuals', race, limit: 50 }));
    await eventually(async () => screen!.connected, 5000);

    // Two players race through before Redis goes: only a rebuild can put them back on the board.
    const FAST = 2;
    let acked = 0;
    let failures = 0;
    let fastDone = 0;
    const play = async (player: number) => {
      let attempt: { attemptId: number; question: Served | null } | null = null;
      for (;;) {
        if (player >= FAST) await new Promise((resolve) => setTimeout(resolve, 100));
        attempt ??= (await api.ok(tokens[player], 'POST', `/api/rounds/${playing}/attempts`)) as unknown as typeof attempt;
        if (!attempt!.question) return void (player < FAST && fastDone++);
        const questionId = attempt!.question.id;
        const reply = await api.call(tokens[player], 'POST', `/api/attempts/${attempt!.attemptId}/answers`, {
          questionId,
          choiceIds: [choiceFor(player, attempt!.question)],
        });
        if (reply.status !== 200) {
          failures++;
          continue;
        }
        acked++;
        attempt = { attemptId: attempt!.attemptId, question: reply.body.next as Served | null };
      }
    };
    const players = Promise.all(tokens.map((_, player) => play(player)));

    await eventually(async () => fastDone === FAST && acked >= FAST * QUESTIONS + 60, 20_000);
    await redis.kill();
    const ackedAtKill = acked;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const ackedInOutage = acked - ackedAtKill;
    await redis.restart();
    const updatesBeforeRestore = updates.length;
    await players;

    // Answers went on while Redis was away, and none was refused.
    expect(ackedInOutage).toBeGreaterThan(20);
    expect(failures).toBe(0);
    const stored = await queryDatabase<{ n: number }>(database.url, 'SELECT COUNT(*) AS n FROM answer WHERE round_id = ?', [playing]);
    expect(Number(stored[0].n)).toBe(PLAYERS * QUESTIONS);

    // The individuals board, from the empty Redis, equals the database again…
    const truth = await queryDatabase<{ id: number; score: number }>(
      database.url,
      'SELECT participant_id AS id, score FROM race_standing WHERE race_id = ? ORDER BY participant_id',
      [race],
    );
    expect(truth).toHaveLength(PLAYERS);
    const byId = (entries: Array<{ id: number; score: number }>) => entries.map(({ id, score }) => [Number(id), Number(score)]).sort((a, b) => a[0] - b[0]);
    const board = await eventually(async () => {
      const reply = await api.ok<{ entries: Array<{ id: number; score: number }> }>(admin, 'GET', `/api/leaderboards/individuals?race=${race}&limit=50`);
      return reply.entries.length === PLAYERS ? reply : undefined;
    }, 10_000);
    expect(byId(board.entries)).toEqual(byId(truth));
    // …and so does what the screen shows after the restart.
    await eventually(async () => {
      const last = updates.slice(updatesBeforeRestore).at(-1);
      return !!last && JSON.stringify(byId(last.entries)) === JSON.stringify(byId(truth));
    }, 10_000);

    // The opening and closing queued in the Redis that was lost still happen, on time.
    const status = async (id: number) => (await api.ok<{ status: string }>(admin, 'GET', `/api/rounds/${id}`)).status;
    expect(await status(later)).toBe('scheduled');
    await eventually(async () => (await status(later)) === 'open', 30_000);
    expect(Date.now()).toBeGreaterThanOrEqual(now + 25_000);
    await eventually(async () => (await status(playing)) === 'closed', 30_000);
    expect(Date.now()).toBeGreaterThanOrEqual(now + 40_000);
    expect((await api.call(null, 'GET', '/health')).body).toMatchObject({ status: 'ok', redis: 'up' });
    expect(app.child.exitCode).toBeNull();
  }, 120_000);
});
