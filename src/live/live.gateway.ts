import { OnGatewayConnection, OnGatewayDisconnect, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Namespace, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../auth/principal';
import { MetricsService } from '../metrics/metrics.service';

/** What the server sends on `/live`, by event name. */
export interface LiveEvents {
  'round:status': { roundId: number; raceId: number; status: string };
  'live:question': { roundId: number; question: unknown };
  'live:reveal': { roundId: number; questionId: number; correctChoiceIds?: number[]; counts: Record<string, number>; answered: number };
  'live:end': { roundId: number };
}

interface SocketData {
  principal?: Principal;
  /** Settles when the handshake's token has been checked; handlers wait for it. */
  signedIn?: Promise<Principal | null>;
}

/** The room of everyone following a live round. */
export const roundRoom = (roundId: number) => `round:${roundId}`;

/** The caller behind a socket once its handshake is checked; null when it was refused. */
export function socketPrincipal(socket: Socket): Promise<Principal | null> {
  return (socket.data as SocketData).signedIn ?? Promise.resolve(null);
}

/**
 * The `/live` namespace. The handshake carries the access token (`auth: { token }`); a socket
 * without a valid one is told why and disconnected. Services decide what to send through `send`.
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer()
  private readonly namespace!: Namespace;

  constructor(
    private readonly auth: AuthService,
    private readonly metrics: MetricsService,
  ) {}

  async handleConnection(socket: Socket): Promise<void> {
    const token: unknown = socket.handshake.auth?.token;
    const data = socket.data as SocketData;
    data.signedIn = typeof token === 'string' ? this.auth.principalFor(token).catch(() => null) : Promise.resolve(null);
    const principal = await data.signedIn;
    if (!principal) {
      socket.emit('error', { message: 'Sign in first: send auth: { token } with a valid access token' });
      socket.disconnect(true);
      return;
    }
    data.principal = principal;
    this.metrics.openSockets.inc();
  }

  handleDisconnect(socket: Socket): void {
    if ((socket.data as SocketData).principal) this.metrics.openSockets.dec();
  }

  /** To every socket on every instance (the Redis adapter carries it across). */
  broadcast<E extends keyof LiveEvents>(event: E, payload: LiveEvents[E]): void {
    this.namespace?.emit(event, payload);
  }

  /** To everyone following a live round, on every instance. */
  toRound<E extends keyof LiveEvents>(roundId: number, event: E, payload: LiveEvents[E]): void {
    this.namespace?.to(roundRoom(roundId)).emit(event, payload);
  }
}
