import fc from 'fast-check';
import { WRONG_KIND, idIn, numberNear, shapedRecord } from './arbitraries';
import { MAX_ID } from './client';
import { Asked, Fixture, choose } from './fixture';

/**
 * A right-looking answer, made concrete only when sent, since the question an attempt (or the
 * live round) is on moves as the run plays: the question's own choices, sometimes with a twist.
 */
export class AnswerPlan {
  constructor(
    readonly picks: number[],
    readonly twist: 'none' | 'other-question' | 'choice-twice' | 'ids-as-strings' | 'extra-field',
  ) {}
}

export const answerPlans = fc
  .tuple(
    fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    fc.constantFrom<AnswerPlan['twist']>('none', 'none', 'none', 'none', 'other-question', 'choice-twice', 'ids-as-strings', 'extra-field'),
  )
  .map(([picks, twist]) => new AnswerPlan(picks, twist));

export function answerFor(question: Asked, plan: AnswerPlan, bankIds: number[]): Record<string, unknown> {
  const choiceIds = choose(question, plan.picks);
  return {
    questionId: plan.twist === 'other-question' ? bankIds[plan.picks[0] % bankIds.length] : question.id,
    choiceIds: plan.twist === 'choice-twice' ? [...choiceIds, choiceIds[0]] : plan.twist === 'ids-as-strings' ? choiceIds.map(String) : choiceIds,
    ...(plan.twist === 'extra-field' ? { score: 100 } : {}),
  };
}

export const shapedAnswer = (f: Fixture) =>
  shapedRecord({
    questionId: { good: idIn(f.bankIds), bad: numberNear(1, MAX_ID) },
    choiceIds: {
      good: fc.array(fc.integer({ min: 1, max: 2000 }), { maxLength: 4 }),
      bad: fc.oneof(fc.array(WRONG_KIND, { maxLength: 3 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 21, maxLength: 25 })),
    },
  });
