import { HttpException } from '@nestjs/common';
import { ErrorCode } from '../contract/errors';
import { Bilingual } from './language';

/**
 * A refusal the client can act on: an HTTP status, a stable code for programs and a message
 * in both languages for people. Extra fields (an import's `errors`, say) go into the body as is.
 * Made through `Errors.of(code, ...)`, which takes the status and wording from the catalogue.
 */
export class AppException extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    readonly messages: Bilingual,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(messages.en, status);
  }

  /** The same refusal with more fields in its body. */
  with(extra: Record<string, unknown>): AppException {
    return new AppException(this.getStatus(), this.code, this.messages, { ...this.extra, ...extra });
  }
}
