import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ChildApp, startBuiltApp } from './support/child-app';
import { ADMIN_PASSWORD } from './support/test-app';
import { TestDatabase, createTestDatabase, scaledProfile } from './support/test-database';

// better-sqlite3 ships no types; this is the little the test uses to read the answers back.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sqlite = require('better-sqlite3') as new (path: string, options: { readonly: boolean }) => { prepare(sql: string): { all(...params: unknown[]): unknown[] }; close(): void };

const PLAYERS = 12;
const QUESTIONS = 40;

interface Acked {
  questionId: number;
  choiceId: number;
}

/**
 * kill -9 in the middle of a window round: the app is started again on the same data, the
 * players' clients retry as the phone page does, and every answer acknowledged before the kill
 * is still there, exactly once, with the choice that was acknowledged.
 */
describe('kill -9 during a window round', () => {
  const { databaseUrl, redisUrl } = scaledProfile();
  let database: TestDatabase;
  let app: ChildApp;
  let env: Record<string, string>;
  let base = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'ai-race-faults-'));
    env = {
      DATA_DIR: dataDir,
      ADMIN_PASSWORD,
      JWT_SECRET: 'faults-test-secret-long-enough-0123456789abcdef',
      ...(databaseUrl ? { DATABASE_URL: database.url } : { DATABASE_URL: `sqlite:${join(dataDir, 'faults.sqlite')}` }),
      ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: `faults-${randomBytes(3).toString('hex')}` } : {}),
    };
    app = await startBuiltApp('src/main.js', env, 30_000);
    base = app.url;
  }, 40_000);
  afterAll(async () => {
    app?.child.kill('SIGTERM');
    await app?.exited;
    await database?.drop();
  });

  const call = async (token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(5000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  };

  it('keeps every acknowledged answer and serves again soon after the restart', async () => {
    const admin = (await call(null, 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).body.accessToken as unknown as string;
    await call(admin, 'POST', '/api/units', { code: 'FAULT', name: 'Xã Thử Lỗi', category: 'commune', headcount: PLAYERS });
    const key = new Map<number, number>();
    const questionIds: number[] = [];
    for (let i = 0; i < QUESTIONS; i++) {
      const made = (await call(admin, 'POST', '/api/questions', { type: 'single', text: `Câu chịu lỗi số ${i + 1}?`, choices: [{ text: 'Có', correct: true }, { text: 'Không', correct: false }] })).body as unknown as {
        id: number;
        choices: Array<{ id: number; correct: boolean }>;
      };
      questionIds.push(made.id);
      key.set(made.id, made.choices[i % 2].id);
    }
    const race = (await call(admin, 'POST', '/api/races', { name: 'Đua chịu lỗi' })).body.id as unknown as number;
    const round = (await call(admin, 'POST', `/api/races/${race}/rounds`, { name: 'Vòng chịu lỗi', mode: 'window', questionIds, secondsPerQuestion: 300 })).body.id as unknown as number;
    expect((await call(admin, 'POST', `/api/rounds/${round}/open`)).status).toBe(200);
    const tokens: string[] = [];
    for (let i = 0; i < PLAYERS; i++) {
      await call(admin, 'POST', '/api/participants', { staffCode: `LOI${i}`, fullName: `Người chịu lỗi ${i}`, unitCode: 'FAULT', pin: '1234' });
      tokens.push((await call(null, 'POST', '/api/auth/participant', { staffCode: `LOI${i}`, pin: '1234' })).body.accessToken as unknown as string);
    }

    // Each player answers as the phone page does: the same answer again until the server says yes.
    const acked: Acked[][] = tokens.map(() => []);
    let restarting = false;
    const play = async (token: string, mine: Acked[]) => {
      let attempt: { attemptId: number; question: { id: number } | null } | null = null;
      for (;;) {
        try {
          if (!attempt) {
            const started = await call(token, 'POST', `/api/rounds/${round}/attempts`);
            if (started.status >= 300) throw new Error(`start ${started.status}`);
            attempt = started.body as unknown as typeof attempt;
          }
          if (!attempt!.question) return;
          const questionId = attempt!.question.id;
          const reply = await call(token, 'POST', `/api/attempts/${attempt!.attemptId}/answers`, { questionId, choiceIds: [key.get(questionId)] });
          if (reply.status !== 200) throw new Error(`answer ${reply.status} ${JSON.stringify(reply.body)}`);
          mine.push({ questionId, choiceId: key.get(questionId)! });
          attempt = { attemptId: attempt!.attemptId, question: reply.body.next as unknown as { id: number } | null };
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
    const ackedBeforeKill = acked.map((list) => [...list]);
    app.child.kill('SIGKILL');
    await app.exited;
    const restartedAt = performance.now();
    app = await startBuiltApp('src/main.js', env, 30_000);
    const restartSeconds = (performance.now() - restartedAt) / 1000;
    base = app.url;
    await playing;
    restarting = false;

    expect(ackedBeforeKill.flat().length).toBeLessThan(PLAYERS * QUESTIONS / 2);
    // From the restart to /health answering on a fresh port, migrations checked and caches rebuilt.
    expect(restartSeconds).toBeLessThan(5);

    const stored = await storedAnswers(env.DATABASE_URL, round);
    for (const [i, list] of acked.entries()) {
      const theirs = stored.filter((row) => row.staff_code === `LOI${i}`);
      // Every acknowledged answer, before or after the kill, is stored once with the choice acknowledged.
      expect(theirs.map((row) => [Number(row.question_id), row.choice_ids]).sort()).toEqual(questionIds.map((id) => [id, String(key.get(id))]).sort());
      for (const answer of list) expect(theirs.filter((row) => Number(row.question_id) === answer.questionId)).toHaveLength(1);
    }
    expect(stored).toHaveLength(PLAYERS * QUESTIONS);
  }, 90_000);
});

async function storedAnswers(url: string, round: number): Promise<Array<{ staff_code: string; question_id: number; choice_ids: string }>> {
  const query = 'SELECT p.staff_code, a.question_id, a.choice_ids FROM answer a JOIN participant p ON p.id = a.participant_id WHERE a.round_id = ';
  if (url.startsWith('postgres')) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(`${query}$1`, [round])).rows;
    } finally {
      await client.end();
    }
  }
  const db = new Sqlite(url.slice('sqlite:'.length), { readonly: true });
  try {
    return db.prepare(`${query}?`).all(round) as Array<{ staff_code: string; question_id: number; choice_ids: string }>;
  } finally {
    db.close();
  }
}
