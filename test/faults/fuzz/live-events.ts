import fc from 'fast-check';
import { Socket, io } from 'socket.io-client';
import { sql } from '../../support/sql';
import { TestApp } from '../../support/test-app';
import { AnswerPlan, answerFor, answerPlans } from './answer-plans';
import { Field, WRONG_KIND, goodRecord, idIn, numberNear, shapedRecord } from './arbitraries';
import { answerInvariants, count } from './checks';
import { IN_FLIGHT, MAX_ID, samples } from './client';
import { Asked, Fixture, ServedQuestion, asServed } from './fixture';
import { ACK_MS, LaneState, Lanes, expectGoodAcks, oneArg, socketArgs } from './sockets';

/** The sockets of the /live tests: lanes that send the generated events, and a phone per player that follows the live round. */
export class LiveFloor {
  lanes!: Lanes;
  /** The live round's question on now, moved on by a timer as a host would (in the host's handles). */
  live!: Asked;
  /** The same question as each player's phone is shown it: each answers with its own handles. */
  readonly served = new Map<number, Asked>();
  private readonly phones: Socket[] = [];
  private ticker: NodeJS.Timeout | undefined;

  async open(t: TestApp, f: Fixture, base: string): Promise<void> {
    const nextQuestion = async () => {
      const res = await t.http().post(`/api/rounds/${f.liveRoundId}/live/next`).auth(f.admin, { type: 'bearer' });
      if (res.status === 200 && res.body.question) this.live = f.bank.get(res.body.question.id)!;
    };
    // The question of the setup ran out long ago. 5 s a question and 2 s of grace: a new one every 7.5 s keeps one open most of the time.
    await nextQuestion();
    expect(this.live).toBeDefined();
    this.ticker = setInterval(() => void nextQuestion(), 7_500);
    // Participants (who may join and answer), organisers and a screen (who may only watch).
    const callers = [
      ...f.players.map((player) => ({ token: player.token, player })),
      { token: f.admin },
      { token: f.scoped },
      { token: f.screen },
      { token: f.admin },
    ];
    this.lanes = new Lanes(`${base}/live`, [...callers, ...callers].slice(0, IN_FLIGHT));
    // A phone per player follows the round, so the generated answers can use that player's handles.
    for (const player of f.players) {
      const phone = io(`${base}/live`, { transports: ['websocket'], auth: { token: player.token }, reconnection: false, forceNew: true });
      this.phones.push(phone);
      await new Promise<void>((resolve) => phone.once('connect', () => resolve()));
      phone.on('live:question', ({ question }: { question: ServedQuestion }) => this.served.set(player.id, asServed(question)));
      const joined = (await phone.timeout(ACK_MS).emitWithAck('live:join', { roundId: f.liveRoundId })) as { question?: ServedQuestion | null };
      if (joined.question) this.served.set(player.id, asServed(joined.question));
    }
  }

  close(): void {
    clearInterval(this.ticker);
    this.lanes?.close();
    this.phones.forEach((phone) => phone.disconnect());
  }

  /** FUZZ_RUNS emits of one event with generated arguments, each acked below 500 on a socket that stays. */
  async emitAll(name: string, event: string, args: fc.Arbitrary<unknown[]>, resolve: (value: unknown, lane: LaneState) => unknown = (value) => value) {
    const argsList = samples(name, args);
    const results = await this.lanes.run(argsList.length, (i, lane) => ({ event, args: argsList[i].map((value) => resolve(value, lane)), ack: true }));
    const ok = expectGoodAcks(name, results);
    expect({ disconnects: this.lanes.disconnects }).toEqual({ disconnects: 0 });
    return { ok, results };
  }
}

export async function fuzzLiveJoin(t: TestApp, f: Fixture, floor: LiveFloor): Promise<void> {
  const { ok } = await floor.emitAll(
    'socket live:join',
    'live:join',
    socketArgs(
      shapedRecord({ roundId: { good: fc.constantFrom(f.liveRoundId, f.liveRoundId, f.windowRoundId, f.sandboxLiveRoundId), bad: numberNear(1, MAX_ID) } }),
    ),
  );
  expect(ok).toBeGreaterThan(0);
  expect(await sql(t, 'SELECT round_id, participant_id FROM attempt GROUP BY round_id, participant_id HAVING COUNT(*) > 1')).toEqual([]);
}

export async function fuzzLiveAnswer(t: TestApp, f: Fixture, floor: LiveFloor): Promise<void> {
  const stored = () => count(t, 'answer', 'choice_ids IS NOT NULL AND round_id = ?', [f.liveRoundId]);
  const before = await stored();
  const shaped = shapedRecord({
    roundId: { good: fc.constantFrom(f.liveRoundId, f.windowRoundId), bad: numberNear(1, MAX_ID) },
    questionId: { good: idIn(f.bankIds), bad: numberNear(1, MAX_ID) },
    choiceIds: { good: fc.array(fc.integer({ min: 1, max: 2000 }), { maxLength: 4 }), bad: fc.array(WRONG_KIND, { maxLength: 21 }) },
  });
  // One payload each: with none or two, the handler is never given the ack (see the next test).
  const { ok, results } = await floor.emitAll('socket live:answer', 'live:answer', oneArg(fc.oneof(answerPlans, shaped)), (value, lane) =>
    value instanceof AnswerPlan
      ? { roundId: f.liveRoundId, ...answerFor((lane.player && floor.served.get(lane.player.id)) || floor.live, value, f.bankIds) }
      : value,
  );
  expect(ok).toBeGreaterThan(0);
  // Whatever was sent how often, one stored answer per participant and question acked.
  const accepted = new Set(
    results.flatMap(({ emit, ack, lane }) =>
      (ack as { ok?: boolean }).ok === true ? [`${lane.player?.id}:${(emit.args[0] as { questionId: number }).questionId}`] : [],
    ),
  );
  expect({ answersStored: (await stored()) - before }).toEqual({ answersStored: accepted.size });
  expect(await answerInvariants(t, `a.round_id = ${f.liveRoundId}`)).toEqual({ duplicates: [], drifted: [] });
}

export async function fuzzOddAnswerArguments(f: Fixture, floor: LiveFloor): Promise<void> {
  const name = 'socket live:answer, odd arguments';
  const right = () => ({ roundId: f.liveRoundId, questionId: floor.live.id, choiceIds: [floor.live.choices[0]] });
  const shapes: Array<() => unknown[]> = [() => [], () => [right(), 'extra'], () => [right(), { roundId: f.liveRoundId }], () => [null, null]];
  expectGoodAcks(name, await floor.lanes.run(shapes.length * 2, (i) => ({ event: 'live:answer', args: shapes[i % shapes.length](), ack: true })));
}

export async function fuzzBoardSubscribe(f: Fixture, floor: LiveFloor): Promise<void> {
  const fields: Record<string, Field> = {
    board: { good: fc.constantFrom('individuals', 'units', 'categories', 'schools', 'clans'), bad: fc.constantFrom('unit', 'me', '__proto__', '') },
    race: { good: fc.constantFrom(f.raceId, f.sandboxRaceId), bad: numberNear(1, MAX_ID), optional: true },
    round: { good: fc.constantFrom(f.windowRoundId, f.liveRoundId), bad: numberNear(1, MAX_ID), optional: true },
    limit: { good: fc.integer({ min: 1, max: 50 }), bad: numberNear(1, 50), optional: true },
    unitId: { good: fc.constantFrom(...f.unitIds), bad: numberNear(1, MAX_ID), optional: true },
    sort: { good: fc.constantFrom('participation', 'perHead', 'average', 'total'), bad: fc.constantFrom('score', ''), optional: true },
  };
  // A board is of a race or of a round, one of the two.
  const { race, round, ...rest } = fields;
  const good = fc
    .tuple(goodRecord(rest), fc.oneof(fc.record({ race: race.good }), fc.record({ round: round.good })))
    .map(([record, scope]) => ({ ...record, ...scope }));
  const { ok } = await floor.emitAll('socket board:subscribe', 'board:subscribe', socketArgs(fc.oneof(good, shapedRecord(fields))));
  expect(ok).toBeGreaterThan(0);
}

export async function fuzzBoardUnsubscribe(f: Fixture, floor: LiveFloor): Promise<void> {
  const name = 'socket board:unsubscribe';
  const shapes = samples(
    name,
    fc.tuple(socketArgs(fc.record({ board: fc.constantFrom('individuals', 'units'), race: fc.constant(f.raceId) }, { requiredKeys: [] })), fc.boolean()),
  );
  expectGoodAcks(name, await floor.lanes.run(shapes.length, (i) => ({ event: 'board:unsubscribe', args: shapes[i][0], ack: shapes[i][1] })));
  expect({ disconnects: floor.lanes.disconnects }).toEqual({ disconnects: 0 });
}

export async function fuzzUnknownEvents(floor: LiveFloor): Promise<void> {
  const name = 'socket unknown events';
  // Names socket.io reserves are refused by the client itself, before anything is sent.
  const reserved = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);
  const names = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom(
      'live:Join',
      'live:answer ',
      'board:update',
      'round:status',
      'error',
      'exception',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'x'.repeat(300),
    ),
  );
  const shapes = samples(
    name,
    fc.tuple(
      names.filter((event) => !reserved.has(event)),
      socketArgs(fc.jsonValue({ maxDepth: 2 })),
      fc.boolean(),
    ),
  );
  expectGoodAcks(name, await floor.lanes.run(shapes.length, (i) => ({ event: shapes[i][0], args: shapes[i][1], ack: shapes[i][2] })));
  expect({ disconnects: floor.lanes.disconnects }).toEqual({ disconnects: 0 });
}
