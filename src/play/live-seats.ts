import { Socket } from 'socket.io';

/**
 * Whose choice handles a socket following a live round gets: its participant's attempt, or the
 * organiser or screen watching. Kept on the socket by live:join, read by each per-socket send.
 */
interface Seated {
  liveSeats?: Record<number, string>;
}

export function seat(socket: Socket, roundId: number, viewer: string): void {
  const data = socket.data as Seated;
  (data.liveSeats ??= {})[roundId] = viewer;
}

export function seatOf(socket: Socket, roundId: number): string | undefined {
  return (socket.data as Seated).liveSeats?.[roundId];
}
