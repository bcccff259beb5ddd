import { PassThrough, Readable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';

/** Files going out (reports, exports): CSV and XLSX written as streams, every text cell inert. */

/**
 * ExcelJS takes a quarter of a second to load, a good part of the app's start-up; only imports
 * and exports use it, so main.ts loads it just after the app is listening (and the first import
 * or export, if it comes sooner).
 */
export const loadExcelJS = async () => (await import('exceljs')).default;

/** A cell Excel or LibreOffice would read as a formula starts with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that cannot run as a formula when the file is opened: a leading apostrophe, as Excel itself does. */
export function inertCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes inertCell: `'=x` read back is `=x`. */
export function liveCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export type Cell = string | number | null;

/** One CSV line (comma, CRLF), text made inert and quoted when needed; numbers written as they are. */
export function csvLine(cells: Cell[]): string {
  return (
    cells
      .map((cell) => {
        if (cell === null) return '';
        if (typeof cell === 'number') return String(cell);
        const safe = inertCell(cell);
        return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
      })
      .join(',') + '\r\n'
  );
}

export interface SheetColumn {
  header: string;
  width?: number;
  /** `percent`: the value is a percentage (94.99) shown as 94.99% in XLSX. */
  format?: 'percent' | 'integer' | 'decimal';
}

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: AsyncIterable<Cell[]>;
}

/** Rows written between two turns of the event loop, so a long export never holds it for long. */
const ROWS_PER_TURN = 500;

/** UTF-8 with a BOM (Excel then reads Vietnamese right); several sheets follow each other under their names. */
export function csvStream(sheets: Sheet[]): Readable {
  return Readable.from(
    (async function* () {
      yield '\uFEFF';
      for (const [i, sheet] of sheets.entries()) {
        if (sheets.length > 1) yield (i ? '\r\n' : '') + csvLine([sheet.name]);
        yield csvLine(sheet.columns.map((column) => column.header));
        let chunk = '';
        let count = 0;
        for await (const row of sheet.rows) {
          chunk += csvLine(row);
          if (++count % ROWS_PER_TURN === 0) {
            yield chunk;
            chunk = '';
            await yieldToLoop();
          }
        }
        if (chunk) yield chunk;
      }
    })(),
    { objectMode: false },
  );
}

const NUMBER_FORMATS = { percent: '0.00%', integer: '#,##0', decimal: '#,##0.00' } as const;

/** One worksheet per sheet: bold frozen header row, widths, number formats; written as it goes. */
export function xlsxStream(sheets: Sheet[]): Readable {
  const out = new PassThrough();
  void (async () => {
    const ExcelJS = await loadExcelJS();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    for (const sheet of sheets) {
      const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
      worksheet.columns = sheet.columns.map((column) => ({
        header: column.header,
        width: column.width ?? 16,
        style: column.format ? { numFmt: NUMBER_FORMATS[column.format] } : {},
      }));
      worksheet.getRow(1).font = { bold: true };
      worksheet.getRow(1).commit();
      const percents = sheet.columns.map((column) => column.format === 'percent');
      let count = 0;
      for await (const row of sheet.rows) {
        worksheet
          .addRow(row.map((cell, i) => (typeof cell === 'string' ? inertCell(cell) : percents[i] && cell !== null ? Math.round(cell * 100) / 10_000 : cell)))
          .commit();
        if (++count % ROWS_PER_TURN === 0) await yieldToLoop();
      }
      worksheet.commit();
    }
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
