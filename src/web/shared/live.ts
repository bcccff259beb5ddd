import { Socket, io } from 'socket.io-client';

/** The `/live` namespace with the page's token; socket.io reconnects by itself. */
export function connectLive(token: string): Socket {
  return io('/live', { auth: { token }, transports: ['websocket', 'polling'] });
}

/** Emits with an ack, or rejects after `timeoutMs` (the caller retries). */
export function ask<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 8_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}
