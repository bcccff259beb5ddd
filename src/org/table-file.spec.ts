import ExcelJS from 'exceljs';
import { ColumnSpec, TableFileError, readTable, tableFormatOf } from './table-file';

const COLUMNS: ColumnSpec[] = [
  { field: 'staffCode', aliases: ['Mã cán bộ'], required: true },
  { field: 'fullName', aliases: ['Họ và tên'], required: true },
  { field: 'pin', aliases: ['Mã PIN'] },
];

async function problemsOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TableFileError) return error.problems;
    throw error;
  }
  throw new Error('expected a TableFileError');
}

async function workbook(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('DS');
  rows.forEach((row) => sheet.addRow(row));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('readTable', () => {
  it('knows formats by extension or type', () => {
    expect(tableFormatOf('DS.CSV')).toBe('csv');
    expect(tableFormatOf('a.xlsx')).toBe('xlsx');
    expect(tableFormatOf('upload', 'text/csv')).toBe('csv');
    expect(tableFormatOf('a.xls')).toBeNull();
  });

  it('reads CSV with a BOM, Vietnamese headers in any case, `;` and quoted newlines', async () => {
    const csv = '\uFEFFSTT;MÃ CÁN BỘ;Họ và tên;mã pin\n1;nv1;"Nguyễn Thị\nÁnh Tuyết";1234\n;;;\n3;NV3;"Lê ""Hữu"" Đạt";\n';
    expect(await readTable(Buffer.from(csv), 'csv', COLUMNS)).toEqual([
      { row: 2, values: { staffCode: 'nv1', fullName: 'Nguyễn Thị\nÁnh Tuyết', pin: '1234' } },
      { row: 4, values: { staffCode: 'NV3', fullName: 'Lê "Hữu" Đạt', pin: '' } },
    ]);
  });

  it('keeps diacritics as NFC whatever form the file used', async () => {
    const nfd = 'Đặng Thị Ngọc Hường'.normalize('NFD');
    const [row] = await readTable(Buffer.from(`staffCode,fullName\nA,${nfd}\n`), 'csv', COLUMNS);
    expect(Buffer.from(row.values.fullName).equals(Buffer.from('Đặng Thị Ngọc Hường'.normalize('NFC')))).toBe(true);
  });

  it('keeps multi-byte characters that fall across the reader’s slices', async () => {
    const name = 'Nguyễn Thị Ánh Tuyết Đặng Hường ỹ';
    const csv = ['staffCode,fullName', ...Array.from({ length: 5000 }, (_, i) => `NV${i},${name}`)].join('\n');
    const rows = await readTable(Buffer.from(csv), 'csv', COLUMNS);
    expect(rows).toHaveLength(5000);
    expect(rows.every((row) => row.values.fullName === name)).toBe(true);
  });

  it('reports every missing column and doubled ones at row 1', async () => {
    expect(await problemsOf(readTable(Buffer.from('pin\n1\n'), 'csv', COLUMNS))).toEqual([
      { row: 1, field: 'staffCode', message: 'Missing column "staffCode" (or one of: Mã cán bộ)', vi: 'Thiếu cột «staffCode» (hoặc một trong: Mã cán bộ)' },
      { row: 1, field: 'fullName', message: 'Missing column "fullName" (or one of: Họ và tên)', vi: 'Thiếu cột «fullName» (hoặc một trong: Họ và tên)' },
    ]);
    expect(await problemsOf(readTable(Buffer.from('staffCode,Mã cán bộ,fullName\n'), 'csv', COLUMNS))).toEqual([
      { row: 1, field: 'staffCode', message: 'Column "staffCode" appears twice', vi: 'Cột «staffCode» xuất hiện hai lần' },
    ]);
  });

  it('refuses broken and empty files and too many rows', async () => {
    const broken = await problemsOf(readTable(Buffer.from('staffCode,fullName\nA,"unclosed\n'), 'csv', COLUMNS));
    expect(broken).toEqual([{ row: expect.any(Number), field: 'file', message: expect.stringContaining('CSV'), vi: expect.stringContaining('CSV') }]);
    expect(await problemsOf(readTable(Buffer.from(''), 'csv', COLUMNS))).toMatchObject([{ row: 1, field: 'file' }]);
    expect(await problemsOf(readTable(Buffer.from('not a zip'), 'xlsx', COLUMNS))).toMatchObject([
      { row: 0, field: 'file', message: 'The file is not a readable .xlsx workbook' },
    ]);
    const many = await problemsOf(readTable(Buffer.from('staffCode,fullName\nA,a\nB,b\nC,c\n'), 'csv', COLUMNS, { maxRows: 2 }));
    expect(many).toEqual([{ row: 4, field: 'file', message: 'Too many rows: at most 2', vi: 'Quá nhiều dòng: tối đa 2' }]);
  });

  it('refuses a damaged workbook instead of waiting on it forever', async () => {
    const file = await workbook([['Mã cán bộ', 'Họ và tên'], ...Array.from({ length: 50 }, (_, i) => [`NV${i}`, `Nguyễn Văn ${i}`])]);
    // Bytes altered inside the sheet's compressed data: ExcelJS's streaming reader alone never settled.
    const sheetData = file.indexOf('xl/worksheets/sheet1.xml') + 40;
    const damaged = [0, 10, 50, 100].map((offset) => {
      const copy = Buffer.from(file);
      copy[sheetData + offset] ^= 0xff;
      return copy;
    });
    const zeroed = Buffer.from(file).fill(0, sheetData + 20, sheetData + 60);
    // An entry's own header giving a wrong compressed size (the directory at the end is right): refused once it stalls.
    const misreported = Buffer.from(file);
    misreported.writeUInt32LE(32, file.indexOf('xl/worksheets/sheet1.xml') - 30 + 18);
    for (const broken of [...damaged, zeroed, misreported]) {
      expect(await problemsOf(readTable(broken, 'xlsx', COLUMNS))).toMatchObject([
        { row: 0, field: 'file', message: 'The file is not a readable .xlsx workbook' },
      ]);
    }
  });

  it('reads xlsx numbers, rich text, formulas and dates as text', async () => {
    const file = await workbook([
      ['STT', 'Mã cán bộ', 'Họ và tên', 'Mã PIN'],
      [1, 2896, { richText: [{ text: 'Lê ' }, { text: 'Hữu Đạt', font: { bold: true } }] }, { formula: '1000+234', result: 1234 }],
      [],
      [3, 'NV3', 'Phùng Văn Minh', new Date(Date.UTC(2025, 6, 1))],
    ]);
    expect(await readTable(file, 'xlsx', COLUMNS)).toEqual([
      { row: 2, values: { staffCode: '2896', fullName: 'Lê Hữu Đạt', pin: '1234' } },
      { row: 4, values: { staffCode: 'NV3', fullName: 'Phùng Văn Minh', pin: '2025-07-01' } },
    ]);
  });

  it('reads 100,000 rows of CSV and xlsx in seconds', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => [`NV${i}`, `Nguyễn Văn An ${i}`, String(1000 + (i % 9000))]);
    const csv = ['staffCode,fullName,pin', ...rows.map((r) => r.join(','))].join('\n');
    let started = Date.now();
    expect(await readTable(Buffer.from(csv), 'csv', COLUMNS)).toHaveLength(100_000);
    const csvMs = Date.now() - started;
    const xlsx = await workbook([['staffCode', 'fullName', 'pin'], ...rows]);
    started = Date.now();
    expect(await readTable(xlsx, 'xlsx', COLUMNS)).toHaveLength(100_000);
    const xlsxMs = Date.now() - started;
    expect(csvMs).toBeLessThan(20_000);
    expect(xlsxMs).toBeLessThan(20_000);
  }, 60_000);
});
