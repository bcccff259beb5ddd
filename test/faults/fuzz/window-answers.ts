import fc from 'fast-check';
import { TestApp } from '../../support/test-app';
import { AnswerPlan, answerFor, answerPlans, shapedAnswer } from './answer-plans';
import { CONTENT_TYPES, JUNK_SEGMENT } from './arbitraries';
import { answerInvariants, count } from './checks';
import { Call, HttpClient, Reply, judge, json, parsed, samples } from './client';
import { Fixture, Playing, ServedQuestion, asServed } from './fixture';
import { participantTokens } from './tokens';

/**
 * Answers in a window round: right-looking ones aimed at the question each attempt is on, sent
 * with others of every shape, many at once. One stored answer per attempt and question acked.
 */
export async function fuzzWindowAnswers(t: TestApp, f: Fixture, http: HttpClient): Promise<void> {
  const name = 'POST /api/attempts/:id/answers';
  // A round of its own, started now: 300 s a question, counted from when each is sent.
  const as = async <T>(token: string, path: string, body: object, status: number) => {
    const res = await t.http().post(path).auth(token, { type: 'bearer' }).send(body);
    if (res.status !== status) throw new Error(`${path}: expected ${status}, got ${res.status} ${res.text}`);
    return res.body as T;
  };
  const { id: roundId } = await as<{ id: number }>(
    f.admin,
    `/api/races/${f.raceId}/rounds`,
    { name: 'Vòng trả lời', mode: 'window', questionIds: f.bankIds, secondsPerQuestion: 300 },
    201,
  );
  await as(f.admin, `/api/rounds/${roundId}/open`, {}, 200);
  const answering: Playing[] = [];
  for (const player of f.answerers) {
    const started = await as<{ attemptId: number; question: ServedQuestion }>(player.token, `/api/rounds/${roundId}/attempts`, {}, 201);
    answering.push({ attemptId: started.attemptId, token: player.token, question: asServed(started.question) });
  }
  const attemptIds = answering.map((playing) => playing.attemptId);
  const stored = () => count(t, 'answer', `choice_ids IS NOT NULL AND attempt_id IN (${attemptIds.join(',')})`);
  const before = await stored();
  const plans = samples(
    name,
    fc.record({
      who: fc.nat(answering.length - 1),
      path: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, JUNK_SEGMENT),
      token: fc.oneof({ weight: 20, arbitrary: fc.constant(null) }, participantTokens(f.players, f)),
      body: fc.oneof({ weight: 5, arbitrary: answerPlans }, { weight: 4, arbitrary: shapedAnswer(f) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }),
      type: CONTENT_TYPES,
    }),
  );
  // Null path or token: the attempt's own. A right-looking answer is made when sent, for the question the attempt is on by then.
  const toCall = (plan: (typeof plans)[number]): Call => {
    const playing = answering[plan.who];
    const body = plan.body instanceof AnswerPlan ? answerFor(playing.question ?? f.bank.get(f.bankIds[0])!, plan.body, f.bankIds) : plan.body;
    return {
      method: 'POST',
      path: `/api/attempts/${plan.path ?? playing.attemptId}/answers`,
      token: plan.token ?? playing.token,
      body: json(body),
      type: plan.type,
    };
  };
  const accepted = new Set<string>();
  const allCalls: Call[] = [];
  const allReplies: Reply[] = [];
  // In slices, so each slice aims at the questions the attempts have moved on to.
  for (let from = 0; from < plans.length; from += 400) {
    const slice = plans.slice(from, from + 400);
    const calls = slice.map(toCall);
    const replies = await http.send(calls);
    allCalls.push(...calls);
    allReplies.push(...replies);
    replies.forEach((reply, i) => {
      const playing = answering[slice[i].who];
      if (slice[i].path !== null || calls[i].token !== playing.token || reply.status >= 500 || !reply.text.startsWith('{')) return;
      if (reply.status === 200) accepted.add(`${playing.attemptId}:${(JSON.parse(calls[i].body as string) as { questionId: number | string }).questionId}`);
      const { next } = parsed<{ next?: ServedQuestion | null }>(reply);
      if (next !== undefined) playing.question = next ? asServed(next) : null;
    });
  }
  // One stored answer per attempt and question, however often and however concurrently it was sent.
  await judge(name, allCalls, allReplies, [
    () => expect(accepted.size).toBeGreaterThan(0),
    async () => expect({ answersStored: (await stored()) - before }).toEqual({ answersStored: accepted.size }),
    async () => expect(await answerInvariants(t, `a.id IN (${attemptIds.join(',')})`)).toEqual({ duplicates: [], drifted: [] }),
  ]);
}
