import { startBuiltApp } from '../support/child-app';
import { PlayArena, ShownQuestion, inBatches } from './play-arena';
import { drive } from './load';
import { BenchProfile } from './profiles';
import { Figure } from './report';

const PARTICIPANTS = 2_000;
const QUESTIONS = 50;
const DURATION_S = 10;
const TARGET_RATE = 5_000;
const SATURATION_CONNECTIONS = 100;

interface Player {
  token: string;
  attemptId: number;
  question: ShownQuestion | null;
}

/**
 * Window-round answers over HTTP, against a bare validated POST doing one insert in the same
 * app and the same run: first flat out (saturation), then 2,000 participants at the target
 * rate, for the latency they see. Afterwards the answer rows are counted.
 */
export async function windowAnswers(profile: BenchProfile): Promise<Figure[]> {
  const storage = await profile.storage();
  const app = await startBuiltApp('test/bench/bench-server.js', storage.env);
  try {
    const arena = await new PlayArena(app.url).setUp(PARTICIPANTS, QUESTIONS);
    const bare = await drive({
      url: app.url,
      workers: Array.from({ length: SATURATION_CONNECTIONS }, () => null),
      durationS: DURATION_S,
      next: () => ({ path: '/api/bench/insert', body: { value: 'Nguyễn Văn An', n: 1 } }),
      reply: () => undefined,
    });
    const flatOut = await answerRun(arena, { workers: SATURATION_CONNECTIONS });
    const atRate = await answerRun(arena, { workers: PARTICIPANTS, rate: TARGET_RATE });
    // The latency 2,000 people see when the machine is not overloaded: half the target rate.
    const atHalf = await answerRun(arena, { workers: PARTICIPANTS, rate: TARGET_RATE / 2 });

    const stored = await storage.count('SELECT COUNT(*) AS n FROM answer');
    const acknowledged = flatOut.completed + atRate.completed + atHalf.completed;
    if (stored !== acknowledged) throw new Error(`${acknowledged} answers acknowledged but ${stored} stored`);

    const ratio = flatOut.perSecond / bare.perSecond;
    const conditions = `${PARTICIPANTS.toLocaleString('en-US')} participants, ${QUESTIONS} questions each, ${DURATION_S} s, the bench's own HTTP client in the bench process, app in its own`;
    return [
      {
        name: 'bare validated POST + one insert (same run)',
        value: bare.perSecond,
        unit: 'req/s',
        conditions: `${SATURATION_CONNECTIONS} connections, ${DURATION_S} s`,
      },
      {
        name: 'window answers, flat out',
        value: flatOut.perSecond,
        unit: 'answers/s',
        target: `≥ ${TARGET_RATE.toLocaleString('en-US')}/s`,
        met: flatOut.perSecond >= TARGET_RATE,
        conditions: `${SATURATION_CONNECTIONS} connections; ${conditions}`,
      },
      { name: 'window answers ÷ bare insert', value: ratio, unit: '×', target: '≥ 0.5', met: ratio >= 0.5, conditions: 'same run, same connections' },
      {
        name: 'window answers at target rate, achieved',
        value: atRate.perSecond,
        unit: 'answers/s',
        target: `${TARGET_RATE.toLocaleString('en-US')}/s`,
        met: atRate.perSecond >= TARGET_RATE * 0.97,
        conditions: `${PARTICIPANTS.toLocaleString('en-US')} concurrent connections, overall rate ${TARGET_RATE}/s`,
      },
      {
        name: 'window answers at target rate, p99',
        value: atRate.p99,
        unit: 'ms',
        target: '< 100 ms',
        met: atRate.p99 < 100,
        conditions: `${PARTICIPANTS.toLocaleString('en-US')} concurrent connections, overall rate ${TARGET_RATE}/s`,
      },
      {
        name: 'window answers at half the target rate, p99',
        value: atHalf.p99,
        unit: 'ms',
        target: '< 100 ms',
        met: atHalf.p99 < 100,
        conditions: `${PARTICIPANTS.toLocaleString('en-US')} concurrent connections, overall rate ${TARGET_RATE / 2}/s, achieved ${Math.round(atHalf.perSecond)}/s`,
      },
      {
        name: 'answers acknowledged = rows stored',
        value: stored,
        unit: 'rows',
        conditions: `${acknowledged} acknowledged over the three runs, counted in the database afterwards`,
      },
    ];
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
    await storage.drop();
  }
}

/**
 * The flat-out figure alone (answers/s over SATURATION_CONNECTIONS), for the durability bench's
 * before/after; smaller sizes make a quick smoke run. Acknowledged answers are counted as rows.
 */
export async function windowFlatOut(
  profile: BenchProfile,
  size = { participants: PARTICIPANTS, questions: QUESTIONS, durationS: DURATION_S },
): Promise<number> {
  const storage = await profile.storage();
  const app = await startBuiltApp('test/bench/bench-server.js', storage.env);
  try {
    const arena = await new PlayArena(app.url).setUp(size.participants, size.questions);
    const flatOut = await answerRun(arena, { workers: Math.min(SATURATION_CONNECTIONS, size.participants), durationS: size.durationS });
    const stored = await storage.count('SELECT COUNT(*) AS n FROM answer');
    if (stored !== flatOut.completed) throw new Error(`${flatOut.completed} answers acknowledged but ${stored} stored`);
    return flatOut.perSecond;
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
    await storage.drop();
  }
}

/** Each of the 2,000 participants walks through their own attempt, one answer at a time. */
async function answerRun(arena: PlayArena, load: { workers: number; rate?: number; durationS?: number }) {
  const roundId = await arena.openRound({ mode: 'window', secondsPerQuestion: 300 });
  const players = await inBatches(arena.participantIds, 50, async (id): Promise<Player> => {
    const token = arena.participantToken(id);
    const started = (await arena.call('POST', `/api/rounds/${roundId}/attempts`, undefined, token)) as { attemptId: number; question: ShownQuestion };
    return { token, attemptId: started.attemptId, question: started.question };
  });
  // Flat out, fewer players than connections would idle: each worker takes turns among its share of players.
  const workers = Array.from({ length: load.workers }, (_, w) => players.filter((_, i) => i % load.workers === w));
  let turn = 0;
  const result = await drive({
    url: arena.url,
    workers,
    durationS: load.durationS ?? DURATION_S,
    rate: load.rate,
    next: (mine) => {
      const player = mine.find((p) => p.question) ?? null;
      if (!player) return null;
      // Rotate so every player of the worker answers in turn.
      mine.push(mine.splice(mine.indexOf(player), 1)[0]);
      turn++;
      // Every fourth answer right (choices are shuffled), the others wrong: streaks and zeros.
      const choice = player.question!.choices[turn % 4].id;
      return { path: `/api/attempts/${player.attemptId}/answers`, token: player.token, body: { questionId: player.question!.id, choiceIds: [choice] }, player };
    },
    reply: (_mine, status, body, job) => {
      if (status === 200) (job.player as Player).question = (JSON.parse(body) as { next: ShownQuestion | null }).next;
    },
  });
  if (result.failed) throw new Error(`${result.failed} answers failed or were refused, first: ${result.firstFailure}`);
  return result;
}
