import { join } from 'node:path';
import { AppException } from '../http/app-exception';
import { Upload, checkArchive, parseUpload } from '../http/upload';
import { ColumnSpec, RowProblem, TableRow, tableFormatOf, tableOrProblems, unreadableWorkbook } from './table-file';

/** The upload's body as /api/docs shows it on the roster import routes. */
export const FILE_BODY = {
  schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: '.csv or .xlsx' } } },
};

const PARSE_TABLE = { module: join(__dirname, 'table-file'), name: 'tableOrProblems' };

/**
 * An uploaded roster as rows, or a 4xx that says what is wrong with the file itself. An .xlsx
 * is measured first, then every file is parsed in a worker thread, off the event loop.
 */
export async function readRosterFile(upload: Upload, columns: ColumnSpec[]): Promise<TableRow[]> {
  const format = tableFormatOf(upload.filename, upload.mimetype);
  if (!format) {
    throw new AppException(415, 'UNSUPPORTED_FILE', {
      vi: 'Chỉ nhận tệp .csv hoặc .xlsx',
      en: 'Only .csv and .xlsx files are accepted',
    });
  }
  if (format === 'xlsx' && (await checkArchive(upload)) === 'unreadable') throw unreadable(unreadableWorkbook().problems);
  const table = await parseUpload<Awaited<ReturnType<typeof tableOrProblems>>>(PARSE_TABLE, [upload.buffer, format, columns]);
  if ('problems' in table) throw unreadable(table.problems);
  return table.rows;
}

const unreadable = (problems: RowProblem[]) =>
  new AppException(
    422,
    'IMPORT_INVALID',
    { vi: 'Không đọc được tệp: hãy xem danh sách lỗi.', en: 'The file cannot be read: see the errors.' },
    { errors: problems, created: 0, updated: 0 },
  );
