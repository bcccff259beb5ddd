import Redis from 'ioredis';
import { AddressInfo } from 'node:net';
import { Socket, io } from 'socket.io-client';
import { MAX_SOCKETS } from '../src/live/socket-rules';
import { OrgFactory } from './support/org-factory';
import { TestApp, eventually, startTestApp } from './support/test-app';
import { scaledProfile } from './support/test-database';

// On PostgreSQL + Redis two app instances share the counts, as behind a load balancer.
const { databaseUrl, redisUrl } = scaledProfile();
const INSTANCES = databaseUrl && redisUrl ? 2 : 1;

/** A socket as the test sees it: connected or not, and the `error` the server sent it, if any. */
interface Tried {
  socket: Socket;
  refusal?: { code?: string; message: string };
}

/**
 * One token holds at most MAX_SOCKETS of its kind on `/live`, on every instance together: the
 * next connection is told TOO_MANY_CONNECTIONS and closed, and a closed socket frees its place.
 */
describe(`sockets per token (${INSTANCES} instance${INSTANCES > 1 ? 's' : ''})`, () => {
  let t: TestApp;
  let other: TestApp;
  const urls: string[] = [];
  const sockets: Socket[] = [];
  let make: OrgFactory;

  beforeAll(async () => {
    t = await startTestApp();
    other = INSTANCES > 1 ? await startTestApp({ database: t.database, redisPrefix: t.config.redisPrefix }) : t;
    for (const instance of new Set([t, other])) {
      await instance.app.listen(0, '127.0.0.1');
      urls.push(`http://127.0.0.1:${(instance.app.getHttpServer().address() as AddressInfo).port}/live`);
    }
    make = new OrgFactory(t);
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    if (other !== t) await other.close({ keepData: true });
    await t.close();
  });

  /** Opens a socket on instance `i` (round robin) and resolves once the server has admitted it (an ack comes back) or refused it. */
  const open = async (token: string, i: number): Promise<Tried> => {
    const socket = io(urls[i % urls.length], { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    sockets.push(socket);
    const tried: Tried = { socket };
    socket.on('error', (error: { code?: string; message: string }) => (tried.refusal = error));
    const closed = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    // Handlers wait for the admission: a bad board is answered (400) only on an admitted socket; a refused one is closed first.
    await Promise.race([
      socket
        .timeout(5000)
        .emitWithAck('board:subscribe', { board: 'nonsense' })
        .catch(() => undefined),
      closed,
    ]);
    return tried;
  };

  const participantToken = async () => await make.participantToken((await make.participant({ unitCode: (await make.unit()).code })).staffCode);

  it('admits at most the cap of 20 parallel connections with one token, and a closed one frees a place', async () => {
    const token = await participantToken();
    const tries = await Promise.all(Array.from({ length: 20 }, (_, i) => open(token, i)));
    const admitted = tries.filter((tried) => tried.socket.connected);
    const refused = tries.filter((tried) => !tried.socket.connected);
    expect(admitted).toHaveLength(MAX_SOCKETS.participant);
    expect(refused).toHaveLength(20 - MAX_SOCKETS.participant);
    expect(refused.every((tried) => tried.refusal?.code === 'TOO_MANY_CONNECTIONS')).toBe(true);
    expect(refused[0].refusal?.message).toMatch(/kết nối/);
    // The admitted ones stay: nothing closes them later.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(admitted.every((tried) => tried.socket.connected)).toBe(true);

    // Full: one more is refused, on either instance.
    expect((await open(token, 1)).refusal?.code).toBe('TOO_MANY_CONNECTIONS');
    // Another token is not affected.
    expect((await open(await participantToken(), 0)).socket.connected).toBe(true);

    // Closing one frees its place (once the server has seen it go).
    admitted[0].socket.disconnect();
    const again = await eventually(async () => {
      const tried = await open(token, 1);
      return tried.socket.connected ? tried : undefined;
    }, 5000);
    expect(again.refusal).toBeUndefined();
    // And the cap holds again.
    expect((await open(token, 0)).refusal?.code).toBe('TOO_MANY_CONNECTIONS');
  });

  it('counts a screen token and an organiser each against their own cap', async () => {
    const screen = await make.screenToken();
    const tries = await Promise.all(Array.from({ length: MAX_SOCKETS.screen + 3 }, (_, i) => open(screen, i)));
    expect(tries.filter((tried) => tried.socket.connected)).toHaveLength(MAX_SOCKETS.screen);
    expect(tries.filter((tried) => tried.refusal?.code === 'TOO_MANY_CONNECTIONS')).toHaveLength(3);

    const organiser = (await make.organiser(undefined)).token;
    const theirs = await Promise.all(Array.from({ length: MAX_SOCKETS.organiser + 2 }, (_, i) => open(organiser, i)));
    expect(theirs.filter((tried) => tried.socket.connected)).toHaveLength(MAX_SOCKETS.organiser);
  });

  it('gives every place back when the sockets close', async () => {
    const token = await participantToken();
    const first = await Promise.all(Array.from({ length: MAX_SOCKETS.participant }, (_, i) => open(token, i)));
    expect(first.every((tried) => tried.socket.connected)).toBe(true);
    first.forEach((tried) => tried.socket.disconnect());
    const second = await eventually(async () => {
      const tries = await Promise.all(Array.from({ length: MAX_SOCKETS.participant }, (_, i) => open(token, i)));
      if (tries.every((tried) => tried.socket.connected)) return tries;
      tries.forEach((tried) => tried.socket.disconnect());
      return undefined;
    }, 5000);
    expect(second).toHaveLength(MAX_SOCKETS.participant);
    second.forEach((tried) => tried.socket.disconnect());
  });

  // One process holds every count on SQLite, and it cannot outlive its sockets: only the shared
  // count in Redis can hold the sockets of an instance that died.
  const withRedis = redisUrl ? it : ((() => undefined) as unknown as typeof it);
  withRedis('counts no socket of an instance that died', async () => {
    const token = await participantToken();
    // An instance killed outright leaves its sockets in the shared count, but stops saying it is
    // alive: its sockets count no more, and a full set of new ones is admitted at once.
    const participantId = (await t.http().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200)).body.id as number;
    const redis = new Redis(redisUrl!);
    try {
      await redis.sadd(
        `${t.config.redisPrefix}:sockets:participant:${participantId}`,
        ...Array.from({ length: MAX_SOCKETS.participant }, (_, i) => `dead-instance|socket-${i}`),
      );
    } finally {
      redis.disconnect();
    }
    const afterDeath = await eventually(async () => {
      const tries = await Promise.all(Array.from({ length: MAX_SOCKETS.participant }, (_, i) => open(token, i)));
      if (tries.every((tried) => tried.socket.connected)) return tries;
      tries.forEach((tried) => tried.socket.disconnect());
      return undefined;
    }, 5000);
    expect(afterDeath).toHaveLength(MAX_SOCKETS.participant);
  });
});
