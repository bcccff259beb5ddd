import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Socket } from 'socket.io';
import { Principal } from '../access/principal';
import type { Ack } from '../contract/events';
import { clientErrorBody } from '../http/all-exceptions.filter';
import { Errors } from '../http/errors';
import { preferredLanguage } from '../http/language';
import { toValidationException } from '../http/request-validation';
import { socketPrincipal } from './live.gateway';

/**
 * One client event, checked as an HTTP body would be: signed in, a JSON object that passes the
 * DTO's rules. The ack says `ok`; a refusal carries the HTTP error body in the socket's language.
 * The caller declares the event's ack (`AckOf<'live:join'>`), which types what `work` returns.
 */
export async function handleSocketEvent<D extends object, R extends object>(
  socket: Socket,
  dto: new () => D,
  body: unknown,
  work: (principal: Principal, input: D) => Promise<R>,
): Promise<Ack<R>> {
  const language = preferredLanguage(socket.handshake.headers['accept-language']);
  try {
    const principal = await socketPrincipal(socket);
    if (!principal) throw Errors.notSignedIn();
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw Errors.of('BAD_PAYLOAD');
    }
    const input = plainToInstance(dto, body);
    const problems = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
    if (problems.length) throw toValidationException(problems);
    return { ok: true, ...(await work(principal, input)) };
  } catch (error) {
    const refusal = clientErrorBody(error, language);
    if (!refusal) throw error;
    return { ok: false, ...refusal };
  }
}
