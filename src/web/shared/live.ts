import { Socket, io } from 'socket.io-client';
import type { Ack, ClientEvent, ClientEvents, SocketError } from '../../contract/events';

/** The `/live` namespace with the page's token; socket.io reconnects by itself. */
export function connectLive(token: string): Socket {
  return io('/live', { auth: { token }, transports: ['websocket', 'polling'] });
}

/** Emits with an ack, or rejects after `timeoutMs` (the caller retries). */
export function ask<T = Ack<ClientEvents[ClientEvent]['reply']>, E extends ClientEvent = ClientEvent>(
  socket: Socket,
  event: E,
  payload: ClientEvents[E]['payload'],
  timeoutMs = 8_000,
): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/**
 * Calls `handler` when the server says the socket's session has ended (it then disconnects the
 * socket, which must not reconnect with the dead token). Returns a function that stops listening.
 */
export function onSessionEnded(socket: Socket, handler: () => void): () => void {
  const listener = (payload: Partial<SocketError> | undefined) => {
    if (payload?.code === 'SESSION_ENDED') handler();
  };
  socket.on('error', listener);
  return () => {
    socket.off('error', listener);
  };
}
