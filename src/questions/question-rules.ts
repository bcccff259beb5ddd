import { QuestionType } from './question.entity';

/** A question as people write it, before it has an id. */
export interface QuestionInput {
  type: QuestionType;
  text: string;
  choices: { text: string; correct: boolean }[];
  topic: string | null;
  difficulty: number;
  explanation: string | null;
}

export interface QuestionProblem {
  field: string;
  message: string;
  vi: string;
}

export const MIN_CHOICES = 2;
export const MAX_CHOICES = 8;
export const LETTERS = 'ABCDEFGH';
export const TRUE_FALSE_CHOICES = ['Đúng', 'Sai'] as const;

const clean = (text: string) => text.normalize('NFC').trim().replace(/[ \t]+/g, ' ');
const optional = (text: string | null | undefined) => (text ? clean(text) || null : null);

/** NFC, trimmed; a true/false question always reads Đúng / Sai. */
export function normaliseQuestion(input: QuestionInput): QuestionInput {
  return {
    type: input.type,
    text: clean(input.text),
    choices: input.choices.map((choice, index) => ({
      text: input.type === 'truefalse' && !clean(choice.text) ? (TRUE_FALSE_CHOICES[index] ?? '') : clean(choice.text),
      correct: choice.correct,
    })),
    topic: optional(input.topic),
    difficulty: input.difficulty,
    explanation: optional(input.explanation),
  };
}

/** What is wrong with a question for its type; empty when it may be saved. */
export function questionProblems(q: QuestionInput): QuestionProblem[] {
  const problems: QuestionProblem[] = [];
  const add = (field: string, message: string, vi: string) => problems.push({ field, message, vi });
  if (!q.text) add('text', 'text is required', 'Thiếu nội dung câu hỏi');
  if (q.text.length > 2000) add('text', 'text is longer than 2000 characters', 'Câu hỏi dài quá 2000 ký tự');
  const correct = q.choices.filter((choice) => choice.correct).length;
  if (q.type === 'truefalse') {
    if (q.choices.length !== 2) add('choices', 'a true/false question has exactly two choices', 'Câu Đúng/Sai phải có đúng hai lựa chọn');
    if (correct !== 1) add('choices', 'a true/false question has exactly one correct choice', 'Câu Đúng/Sai phải có đúng một đáp án đúng');
  } else {
    if (q.choices.length < MIN_CHOICES || q.choices.length > MAX_CHOICES) {
      add('choices', `a question has ${MIN_CHOICES} to ${MAX_CHOICES} choices`, `Câu hỏi phải có từ ${MIN_CHOICES} đến ${MAX_CHOICES} lựa chọn`);
    }
    if (q.type === 'single' && correct !== 1) {
      add('choices', 'a single-choice question has exactly one correct choice', 'Câu một đáp án phải có đúng một đáp án đúng');
    }
    if (q.type === 'multiple' && correct < 1) {
      add('choices', 'a multiple-choice question has at least one correct choice', 'Câu nhiều đáp án phải có ít nhất một đáp án đúng');
    }
  }
  const seen = new Set<string>();
  q.choices.forEach((choice, index) => {
    const letter = LETTERS[index] ?? String(index + 1);
    if (!choice.text) add(`choices.${letter}`, `choice ${letter} is empty`, `Lựa chọn ${letter} đang trống`);
    else if (choice.text.length > 1000) add(`choices.${letter}`, `choice ${letter} is longer than 1000 characters`, `Lựa chọn ${letter} dài quá 1000 ký tự`);
    const key = choice.text.toLowerCase();
    if (choice.text && seen.has(key)) add(`choices.${letter}`, `choice ${letter} repeats another choice`, `Lựa chọn ${letter} trùng với lựa chọn khác`);
    seen.add(key);
  });
  if (!Number.isInteger(q.difficulty) || q.difficulty < 1 || q.difficulty > 3) {
    add('difficulty', 'difficulty must be 1, 2 or 3', 'Độ khó phải là 1, 2 hoặc 3');
  }
  if (q.topic && q.topic.length > 100) add('topic', 'topic is longer than 100 characters', 'Chủ đề dài quá 100 ký tự');
  if (q.explanation && q.explanation.length > 2000) add('explanation', 'explanation is longer than 2000 characters', 'Giải thích dài quá 2000 ký tự');
  return problems;
}

/** "A", "A, C", "AC", "a;c" → the positions they name; null when a letter is not a choice. */
export function lettersToPositions(text: string, choiceCount: number): number[] | null {
  const letters = text.toUpperCase().replace(/[\s,;/+&]+/g, '');
  if (!letters) return [];
  const positions = [...letters].map((letter) => LETTERS.indexOf(letter));
  if (positions.some((position) => position < 0 || position >= choiceCount)) return null;
  return [...new Set(positions)].sort((a, b) => a - b);
}

export function positionsToLetters(choices: { correct: boolean }[]): string {
  return choices.flatMap((choice, index) => (choice.correct ? [LETTERS[index]] : [])).join(',');
}

/** Same type, text and choices: importing a file twice does not double the bank. */
export function questionFingerprint(q: Pick<QuestionInput, 'type' | 'text' | 'choices'>): string {
  return JSON.stringify([q.type, q.text.toLowerCase(), q.choices.map((c) => [c.text.toLowerCase(), c.correct])]);
}
