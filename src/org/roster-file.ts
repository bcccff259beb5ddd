import { AppException } from '../http/app-exception';
import { Upload } from '../http/upload';
import { ColumnSpec, TableFileError, TableRow, readTable, tableFormatOf } from './table-file';

/** An uploaded roster as rows, or a 4xx that says what is wrong with the file itself. */
export async function readRosterFile(upload: Upload, columns: ColumnSpec[]): Promise<TableRow[]> {
  const format = tableFormatOf(upload.filename, upload.mimetype);
  if (!format) {
    throw new AppException(415, 'UNSUPPORTED_FILE', {
      vi: 'Chỉ nhận tệp .csv hoặc .xlsx',
      en: 'Only .csv and .xlsx files are accepted',
    });
  }
  try {
    return await readTable(upload.buffer, format, columns);
  } catch (error) {
    if (!(error instanceof TableFileError)) throw error;
    throw new AppException(
      422,
      'IMPORT_INVALID',
      { vi: 'Không đọc được tệp: hãy xem danh sách lỗi.', en: 'The file cannot be read: see the errors.' },
      { errors: error.problems, created: 0, updated: 0 },
    );
  }
}
