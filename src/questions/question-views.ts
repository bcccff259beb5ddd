import { OrganiserPrincipal } from '../access/principal';
import type { QuestionView } from '../contract/questions';
import { QuestionInput, ownsQuestion } from './question-rules';
import { Question } from './question.entity';

/** Who asks: an organiser, or the app itself (the demo seed), which writes district questions. */
export type Caller = OrganiserPrincipal | undefined;
export const scopeOf = (by: Caller) => by?.scopePath ?? null;

export function view(question: Question, by: Caller, replacedBy: number | null): QuestionView {
  const editable = ownsQuestion(scopeOf(by), question.unit?.path ?? null);
  const choices = [...(question.choices ?? [])].sort((a, b) => a.position - b.position);
  return {
    id: question.id,
    type: question.type,
    text: question.text,
    topic: question.topic,
    difficulty: question.difficulty,
    ...(editable ? { explanation: question.explanation } : {}),
    retired: question.retiredAt !== null,
    unitId: question.unitId,
    unitName: question.unit?.name ?? null,
    editable,
    replaces: question.replacesId,
    replacedBy,
    choices: choices.map(({ id, text, correct }) => (editable ? { id, text, correct } : { id, text })),
  };
}

export const asInput = (question: Question): QuestionInput => ({
  type: question.type,
  text: question.text,
  topic: question.topic,
  difficulty: question.difficulty,
  explanation: question.explanation,
  choices: [...(question.choices ?? [])].sort((a, b) => a.position - b.position).map(({ text, correct }) => ({ text, correct })),
});

/** The fields the audit log keeps of a question, choices as text and key. */
export const audited = (q: QuestionInput & { retired?: boolean }) => ({
  type: q.type,
  text: q.text,
  topic: q.topic,
  difficulty: q.difficulty,
  explanation: q.explanation,
  choices: q.choices.map(({ text, correct }) => ({ text, correct })),
  ...(q.retired !== undefined ? { retired: q.retired } : {}),
});
