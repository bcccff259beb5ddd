import type { RowProblem } from '../contract/org';
import type { QuestionType } from '../contract/play';
import { liveCell } from '../http/spreadsheet';
import { searchKey } from '../org/names';
import { ColumnSpec, tableOrProblems } from '../org/table-file';
import { parseDocx } from './docx-questions';
import type { QuestionFileFormat } from './dto/question.dto';
import {
  LETTERS,
  QuestionInput,
  QuestionProblem,
  TRUE_FALSE_CHOICES,
  lettersToPositions,
  normaliseQuestion,
  positionsToLetters,
  questionProblems,
} from './question-rules';

/** Where a question was found: a spreadsheet row, or the first line of it in a text file. */
export type Place = { row: number } | { line: number };
export type PlacedProblem = Place & QuestionProblem;
export interface Parsed {
  questions: Array<{ place: Place; question: QuestionInput }>;
  problems: PlacedProblem[];
}

/** One row per question; the export writes the same columns. */
export const TABLE_COLUMNS: ColumnSpec[] = [
  { field: 'type', aliases: ['Loại', 'Loại câu hỏi', 'Dạng'], required: true },
  { field: 'text', aliases: ['Câu hỏi', 'Nội dung', 'Nội dung câu hỏi'], required: true },
  ...[...LETTERS].map((letter) => ({ field: letter, aliases: [`Đáp án ${letter}`, `Phương án ${letter}`, `Lựa chọn ${letter}`] })),
  { field: 'correct', aliases: ['Đáp án đúng', 'Đáp án'], required: true },
  { field: 'topic', aliases: ['Chủ đề'] },
  { field: 'difficulty', aliases: ['Độ khó', 'Mức độ'] },
  { field: 'explanation', aliases: ['Giải thích', 'Lời giải'] },
];

const TYPE_WORDS: Record<string, QuestionType> = {
  single: 'single',
  'mot dap an': 'single',
  'mot lua chon': 'single',
  multiple: 'multiple',
  'nhieu dap an': 'multiple',
  'nhieu lua chon': 'multiple',
  truefalse: 'truefalse',
  'true/false': 'truefalse',
  'dung/sai': 'truefalse',
  'dung sai': 'truefalse',
};

export function questionFromRow(values: Record<string, string>): { question: QuestionInput | null; problems: QuestionProblem[] } {
  const type = TYPE_WORDS[searchKey(values.type ?? '')];
  if (!type) {
    return {
      question: null,
      problems: [{ field: 'type', message: 'type must be single, multiple or truefalse', vi: 'Loại câu hỏi phải là một đáp án, nhiều đáp án hoặc đúng/sai' }],
    };
  }
  let texts = [...LETTERS].map((letter) => values[letter] ?? '');
  while (texts.length && !texts[texts.length - 1].trim()) texts.pop();
  if (type === 'truefalse' && texts.length === 0) texts = [...TRUE_FALSE_CHOICES];
  const correct = type === 'truefalse' ? trueFalseAnswer(values.correct ?? '') : lettersToPositions(values.correct ?? '', texts.length);
  if (correct === null) {
    return {
      question: null,
      problems: [
        {
          field: 'correct',
          message: `correct must name choices among A–${LETTERS[Math.max(0, texts.length - 1)]}`,
          vi: `Đáp án đúng phải là chữ cái của lựa chọn (A–${LETTERS[Math.max(0, texts.length - 1)]})`,
        },
      ],
    };
  }
  const difficultyText = (values.difficulty ?? '').trim();
  const question = normaliseQuestion({
    type,
    text: values.text ?? '',
    choices: texts.map((text, index) => ({ text, correct: correct.includes(index) })),
    topic: values.topic ?? null,
    difficulty: difficultyText ? Number(difficultyText) : 1,
    explanation: values.explanation ?? null,
  });
  const problems = questionProblems(question);
  return { question: problems.length ? null : question, problems };
}

/** True/false answers as letters (A = Đúng) or words. */
function trueFalseAnswer(text: string): number[] | null {
  const key = searchKey(text);
  if (['a', 'dung', 'true', 't', 'd'].includes(key)) return [0];
  if (['b', 'sai', 'false', 'f', 's'].includes(key)) return [1];
  return null;
}

export function rowFromQuestion(q: QuestionInput): Record<string, string> {
  const row: Record<string, string> = { type: q.type, text: q.text };
  [...LETTERS].forEach((letter, index) => (row[letter] = q.choices[index]?.text ?? ''));
  row.correct = positionsToLetters(q.choices);
  row.topic = q.topic ?? '';
  row.difficulty = String(q.difficulty);
  row.explanation = q.explanation ?? '';
  return row;
}

/** Splits a text file into blocks separated by blank lines, remembering each block's first line. */
function blocks(text: string): Array<{ line: number; lines: string[] }> {
  const found: Array<{ line: number; lines: string[] }> = [];
  let current: { line: number; lines: string[] } | null = null;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const content = raw.trimEnd();
      if (!content.trim()) {
        current = null;
        return;
      }
      if (!current) {
        current = { line: index + 1, lines: [] };
        found.push(current);
      }
      current.lines.push(content);
    });
  return found;
}

function place(parsed: Parsed, line: number, question: QuestionInput): void {
  const problems = questionProblems(question);
  if (problems.length) parsed.problems.push(...problems.map((p) => ({ line, ...p })));
  else parsed.questions.push({ place: { line }, question });
}

/** Moodle's Aiken format: the question, lettered choices, then `ANSWER: X`. Single choice only. */
export function parseAiken(text: string): Parsed {
  const parsed: Parsed = { questions: [], problems: [] };
  for (const block of blocks(text)) {
    const choiceLines = block.lines.map((line, index) => ({ index, match: /^([A-H])[.)]\s+(.*)$/.exec(line.trim()) }));
    const answerIndex = block.lines.findIndex((line) => /^ANSWER\s*:/i.test(line.trim()));
    const firstChoice = choiceLines.find((c) => c.match)?.index ?? -1;
    if (answerIndex < 0) {
      parsed.problems.push({ line: block.line + block.lines.length - 1, field: 'answer', message: 'missing "ANSWER: X" line', vi: 'Thiếu dòng "ANSWER: X"' });
      continue;
    }
    if (firstChoice <= 0) {
      parsed.problems.push({
        line: block.line,
        field: 'choices',
        message: 'a question text followed by choices "A. …" is expected',
        vi: 'Cần nội dung câu hỏi rồi các lựa chọn "A. …"',
      });
      continue;
    }
    const choices = choiceLines.filter((c) => c.match && c.index > 0 && c.index < answerIndex).map((c) => c.match![2]);
    const letter = block.lines[answerIndex]
      .trim()
      .replace(/^ANSWER\s*:\s*/i, '')
      .toUpperCase();
    const position = LETTERS.indexOf(letter);
    if (letter.length !== 1 || position < 0 || position >= choices.length) {
      parsed.problems.push({
        line: block.line + answerIndex,
        field: 'answer',
        message: `ANSWER must be one of the choice letters (got "${letter}")`,
        vi: `ANSWER phải là chữ cái của một lựa chọn (đang là "${letter}")`,
      });
      continue;
    }
    place(
      parsed,
      block.line,
      normaliseQuestion({
        type: 'single',
        text: block.lines.slice(0, firstChoice).join('\n'),
        choices: choices.map((choice, index) => ({ text: choice, correct: index === position })),
        topic: null,
        difficulty: 1,
        explanation: null,
      }),
    );
  }
  return parsed;
}

const GIFT_ESCAPE = /\\([~=#{}:\\])/g;

/** Splits GIFT answer text at unescaped `~` and `=` marks. */
function giftAnswers(body: string): Array<{ mark: '~' | '='; text: string }> {
  const answers: Array<{ mark: '~' | '='; text: string }> = [];
  let current: { mark: '~' | '='; text: string } | null = null;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '\\' && i + 1 < body.length) {
      if (current) current.text += char + body[i + 1];
      i++;
    } else if (char === '~' || char === '=') {
      current = { mark: char, text: '' };
      answers.push(current);
    } else if (current) current.text += char;
  }
  return answers;
}

/**
 * Moodle's GIFT format, the part a quiz race needs: single choice `{=right ~wrong}`, multiple
 * choice with weights `{~%50%a ~%50%b ~%-100%c}`, true/false `{T}` `{FALSE}`; titles `::…::`,
 * `// comments` and per-answer feedback `#…` are read past; `####…` becomes the explanation.
 */
export function parseGift(text: string): Parsed {
  const parsed: Parsed = { questions: [], problems: [] };
  const withoutComments = text.replace(/^\uFEFF/, '').replace(/^[ \t]*\/\/.*$/gm, '');
  for (const block of blocks(withoutComments)) {
    const source = block.lines
      .join('\n')
      .replace(/^\$CATEGORY:.*$/m, '')
      .trim();
    if (!source) continue;
    const open = source.search(/(?<!\\)\{/);
    const close = source.search(/(?<!\\)\}\s*$/);
    if (open < 0 || close < open) {
      parsed.problems.push({
        line: block.line,
        field: 'answers',
        message: 'the answers must be in { … } at the end of the question',
        vi: 'Phần đáp án phải nằm trong { … } ở cuối câu hỏi',
      });
      continue;
    }
    let stem = source
      .slice(0, open)
      .trim()
      .replace(/^::(.*?)::/s, '')
      .trim();
    stem = stem.replace(/^\[(html|moodle|markdown|plain)\]/, '').replace(GIFT_ESCAPE, '$1');
    let body = source.slice(open + 1, close).trim();
    const general = /(?<!\\)####([\s\S]*)$/.exec(body);
    const explanation = general ? general[1].replace(GIFT_ESCAPE, '$1').trim() : null;
    if (general) body = body.slice(0, general.index).trim();
    const truth = /^(T|TRUE|F|FALSE)(\s*#.*)?$/is.exec(body);
    if (truth) {
      const isTrue = truth[1].toUpperCase().startsWith('T');
      place(
        parsed,
        block.line,
        normaliseQuestion({
          type: 'truefalse',
          text: stem,
          choices: TRUE_FALSE_CHOICES.map((choice, i) => ({ text: choice, correct: isTrue === (i === 0) })),
          topic: null,
          difficulty: 1,
          explanation,
        }),
      );
      continue;
    }
    const answers = giftAnswers(body).map(({ mark, text: raw }) => {
      const withoutFeedback = raw.replace(/(?<!\\)#[\s\S]*$/, '');
      const weight = /^%(-?\d+(?:\.\d+)?)%/.exec(withoutFeedback.trim());
      const answer = (weight ? withoutFeedback.trim().slice(weight[0].length) : withoutFeedback).replace(GIFT_ESCAPE, '$1').trim();
      return { text: answer, correct: mark === '=' || (weight !== null && Number(weight[1]) > 0) };
    });
    if (answers.length === 0 || answers.some((a) => /(?<!\\)->/.test(a.text))) {
      parsed.problems.push({
        line: block.line,
        field: 'answers',
        message: 'only single, multiple and true/false GIFT questions are supported',
        vi: 'Chỉ hỗ trợ câu GIFT một đáp án, nhiều đáp án và đúng/sai',
      });
      continue;
    }
    const weighted = /%-?\d/.test(body);
    place(
      parsed,
      block.line,
      normaliseQuestion({ type: weighted ? 'multiple' : 'single', text: stem, choices: answers, topic: null, difficulty: 1, explanation }),
    );
  }
  return parsed;
}

/**
 * A question file of any supported format as questions and placed problems, or the problems that
 * make the file unreadable as a table. Runs in a parse worker (see readQuestionFile), so it
 * returns plain data rather than throwing.
 */
export async function parseQuestionFile(buffer: Buffer, format: QuestionFileFormat): Promise<{ parsed: Parsed } | { unreadable: RowProblem[] }> {
  if (format === 'aiken') return { parsed: parseAiken(buffer.toString('utf8')) };
  if (format === 'gift') return { parsed: parseGift(buffer.toString('utf8')) };
  if (format === 'docx') return { parsed: await parseDocx(buffer) };
  const table = await tableOrProblems(buffer, format, TABLE_COLUMNS, { maxRows: 20_000 });
  if ('problems' in table) return { unreadable: table.problems };
  const parsed: Parsed = { questions: [], problems: [] };
  for (const { row, values } of table.rows) {
    const cells = format === 'csv' ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, liveCell(v)])) : values;
    const { question, problems } = questionFromRow(cells);
    if (question) parsed.questions.push({ place: { row }, question });
    parsed.problems.push(...problems.map((problem) => ({ row, ...problem })));
  }
  return { parsed };
}
