import { crc32, createDeflateRaw } from 'node:zlib';

/**
 * A minimal ZIP writer for hostile archives (JSZip would need the whole expanded text in memory,
 * and will not lie): entries deflated from streamed parts, sizes declared as told.
 */
export type ZipPart = string | Buffer | { repeat: string; bytes: number };

export interface ZipEntrySpec {
  name: string;
  parts: ZipPart[];
  /** The uncompressed size written in the headers, when it should lie. */
  declaredSize?: number;
  /** Written in the file but left out of the central directory, for readers that walk local headers. */
  hidden?: boolean;
}

interface Packed {
  hidden: boolean;
  name: Buffer;
  data: Buffer;
  crc: number;
  size: number;
}

const CHUNK = 1024 * 1024;

function* chunksOf(parts: ZipPart[]): Generator<Buffer> {
  for (const part of parts) {
    if (typeof part === 'string') yield Buffer.from(part, 'utf8');
    else if (Buffer.isBuffer(part)) yield part;
    else {
      const block = Buffer.alloc(Math.min(CHUNK, part.bytes), part.repeat);
      for (let left = part.bytes; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
    }
  }
}

async function pack(entry: ZipEntrySpec): Promise<Packed> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  for (const chunk of chunksOf(entry.parts)) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { hidden: entry.hidden ?? false, name: Buffer.from(entry.name, 'utf8'), data: Buffer.concat(out), crc, size: entry.declaredSize ?? size };
}

/** A .zip of the entries, deflated, in order. */
export async function zipOf(entries: ZipEntrySpec[]): Promise<Buffer> {
  const packed: Packed[] = [];
  for (const entry of entries) packed.push(await pack(entry));
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const file of packed) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(file.crc >>> 0, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.size, 22);
    local.writeUInt16LE(file.name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    local.copy(central, 8, 6, 26); // flags, method, time, date, crc, sizes
    central.writeUInt16LE(file.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, file.name, file.data);
    if (!file.hidden) directory.push(central, file.name);
    offset += local.length + file.name.length + file.data.length;
  }
  const listed = packed.filter((file) => !file.hidden).length;
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(listed, 8);
  end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}

const CONTENT_TYPES = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${main}</Types>`;

const DOCUMENT_START =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOCUMENT_END = '</w:body></w:document>';

/** The entries of a Word document whose body is the given WordprocessingML parts. */
export function docxEntries(body: ZipPart[], declaredSize?: number): ZipEntrySpec[] {
  return [
    {
      name: '[Content_Types].xml',
      parts: [
        CONTENT_TYPES(
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
        ),
      ],
    },
    {
      name: '_rels/.rels',
      parts: [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ],
    },
    { name: 'word/document.xml', parts: [DOCUMENT_START, ...body, DOCUMENT_END], declaredSize },
  ];
}

/** One well-formed question, the right option in bold. */
export const DOCX_QUESTION = [
  '<w:p><w:r><w:t>Câu 1. Thủ đô của Việt Nam là thành phố nào?</w:t></w:r></w:p>',
  '<w:p><w:r><w:t>A. Huế</w:t></w:r></w:p>',
  '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>B. Hà Nội</w:t></w:r></w:p>',
];

/** A Word document whose one paragraph holds `bytes` of one repeated letter. */
export function docxBomb(bytes: number, declaredSize?: number): Promise<Buffer> {
  return zipOf(docxEntries(['<w:p><w:r><w:t>Câu 1. ', { repeat: 'a', bytes }, '</w:t></w:r></w:p>'], declaredSize));
}

const SHEET_NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The entries of a workbook whose first sheet's <sheetData> is the given parts. */
export function xlsxEntries(sheetData: ZipPart[], declaredSize?: number): ZipEntrySpec[] {
  return [
    {
      name: '[Content_Types].xml',
      parts: [
        CONTENT_TYPES(
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
        ),
      ],
    },
    {
      name: '_rels/.rels',
      parts: [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ],
    },
    {
      name: 'xl/workbook.xml',
      parts: [
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ${SHEET_NS}><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ],
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      parts: [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ],
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      parts: [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${SHEET_NS}><sheetData>`, ...sheetData, '</sheetData></worksheet>'],
      declaredSize,
    },
  ];
}

const COLUMN = 'ABCDEFGHIJ';
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** <sheetData> rows of inline strings. */
export function sheetRows(rows: string[][]): string {
  return rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells.map((cell, c) => `<c r="${COLUMN[c]}${r + 1}" t="inlineStr"><is><t>${escapeXml(cell)}</t></is></c>`).join('')}</row>`,
    )
    .join('');
}

/** A workbook whose first cell holds `bytes` of one repeated letter. */
export function xlsxBomb(bytes: number, declaredSize?: number): Promise<Buffer> {
  return zipOf(xlsxEntries(['<row r="1"><c r="A1" t="inlineStr"><is><t>', { repeat: 'a', bytes }, '</t></is></c></row>'], declaredSize));
}

/** `count` tiny entries that no reader looks at, as a bloated archive would carry. */
export function fillerEntries(count: number): ZipEntrySpec[] {
  return Array.from({ length: count }, (_, i) => ({ name: `customXml/filler${i}.xml`, parts: ['<x/>'] }));
}
