import { HttpException } from '@nestjs/common';
import { Bilingual } from './language';

/**
 * A refusal the client can act on: an HTTP status, a stable code for programs and a message
 * in both languages for people. Extra fields (an import's `errors`, say) go into the body as is.
 */
export class AppException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly messages: Bilingual,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(messages.en, status);
  }
}
