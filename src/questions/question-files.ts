import { join } from 'node:path';
import { Errors } from '../http/errors';
import { csvLine, loadExcelJS } from '../http/spreadsheet';
import { Upload, checkArchive, parseUpload } from '../http/upload';
import { unreadableWorkbook } from '../org/table-file';
import { NOT_A_DOCX } from './docx-questions';
import { QuestionFileFormat } from './dto/question.dto';
import { Parsed, TABLE_COLUMNS, parseQuestionFile, rowFromQuestion } from './question-formats';
import { QuestionInput } from './question-rules';

const unreadable = (problems: unknown[]) => Errors.of('IMPORT_INVALID', 'see-errors').with({ errors: problems, created: 0 });

export function formatOf(upload: Upload, asked: QuestionFileFormat | undefined): QuestionFileFormat {
  const named = asked ?? upload.fields.format;
  const extension = upload.filename.toLowerCase().split('.').pop() ?? '';
  const format = named ?? ({ csv: 'csv', xlsx: 'xlsx', gift: 'gift', docx: 'docx', txt: 'aiken' } as Record<string, string>)[extension];
  if (format === 'csv' || format === 'xlsx' || format === 'aiken' || format === 'gift' || format === 'docx') return format;
  throw Errors.of('UNSUPPORTED_FILE', 'questions');
}

const PARSE_QUESTIONS = { module: join(__dirname, 'question-formats'), name: 'parseQuestionFile' };

/**
 * Reads an uploaded question file of any supported format into questions and placed problems:
 * an archive measured first, then parsed in a worker thread, off the event loop.
 */
export async function readQuestionFile(upload: Upload, format: QuestionFileFormat): Promise<Parsed> {
  if ((format === 'docx' || format === 'xlsx') && (await checkArchive(upload)) === 'unreadable') {
    if (format === 'docx') return { questions: [], problems: [NOT_A_DOCX] };
    throw unreadable(unreadableWorkbook().problems);
  }
  const result = await parseUpload<Awaited<ReturnType<typeof parseQuestionFile>>>(PARSE_QUESTIONS, [upload.buffer, format]);
  if ('unreadable' in result) throw unreadable(result.unreadable);
  return result.parsed;
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
