import { LEADERBOARDS, LeaderboardApps } from './support/boards';
import { OrgFactory } from './support/org-factory';
import { TestApp, eventually } from './support/test-app';

// Board requests refused or capped, over HTTP and the socket; what the boards show is in boards.e2e-spec.ts.
describe(LEADERBOARDS, () => {
  const apps = new LeaderboardApps();
  const { connect, as } = apps;
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    ({ t, admin } = await apps.start());
  });
  afterAll(() => apps.close());

  it('refuses bad board requests with a reason and keeps the socket', async () => {
    const make = new OrgFactory(t);
    const screen = await make.screenToken();
    await as(screen).get('/api/leaderboards/nonsense?race=1').expect(400);
    await as(screen).get('/api/leaderboards/units').expect(400);
    await as(screen).get('/api/leaderboards/units?race=1&round=1').expect(400);
    await as(screen).get('/api/leaderboards/units?race=999999').expect(404);
    await as(screen).get('/api/leaderboards/units?race=1&limit=501').expect(400);
    await as(screen).get('/api/leaderboards/units?race=1&sort=best').expect(400);
    await t.http().get('/api/leaderboards/units?race=1').expect(401);
    await as(screen).post('/api/races/1/standings/rebuild').expect(403);

    const socket = await connect(screen);
    const errors: Array<{ message: string }> = [];
    socket.on('error', (error: { message: string }) => errors.push(error));
    expect(await socket.emitWithAck('board:subscribe', { board: 'nonsense', race: 1 })).toMatchObject({ ok: false, statusCode: 400 });
    expect(await socket.emitWithAck('board:subscribe', { board: 'units', race: 999999 })).toMatchObject({ ok: false, statusCode: 404 });
    expect(await socket.emitWithAck('no:such:event', {})).toMatchObject({ ok: false, statusCode: 400 });
    socket.emit('no:such:event');
    await eventually(async () => errors.length > 0, 2000);
    expect(errors[0].message).toContain('Unknown event');
    // A flood is refused beyond the burst; the socket stays and answers again later.
    const flood = await Promise.all(Array.from({ length: 60 }, () => socket.emitWithAck('board:subscribe', { board: 'units', race: 999999 })));
    expect(flood.filter((ack) => ack.statusCode === 429).length).toBeGreaterThan(20);
    expect(socket.connected).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await socket.emitWithAck('board:subscribe', { board: 'units', race: 999999 })).toMatchObject({ statusCode: 404 });
  });
  it('lets one socket follow at most 8 boards, however many it asks for', async () => {
    const screen = await new OrgFactory(t).screenToken();
    const race = (await as(admin).post('/api/races').send({ name: 'Đua nhiều bảng' }).expect(201)).body.id as number;
    const socket = await connect(screen);
    const asks = [
      ...['individuals', 'units', 'categories', 'schools', 'clans'].map((board) => ({ board, race })),
      ...Array.from({ length: 25 }, (_, i) => ({ board: 'individuals', race, limit: 11 + i })),
    ];
    const acks: Array<{ ok: boolean; code?: string }> = [];
    // One at a time: the socket's own rate limit would refuse a burst of 30 for another reason.
    for (const ask of asks) {
      acks.push(await socket.emitWithAck('board:subscribe', ask));
      await new Promise((resolve) => setTimeout(resolve, 110));
    }
    expect(acks.filter((ack) => ack.ok)).toHaveLength(8);
    expect(acks.slice(8).every((ack) => !ack.ok && ack.code === 'TOO_MANY_BOARDS')).toBe(true);
    // A board it already follows can be asked again (after a missed update).
    expect(await socket.emitWithAck('board:subscribe', asks[0])).toMatchObject({ ok: true });
  }, 15_000);
});
