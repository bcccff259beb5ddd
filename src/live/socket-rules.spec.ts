import { MAX_SOCKETS, mayOpenSocket } from './socket-rules';

describe('mayOpenSocket', () => {
  it('lets each kind of token open up to its cap and no more', () => {
    for (const kind of ['participant', 'organiser', 'screen'] as const) {
      expect(mayOpenSocket(kind, 0)).toBe(true);
      expect(mayOpenSocket(kind, MAX_SOCKETS[kind] - 1)).toBe(true);
      expect(mayOpenSocket(kind, MAX_SOCKETS[kind])).toBe(false);
      expect(mayOpenSocket(kind, MAX_SOCKETS[kind] + 1)).toBe(false);
    }
  });

  it('leaves a phone room for the sockets of a dropped network the server has not noticed yet', () => {
    expect(MAX_SOCKETS.participant).toBeGreaterThanOrEqual(3);
    expect(MAX_SOCKETS.organiser).toBeGreaterThanOrEqual(MAX_SOCKETS.participant);
  });
});
