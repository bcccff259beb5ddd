import { join } from 'node:path';
import type { RowProblem } from '../contract/org';
import { Errors } from '../http/errors';
import { Upload, checkArchive, parseUpload } from '../http/upload';
import { ColumnSpec, TableRow, tableFormatOf, tableOrProblems, unreadableWorkbook } from './table-file';

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
    throw Errors.of('UNSUPPORTED_FILE', 'roster');
  }
  if (format === 'xlsx' && (await checkArchive(upload)) === 'unreadable') throw unreadable(unreadableWorkbook().problems);
  const table = await parseUpload<Awaited<ReturnType<typeof tableOrProblems>>>(PARSE_TABLE, [upload.buffer, format, columns]);
  if ('problems' in table) throw unreadable(table.problems);
  return table.rows;
}

const unreadable = (problems: RowProblem[]) => Errors.of('IMPORT_INVALID', 'see-errors').with({ errors: problems, created: 0, updated: 0 });
