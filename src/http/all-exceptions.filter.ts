import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'pino';
import { QueryFailedError } from 'typeorm';
import { ERRORS } from '../contract/errors';
import { AppException } from './app-exception';
import { Bilingual, Language, preferredLanguage } from './language';
import { RequestValidationException, describeProblem } from './request-validation';

// Fastify rejects some requests before Nest sees them; these say what went wrong in words.
const FASTIFY_CLIENT_ERRORS: Record<string, Bilingual> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { vi: 'Nội dung JSON không hợp lệ', en: 'The body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    vi: 'Nội dung JSON trống dù đã khai báo Content-Type: application/json',
    en: 'The body is empty although Content-Type is application/json',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    vi: 'Kiểu nội dung (Content-Type) không được hỗ trợ; hãy gửi application/json',
    en: 'Unsupported Content-Type; send application/json',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { vi: 'Nội dung gửi lên quá lớn', en: 'The body is too large' },
  FST_REQ_FILE_TOO_LARGE: { vi: 'Tệp tải lên quá lớn', en: 'The uploaded file is too large' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    vi: 'Hãy gửi tệp dưới dạng multipart/form-data với trường «file»',
    en: 'Send the file as multipart/form-data in a field named "file"',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    vi: 'Content-Length không khớp với nội dung gửi lên',
    en: 'Content-Length does not match the body',
  },
};

// Two requests raced past a service's own check; the database's keys decided.
const CONSTRAINT_CODES = new Set(['23505', '23503', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_FOREIGNKEY', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

// PostgreSQL refuses NUL (U+0000) in text with 22021; SQLite stores it. Only a client's input (a
// body, a query string, a cell of an uploaded file) can carry one, so it is refused as bad input.
const NUL_IN_TEXT = '22021';

const INTERNAL: Bilingual = {
  vi: 'Máy chủ gặp lỗi ngoài dự kiến. Hãy thử lại; nếu vẫn lỗi, báo mã yêu cầu cho ban tổ chức.',
  en: 'Something went wrong on the server. Try again; if it persists, give the organisers the request id.',
};

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  [extra: string]: unknown;
}

/** Every HTTP error leaves in CONTRACT's shape; a 500 is logged with its request id and says nothing inside. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const language = preferredLanguage(request.headers['accept-language']);
    const body = this.describe(exception, language, request);
    if (reply.sent) return;
    reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private describe(exception: unknown, language: Language, request: FastifyRequest): ErrorBody {
    const body = clientErrorBody(exception, language);
    if (body) return body;
    const statusCode = HttpStatus.INTERNAL_SERVER_ERROR;
    this.logger.error({ reqId: request.id, err: exception, url: request.url }, 'Unhandled error');
    return { statusCode, error: reasonPhrase(statusCode), message: INTERNAL[language], requestId: request.id };
  }
}

/** The body of a refusal the client caused, in its language; null for a fault of the server. Sockets reuse it for failed acks. */
export function clientErrorBody(exception: unknown, language: Language): ErrorBody | null {
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const statusCode = exception.getStatus();
    const base = { statusCode, error: reasonPhrase(statusCode) };
    if (exception instanceof RequestValidationException) {
      return {
        ...base,
        message: exception.problems.map((problem) => describeProblem(problem, language)),
        fields: exception.problems.map((problem) => problem.field),
      };
    }
    if (exception instanceof AppException) {
      return { ...base, ...localised(exception.extra, language), code: exception.code, message: exception.messages[language] };
    }
    const code = (exception.cause as { code?: string } | undefined)?.code;
    const known = code ? FASTIFY_CLIENT_ERRORS[code] : undefined;
    if (known) return { ...base, message: known[language] };
    return { ...base, message: nestMessage(exception, language) };
  }
  const driverCode = exception instanceof QueryFailedError ? ((exception.driverError as { code?: string })?.code ?? '') : null;
  if (driverCode !== null && CONSTRAINT_CODES.has(driverCode)) {
    return catalogued('CONSTRAINT', language);
  }
  if (driverCode === NUL_IN_TEXT) return catalogued('UNSTORABLE_TEXT', language);
  return null;
}

/** A refusal the database made, worded from the catalogue. */
function catalogued(code: 'CONSTRAINT' | 'UNSTORABLE_TEXT', language: Language): ErrorBody {
  const { status, text } = ERRORS[code];
  return { statusCode: status, error: reasonPhrase(status), code, message: text[language] };
}

function nestMessage(exception: HttpException, language: Language): string | string[] {
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : ((response as { message?: string | string[] }).message ?? exception.message);
  const unknownRoute = typeof message === 'string' ? /^Cannot (\w+) (.*)$/.exec(message) : null;
  if (unknownRoute && exception.getStatus() === 404) {
    return language === 'vi' ? `Không có đường dẫn ${unknownRoute[1]} ${unknownRoute[2]}` : `No route for ${unknownRoute[1]} ${unknownRoute[2]}`;
  }
  return message;
}

/** Import problems carry both wordings (`message` English, `vi`); the reply keeps the caller's. */
function localised(extra: Record<string, unknown>, language: Language): Record<string, unknown> {
  if (!Array.isArray(extra.errors)) return extra;
  const errors = (extra.errors as Array<{ message: string; vi?: string }>).map(({ vi, ...problem }) => ({
    ...problem,
    message: language === 'vi' && vi ? vi : problem.message,
  }));
  return { ...extra, errors };
}

function reasonPhrase(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}
