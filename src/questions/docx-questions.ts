import type { QuestionType } from '../contract/play';
import type { Parsed, PlacedProblem } from './question-formats';
import { LETTERS, TRUE_FALSE_CHOICES, normaliseQuestion, questionProblems } from './question-rules';
import { searchKey } from '../org/names';

/** A stretch of a paragraph's text with how it is marked. */
interface Run {
  text: string;
  marked: boolean;
}

/** A paragraph of the document, or a row of a table, as runs. */
interface Block {
  index: number;
  runs: Run[];
  text: string;
  /** Cells, for table rows. */
  cells?: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (html: string) => html.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name]);

/** Runs of one paragraph's HTML: bold (`strong`) or underlined (`u`) text counts as marked. */
function runsOf(html: string): Run[] {
  const runs: Run[] = [];
  let depth = 0;
  for (const token of html.split(/(<[^>]+>)/)) {
    if (!token) continue;
    const tag = /^<(\/?)(strong|b|u)\b/.exec(token);
    if (tag) depth += tag[1] ? -1 : 1;
    else if (token.startsWith('<')) continue;
    else runs.push({ text: decode(token).normalize('NFC'), marked: depth > 0 });
  }
  return runs;
}

function blocksOf(html: string): Block[] {
  const blocks: Block[] = [];
  const pattern = /<table>([\s\S]*?)<\/table>|<p>([\s\S]*?)<\/p>|<li>([\s\S]*?)<\/li>/g;
  for (const match of html.matchAll(pattern)) {
    if (match[1] !== undefined) {
      for (const row of match[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
        const cells = [...row[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
          runsOf(cell[1])
            .map((run) => run.text)
            .join('')
            .trim(),
        );
        blocks.push({ index: blocks.length + 1, runs: [], text: cells.join(' | '), cells });
      }
    } else {
      const runs = runsOf(match[2] ?? match[3]);
      blocks.push({
        index: blocks.length + 1,
        runs,
        text: runs
          .map((run) => run.text)
          .join('')
          .normalize('NFC'),
      });
    }
  }
  return blocks;
}

const QUESTION_START = /^\s*Câu\s+(\d+)\s*[.:)]\s*/i;
const OPTION = /(?:^|\s)([A-H])\s*[.)]\s+/g;

interface Draft {
  number: number;
  line: number;
  stem: string[];
  options: Array<{ letter: string; text: string; marked: boolean }>;
}

/** Splits a paragraph into its options ("A. … B. …" may share a line), with their marks. */
function optionsOf(block: Block): Draft['options'] {
  const text = block.runs.map((run) => run.text).join('');
  const starts = [...text.matchAll(OPTION)].map((match) => ({
    letter: match[1],
    at: match.index + match[0].indexOf(match[1]),
    body: match.index + match[0].length,
  }));
  if (!starts.length || text.slice(0, starts[0].at).trim()) return [];
  // Where each run starts and ends, to find whether an option's letter or text is marked.
  const marks: Array<[number, number]> = [];
  let offset = 0;
  for (const run of block.runs) {
    if (run.marked && run.text.trim()) marks.push([offset, offset + run.text.length]);
    offset += run.text.length;
  }
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].at : text.length;
    const marked = marks.some(([from, to]) => from < end && to > start.at);
    return { letter: start.letter, text: text.slice(start.body, end).trim().normalize('NFC'), marked };
  });
}

/** "1-A, 2-C" lines and "Câu | 1 | 2" / "Đáp án | A | C" tables after the questions. */
function answerKey(blocks: Block[]): Map<number, string> {
  const key = new Map<number, string>();
  for (const [i, block] of blocks.entries()) {
    if (block.cells && /^cau$/.test(searchKey(block.cells[0] ?? ''))) {
      const next = blocks[i + 1];
      if (next?.cells && /^dap an/.test(searchKey(next.cells[0] ?? ''))) {
        block.cells.slice(1).forEach((cell, c) => {
          const letters = (next.cells![c + 1] ?? '').toUpperCase().replace(/[^A-H]/g, '');
          if (/^\d+$/.test(cell) && letters) key.set(Number(cell), letters);
        });
      }
    }
    for (const match of block.text.matchAll(/(?:^|[\s,;|])(\d{1,3})\s*[-.:)]\s*([A-H](?:\s*[,&+]?\s*[A-H])*)(?=$|[\s,;|])/g)) {
      if (!QUESTION_START.test(block.text)) key.set(Number(match[1]), match[2].replace(/[^A-H]/g, ''));
    }
  }
  return key;
}

export const NOT_A_DOCX: PlacedProblem = {
  line: 0,
  field: 'file',
  message: 'The file is not a readable Word (.docx) document',
  vi: 'Tệp không phải văn bản Word (.docx) đọc được',
};

/**
 * A Word test in the layout Vietnamese schools use (as Azota and Shub read it): `Câu N.` starts
 * a question, options `A.`–`H.` follow (several may share a line), and the right option is bold
 * or underlined, or given in an answer table such as `1-A, 2-C` at the end.
 */
export async function parseDocx(buffer: Buffer): Promise<Parsed> {
  const parsed: Parsed = { questions: [], problems: [] };
  // Loaded here, not at start-up: only a Word import needs it.
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer }, { styleMap: ['u => u'] })).value;
  } catch {
    parsed.problems.push(NOT_A_DOCX);
    return parsed;
  }
  const blocks = blocksOf(html);
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  for (const block of blocks) {
    if (block.cells) {
      current = null;
      continue;
    }
    const start = QUESTION_START.exec(block.text);
    if (start) {
      current = { number: Number(start[1]), line: block.index, stem: [], options: [] };
      drafts.push(current);
      const rest = { ...block, runs: sliceRuns(block.runs, start[0].length) };
      const inline = optionsOf(rest);
      if (inline.length) current.options.push(...inline);
      else current.stem.push(rest.runs.map((run) => run.text).join(''));
      continue;
    }
    if (!current) continue;
    const options = optionsOf(block);
    if (options.length) current.options.push(...options);
    else if (!current.options.length) current.stem.push(block.text);
    else current = null; // text after the options belongs to no question (an answer key, say)
  }
  if (!drafts.length) {
    parsed.problems.push({
      line: 0,
      field: 'file',
      message: 'No question found: questions start with "Câu 1."',
      vi: 'Không thấy câu hỏi nào: mỗi câu bắt đầu bằng "Câu 1."',
    });
    return parsed;
  }
  const key = answerKey(blocks);
  for (const draft of drafts) {
    const problem = (field: string, message: string, vi: string): PlacedProblem => ({
      line: draft.line,
      field,
      message: `Câu ${draft.number}: ${message}`,
      vi: `Câu ${draft.number}: ${vi}`,
    });
    const letters = draft.options.map((option) => option.letter).join('');
    if (letters !== LETTERS.slice(0, letters.length)) {
      parsed.problems.push(problem('choices', 'options must be A., B., C. … in order', 'các lựa chọn phải là A., B., C. … theo thứ tự'));
      continue;
    }
    const markedLetters = draft.options.filter((option) => option.marked).map((option) => option.letter);
    const correct = markedLetters.length ? markedLetters.join('') : (key.get(draft.number) ?? '');
    if (!correct) {
      parsed.problems.push(
        problem(
          'correct',
          'no answer: underline or bold the right option, or add it to the answer table',
          'chưa có đáp án: gạch chân hoặc in đậm phương án đúng, hoặc ghi vào bảng đáp án',
        ),
      );
      continue;
    }
    const isTrueFalse = draft.options.length === 2 && draft.options.every((o, i) => searchKey(o.text) === searchKey(TRUE_FALSE_CHOICES[i]));
    const type: QuestionType = isTrueFalse ? 'truefalse' : correct.length > 1 ? 'multiple' : 'single';
    const question = normaliseQuestion({
      type,
      text: draft.stem.join('\n'),
      choices: draft.options.map((option) => ({ text: option.text, correct: correct.includes(option.letter) })),
      topic: null,
      difficulty: 1,
      explanation: null,
    });
    const problems = questionProblems(question);
    if (problems.length) parsed.problems.push(...problems.map((p) => problem(p.field, p.message, p.vi)));
    else parsed.questions.push({ place: { line: draft.line }, question });
  }
  return parsed;
}

/** The runs of a paragraph from character `from` on. */
function sliceRuns(runs: Run[], from: number): Run[] {
  const out: Run[] = [];
  let offset = 0;
  for (const run of runs) {
    const end = offset + run.text.length;
    if (end > from) out.push({ text: run.text.slice(Math.max(0, from - offset)), marked: run.marked });
    offset = end;
  }
  return out;
}
