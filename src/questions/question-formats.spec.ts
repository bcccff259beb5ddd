import fc from 'fast-check';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docxFromFolder } from '../../test/support/docx';
import { readTable } from '../org/table-file';
import { parseDocx } from './docx-questions';
import { QUESTION_TYPES } from './question.entity';
import { TABLE_COLUMNS, parseAiken, parseGift, questionFromRow, rowFromQuestion } from './question-formats';
import { QuestionInput, normaliseQuestion, questionProblems } from './question-rules';

const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'questions', name));

describe('question rules', () => {
  const base: QuestionInput = {
    type: 'single',
    text: 'Câu hỏi?',
    choices: [
      { text: 'A', correct: true },
      { text: 'B', correct: false },
    ],
    topic: null,
    difficulty: 1,
    explanation: null,
  };

  it('wants exactly one correct choice in a single-choice question', () => {
    expect(questionProblems(base)).toEqual([]);
    expect(questionProblems({ ...base, choices: base.choices.map((c) => ({ ...c, correct: true })) })[0].field).toBe('choices');
  });

  it('wants at least one correct choice in a multiple-choice question, 2 to 8 choices', () => {
    expect(questionProblems({ ...base, type: 'multiple', choices: base.choices.map((c) => ({ ...c, correct: true })) })).toEqual([]);
    expect(questionProblems({ ...base, type: 'multiple', choices: base.choices.map((c) => ({ ...c, correct: false })) })).toHaveLength(1);
    const nine = Array.from({ length: 9 }, (_, i) => ({ text: `Lựa chọn ${i}`, correct: i === 0 }));
    expect(questionProblems({ ...base, choices: nine })).toHaveLength(1);
  });

  it('wants a true/false question to have the two choices, one correct, and names empty or repeated choices', () => {
    expect(
      questionProblems(
        normaliseQuestion({
          ...base,
          type: 'truefalse',
          choices: [
            { text: '', correct: false },
            { text: '', correct: true },
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      questionProblems({
        ...base,
        choices: [
          { text: 'Có', correct: true },
          { text: 'có', correct: false },
          { text: '', correct: false },
        ],
      }).map((p) => p.field),
    ).toEqual(['choices.B', 'choices.C']);
  });
});

describe('question files', () => {
  it('reads the CSV fixture with Vietnamese headers and types', async () => {
    const rows = await readTable(fixture('cau-hoi.csv'), 'csv', TABLE_COLUMNS);
    const questions = rows.map((row) => questionFromRow(row.values));
    expect(questions.map((q) => q.problems)).toEqual([[], [], []]);
    expect(questions.map((q) => q.question!.type)).toEqual(['single', 'multiple', 'truefalse']);
    expect(questions[1].question!.choices.map((c) => c.correct)).toEqual([true, true, false, true]);
    expect(questions[2].question!.choices).toEqual([
      { text: 'Đúng', correct: true },
      { text: 'Sai', correct: false },
    ]);
    expect(questions[0].question!.topic).toBe('Trợ lý AI');
  });

  it('reads the Aiken fixture', () => {
    const { questions, problems } = parseAiken(fixture('cau-hoi.aiken.txt').toString('utf8'));
    expect(problems).toEqual([]);
    expect(questions.map((q) => q.place)).toEqual([{ line: 1 }, { line: 8 }]);
    expect(questions[0].question.choices.filter((c) => c.correct).map((c) => c.text)).toEqual(['Không chia sẻ với bất kỳ ai']);
    expect(questions[1].question.choices.map((c) => c.text)).toEqual(['VNeID', 'Zalo', 'VssID']);
  });

  it('reads the GIFT fixture: single with feedback, weighted multiple, true/false, escapes', () => {
    const { questions, problems } = parseGift(fixture('cau-hoi.gift.txt').toString('utf8'));
    expect(problems).toEqual([]);
    expect(questions.map((q) => q.question.type)).toEqual(['single', 'multiple', 'truefalse']);
    expect(questions[0].question).toMatchObject({
      text: 'Khi quét mã QR để chuyển tiền ở chợ, bạn nên kiểm tra điều gì trước khi xác nhận?',
      explanation: 'Kẻ gian có thể dán mã QR khác đè lên mã của người bán.',
    });
    expect(questions[0].question.choices[0]).toEqual({ text: 'Tên người nhận hiện trên ứng dụng ngân hàng', correct: true });
    expect(questions[1].question.choices.map((c) => c.correct)).toEqual([true, true, false]);
    expect(questions[2].question.text).toBe('Cổng Dịch vụ công quốc gia có địa chỉ dichvucong.gov.vn: đúng hay sai?');
  });

  it('names the line of a broken question in Aiken and GIFT', () => {
    const aiken = parseAiken('Câu một?\nA. x\nB. y\nANSWER: B\n\nCâu hai?\nA. x\nB. y\nANSWER: E\n');
    expect(aiken.problems).toEqual([{ line: 9, field: 'answer', message: expect.stringContaining('"E"'), vi: expect.any(String) }]);
    const gift = parseGift('Câu một? {=a ~b}\n\nCâu hai không có đáp án\n');
    expect(gift.problems).toEqual([{ line: 3, field: 'answers', message: expect.any(String), vi: expect.any(String) }]);
  });

  it('keeps diacritics NFC in every format', () => {
    const nfd = 'Tiếng Việt có dấu?'.normalize('NFD');
    const aiken = parseAiken(`${nfd}\nA. Đúng vậy\nB. Không\nANSWER: A\n`);
    const gift = parseGift(`${nfd} {=Đúng vậy ~Không}`);
    for (const parsed of [aiken, gift]) expect(parsed.questions[0].question.text).toBe('Tiếng Việt có dấu?'.normalize('NFC'));
  });

  it('turns any valid question into a row and back unchanged', () => {
    const text = fc
      .string({ minLength: 1, maxLength: 40 })
      .map((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
      .filter((s) => s.length > 0);
    const question = fc
      .record({
        type: fc.constantFrom(...QUESTION_TYPES),
        text,
        choices: fc.uniqueArray(text, { minLength: 2, maxLength: 8, selector: (s) => s.toLowerCase() }),
        correct: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        topic: fc.option(text, { nil: null }),
        difficulty: fc.integer({ min: 1, max: 3 }),
        explanation: fc.option(text, { nil: null }),
      })
      .map(({ type, choices, correct, ...rest }) => {
        const list = type === 'truefalse' ? ['Đúng', 'Sai'] : choices;
        const flags =
          type === 'multiple' ? list.map((_, i) => correct[i] || i === 0) : list.map((_, i) => i === (correct.indexOf(true) + list.length) % list.length);
        return normaliseQuestion({ type, ...rest, choices: list.map((choice, i) => ({ text: choice, correct: flags[i] })) });
      })
      .filter((q) => questionProblems(q).length === 0);
    fc.assert(
      fc.property(question, (q) => {
        expect(questionFromRow(rowFromQuestion(q))).toEqual({ question: q, problems: [] });
      }),
      { numRuns: 500 },
    );
  });
});

describe('Word (.docx) tests', () => {
  // The fixture is hand-written WordprocessingML, zipped here; `mutate` edits a copy first.
  const load = async (mutate?: (xml: string) => string) => {
    const folder = join(__dirname, '..', '..', 'test', 'fixtures', 'questions', 'de-kiem-tra.docx.d');
    if (!mutate) return parseDocx(await docxFromFolder(folder));
    const copy = mkdtempSync(join(tmpdir(), 'docx-'));
    cpSync(folder, copy, { recursive: true });
    const documentPath = join(copy, 'word', 'document.xml');
    writeFileSync(documentPath, mutate(readFileSync(documentPath, 'utf8')));
    return parseDocx(await docxFromFolder(copy));
  };

  it('reads underlined, bold and answer-table answers, options on one line or several', async () => {
    const { questions, problems } = await load();
    expect(problems).toEqual([]);
    const summary = questions.map(({ question }) => [question.type, question.choices.filter((c) => c.correct).map((c) => c.text)]);
    expect(summary).toEqual([
      ['single', ['VNeID']],
      ['single', ['Dừng cuộc gọi và báo cơ quan công an nơi cư trú']],
      ['single', ['Trả lời sai một cách tự tin']],
      ['multiple', ['Bật xác thực hai lớp', 'Không bấm vào đường link lạ']],
      ['truefalse', ['Đúng']],
    ]);
    expect(questions[0].question.text).toBe('Ứng dụng định danh điện tử quốc gia do Bộ Công an phát triển là:');
    expect(questions[1].question.choices).toHaveLength(4);
  });

  it('names the question that has no answer', async () => {
    const { problems } = await load((xml) => xml.replace('<w:t>3</w:t>', '<w:t>9</w:t>'));
    expect(problems).toEqual([
      { line: expect.any(Number), field: 'correct', message: expect.stringMatching(/^Câu 3: no answer/), vi: expect.stringMatching(/^Câu 3: /) },
    ]);
  });

  it('refuses a file that is not a Word document', async () => {
    expect((await parseDocx(Buffer.from('not a zip'))).problems).toEqual([{ line: 0, field: 'file', message: expect.any(String), vi: expect.any(String) }]);
  });
});
