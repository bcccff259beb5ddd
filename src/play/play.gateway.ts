import { ConnectedSocket, MessageBody, OnGatewayConnection, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Socket } from 'socket.io';
import type { AckOf } from '../contract/events';
import { Errors } from '../http/errors';
import { roundRoom } from '../live/live.gateway';
import { handleSocketEvent } from '../live/socket-event';
import { LiveAnswerDto, LiveJoinDto } from './dto/answer.dto';
import { RacesService } from '../races/races.service';
import { PlayService } from './play.service';
import { attemptViewer, watcherViewer } from './choice-handles';
import { seat } from './live-seats';

/**
 * Live rounds on `/live`: participants join a round's room and answer there; organisers and
 * screens may join to follow it. Every ack says `ok`; a refusal carries the HTTP error body.
 */
@WebSocketGateway({ namespace: '/live' })
export class PlayGateway implements OnGatewayConnection {
  constructor(
    private readonly play: PlayService,
    private readonly races: RacesService,
  ) {}

  @SubscribeMessage('live:join')
  join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<AckOf<'live:join'>> {
    return handleSocketEvent(socket, LiveJoinDto, body, async (principal, { roundId }) => {
      if (principal.kind !== 'participant') {
        // Organisers follow rounds of the races they see; a screen, of the races it was made for.
        await this.races.getRound(roundId, principal);
        // Seated before joining the room, so no per-socket send finds it without its handles.
        seat(socket, roundId, watcherViewer(principal.kind, principal.id, roundId));
        await socket.join(roundRoom(roundId));
        return { roundId, watching: true };
      }
      const attempt = await this.play.joinLive(roundId, principal.id);
      seat(socket, roundId, attemptViewer(attempt.attemptId));
      await socket.join(roundRoom(roundId));
      return attempt;
    });
  }

  /**
   * `live:answer` is listened to on the socket itself, not through @SubscribeMessage: it is a
   * live round's hot path (10,000 in a couple of seconds) and Nest's per-message pipeline cost more than the answer's SQL.
   */
  handleConnection(socket: Socket): void {
    // The ack is the last argument whatever came before it: none, one payload, or extra ones.
    socket.on('live:answer', (...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as (reply: AckOf<'live:answer'>) => void) : undefined;
      void this.answer(socket, args[0], Date.now()).then((reply) => ack?.(reply));
    });
  }

  private answer(socket: Socket, body: unknown, receivedAt: number): Promise<AckOf<'live:answer'>> {
    return handleSocketEvent(socket, LiveAnswerDto, body, async (principal, dto) => {
      if (principal.kind !== 'participant') throw Errors.forbidden();
      return this.play.answerLive(dto.roundId, principal.id, dto, receivedAt);
    });
  }
}
