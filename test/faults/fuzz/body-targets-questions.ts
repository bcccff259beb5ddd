import fc from 'fast-check';
import { Field, WRONG_KIND, aroundLimit, goodName, numberNear, segmentIn, text, vietnamese } from './arbitraries';
import { BodyTarget } from './body-target';
import { childRows, nothingFound, onePerSuccess, sameRows } from './checks';

// The question bank: a question and its choices, made or changed.

const questionTypes = fc.constantFrom('single', 'multiple', 'truefalse');

/** Choice texts that differ once normalised, as the bank requires. */
const choiceTexts = (min: number, max: number) =>
  fc.uniqueArray(fc.oneof(vietnamese, fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ]{0,20}$/)), {
    minLength: min,
    maxLength: max,
    selector: (choice) =>
      choice
        .normalize('NFC')
        .trim()
        .replace(/[ \t]+/g, ' ')
        .toLowerCase(),
  });

/** A question the bank accepts: the right number of choices and of correct ones for its type. */
const goodQuestionCore = fc.oneof(
  fc
    .tuple(choiceTexts(2, 6), fc.nat())
    .map(([texts, right]) => ({ type: 'single', choices: texts.map((text, i) => ({ text, correct: i === right % texts.length })) })),
  fc
    .tuple(choiceTexts(2, 8), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }))
    .map(([texts, flags]) => ({ type: 'multiple', choices: texts.map((text, i) => ({ text, correct: flags[i] || i === 0 })) })),
  fc.boolean().map((right) => ({
    type: 'truefalse',
    choices: [
      { text: 'Đúng', correct: right },
      { text: 'Sai', correct: !right },
    ],
  })),
);

const questionExtras = fc.record(
  { topic: fc.constantFrom('An toàn thông tin', 'Trợ lý AI', 'Lừa đảo trực tuyến'), difficulty: fc.integer({ min: 1, max: 3 }), explanation: vietnamese },
  { requiredKeys: [] },
);

const goodQuestion = fc.tuple(goodName, goodQuestionCore, questionExtras).map(([text, core, extras]) => ({ text, ...core, ...extras }));

const badChoices = fc.oneof(
  fc.array(fc.record({ text: fc.oneof(text(1000), WRONG_KIND), correct: fc.oneof(fc.boolean(), WRONG_KIND) }, { requiredKeys: [] }), { maxLength: 10 }),
  fc.constantFrom(
    [],
    [{ text: 'A', correct: true }],
    Array.from({ length: 9 }, (_, i) => ({ text: `C${i}`, correct: i === 0 })),
    [
      { text: 'A', correct: true },
      { text: 'a', correct: false },
    ],
    [
      { text: ' ', correct: true },
      { text: 'B', correct: false },
    ],
  ),
  fc.array(fc.record({ text: fc.constant('x'), correct: fc.constant(true), extra: fc.constant(1) }), { minLength: 2, maxLength: 3 }),
);

const questionFields = (): Record<string, Field> => ({
  type: { good: questionTypes, bad: fc.constantFrom('Single', 'choice', 'true/false', '') },
  text: { good: goodName, bad: fc.oneof(text(2000), aroundLimit(2000)) },
  choices: { good: goodQuestionCore.map((core) => core.choices), bad: badChoices },
  topic: { good: fc.constantFrom('An toàn thông tin', 'Trợ lý AI'), bad: fc.oneof(text(100), fc.constant(null)), optional: true },
  difficulty: { good: fc.integer({ min: 1, max: 3 }), bad: numberNear(1, 3), optional: true },
  explanation: { good: vietnamese, bad: fc.oneof(text(2000), fc.constant(null)), optional: true },
});

export const QUESTION_BODY_TARGETS: BodyTarget[] = [
  {
    name: 'POST /api/questions',
    method: 'POST',
    path: () => fc.constant('/api/questions'),
    fields: questionFields,
    good: () => goodQuestion,
    watch: () => [onePerSuccess('question'), childRows('question_choice', (body) => (body as { choices: unknown[] }).choices.length)],
    expectSuccess: true,
  },
  {
    name: 'PATCH /api/questions/:id',
    method: 'PATCH',
    path: (f) => segmentIn(f.patchQuestionIds).map((id) => `/api/questions/${id}`),
    fields: () => ({
      ...Object.fromEntries(Object.entries(questionFields()).map(([key, field]) => [key, { ...field, optional: true }])),
      retired: { good: fc.boolean(), bad: fc.constantFrom('yes', 1), optional: true },
    }),
    good: () =>
      fc.oneof(
        goodQuestion,
        fc.record(
          {
            text: goodName,
            topic: fc.oneof(fc.constant(null), fc.constantFrom('Trợ lý AI')),
            difficulty: fc.integer({ min: 1, max: 3 }),
            retired: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
      ),
    // Changing choices deletes and inserts them: a question must never be left with too few.
    watch: (f) => [
      sameRows('question'),
      nothingFound(
        'questions left without their choices',
        `SELECT q.id, COUNT(c.id) AS choices FROM question q LEFT JOIN question_choice c ON c.question_id = q.id WHERE q.id IN (${f.patchQuestionIds.join(',')}) GROUP BY q.id HAVING COUNT(c.id) < 2 OR COUNT(c.id) > 8`,
      ),
    ],
    expectSuccess: true,
  },
];
