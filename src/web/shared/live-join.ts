import { useEffect, useRef, useState } from 'preact/hooks';
import { Socket } from 'socket.io-client';
import { ask, connectLive, onSessionEnded } from './live';
import type { LiveReveal } from '../../contract/events';
import type { LiveExtend } from '../../contract/play';

/**
 * A `/live` socket of the page's own while the component is mounted, a new one whenever `key`
 * changes; none without a token. `online` follows the connection. When the server ends the token's
 * session the socket is closed for good (reconnecting would only be refused) and `onEnded` is called.
 */
export function useLiveSocket(token: string | null, key: unknown, onEnded: () => void): { socket: Socket | null; online: boolean } {
  const [socket, setSocket] = useState<Socket | null>(null);
  const [online, setOnline] = useState(true);
  const ended = useRef(onEnded);
  ended.current = onEnded;

  useEffect(() => {
    if (!token) return;
    const live = connectLive(token);
    live.on('connect', () => setOnline(true));
    live.on('disconnect', () => setOnline(false));
    const stop = onSessionEnded(live, () => {
      live.disconnect();
      ended.current();
    });
    setSocket(live);
    return () => {
      stop();
      live.removeAllListeners();
      live.disconnect();
      setSocket(null);
    };
  }, [token, key]);

  return { socket, online };
}

/** Calls `then` now if the socket is connected and again on every reconnection (a new connection is in no room). Returns a function that stops. */
export function onEveryConnection(socket: Socket, then: () => void): () => void {
  socket.on('connect', then);
  if (socket.connected) then();
  return () => {
    socket.off('connect', then);
  };
}

/** The reply to `live:join`: a participant's also carries their score and the question being shown. */
export interface LiveJoinAck<Q> {
  ok: boolean;
  message?: string;
  score?: number;
  question?: Q | null;
  finished?: boolean;
}

export interface LiveRoundEvents<Q> {
  /** The server took the join: the first one and each after a reconnection. */
  onJoined?: (ack: LiveJoinAck<Q>) => void;
  onRefused?: (message: string | undefined) => void;
  /** The join went unanswered in time. */
  onUnanswered?: () => void;
  onQuestion?: (question: Q) => void;
  onReveal?: (reveal: LiveReveal) => void;
  /** The host gave the question on now more time. */
  onExtend?: (extend: LiveExtend) => void;
  onEnd?: () => void;
  /** The round was closed (by the host or its closing time). */
  onClosed?: () => void;
}

/**
 * Joins a live round's room on `socket` now and after every reconnection, and passes on that round's
 * events (the latest handlers given). Returns whether the last join was taken. Stops listening on
 * unmount; there is no leave event, the room is left when the socket closes.
 */
export function useLiveRound<Q>(socket: Socket | null, roundId: number, events: LiveRoundEvents<Q>): boolean {
  const [joined, setJoined] = useState(false);
  const handlers = useRef(events);
  handlers.current = events;

  useEffect(() => {
    if (!socket) return;
    let listening = true;
    const join = () =>
      void ask<LiveJoinAck<Q>>(socket, 'live:join', { roundId }).then(
        (ack) => {
          if (!listening) return;
          setJoined(ack.ok);
          if (ack.ok) handlers.current.onJoined?.(ack);
          else handlers.current.onRefused?.(ack.message);
        },
        () => {
          if (!listening) return;
          setJoined(false);
          handlers.current.onUnanswered?.();
        },
      );
    const forRound =
      <E extends { roundId: number }>(listener: (event: E) => void) =>
      (event: E) => {
        if (event.roundId === roundId) listener(event);
      };
    const onQuestion = forRound((event: { roundId: number; question: Q }) => handlers.current.onQuestion?.(event.question));
    const onReveal = forRound((event: LiveReveal) => handlers.current.onReveal?.(event));
    const onExtend = forRound((event: LiveExtend) => handlers.current.onExtend?.(event));
    const onEnd = forRound(() => handlers.current.onEnd?.());
    const onStatus = forRound((event: { roundId: number; status: string }) => event.status === 'closed' && handlers.current.onClosed?.());
    const onDisconnect = () => setJoined(false);
    socket.on('live:question', onQuestion);
    socket.on('live:reveal', onReveal);
    socket.on('live:extend', onExtend);
    socket.on('live:end', onEnd);
    socket.on('round:status', onStatus);
    socket.on('disconnect', onDisconnect);
    const stopJoining = onEveryConnection(socket, join);
    return () => {
      listening = false;
      stopJoining();
      socket.off('live:question', onQuestion);
      socket.off('live:reveal', onReveal);
      socket.off('live:extend', onExtend);
      socket.off('live:end', onEnd);
      socket.off('round:status', onStatus);
      socket.off('disconnect', onDisconnect);
    };
  }, [socket, roundId]);

  return joined;
}
