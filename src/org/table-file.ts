import { parse } from 'csv-parse';
import type { CellValue, Row } from 'exceljs';
import JSZip from 'jszip';
import { Readable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { RowProblem } from '../contract/org';
import { searchKey } from './names';
import { ARCHIVE_LIMITS } from '../http/archive-limits';
import { loadExcelJS } from '../http/spreadsheet';

/** A column a table file may have: its field name, and the headers people write for it. */
export interface ColumnSpec {
  field: string;
  aliases?: string[];
  required?: boolean;
}

/** `row` is the row number the user sees in Excel: the header is row 1. */
export interface TableRow {
  row: number;
  values: Record<string, string>;
}

export function problem(row: number, field: string, message: string, vi: string): RowProblem {
  return { row, field, message, vi };
}

export type TableFormat = 'csv' | 'xlsx';

export class TableFileError extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(problems.map((p) => `row ${p.row} ${p.field}: ${p.message}`).join('; '));
    this.name = 'TableFileError';
  }
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DEFAULT_MAX_ROWS = 200_000;

export function tableFormatOf(filename: string, mimetype?: string): TableFormat | null {
  const name = filename.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (mimetype === 'text/csv') return 'csv';
  if (mimetype === XLSX_MIME) return 'xlsx';
  return null;
}

/** Header text as compared: no diacritics, case or extra spaces, so `MÃ CÁN BỘ` is `ma can bo`. */
const headerKey = (text: string) => searchKey(text).replace(/[\s_-]+/g, ' ');

/** Which field each header column holds; throws with every missing or doubled column at once. */
function mapHeader(header: string[], columns: ColumnSpec[]): Map<number, string> {
  const problems: RowProblem[] = [];
  const fieldByKey = new Map<string, string>();
  for (const column of columns) {
    for (const text of [column.field, ...(column.aliases ?? [])]) fieldByKey.set(headerKey(text), column.field);
  }
  const fieldAt = new Map<number, string>();
  const seen = new Set<string>();
  header.forEach((text, index) => {
    const field = fieldByKey.get(headerKey(text));
    if (!field) return; // extra columns such as "STT" are common and harmless
    if (seen.has(field)) problems.push(problem(1, field, `Column "${field}" appears twice`, `Cột «${field}» xuất hiện hai lần`));
    seen.add(field);
    fieldAt.set(index, field);
  });
  for (const column of columns) {
    if (column.required && !seen.has(column.field)) {
      const others = column.aliases?.length ? ` (or one of: ${column.aliases.join(', ')})` : '';
      problems.push(
        problem(1, column.field, `Missing column "${column.field}"${others}`, `Thiếu cột «${column.field}»${others.replace('or one of', 'hoặc một trong')}`),
      );
    }
  }
  if (problems.length) throw new TableFileError(problems);
  return fieldAt;
}

class TableBuilder {
  readonly rows: TableRow[] = [];
  private fieldAt: Map<number, string> | null = null;

  constructor(
    private readonly columns: ColumnSpec[],
    private readonly maxRows: number,
  ) {}

  get hasHeader(): boolean {
    return this.fieldAt !== null;
  }

  add(row: number, cells: string[]): void {
    if (!this.fieldAt) {
      if (cells.every((cell) => !cell)) return;
      this.fieldAt = mapHeader(cells, this.columns);
      return;
    }
    const values: Record<string, string> = {};
    let empty = true;
    for (const [index, field] of this.fieldAt) {
      const value = (cells[index] ?? '').normalize('NFC').trim();
      values[field] = value;
      if (value) empty = false;
    }
    if (empty) return;
    if (this.rows.length >= this.maxRows) {
      throw new TableFileError([problem(row, 'file', `Too many rows: at most ${this.maxRows}`, `Quá nhiều dòng: tối đa ${this.maxRows}`)]);
    }
    this.rows.push({ row, values });
  }

  finish(): TableRow[] {
    if (!this.fieldAt) throw new TableFileError([problem(1, 'file', 'The file is empty: it has no header row', 'Tệp trống: không có dòng tiêu đề')]);
    return this.rows;
  }
}

/** Rows of a .csv or .xlsx file, as trimmed NFC strings keyed by field name. */
export async function readTable(
  input: Buffer | NodeJS.ReadableStream,
  format: TableFormat,
  columns: ColumnSpec[],
  options: { maxRows?: number } = {},
): Promise<TableRow[]> {
  const table = new TableBuilder(columns, options.maxRows ?? DEFAULT_MAX_ROWS);
  if (format === 'csv') await readCsv(Buffer.isBuffer(input) ? input : await collect(input), table);
  else await readXlsx(Buffer.isBuffer(input) ? input : await collect(input), table);
  return table.finish();
}

/**
 * readTable as a parse worker runs it (see readRosterFile): a file that cannot be read comes back
 * as its problems, since an error's class does not survive the thread boundary.
 */
export async function tableOrProblems(
  buffer: Buffer,
  format: TableFormat,
  columns: ColumnSpec[],
  options: { maxRows?: number } = {},
): Promise<{ rows: TableRow[] } | { problems: RowProblem[] }> {
  try {
    return { rows: await readTable(buffer, format, columns, options) };
  } catch (error) {
    if (error instanceof TableFileError) return { problems: error.problems };
    throw error;
  }
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Vietnamese Excel often saves CSV with `;`; the header line tells which separator is used. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

async function readCsv(buffer: Buffer, table: TableBuilder): Promise<void> {
  const head = buffer
    .subarray(0, 64 * 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  // Fed in slices: given the whole file at once the parser would run through it in one go and
  // hold the event loop for a second on a 100,000-row file. It joins characters split between slices.
  const slices = (function* () {
    for (let at = 0; at < buffer.length; at += 64 * 1024) yield buffer.subarray(at, at + 64 * 1024);
  })();
  const parser = Readable.from(slices).pipe(
    parse({ bom: true, delimiter: detectDelimiter(head), relax_column_count: true, skip_empty_lines: false, info: true }),
  );
  let count = 0;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
      table.add(record.info.records, record.record);
      if (++count % 2000 === 0) await yieldToLoop();
    }
  } catch (error) {
    if (error instanceof TableFileError) throw error;
    const at = (error as { records?: number }).records;
    throw new TableFileError([
      problem(
        typeof at === 'number' ? at + 1 : 0,
        'file',
        `The CSV file cannot be read: ${(error as Error).message}`,
        `Không đọc được tệp CSV: ${(error as Error).message}`,
      ),
    ]);
  }
}

/** A workbook in memory that yields no row for this long is stuck, not slow. */
const STALLED_MS = 5_000;

async function readXlsx(file: Buffer, table: TableBuilder): Promise<void> {
  if (!(await isWholeWorkbook(file))) throw unreadableWorkbook();
  const ExcelJS = await loadExcelJS();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  // ExcelJS trusts each entry's own header, and waits forever when one disagrees with the
  // archive's directory that JSZip checked (found by the fuzz run): the read is abandoned when
  // no row comes for STALLED_MS.
  let progressAt = Date.now();
  let watchdog: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    watchdog = setInterval(() => Date.now() - progressAt > STALLED_MS && reject(unreadableWorkbook()), 500);
  });
  const rows = async () => {
    for await (const worksheet of reader) {
      let count = 0;
      for await (const row of worksheet as AsyncIterable<Row>) {
        progressAt = Date.now();
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          cells[column - 1] = cellText(cell.value);
        });
        table.add(row.number, cells);
        if (++count % 2000 === 0) await yieldToLoop();
      }
      return; // the first worksheet only
    }
  };
  const reading = rows();
  reading.catch(() => undefined); // a read that fails after being abandoned must not go unhandled
  try {
    await Promise.race([reading, stalled]);
  } catch (error) {
    if (error instanceof TableFileError) throw error;
    throw unreadableWorkbook();
  } finally {
    clearInterval(watchdog);
  }
  if (!table.hasHeader) throw unreadableWorkbook();
}

/** 100,000 roster rows unzip to about 26 MB; uploads are measured against the same budget first. */
const MAX_UNZIPPED_BYTES = ARCHIVE_LIMITS.maxExpandedBytes;

/**
 * ExcelJS's streaming reader waits forever, holding the request, on an archive whose compressed
 * data was cut or altered, or that has no worksheet (found by the fuzz run). So the archive is
 * read through once first, refused at once when JSZip finds an entry of the wrong length or no
 * workbook.
 * Streamed and counted, not inflated into memory, so a zip bomb is refused at MAX_UNZIPPED_BYTES.
 */
async function isWholeWorkbook(file: Buffer): Promise<boolean> {
  try {
    const zip = await JSZip.loadAsync(file);
    if (!zip.file('xl/workbook.xml') || !zip.file(/^xl\/worksheets\/[^/]+\.xml$/).length) return false;
    let unzipped = 0;
    for (const entry of Object.values(zip.files)) {
      if (entry.dir) continue;
      await new Promise<void>((resolve, reject) => {
        const data = entry.nodeStream('nodebuffer');
        data.on('data', (chunk: Buffer) => {
          unzipped += chunk.length;
          if (unzipped <= MAX_UNZIPPED_BYTES) return;
          data.pause();
          reject(new Error('too large once unzipped'));
        });
        data.on('error', reject).on('end', resolve);
      });
    }
    return true;
  } catch {
    return false;
  }
}

export const unreadableWorkbook = () =>
  new TableFileError([problem(0, 'file', 'The file is not a readable .xlsx workbook', 'Tệp không phải bảng tính .xlsx đọc được')]);

/** A cell as the text a person sees in it. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
  if ('text' in value) return cellText(value.text);
  if ('error' in value) return '';
  return String(value);
}
