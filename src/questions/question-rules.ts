import type { QuestionType } from '../contract/play';
import { isWithin } from '../org/unit-tree';

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

const clean = (text: string) =>
  text
    .normalize('NFC')
    .trim()
    .replace(/[ \t]+/g, ' ');
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

/**
 * Same type, text and choices in any order: importing a file twice does not double the bank
 * (the bank stores choices shuffled, so their order says nothing).
 */
export function questionFingerprint(q: Pick<QuestionInput, 'type' | 'text' | 'choices'>): string {
  const choices = q.choices.map((c) => JSON.stringify([c.text.toLowerCase(), c.correct])).sort();
  return JSON.stringify([q.type, q.text.toLowerCase(), choices]);
}

/**
 * Ownership. A question belongs to the district (owner path null) or to a unit (its path, `/1/4/`);
 * an organiser's scope is a unit path, null for district-wide.
 */

/** The answer key, edits, retiring and exports: questions of one's own subtree (everything for the district). */
export function ownsQuestion(scopePath: string | null, ownerPath: string | null): boolean {
  return scopePath === null || (ownerPath !== null && isWithin(ownerPath, scopePath));
}

/**
 * The wording (to put it in one's races): also the district's questions and those of the units
 * above one's own, as a school's organiser drafting a round needs; never a sibling unit's.
 */
export function usesQuestion(scopePath: string | null, ownerPath: string | null): boolean {
  return ownsQuestion(scopePath, ownerPath) || ownerPath === null || isWithin(scopePath!, ownerPath);
}

/**
 * A random draw of a race takes the questions its race's organisers may use, as `usesQuestion` with
 * the race's unit as the scope: a school's race never draws a sibling school's question (whose
 * wording and key its organisers could not read). SQL over `alias` (a question row) with the
 * parameters `drawableParams` gives; a district race (no path) draws from everything.
 */
export function drawableSql(alias: string): string {
  return `(${alias}.unit_id IS NULL OR EXISTS (SELECT 1 FROM unit owner WHERE owner.id = ${alias}.unit_id AND (owner.path LIKE ? OR ? LIKE owner.path || '%')))`;
}

/** The race unit's subtree (questions below it) and its path (questions of the units above it). */
export const drawableParams = (racePath: string): string[] => [`${racePath}%`, racePath];

/** `/1/4/9/` → `/1/`, `/1/4/`, `/1/4/9/`: the unit and every unit above it. */
export function ancestorPaths(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_id, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** Fisher–Yates: every order equally likely when `randomInt(n)` is uniform over 0…n-1. */
export function shuffle<T>(list: readonly T[], randomInt: (n: number) => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The order the bank stores a new question's choices in: shuffled, so the stored position and the
 * choice ids (which rise with it) say nothing of where the author put the right answer. True/false
 * keeps Đúng before Sai: both are always shown, so their order gives nothing away.
 */
export function storedOrder<C>(type: QuestionType, choices: readonly C[], randomInt: (n: number) => number): C[] {
  return type === 'truefalse' ? [...choices] : shuffle(choices, randomInt);
}

/** Levenshtein distance over code points (NFC text, so a Vietnamese letter counts once). */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}

export const TYPO_CHARACTERS = 3;
export const TYPO_SHARE = 0.2;

/**
 * Whether `b` is `a` with a typo fixed: at most 3 characters apart, or at most 20% of the longer
 * text (equal texts are too). What it cannot tell is meaning: "2 năm" → "5 năm" passes, which is
 * why every such edit of a dealt question is audited with its before and after.
 */
export function typoFix(a: string, b: string): boolean {
  if (a === b) return true;
  const distance = editDistance(a, b);
  return distance <= TYPO_CHARACTERS || distance <= TYPO_SHARE * Math.max(Array.from(a).length, Array.from(b).length);
}

/**
 * Whether `next` is `current` with its wording corrected and nothing else that marking reads:
 * the same type, the same choices in the same places (the PATCH lists them in stored order), each
 * keeping its correct flag, and every text (question, choices, explanation) changed only as a
 * typo fix. A choice is matched by identity, not position alone: its new text must be nearer to
 * its own old text than to any other choice's, so swapping the texts of the right and a wrong
 * choice (or nudging "A" into "B") is a change of the key, not a typo.
 */
export function wordingOnly(current: QuestionInput, next: QuestionInput): boolean {
  if (next.type !== current.type || next.choices.length !== current.choices.length) return false;
  if (!typoFix(current.text, next.text) || !typoFix(current.explanation ?? '', next.explanation ?? '')) return false;
  return next.choices.every((choice, i) => {
    const was = current.choices[i];
    if (choice.correct !== was.correct) return false;
    if (choice.text === was.text) return true;
    if (!typoFix(was.text, choice.text)) return false;
    const own = editDistance(was.text, choice.text);
    return current.choices.every((other, j) => j === i || editDistance(other.text, choice.text) > own);
  });
}
