import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_JWT_SECRET, PlayArena, inBatches } from '../bench/play-arena';
import { ApiClient, Reply, queryDatabase } from '../support/api-client';
import { ChildApp, clusterInstances, freePortRun, startBuiltApp } from '../support/child-app';
import { ADMIN_PASSWORD, eventually } from '../support/test-app';
import { TestDatabase, createTestDatabase, scaledProfile } from '../support/test-database';

const { databaseUrl, redisUrl } = scaledProfile();
const clustered = !!(databaseUrl && redisUrl);
// 2,000 people × 50 questions = 100,000 answers on SQLite. On PostgreSQL an answer is a dozen
// round trips (about 100 answers/s on this 2-core machine, see bench-results), so the cluster's
// run is 400 × 40 = 16,000 to stay within minutes. CHAOS_PEOPLE / CHAOS_QUESTIONS change either.
const PEOPLE = Number(process.env.CHAOS_PEOPLE ?? (clustered ? 400 : 2000));
const QUESTIONS = Number(process.env.CHAOS_QUESTIONS ?? (clustered ? 40 : 50));
const CLIENTS = 48;
const DUPLICATE_SHARE = 0.3;
const DROPPED_SHARE = 0.03;
const KILLS_AT = [0.3, 0.65];

interface Shown {
  id: number;
  /** `id`: the attempt's handle for the choice, not its real id. */
  choices: Array<{ id: number; text: string }>;
}

/**
 * The chaos run: 100,000 answers (16,000 on the cluster) from clients that retry as the phone page does, 30% of them
 * sent again after their acknowledgement, 3% cut off mid-request, and the server killed with
 * SIGKILL twice. Embedded profile: the one app, started again on the same port. Scaled profile:
 * three instances behind the balancer, two of them killed (the cluster starts them again).
 * Afterwards every score, in the database and on the boards, equals an oracle computed here from
 * the answers the clients sent.
 */
describe('chaos run', () => {
  let database: TestDatabase;
  let app: ChildApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ai-race-chaos-')),
      ADMIN_PASSWORD,
      JWT_SECRET: BENCH_JWT_SECRET,
      DATABASE_URL: database.url,
      ...(clustered ? { REDIS_URL: redisUrl, REDIS_PREFIX: `chaos-${randomBytes(3).toString('hex')}`, CLUSTER_INSTANCES: '3' } : {}),
    };
    app = clustered ? await startBuiltApp('src/cluster/cluster.js', env, 90_000, await freePortRun(4)) : await startBuiltApp('src/main.js', env, 30_000);
  }, 100_000);
  afterAll(async () => {
    app?.child.kill('SIGTERM');
    await app?.exited;
    await database?.drop();
  });

  it(`${PEOPLE * QUESTIONS} answers with duplicates, dropped requests and two kills: every score equals the oracle`, async () => {
    const api = new ApiClient(app.url);
    const arena = await new PlayArena(app.url).setUp(PEOPLE, QUESTIONS);
    const admin = (await api.ok<{ accessToken: string }>(null, 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).accessToken;
    // Phones see handles, the database keeps real ids: the choices' texts (distinct in each question) join the two.
    const correct = new Map<number, string>();
    const textOfId = new Map<number, string>();
    for (const id of arena.questionIds) {
      const question = await api.ok<{ choices: Array<{ id: number; text: string; correct: boolean }> }>(admin, 'GET', `/api/questions/${id}`);
      correct.set(id, question.choices.find((choice) => choice.correct)!.text);
      for (const choice of question.choices) textOfId.set(choice.id, choice.text);
    }
    // Speed does not count, so the oracle needs only what was chosen and in which order.
    const round = await arena.openRound({ mode: 'window', secondsPerQuestion: 300, speedBonus: false, streakBonus: true, revealAnswers: 'after_close' });

    const sent = new Map<number, Array<{ questionId: number; text: string }>>();
    const stats = { acked: 0, duplicates: 0, dropped: 0, refused: 0, downtimeErrors: 0 };
    let killing = false;

    // One request; null when the answer is unknown (cut off, connection refused, instance gone).
    const send = async (token: string, method: string, path: string, body?: unknown): Promise<Reply | null> => {
      const drop = Math.random() < DROPPED_SHARE;
      try {
        if (drop) stats.dropped++;
        return await api.call(token, method, path, body, drop ? Math.random() * 20 : 10_000);
      } catch {
        if (!drop) stats.downtimeErrors++;
        return null;
      }
    };
    // The phone page's rule: the same request until the server gives an answer that is not "down".
    const until = async (token: string, method: string, path: string, body?: unknown): Promise<Reply> => {
      for (;;) {
        const reply = await send(token, method, path, body);
        if (reply && reply.status < 500) return reply;
        if (reply && !killing && reply.status !== 502 && reply.status !== 503)
          throw new Error(`${method} ${path} → ${reply.status} ${JSON.stringify(reply.body)}`);
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 150));
      }
    };

    const play = async (participantId: number) => {
      const token = arena.participantToken(participantId);
      const mine: Array<{ questionId: number; text: string }> = [];
      sent.set(participantId, mine);
      const started = await until(token, 'POST', `/api/rounds/${round}/attempts`);
      if (started.status > 201) throw new Error(`start → ${started.status} ${JSON.stringify(started.body)}`);
      const attemptId = started.body.attemptId as number;
      let question = started.body.question as Shown | null;
      while (question) {
        // A choice fixed by who and what: right about two times in three.
        const right = correct.get(question.id)!;
        const wrong = question.choices
          .map((choice) => choice.text)
          .sort()
          .find((text) => text !== right)!;
        const text = (participantId + question.id) % 3 ? right : wrong;
        mine.push({ questionId: question.id, text });
        const body = { questionId: question.id, choiceIds: [question.choices.find((choice) => choice.text === text)!.id] };
        const reply = await until(token, 'POST', `/api/attempts/${attemptId}/answers`, body);
        if (reply.status !== 200) throw new Error(`answer → ${reply.status} ${JSON.stringify(reply.body)}`);
        stats.acked++;
        if (Math.random() < DUPLICATE_SHARE) {
          stats.duplicates++;
          const again = await until(token, 'POST', `/api/attempts/${attemptId}/answers`, body);
          // Sent again after its acknowledgement: the same reply, nothing counted twice.
          expect(again.status).toBe(200);
          expect(again.body.score).toBe(reply.body.score);
        }
        question = reply.body.next as Shown | null;
      }
    };

    const total = PEOPLE * QUESTIONS;
    const started = performance.now();
    let failure: unknown = null;
    const playing = inBatches(arena.participantIds, CLIENTS, play).catch((error: unknown) => {
      failure = error;
      throw error;
    });
    const progress = setInterval(() => process.stderr.write(`chaos: ${stats.acked} of ${total} acknowledged\n`), 15_000);
    const restarts: number[] = [];
    for (const [k, share] of KILLS_AT.entries()) {
      await eventually(async () => {
        if (failure) throw failure as Error;
        return stats.acked >= total * share;
      }, 600_000);
      killing = true;
      if (clustered) {
        // One instance at a time, a different one each time; the cluster starts it again, and the
        // restart is timed from the kill to the instance's own /health answering.
        const instances = clusterInstances(app.output());
        const port = [...instances.keys()].sort((a, b) => a - b)[k % instances.size];
        const victim = instances.get(port)!;
        const killedAt = performance.now();
        process.kill(victim, 'SIGKILL');
        await eventually(async () => (app.output().match(/starting it again/g) ?? []).length > k, 30_000);
        await eventually(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.status === 200, 30_000);
        restarts.push((performance.now() - killedAt) / 1000);
      } else {
        app.child.kill('SIGKILL');
        await app.exited;
        const restartedAt = performance.now();
        app = await startBuiltApp('src/main.js', env, 30_000, app.port);
        restarts.push((performance.now() - restartedAt) / 1000);
      }
      killing = false;
    }
    await playing.finally(() => clearInterval(progress));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `chaos (${clustered ? '3 instances, PostgreSQL + Redis' : `one app, ${database.kind}`}): ${stats.acked} answers acknowledged in ${seconds.toFixed(1)} s ` +
        `(${Math.round(stats.acked / seconds)}/s), ${stats.duplicates} sent again, ${stats.dropped} cut off, ${stats.downtimeErrors} failed while down` +
        (restarts.length ? `, restarts ${restarts.map((s) => s.toFixed(1)).join(' s, ')} s` : ''),
    );

    // The oracle: 1,000 per right answer, +100 per answer in a run of right ones after the first, at most +500.
    const oracle = new Map<number, number>();
    for (const [participantId, answers] of sent) {
      let score = 0;
      let run = 0;
      for (const { questionId, text } of answers) {
        run = text === correct.get(questionId) ? run + 1 : 0;
        if (run) score += 1000 + Math.min(100 * (run - 1), 500);
      }
      oracle.set(participantId, score);
    }
    expect(stats.acked).toBe(total);
    // Serving again within 3 s of the restart with the clients still sending, as the issue asks.
    // In the cluster the standby takes over: started afresh beside two busy instances, PostgreSQL,
    // Redis and the clients on this 2-core machine, an instance took 3.2 to 4.3 s.
    expect(restarts).toHaveLength(KILLS_AT.length);
    for (const seconds of restarts) expect(seconds).toBeLessThan(3);
    if (clustered) expect(app.output().match(/starting it again from the standby/g)).toHaveLength(KILLS_AT.length);
    expect(stats.duplicates).toBeGreaterThan(total * 0.25);

    // The round keeps its points off the boards until it closes; closing settles them.
    await api.ok(admin, 'POST', `/api/rounds/${round}/close`);
    await eventually(async () => {
      const [settled] = await queryDatabase<{ at: number | null }>(database.url, 'SELECT scores_settled_at AS at FROM round WHERE id = ?', [round]);
      return settled.at !== null;
    }, 30_000);

    // The database: each answer once, with the choice sent; each attempt and race total as the oracle says.
    const stored = await queryDatabase<{ participant_id: number; question_id: number; choice_ids: string }>(
      database.url,
      'SELECT participant_id, question_id, choice_ids FROM answer WHERE round_id = ?',
      [round],
    );
    expect(stored).toHaveLength(total);
    const choiceOf = new Map(stored.map((row) => [`${row.participant_id}:${row.question_id}`, row.choice_ids]));
    for (const [participantId, answers] of sent)
      for (const { questionId, text } of answers) expect(textOfId.get(Number(choiceOf.get(`${participantId}:${questionId}`)))).toBe(text);
    const attempts = await queryDatabase<{ participant_id: number; score: number }>(
      database.url,
      'SELECT participant_id, score FROM attempt WHERE round_id = ?',
      [round],
    );
    const standings = await queryDatabase<{ participant_id: number; score: number }>(
      database.url,
      'SELECT participant_id, score FROM race_standing WHERE race_id = ?',
      [arena.raceId],
    );
    const expected = [...oracle].sort((a, b) => a[0] - b[0]);
    const asPairs = (rows: Array<{ participant_id: number; score: number }>) =>
      rows.map((row) => [Number(row.participant_id), Number(row.score)]).sort((a, b) => a[0] - b[0]);
    expect(asPairs(attempts)).toEqual(expected);
    expect(asPairs(standings)).toEqual(expected);

    // The boards: every person's score and the units' totals.
    const board: Array<[number, number]> = [];
    for (let offset = 0; offset < PEOPLE; offset += 500) {
      const page = await api.ok<{ entries: Array<{ id: number; score: number }> }>(
        admin,
        'GET',
        `/api/leaderboards/individuals?race=${arena.raceId}&limit=500&offset=${offset}`,
      );
      board.push(...page.entries.map((entry): [number, number] => [entry.id, entry.score]));
    }
    expect(board.sort((a, b) => a[0] - b[0])).toEqual(expected);
    const unitOf = new Map(
      (await queryDatabase<{ id: number; unit_id: number }>(database.url, 'SELECT id, unit_id FROM participant')).map((row) => [
        Number(row.id),
        Number(row.unit_id),
      ]),
    );
    const unitTotals = new Map<number, { participants: number; score: number }>();
    for (const [participantId, score] of oracle) {
      const unit = unitTotals.get(unitOf.get(participantId)!) ?? { participants: 0, score: 0 };
      unitTotals.set(unitOf.get(participantId)!, { participants: unit.participants + 1, score: unit.score + score });
    }
    const units = await api.ok<{ entries: Array<{ id: number; participants: number; score: number }> }>(
      admin,
      'GET',
      `/api/leaderboards/units?race=${arena.raceId}&limit=500`,
    );
    const shown = units.entries
      .filter((entry) => entry.participants > 0)
      .map((entry) => [entry.id, entry.participants, entry.score])
      .sort((a, b) => a[0] - b[0]);
    expect(shown).toEqual([...unitTotals].map(([id, unit]) => [id, unit.participants, unit.score]).sort((a, b) => a[0] - b[0]));
  });
});
