import { OnGatewayConnection, OnGatewayDisconnect, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Namespace, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../auth/principal';
import { MetricsService } from '../metrics/metrics.service';

/** What the server sends on `/live`, by event name. */
export interface LiveEvents {
  'round:status': { roundId: number; raceId: number; status: string };
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
    const principal = typeof token === 'string' ? await this.auth.principalFor(token).catch(() => null) : null;
    if (!principal) {
      socket.emit('error', { message: 'Sign in first: send auth: { token } with a valid access token' });
      socket.disconnect(true);
      return;
    }
    (socket.data as { principal?: Principal }).principal = principal;
    this.metrics.openSockets.inc();
  }

  handleDisconnect(socket: Socket): void {
    if ((socket.data as { principal?: Principal }).principal) this.metrics.openSockets.dec();
  }

  /** To every socket on every instance (the Redis adapter carries it across). */
  broadcast<E extends keyof LiveEvents>(event: E, payload: LiveEvents[E]): void {
    this.namespace?.emit(event, payload);
  }
}
