import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Socket } from 'socket.io';
import { Principal } from '../auth/principal';
import { clientErrorBody } from '../http/all-exceptions.filter';
import { AppException } from '../http/app-exception';
import { Errors } from '../http/errors';
import { preferredLanguage } from '../http/language';
import { toValidationException } from '../http/request-validation';
import { roundRoom, socketPrincipal } from '../live/live.gateway';
import { LiveAnswerDto, LiveJoinDto } from './dto/answer.dto';
import { PlayService } from './play.service';

type Ack = { ok: true; [field: string]: unknown } | { ok: false; statusCode: number; message: string | string[]; [field: string]: unknown };

/**
 * Live rounds on `/live`: participants join a round's room and answer there; organisers and
 * screens may join to follow it. Every ack says `ok`; a refusal carries the HTTP error body.
 */
@WebSocketGateway({ namespace: '/live' })
export class PlayGateway {
  constructor(private readonly play: PlayService) {}

  @SubscribeMessage('live:join')
  join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.handle(socket, LiveJoinDto, body, async (principal, { roundId }) => {
      if (principal.kind !== 'participant') {
        await socket.join(roundRoom(roundId));
        return { roundId, watching: true };
      }
      const attempt = await this.play.joinLive(roundId, principal.id);
      await socket.join(roundRoom(roundId));
      return { ...attempt };
    });
  }

  @SubscribeMessage('live:answer')
  answer(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const receivedAt = Date.now();
    return this.handle(socket, LiveAnswerDto, body, async (principal, dto) => {
      if (principal.kind !== 'participant') throw Errors.forbidden();
      return { ...(await this.play.answerLive(dto.roundId, principal.id, dto, receivedAt)) };
    });
  }

  private async handle<D extends object>(
    socket: Socket,
    dto: new () => D,
    body: unknown,
    work: (principal: Principal, dto: D) => Promise<Record<string, unknown>>,
  ): Promise<Ack> {
    const language = preferredLanguage(socket.handshake.headers['accept-language']);
    try {
      const principal = await socketPrincipal(socket);
      if (!principal) throw Errors.notSignedIn();
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new AppException(400, 'BAD_PAYLOAD', { vi: 'Dữ liệu gửi kèm phải là một đối tượng JSON', en: 'The payload must be a JSON object' });
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
}
