import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import { LogLevel } from '../config/config';
import { stdoutDestination } from './stdout-destination';

const REDACTED = '[redacted]';

// A screen's link (/screen?token=) and a participant's join link (/?join=) carry their credential
// in the address; whoever reads the logs must not be able to open them.
const SECRET_PARAMETERS = /([?&](?:token|join)=)[^&#\s"\\]*/gi;

// Where a request's or a socket's credentials would sit, should anyone log its headers.
const CREDENTIAL_PATHS = [
  ...['headers', 'req.headers', 'request.headers', 'handshake.headers'].flatMap((at) => [`${at}.authorization`, `${at}.cookie`]),
  'handshake.auth.token',
];

/** The text with the values of `token` and `join` query parameters replaced, wherever an address appears in it. */
export function redactSecretParameters(text: string): string {
  return text.replace(SECRET_PARAMETERS, `$1${REDACTED}`);
}

export function createLogger(level: LogLevel, destination: DestinationStream = stdoutDestination()): Logger {
  return pino(
    {
      level,
      base: { app: 'ai-race' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: CREDENTIAL_PATHS, censor: REDACTED },
      // On the finished line rather than per field, so an address in a message or an error's
      // stack is covered as well as Fastify's request lines.
      hooks: { streamWrite: redactSecretParameters },
    },
    destination,
  );
}

/** Lets Nest's own messages go through the same pino logger as Fastify's request logs. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
