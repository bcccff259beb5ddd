/** Who holds sockets: the kinds of access token. */
export type SocketOwnerKind = 'participant' | 'organiser' | 'screen';

/**
 * Open `/live` sockets one account (participant, organiser) or one screen token may hold at once,
 * on every instance together. A phone needs one, and a few more while a dropped network's old
 * socket is still counted (the server notices a vanished phone within pingInterval + pingTimeout,
 * 45 s); an organiser keeps the console open in several tabs; a screen token may be shown on a few
 * screens of one hall. Beyond that, one leaked token could open thousands.
 */
export const MAX_SOCKETS: Readonly<Record<SocketOwnerKind, number>> = {
  participant: 5,
  organiser: 10,
  screen: 10,
};

/** Whether one more socket may open beside the `open` ones its owner holds. */
export function mayOpenSocket(kind: SocketOwnerKind, open: number): boolean {
  return open < MAX_SOCKETS[kind];
}
