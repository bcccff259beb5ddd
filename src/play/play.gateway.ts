import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Socket } from 'socket.io';
import { Errors } from '../http/errors';
import { roundRoom } from '../live/live.gateway';
import { Ack, handleSocketEvent } from '../live/socket-event';
import { LiveAnswerDto, LiveJoinDto } from './dto/answer.dto';
import { PlayService } from './play.service';

/**
 * Live rounds on `/live`: participants join a round's room and answer there; organisers and
 * screens may join to follow it. Every ack says `ok`; a refusal carries the HTTP error body.
 */
@WebSocketGateway({ namespace: '/live' })
export class PlayGateway {
  constructor(private readonly play: PlayService) {}

  @SubscribeMessage('live:join')
  join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return handleSocketEvent(socket, LiveJoinDto, body, async (principal, { roundId }) => {
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
    return handleSocketEvent(socket, LiveAnswerDto, body, async (principal, dto) => {
      if (principal.kind !== 'participant') throw Errors.forbidden();
      return { ...(await this.play.answerLive(dto.roundId, principal.id, dto, receivedAt)) };
    });
  }
}
