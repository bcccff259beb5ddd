import fc from 'fast-check';
import { Field, ODD_DATES, aroundLimit, goodName, goodRecord, idIn, isoAt, numberNear, segmentIn, text } from './arbitraries';
import { BodyTarget } from './body-target';
import { childRows, nothingFound, onePerSuccess, sameRows } from './checks';
import { Fixture } from './fixture';

// Races and rounds: made, opened, closed, moved on.

const roundFields = (f: Fixture): Record<string, Field> => ({
  name: { good: goodName, bad: text(200) },
  mode: { good: fc.constantFrom('window', 'live'), bad: fc.constantFrom('Window', 'host', '') },
  opensAt: {
    good: isoAt(fc.integer({ min: 60_000, max: 30 * 86_400_000 })),
    bad: fc.oneof(ODD_DATES, isoAt(fc.integer({ min: -86_400_000, max: 0 }))),
    optional: true,
  },
  closesAt: { good: isoAt(fc.integer({ min: 31 * 86_400_000, max: 60 * 86_400_000 })), bad: ODD_DATES, optional: true },
  secondsPerQuestion: { good: fc.integer({ min: 5, max: 300 }), bad: numberNear(5, 300), optional: true },
  questionIds: {
    good: fc.shuffledSubarray(f.bankIds, { minLength: 1, maxLength: 5 }),
    bad: fc.oneof(fc.array(idIn(f.bankIds), { maxLength: 5 }), fc.constant(Array.from({ length: 101 }, (_, i) => f.bankIds[i % f.bankIds.length]))),
    optional: true,
  },
  draw: {
    good: fc.record({ count: fc.integer({ min: 1, max: 5 }), topic: fc.constantFrom(...f.topics) }, { requiredKeys: ['count'] }),
    bad: fc.record({ count: numberNear(1, 100), topic: fc.oneof(text(100), aroundLimit(100)) }, { requiredKeys: [] }),
    optional: true,
  },
  speedBonus: { good: fc.boolean(), bad: fc.constantFrom('true', 1, null), optional: true },
  streakBonus: { good: fc.boolean(), bad: fc.constantFrom('false', 0), optional: true },
  revealAnswers: { good: fc.constantFrom('immediately', 'after_close'), bad: fc.constantFrom('never', 'afterClose', ''), optional: true },
});

/** A round the app accepts: a name, a mode, and exactly one of a question list and a draw. */
const goodRound = (f: Fixture) => {
  const fields = roundFields(f);
  const { questionIds, draw, ...rest } = fields;
  return fc
    .tuple(goodRecord(rest), fc.boolean(), questionIds.good, draw.good)
    .map(([record, fixed, ids, drawn]) => (fixed ? { ...record, questionIds: ids } : { ...record, draw: drawn }))
    .map((round) => ('closesAt' in round && !('opensAt' in round) ? { ...round, opensAt: new Date(Date.now() + 3_600_000).toISOString() } : round));
};

const questionCount = (body: unknown) => {
  const round = body as { draw: unknown; questionCount: number };
  return round.draw ? 0 : round.questionCount;
};

export const RACE_BODY_TARGETS: BodyTarget[] = [
  {
    name: 'POST /api/races',
    method: 'POST',
    path: () => fc.constant('/api/races'),
    fields: () => ({
      name: { good: goodName, bad: text(200) },
      startsAt: { good: isoAt(fc.integer({ min: -86_400_000, max: 86_400_000 })), bad: ODD_DATES, optional: true },
      endsAt: { good: isoAt(fc.integer({ min: 2 * 86_400_000, max: 90 * 86_400_000 })), bad: ODD_DATES, optional: true },
    }),
    watch: () => [onePerSuccess('race')],
    expectSuccess: true,
  },
  {
    name: 'POST /api/races/:id/rounds',
    method: 'POST',
    path: (f) => segmentIn([f.sandboxRaceId]).map((id) => `/api/races/${id}/rounds`),
    fields: roundFields,
    good: goodRound,
    watch: () => [onePerSuccess('round'), childRows('round_question', questionCount)],
    expectSuccess: true,
  },
  {
    name: 'POST /api/rounds/:id/open',
    method: 'POST',
    path: (f) => segmentIn([...f.sandboxRoundIds, f.liveRoundId]).map((id) => `/api/rounds/${id}/open`),
    noBody: true,
    watch: () => [sameRows('round')],
    expectSuccess: true,
  },
  {
    name: 'POST /api/rounds/:id/close',
    method: 'POST',
    path: (f) => segmentIn(f.sandboxRoundIds).map((id) => `/api/rounds/${id}/close`),
    noBody: true,
    // Closing finishes the attempts still running, in the same transaction.
    watch: () => [
      sameRows('round'),
      nothingFound(
        'unfinished attempts in closed rounds',
        "SELECT a.id FROM attempt a JOIN round r ON r.id = a.round_id WHERE r.status = 'closed' AND a.finished_at IS NULL",
      ),
    ],
    expectSuccess: true,
  },
  {
    name: 'POST /api/rounds/:id/live/next',
    method: 'POST',
    path: (f) => segmentIn([f.sandboxLiveRoundId, f.sandboxWindowRoundId, f.sandboxRoundIds[0]]).map((id) => `/api/rounds/${id}/live/next`),
    noBody: true,
    watch: () => [sameRows('round')],
    expectSuccess: true,
  },
];
