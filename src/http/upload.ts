import '@fastify/multipart';
import { FastifyRequest } from 'fastify';
import { AppException } from './app-exception';
import { ARCHIVE_LIMITS, measureArchive } from './archive-limits';
import { Bilingual } from './language';
import { PARSE_LIMITS, ParseFailure, ParseTask, parseInWorker } from './parse-in-worker';

export interface Upload {
  filename: string;
  mimetype: string;
  buffer: Buffer;
  /** The form's other fields, such as `format`. */
  fields: Record<string, string>;
}

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** The one file of a multipart/form-data request, in a field named `file`. */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppException(415, 'NOT_MULTIPART', {
      vi: 'Hãy gửi tệp dưới dạng multipart/form-data với trường «file»',
      en: 'Send the file as multipart/form-data in a field named "file"',
    });
  }
  let upload: Omit<Upload, 'fields'> | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } })) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (part.fieldname === 'file') upload = { filename: part.filename, mimetype: part.mimetype, buffer };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    throw unreadableForm(error);
  }
  if (!upload) {
    throw new AppException(400, 'NO_FILE', { vi: 'Chưa có tệp trong trường «file»', en: 'No file in the field "file"' });
  }
  // Every import format starts with something; an empty file is refused here rather than by each reader.
  if (!upload.buffer.length) {
    throw new AppException(
      422,
      'IMPORT_INVALID',
      { vi: 'Tệp tải lên đang trống', en: 'The uploaded file is empty' },
      { errors: [{ row: 0, field: 'file', message: 'The file is empty', vi: 'Tệp trống' }], created: 0 },
    );
  }
  return { ...upload, fields };
}

// What @fastify/multipart's limits mean for the person uploading.
const FORM_LIMITS: Record<string, Bilingual> = {
  FST_FILES_LIMIT: { vi: 'Mỗi lần chỉ gửi một tệp', en: 'Send one file at a time' },
  FST_FIELDS_LIMIT: { vi: 'Biểu mẫu có quá nhiều trường', en: 'The form has too many fields' },
  FST_PARTS_LIMIT: { vi: 'Biểu mẫu có quá nhiều phần', en: 'The form has too many parts' },
  FST_REQ_FILE_TOO_LARGE: { vi: 'Tệp tải lên quá lớn (tối đa 50 MB)', en: 'The uploaded file is too large (50 MB at most)' },
};

/**
 * A multipart body that cannot be read is the sender's fault: a limit passed (413, as the
 * plugin says), or a form cut short or malformed (busboy's errors carry no status: 400).
 */
function unreadableForm(error: unknown): AppException {
  if (error instanceof AppException) return error;
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  const limit = code ? FORM_LIMITS[code] : undefined;
  if (limit) return new AppException(413, code!, limit);
  const status = typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : 400;
  return new AppException(status, 'BAD_FORM', {
    vi: 'Không đọc được biểu mẫu tải lên (bị cắt ngang hoặc sai định dạng multipart/form-data)',
    en: 'The uploaded form cannot be read (cut short, or not well-formed multipart/form-data)',
  });
}

const MB = 1024 * 1024;

/** A refusal about the file as a whole, in the shape of an import's reply (`errors`, `created: 0`). */
const fileRefusal = (status: number, code: string, messages: Bilingual) =>
  new AppException(status, code, messages, { errors: [{ row: 0, field: 'file', message: messages.en, vi: messages.vi }], created: 0 });

/**
 * Measures a .docx or .xlsx before any parser opens it (see archive-limits.ts): one that unzips
 * past the limits is refused here with 413. `unreadable` when it is not a sound ZIP archive, for
 * the caller to say so in its format's own words.
 */
export async function checkArchive(upload: Upload): Promise<'readable' | 'unreadable'> {
  const verdict = await measureArchive(upload.buffer);
  if (verdict.ok) return 'readable';
  if (verdict.reason === 'unreadable') return 'unreadable';
  const limits = `${ARCHIVE_LIMITS.maxExpandedBytes / MB} MB`;
  const entries = ARCHIVE_LIMITS.maxEntries.toLocaleString('en');
  throw fileRefusal(
    413,
    'ARCHIVE_TOO_LARGE',
    verdict.reason === 'too-many-entries'
      ? {
          vi: `Tệp nén có quá nhiều thành phần (tối đa ${ARCHIVE_LIMITS.maxEntries.toLocaleString('vi')})`,
          en: `The file holds too many parts (${entries} at most)`,
        }
      : { vi: `Tệp giải nén ra quá lớn (tối đa ${limits})`, en: `The file is too large once unzipped (${limits} at most)` },
  );
}

/**
 * Parses an upload in a worker thread (see parse-in-worker.ts). A file that takes the parser past
 * its time or memory is the file's fault: 422, and the app goes on serving.
 */
export async function parseUpload<T>(task: ParseTask, args: unknown[]): Promise<T> {
  try {
    return await parseInWorker<T>(task, args);
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw error;
    throw parseRefusal(error);
  }
}

export function parseRefusal(failure: ParseFailure): AppException {
  const seconds = PARSE_LIMITS.timeoutMs / 1000;
  const memory = PARSE_LIMITS.maxOldGenerationSizeMb;
  switch (failure.reason) {
    case 'time':
      return fileRefusal(422, 'IMPORT_TOO_COMPLEX', {
        vi: `Đọc tệp mất quá ${seconds} giây nên đã dừng: hãy chia tệp thành nhiều tệp nhỏ hơn`,
        en: `Reading the file took longer than ${seconds} s, so it was stopped: split it into smaller files`,
      });
    case 'memory':
      return fileRefusal(422, 'IMPORT_TOO_COMPLEX', {
        vi: `Đọc tệp cần quá ${memory} MB bộ nhớ nên đã dừng: hãy chia tệp thành nhiều tệp nhỏ hơn`,
        en: `Reading the file needed more than ${memory} MB of memory, so it was stopped: split it into smaller files`,
      });
    case 'busy':
      return new AppException(503, 'IMPORT_BUSY', {
        vi: 'Máy chủ đang đọc nhiều tệp khác; hãy thử lại sau ít phút',
        en: 'The server is reading many other files; try again in a few minutes',
      });
    default:
      return fileRefusal(422, 'IMPORT_INVALID', { vi: 'Không đọc được tệp', en: 'The file cannot be read' });
  }
}
