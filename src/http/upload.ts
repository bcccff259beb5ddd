import '@fastify/multipart';
import { FastifyRequest } from 'fastify';
import { ERRORS, errorText } from '../contract/errors';
import { AppException } from './app-exception';
import { ARCHIVE_LIMITS, measureArchive } from './archive-limits';
import { Errors } from './errors';
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
    throw Errors.of('NOT_MULTIPART');
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
    throw Errors.of('NO_FILE');
  }
  // Every import format starts with something; an empty file is refused here rather than by each reader.
  if (!upload.buffer.length) {
    throw Errors.of('IMPORT_INVALID', 'empty').with({ errors: [{ row: 0, field: 'file', message: 'The file is empty', vi: 'Tệp trống' }], created: 0 });
  }
  return { ...upload, fields };
}

// @fastify/multipart's limits, each with its own wording in the catalogue.
const FORM_LIMITS = ['FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PARTS_LIMIT', 'FST_REQ_FILE_TOO_LARGE'] as const;
const isFormLimit = (code: string): code is (typeof FORM_LIMITS)[number] => (FORM_LIMITS as readonly string[]).includes(code);

/**
 * A multipart body that cannot be read is the sender's fault: a limit passed (413, as the
 * plugin says), or a form cut short or malformed (busboy's errors carry no status: 400).
 */
function unreadableForm(error: unknown): AppException {
  if (error instanceof AppException) return error;
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  if (code && isFormLimit(code)) return Errors.of(code);
  // The plugin's own 4xx, when it names one, says more than the catalogue's 400.
  const status = typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : ERRORS.BAD_FORM.status;
  return new AppException(status, 'BAD_FORM', errorText('BAD_FORM'));
}

const MB = 1024 * 1024;

/** A refusal about the file as a whole, in the shape of an import's reply (`errors`, `created: 0`). */
const fileRefusal = (refusal: AppException) =>
  refusal.with({ errors: [{ row: 0, field: 'file', message: refusal.messages.en, vi: refusal.messages.vi }], created: 0 });

/**
 * Measures a .docx or .xlsx before any parser opens it (see archive-limits.ts): one that unzips
 * past the limits is refused here with 413. `unreadable` when it is not a sound ZIP archive, for
 * the caller to say so in its format's own words.
 */
export async function checkArchive(upload: Upload): Promise<'readable' | 'unreadable'> {
  const verdict = await measureArchive(upload.buffer);
  if (verdict.ok) return 'readable';
  if (verdict.reason === 'unreadable') return 'unreadable';
  throw fileRefusal(
    Errors.of(
      'ARCHIVE_TOO_LARGE',
      verdict.reason === 'too-many-entries' ? { maxEntries: ARCHIVE_LIMITS.maxEntries } : { maxExpanded: `${ARCHIVE_LIMITS.maxExpandedBytes / MB} MB` },
    ),
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
  switch (failure.reason) {
    case 'time':
      return fileRefusal(Errors.of('IMPORT_TOO_COMPLEX', { seconds: PARSE_LIMITS.timeoutMs / 1000 }));
    case 'memory':
      return fileRefusal(Errors.of('IMPORT_TOO_COMPLEX', { megabytes: PARSE_LIMITS.maxOldGenerationSizeMb }));
    case 'busy':
      return Errors.of('IMPORT_BUSY');
    default:
      return fileRefusal(Errors.of('IMPORT_INVALID', 'unreadable'));
  }
}
