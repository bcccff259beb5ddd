import fc from 'fast-check';
import { BAD_CODES, goodName, text } from './arbitraries';
import { Call } from './client';
import { Fixture } from './fixture';

// Files for the imports: tiny CSV and text files with plausible and broken rows, random bytes
// named .xlsx or .docx, real small workbooks and documents with bytes changed or cut.

export interface FileColumn {
  field: string;
  aliases: string[];
  cell: fc.Arbitrary<string>;
}

/** Replaced by the sample's number, so new codes are new to the database and to every other file. */
const UNIQUE = '§';

function csvCell(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A header naming the columns by field name or a Vietnamese alias (or both, or some missing), then a few rows. */
export function tableText(columns: FileColumn[]): fc.Arbitrary<string> {
  const all = columns.flatMap((column) => [column.field, ...column.aliases].map((header) => ({ header, cell: column.cell })));
  const extras = [
    { header: 'STT', cell: fc.nat(99).map(String) },
    { header: 'Ghi chú', cell: text(50) },
  ];
  const chosen = fc.oneof(
    { weight: 5, arbitrary: fc.constant(columns.map((column) => ({ header: column.field, cell: column.cell }))) },
    { weight: 2, arbitrary: fc.shuffledSubarray([...all, ...extras], { minLength: 0, maxLength: 8 }) },
  );
  return chosen.chain((picked) =>
    fc
      .record({
        rows: fc.array(fc.tuple(...picked.map((column) => column.cell)), { maxLength: 4 }),
        separator: fc.constantFrom(',', ',', ';', '\t'),
        bom: fc.boolean(),
        newline: fc.constantFrom('\r\n', '\n'),
        breakage: fc.option(fc.tuple(fc.constantFrom('"', '\u0000', '\r', '""x'), fc.nat()), { freq: 6 }),
      })
      .map(({ rows, separator, bom, newline, breakage }) => {
        const lines = [picked.map((column) => column.header), ...rows].map((cells) => cells.map((cell) => csvCell(cell, separator)).join(separator));
        const file = (bom ? '\uFEFF' : '') + lines.join(newline) + newline;
        if (!breakage) return file;
        const at = breakage[1] % (file.length + 1);
        return file.slice(0, at) + breakage[0] + file.slice(at);
      }),
  );
}

/** A file's bytes with a few bytes changed and maybe cut short: a zip that is almost right. */
export const damaged = (file: Buffer) =>
  fc
    .record({ edits: fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 }), cut: fc.option(fc.nat(), { freq: 3 }) })
    .map(({ edits, cut }) => {
      const copy = Buffer.from(file);
      for (const [at, byte] of edits) copy[at % copy.length] = byte;
      return cut === null ? copy : copy.subarray(0, cut % copy.length);
    });

export const randomFileBytes = fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes));

export interface Upload {
  /** Text files carry UNIQUE marks; binary files are sent as they are. */
  content: string | Buffer;
  filename: string;
  mimetype: string;
  /** A `format` form field, as the console sends for questions. */
  format?: string;
  /** How the form itself is wrong, if it is. */
  envelope: 'normal' | 'other-field' | 'two-files' | 'truncated' | 'not-multipart' | 'many-fields';
  dryRun?: string;
}

export const FILE_NAMES = (extension: string) =>
  fc.constantFrom(
    `danh-sach.${extension}`,
    `Danh sách ${extension.toUpperCase()}.${extension}`,
    `x.${extension}`,
    `../../${extension}.${extension}`,
    `a"b.${extension}`,
  );
export const OTHER_NAMES = fc.constantFrom('file.txt', 'file.pdf', 'file', '.csv', 'file.csv.exe', 'file.XLSX', 'file.gift', 'file.docx');
const MIME_TYPES = fc.constantFrom(
  'text/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain',
  '',
);
const ENVELOPES = fc.oneof(
  { weight: 40, arbitrary: fc.constant('normal' as const) },
  fc.constantFrom('other-field' as const, 'two-files' as const, 'truncated' as const, 'not-multipart' as const, 'many-fields' as const),
);
const DRY_RUN = fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, fc.constantFrom('true', '1', 'false', 'maybe'));

export function uploads(files: fc.Arbitrary<{ content: string | Buffer; filename: string }>, formats?: fc.Arbitrary<string | undefined>): fc.Arbitrary<Upload> {
  return fc
    .record({ file: files, mimetype: MIME_TYPES, envelope: ENVELOPES, dryRun: DRY_RUN, format: formats ?? fc.constant(undefined) })
    .map(({ file, ...rest }) => ({ ...file, ...rest }));
}

/** The form a browser would send, or one broken the way the envelope says. */
function multipart(upload: Upload, sample: number): { body: Uint8Array; type: string } {
  const boundary = `----fuzz${sample}`;
  const content = typeof upload.content === 'string' ? Buffer.from(upload.content.split(UNIQUE).join(String(sample)), 'utf8') : upload.content;
  const filePart = (field: string) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${upload.filename}"\r\nContent-Type: ${upload.mimetype || 'application/octet-stream'}\r\n\r\n`,
      ),
      content,
      Buffer.from('\r\n'),
    ]);
  const fieldPart = (name: string, value: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const parts: Buffer[] = [];
  if (upload.format !== undefined) parts.push(fieldPart('format', upload.format));
  if (upload.envelope === 'many-fields') for (let i = 0; i < 12; i++) parts.push(fieldPart(`f${i}`, 'x'));
  parts.push(filePart(upload.envelope === 'other-field' ? 'upload' : 'file'));
  if (upload.envelope === 'two-files') parts.push(filePart('file'));
  const whole = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  if (upload.envelope === 'not-multipart') return { body: new Uint8Array(content), type: 'application/json' };
  const body = upload.envelope === 'truncated' ? whole.subarray(0, Math.floor(whole.length / 2)) : whole;
  return { body: new Uint8Array(body), type: `multipart/form-data; boundary=${boundary}` };
}

export function importCall(path: string, upload: Upload, sample: number, token: string, queryFormat?: string): Call {
  const query = new URLSearchParams();
  if (upload.dryRun !== undefined) query.set('dryRun', upload.dryRun);
  if (queryFormat !== undefined) query.set('format', queryFormat);
  const { body, type } = multipart(upload, sample);
  return { method: 'POST', path: query.size ? `${path}?${query.toString()}` : path, token, body, type };
}

export const UNIT_FILE_COLUMNS = (f: Fixture): FileColumn[] => [
  {
    field: 'code',
    aliases: ['Mã đơn vị', 'MÃ ĐƠN VỊ'.normalize('NFD')],
    cell: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(`N${UNIQUE}A`, `N${UNIQUE}B`, `n${UNIQUE}c`) }, fc.constantFrom(...f.importUnitCodes), BAD_CODES),
  },
  { field: 'name', aliases: ['Tên đơn vị', 'Tên'], cell: fc.oneof({ weight: 4, arbitrary: goodName }, text(200)) },
  {
    field: 'category',
    aliases: ['Loại', 'Khối'],
    cell: fc.constantFrom('xã', 'Trường học', 'commune', 'Khác', 'district_office', 'Cơ quan huyện'.normalize('NFD'), '??', ''),
  },
  { field: 'parentCode', aliases: ['Mã cấp trên'], cell: fc.constantFrom('', 'FZI', 'FZI', `N${UNIQUE}A`, `N${UNIQUE}B`, 'NOSUCH', 'FZI00', 'FZ M') },
  { field: 'headcount', aliases: ['Số cán bộ', 'Biên chế'], cell: fc.constantFrom('10', '0', '1.234', '1,000', '12 345', '-1', 'abc', '', '99999999', '=1+1') },
];

export const PARTICIPANT_FILE_COLUMNS = (f: Fixture): FileColumn[] => [
  {
    field: 'staffCode',
    aliases: ['Mã cán bộ', 'Mã CB'],
    cell: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(`P${UNIQUE}A`, `P${UNIQUE}B`, `p${UNIQUE}c`) }, fc.constantFrom(...f.importStaffCodes), BAD_CODES),
  },
  { field: 'fullName', aliases: ['Họ và tên', 'Họ tên'], cell: fc.oneof({ weight: 4, arbitrary: goodName }, text(200)) },
  { field: 'unitCode', aliases: ['Mã đơn vị'], cell: fc.constantFrom(...f.unitCodes, 'fz-a', 'NOSUCH', f.mergeUnits[0].code, '') },
  { field: 'clanCode', aliases: ['Mã dòng họ'], cell: fc.constantFrom('', '', ...f.clanCodes, 'NOCLAN') },
  { field: 'pin', aliases: ['Mã PIN', 'PIN'], cell: fc.constantFrom('', '1234', '24681357', '12', 'abcd', '123456789', '=1+1') },
  { field: 'active', aliases: ['Hoạt động', 'Trạng thái'], cell: fc.constantFrom('', 'có', 'không', 'x', 'true', '0', 'maybe') },
];

/** Question texts from a small set, so imports mostly find them already in the bank and it stays small. */
const IMPORT_TEXTS = fc.constantFrom(
  'Mật khẩu mạnh là gì?',
  'Có nên chia sẻ mã OTP?',
  'Trợ lý AI có luôn đúng?',
  'Câu hỏi nhập thử',
  'Dữ liệu mật đưa lên AI được không?',
);

export const QUESTION_FILE_COLUMNS: FileColumn[] = [
  { field: 'type', aliases: ['Loại', 'Dạng'], cell: fc.constantFrom('Một đáp án', 'single', 'Nhiều đáp án', 'Đúng/Sai', 'truefalse', 'weird', '') },
  { field: 'text', aliases: ['Câu hỏi', 'Nội dung'], cell: fc.oneof({ weight: 6, arbitrary: IMPORT_TEXTS }, text(2000)) },
  ...['A', 'B', 'C'].map((letter) => ({
    field: letter,
    aliases: [`Đáp án ${letter}`],
    cell: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('Có', 'Không', 'Tùy trường hợp') }, text(1000)),
  })),
  { field: 'correct', aliases: ['Đáp án đúng'], cell: fc.constantFrom('A', 'B', 'A, C', 'Z', '', 'Đúng', 'sai') },
  { field: 'topic', aliases: ['Chủ đề'], cell: fc.constantFrom('', 'Trợ lý AI', '=1+1') },
  { field: 'difficulty', aliases: ['Độ khó'], cell: fc.constantFrom('', '1', '2', '3', '4', 'x', '1.5') },
];

/** Aiken and GIFT text: the samples of the format's own docs, sometimes with characters put in or taken out. */
export const AIKEN = [
  'Mã OTP nên chia sẻ với ai?\nA. Nhân viên ngân hàng\nB. Không ai cả\nANSWER: B\n',
  'Câu hỏi?\nA) Có\nB) Không\nANSWER: Z\n',
  'Không có đáp án\nA. x\n',
];
export const GIFT = [
  '::Q:: Chọn đúng {=Đúng ~Sai}\n',
  'Mật khẩu mạnh? {~%50%Dài ~%50%Có ký hiệu ~%-100%Ngày sinh}\n',
  'Đúng hay sai? {T}\n',
  'Thiếu ngoặc {=a ~b\n',
  '// chú thích\n::T::[html] x {=a -> b}\n',
  'Câu \\{ thoát \\} {=a ~b ####Giải thích}\n',
];
export const editedText = (templates: string[]) =>
  fc
    .tuple(
      fc.array(fc.constantFrom(...templates), { minLength: 1, maxLength: 3 }),
      fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constant(''), fc.string({ maxLength: 3 }))), { maxLength: 3 }),
    )
    .map(([blocks, edits]) => {
      let file = blocks.join('\n');
      for (const [at, insert] of edits) {
        const i = at % (file.length + 1);
        file = file.slice(0, i) + insert + file.slice(i + (insert ? 0 : 1));
      }
      return file;
    });
