import { AppException } from '../http/app-exception';
import { csvLine, liveCell, loadExcelJS } from '../http/spreadsheet';
import { Upload } from '../http/upload';
import { TableFileError, readTable } from '../org/table-file';
import { parseDocx } from './docx-questions';
import { QuestionFileFormat } from './dto/question.dto';
import { Parsed, TABLE_COLUMNS, parseAiken, parseGift, questionFromRow, rowFromQuestion } from './question-formats';
import { QuestionInput } from './question-rules';

const unreadable = (problems: unknown[]) =>
  new AppException(
    422,
    'IMPORT_INVALID',
    { vi: 'Không đọc được tệp: hãy xem danh sách lỗi.', en: 'The file cannot be read: see the errors.' },
    { errors: problems, created: 0 },
  );

export function formatOf(upload: Upload, asked: QuestionFileFormat | undefined): QuestionFileFormat {
  const named = asked ?? upload.fields.format;
  const extension = upload.filename.toLowerCase().split('.').pop() ?? '';
  const format = named ?? ({ csv: 'csv', xlsx: 'xlsx', gift: 'gift', docx: 'docx', txt: 'aiken' } as Record<string, string>)[extension];
  if (format === 'csv' || format === 'xlsx' || format === 'aiken' || format === 'gift' || format === 'docx') return format;
  throw new AppException(415, 'UNSUPPORTED_FILE', {
    vi: 'Hãy chọn định dạng: csv, xlsx, aiken, gift hoặc docx',
    en: 'Say the format: csv, xlsx, aiken, gift or docx',
  });
}

/** Reads an uploaded question file of any supported format into questions and placed problems. */
export async function readQuestionFile(upload: Upload, format: QuestionFileFormat): Promise<Parsed> {
  if (format === 'aiken') return parseAiken(upload.buffer.toString('utf8'));
  if (format === 'gift') return parseGift(upload.buffer.toString('utf8'));
  if (format === 'docx') return parseDocx(upload.buffer);
  try {
    const rows = await readTable(upload.buffer, format, TABLE_COLUMNS, { maxRows: 20_000 });
    const parsed: Parsed = { questions: [], problems: [] };
    for (const { row, values } of rows) {
      const cells = format === 'csv' ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, liveCell(v)])) : values;
      const { question, problems } = questionFromRow(cells);
      if (question) parsed.questions.push({ place: { row }, question });
      parsed.problems.push(...problems.map((problem) => ({ row, ...problem })));
    }
    return parsed;
  } catch (error) {
    if (error instanceof TableFileError) throw unreadable(error.problems);
    throw error;
  }
}

/** The bank in the importer's own columns, so an export can be edited and imported back. */
export async function writeQuestionFile(questions: QuestionInput[], format: 'csv' | 'xlsx'): Promise<Buffer> {
  const header = TABLE_COLUMNS.map((column) => column.field);
  const rows = questions.map((question) => {
    const row = rowFromQuestion(question);
    return header.map((field) => row[field] ?? '');
  });
  if (format === 'csv') {
    return Buffer.from('\uFEFF' + [header, ...rows].map(csvLine).join(''), 'utf8');
  }
  const workbook = new (await loadExcelJS()).Workbook();
  const sheet = workbook.addWorksheet('Câu hỏi');
  sheet.addRow(header);
  for (const cells of rows) sheet.addRow(cells);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
