import { AddressInfo } from 'node:net';
import { Socket, io } from 'socket.io-client';
import { READ_LIMITS } from '../src/access/read-limits';
import { OrgFactory } from './support/org-factory';
import { TestApp, startTestApp } from './support/test-app';
import { scaledProfile } from './support/test-database';

// On PostgreSQL + Redis the reads alternate between two app instances sharing the counts.
const { databaseUrl, redisUrl } = scaledProfile();
const INSTANCES = databaseUrl && redisUrl ? 2 : 1;

/**
 * Board and report reads are counted per token, on every instance together: beyond the limit a
 * token gets 429 TOO_MANY_READS with when to come back (and Retry-After), over HTTP and on the
 * socket, while other tokens read on.
 */
describe(`read limits per token (${INSTANCES} instance${INSTANCES > 1 ? 's' : ''})`, () => {
  let t: TestApp;
  let other: TestApp;
  const apps: TestApp[] = [];
  let url: string;
  let admin: string;
  let make: OrgFactory;
  let race: number;
  let district: { id: number; code: string };
  let school: { id: number; code: string };
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    other = INSTANCES > 1 ? await startTestApp({ database: t.database, redisPrefix: t.config.redisPrefix }) : t;
    apps.push(...new Set([t, other]));
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/live`;
    make = new OrgFactory(t);
    admin = await make.admin();
    district = await make.unit({ name: 'Huyện Đọc Nhiều', category: 'district_office', headcount: 0 });
    school = await make.unit({ name: 'Trường Đọc Nhiều', category: 'school', parentCode: district.code, headcount: 10 });
    await make.participant({ unitCode: school.code });
    race = (await t.http().post('/api/races').auth(admin, { type: 'bearer' }).send({ name: 'Đua đọc nhiều' }).expect(201)).body.id as number;
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    if (other !== t) await other.close({ keepData: true });
    await t.close();
  });

  /** The i-th read goes to instance i mod the number of instances. */
  const get = (token: string, path: string, i = 0) => apps[i % apps.length].http().get(path).auth(token, { type: 'bearer' }).set('accept-language', 'en');

  /** `count` reads of `path` with `token`, ten at a time; returns their statuses. */
  async function read(token: string, path: (i: number) => string, count: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let from = 0; from < count; from += 10) {
      const batch = Array.from({ length: Math.min(10, count - from) }, (_, j) => get(token, path(from + j), from + j).then((res) => res.status));
      statuses.push(...(await Promise.all(batch)));
    }
    return statuses;
  }

  const connect = async (token: string) => {
    const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return socket;
  };

  const expectTooMany = (res: { status: number; body: Record<string, unknown>; headers: Record<string, string> }) => {
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ code: 'TOO_MANY_READS', retryAfterSeconds: expect.any(Number) });
    const seconds = res.body.retryAfterSeconds as number;
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(res.headers['retry-after']).toBe(String(seconds));
  };

  it('refuses board reads beyond the limit with 429 and Retry-After, over HTTP and on the socket; another token reads on', async () => {
    const screen = await make.screenToken();
    const neighbour = await make.screenToken();
    const statuses = await read(screen, () => `/api/leaderboards/units?race=${race}`, READ_LIMITS.board.reads);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    expectTooMany(await get(screen, `/api/leaderboards/individuals?race=${race}`, 1));
    await get(neighbour, `/api/leaderboards/units?race=${race}`).expect(200);

    // A subscription's first snapshot is a read like any other, counted with the token's HTTP reads.
    const socket = await connect(screen);
    expect(await socket.emitWithAck('board:subscribe', { board: 'units', race })).toMatchObject({
      ok: false,
      statusCode: 429,
      code: 'TOO_MANY_READS',
      retryAfterSeconds: expect.any(Number),
    });
    expect(socket.connected).toBe(true);
    const theirs = await connect(neighbour);
    expect(await theirs.emitWithAck('board:subscribe', { board: 'units', race })).toMatchObject({ ok: true });
  });

  it('counts board:subscribe on the socket alone against the same limit', async () => {
    const participant = await make.participantToken((await make.participant({ unitCode: school.code })).staffCode);
    const socket = await connect(participant);
    const acks: Array<{ ok: boolean; code?: string }> = [];
    // Within the socket's own event budget (a burst of 30, then 10 a second): each ack before the next.
    for (let i = 0; i < READ_LIMITS.board.reads + 1; i++) {
      acks.push(await socket.emitWithAck('board:subscribe', { board: 'individuals', race }));
      if (i >= 25) await new Promise((resolve) => setTimeout(resolve, 110));
    }
    expect(acks.slice(0, READ_LIMITS.board.reads).every((ack) => ack.ok)).toBe(true);
    expect(acks[READ_LIMITS.board.reads]).toMatchObject({ ok: false, code: 'TOO_MANY_READS' });
    // Its HTTP reads share the count.
    expectTooMany(await get(participant, `/api/leaderboards/individuals/me?race=${race}`));
  }, 30_000);

  it('gives subtree boards and reports (exports and who has not played included) the smaller limit', async () => {
    const organiser = (await make.organiser(district.id)).token;
    const neighbour = (await make.organiser(district.id)).token;
    const costly = [
      `/api/leaderboards/units?race=${race}&unitId=${school.id}`,
      `/api/reports/participation?race=${race}`,
      `/api/reports/non-participants?race=${race}`,
      `/api/leaderboards/individuals?race=${race}&unitId=${district.id}`,
    ];
    const statuses = await read(organiser, (i) => costly[i % costly.length], READ_LIMITS.costly.reads);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    for (const [i, path] of [
      `/api/reports/participation.xlsx?race=${race}`,
      `/api/reports/participation.csv?race=${race}`,
      `/api/reports/non-participants.csv?race=${race}`,
      `/api/reports/participation?race=${race}`,
      `/api/leaderboards/schools?race=${race}&unitId=${district.id}`,
    ].entries()) {
      expectTooMany(await get(organiser, path, i));
    }
    // The whole board (no subtree) is counted apart, and is still there.
    await get(organiser, `/api/leaderboards/units?race=${race}`).expect(200);
    // Another organiser is not affected.
    await get(neighbour, `/api/reports/participation.csv?race=${race}`).expect(200);
  });

  it('answers a refused read in the caller’s language', async () => {
    const organiser = (await make.organiser(district.id)).token;
    await read(organiser, () => `/api/reports/participation?race=${race}`, READ_LIMITS.costly.reads);
    const res = await t.http().get(`/api/reports/participation?race=${race}`).auth(organiser, { type: 'bearer' }).set('accept-language', 'vi');
    expect(res.status).toBe(429);
    expect(res.body.message).toMatch(/quá nhiều lần/);
  });

  it('takes other limits from the configuration (READ_LIMIT_COSTLY_PER_MINUTE)', async () => {
    const tuned = await startTestApp({ env: { READ_LIMIT_COSTLY_PER_MINUTE: '5', READ_LIMIT_BOARDS_PER_MINUTE: '1000' } });
    try {
      const own = new OrgFactory(tuned);
      const token = await own.admin();
      const tunedRace = (await tuned.http().post('/api/races').auth(token, { type: 'bearer' }).send({ name: 'Đua giới hạn riêng' }).expect(201)).body
        .id as number;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await tuned.http().get(`/api/reports/participation?race=${tunedRace}`).auth(token, { type: 'bearer' })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await tuned.close();
    }
  });
});
