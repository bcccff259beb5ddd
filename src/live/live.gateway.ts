import { Inject, OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Namespace, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../access/principal';
import { SessionEnding, SessionEndings, SessionOwner } from '../access/session-endings';
import { AppConfig } from '../config/config';
import { errorText } from '../contract/errors';
import type { AckRefusal, ServerEvents, SocketError } from '../contract/events';
import { APP_CONFIG } from '../config/config.module';
import { AppException } from '../http/app-exception';
import { preferredLanguage } from '../http/language';
import { MetricsService } from '../metrics/metrics.service';
import { SocketCap } from './socket-cap';
import { MAX_SOCKETS, SocketOwnerKind } from './socket-rules';

interface SocketData {
  principal?: Principal;
  /** The token's own session id (organisers'), so an ending that spares that session spares its sockets. */
  sessionId?: string | null;
  /** Settles when the handshake's token has been checked; handlers wait for it. */
  signedIn?: Promise<Principal | null>;
}

/** The events a client may send; anything else is answered with `error`. */
const CLIENT_EVENTS = new Set(['board:subscribe', 'live:join', 'live:answer']);

/** Per socket: a burst of 30 events, then 10 a second. A flooding client is refused, not the others. */
const BURST = 30;
const PER_SECOND = 10;

/** The room of everyone following a live round. */
export const roundRoom = (roundId: number) => `round:${roundId}`;

/** The room of every socket signed in as one account (or screen), on every instance. */
const sessionRoom = (owner: SessionOwner) => `session:${owner.kind}:${owner.id}`;

/** Sent across instances when an account's sessions end, so each closes its own sockets. */
const SESSIONS_ENDED = 'sessions:ended';

/** Sent across instances with a per-socket send (eachInRound), so each instance shapes it for its own sockets. */
const EACH_IN_ROUND = 'round:each';

/** Sockets shaped before the event loop is given back: a live round may hold 10,000 of them. */
const EACH_BATCH = 500;

/** How one socket is sent an event of eachInRound; null: that socket gets nothing. */
type Shaper = (socket: Socket, carried: unknown) => unknown;

/** The `error` a socket gets before the server closes it for good, in the socket's language. */
const ended = (socket: Socket): SocketError => ({
  code: 'SESSION_ENDED',
  message: errorText('SESSION_ENDED')[preferredLanguage(socket.handshake.headers['accept-language'])],
});

/** The `error` a socket gets when its token already holds as many sockets as it may. */
const tooManyConnections = (socket: Socket, kind: SocketOwnerKind): SocketError => ({
  code: 'TOO_MANY_CONNECTIONS',
  message: errorText('TOO_MANY_CONNECTIONS', MAX_SOCKETS[kind])[preferredLanguage(socket.handshake.headers['accept-language'])],
});

const sendError = (socket: Socket, error: SocketError) => socket.emit('error', error);

/** setTimeout's longest delay; a token that lasts longer is ended by the check at its next connection. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** The caller behind a socket once its handshake is checked; null when it was refused. */
export function socketPrincipal(socket: Socket): Promise<Principal | null> {
  return (socket.data as SocketData).signedIn ?? Promise.resolve(null);
}

/**
 * The `/live` namespace. The handshake carries the access token (`auth: { token }`); a socket
 * without a valid one is told why and disconnected. Services decide what to send through `send`.
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, OnModuleInit {
  @WebSocketServer()
  private readonly namespace!: Namespace;
  private readonly shapers = new Map<string, Shaper>();

  constructor(
    private readonly auth: AuthService,
    private readonly metrics: MetricsService,
    private readonly endings: SessionEndings,
    private readonly cap: SocketCap,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.endings.listen((owner) => this.endSessions(owner));
  }

  afterInit(namespace: Namespace): void {
    namespace.on(SESSIONS_ENDED, (ending: SessionEnding) => this.closeHere(ending));
    namespace.on(EACH_IN_ROUND, ({ event, roundId, carried }: { event: string; roundId: number; carried: unknown }) => this.eachHere(event, roundId, carried));
  }

  async handleConnection(socket: Socket): Promise<void> {
    const token: unknown = socket.handshake.auth?.token;
    const data = socket.data as SocketData;
    this.screen(socket);
    const claims = typeof token === 'string' ? this.auth.verifyAccessToken(token) : null;
    // In the account's room before the database is asked: an ending committed after that answer still reaches this socket.
    if (claims) void socket.join(sessionRoom({ kind: claims.kind as SessionOwner['kind'], id: claims.id }));
    data.sessionId = claims?.sessionId;
    let sessionOver = false;
    let overCap: SocketOwnerKind | null = null;
    data.signedIn = claims
      ? this.auth
          .principalForClaims(claims)
          .catch((error: unknown) => {
            sessionOver = error instanceof AppException && error.code === 'SESSION_ENDED';
            return null;
          })
          // Counted once the token is known good, and before any event is handled: a refused socket does nothing.
          .then(async (principal) => {
            if (!principal || (await this.cap.admit(socket.id, principal))) return principal;
            overCap = principal.kind;
            return null;
          })
      : Promise.resolve(null);
    const principal = await data.signedIn;
    if (!principal) {
      sendError(
        socket,
        overCap
          ? tooManyConnections(socket, overCap)
          : sessionOver
            ? ended(socket)
            : { message: 'Sign in first: send auth: { token } with a valid access token' },
      );
      socket.disconnect(true);
      return;
    }
    data.principal = principal;
    this.metrics.openSockets.inc();
    if (claims?.expiresAt && claims.expiresAt - Date.now() < LONGEST_TIMER_MS) {
      const expiry = setTimeout(() => this.close(socket), Math.max(0, claims.expiresAt - Date.now()));
      expiry.unref();
      socket.once('disconnect', () => clearTimeout(expiry));
    }
  }

  /** Closes the account's sockets (but the spared session's), here and (through the Redis adapter) on every other instance. */
  private endSessions(ending: SessionEnding): void {
    if (!this.namespace) return;
    this.closeHere(ending);
    // Only the Redis adapter carries server-side events; alone, this instance holds every socket.
    if (this.config.redisUrl) this.namespace.serverSideEmit(SESSIONS_ENDED, ending);
  }

  private closeHere(ending: SessionEnding): void {
    for (const id of this.namespace.adapter.rooms.get(sessionRoom(ending)) ?? []) {
      const socket = this.namespace.sockets.get(id);
      if (socket && !(ending.keep && (socket.data as SocketData).sessionId === ending.keep)) this.close(socket);
    }
  }

  private close(socket: Socket): void {
    sendError(socket, ended(socket));
    socket.disconnect(true);
  }

  /** Checks every incoming event before its handler: known, and within the socket's budget. */
  private screen(socket: Socket): void {
    let tokens = BURST;
    let refilledAt = Date.now();
    socket.use((packet, next) => {
      const [event] = packet;
      const last: unknown = packet[packet.length - 1];
      const ack = typeof last === 'function' ? (last as (reply: AckRefusal) => void) : null;
      const refuse = (statusCode: number, message: string) => {
        if (ack) ack({ ok: false, statusCode, message });
        else sendError(socket, { message });
      };
      if (!CLIENT_EVENTS.has(event)) return refuse(400, `Unknown event "${String(event).slice(0, 50)}"; known: ${[...CLIENT_EVENTS].join(', ')}`);
      const now = Date.now();
      tokens = Math.min(BURST, tokens + ((now - refilledAt) / 1000) * PER_SECOND);
      refilledAt = now;
      if (tokens < 1) return refuse(429, 'Too many events: slow down');
      tokens -= 1;
      next();
    });
  }

  handleDisconnect(socket: Socket): void {
    this.cap.release(socket.id);
    if ((socket.data as SocketData).principal) this.metrics.openSockets.dec();
  }

  /** To every socket on every instance (the Redis adapter carries it across). */
  broadcast<E extends keyof ServerEvents>(event: E, payload: ServerEvents[E]): void {
    this.namespace?.emit(event, payload);
  }

  /** To everyone following a live round, on every instance. */
  toRound<E extends keyof ServerEvents>(roundId: number, event: E, payload: ServerEvents[E]): void {
    this.namespace?.to(roundRoom(roundId)).emit(event, payload);
  }

  /** How `event` is shaped for each socket from what eachInRound carries (registered on every instance alike). */
  shapeEach<E extends keyof ServerEvents, T>(event: E, shape: (socket: Socket, carried: T) => ServerEvents[E] | null): void {
    this.shapers.set(event, shape as Shaper);
  }

  /**
   * To everyone following a live round, each socket its own payload (see shapeEach), on every
   * instance: `carried` travels between instances only (through Redis), never to a client.
   */
  eachInRound<E extends keyof ServerEvents, T>(event: E, roundId: number, carried: T): void {
    if (!this.namespace) return;
    this.eachHere(event, roundId, carried);
    if (this.config.redisUrl) this.namespace.serverSideEmit(EACH_IN_ROUND, { event, roundId, carried });
  }

  private eachHere(event: string, roundId: number, carried: unknown): void {
    const shape = this.shapers.get(event);
    if (!shape) return;
    const ids = [...(this.namespace.adapter.rooms.get(roundRoom(roundId)) ?? [])];
    const batch = (from: number) => {
      for (const id of ids.slice(from, from + EACH_BATCH)) {
        const socket = this.namespace.sockets.get(id);
        const payload = socket && shape(socket, carried);
        if (payload) socket.emit(event, payload);
      }
      if (from + EACH_BATCH < ids.length) setImmediate(() => batch(from + EACH_BATCH));
    };
    batch(0);
  }
}
