import { recordAudit } from '../src/audit/audit';
import { auditSource, auditStep } from '../src/audit/audit-steps';
import { Transactions } from '../src/database/transactions';
import { OrgFactory } from './support/org-factory';
import { sql } from './support/sql';
import { TestApp, eventually, startTestApp } from './support/test-app';

interface Item {
  id: number;
  at: string;
  actor: { kind: string; id: number | null; name: string | null };
  action: string;
  target: { kind: string; id: number | null; name: string | null };
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  requestId: string | null;
  address: string | null;
}

describe('the audit log', () => {
  let t: TestApp;
  let make: OrgFactory;
  let admin: string;
  let adminId: number;
  let parent: { id: number; code: string };
  let schoolA: { id: number; code: string };
  let schoolB: { id: number; code: string };
  let organiserA: { username: string; token: string; id: number };
  let district: { username: string; token: string };
  let questionIds: number[];
  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
    post: (path: string) => t.http().post(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
    patch: (path: string) => t.http().patch(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
    delete: (path: string) => t.http().delete(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
  });
  const audit = async (token: string, query: string): Promise<{ total: number; items: Item[] }> =>
    (await as(token).get(`/api/audit?${query}`).expect(200)).body;
  /** The newest event of `action` about `targetId`, as the admin reads it. */
  const latest = async (action: string, targetId?: number | null): Promise<Item | undefined> =>
    (await audit(admin, `action=${action}&limit=200`)).items.find((item) => targetId === undefined || item.target.id === targetId);

  beforeAll(async () => {
    t = await startTestApp();
    make = new OrgFactory(t);
    admin = await make.admin();
    adminId = (await as(admin).get('/api/auth/me').expect(200)).body.id;
    parent = await make.unit({ category: 'other', name: 'Phòng Giáo dục' });
    schoolA = await make.unit({ category: 'school', name: 'Trường A', parentCode: parent.code });
    schoolB = await make.unit({ category: 'school', name: 'Trường B', parentCode: parent.code });
    const a = await make.organiser(schoolA.id);
    organiserA = { ...a, id: (await as(a.token).get('/api/auth/me').expect(200)).body.id };
    district = await make.organiser(undefined);
    questionIds = [];
    for (const text of ['Câu một?', 'Câu hai?']) {
      const res = await as(admin)
        .post('/api/questions')
        .send({
          type: 'single',
          text,
          topic: 'Nhật ký',
          choices: [
            { text: 'Có', correct: true },
            { text: 'Không', correct: false },
          ],
        })
        .expect(201);
      questionIds.push(res.body.id);
    }
  });
  afterAll(() => t.close());

  it('records who, the request id and the address of a change made in a queued transaction, for requests served at the same time', async () => {
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) => {
        const who = i % 2 ? organiserA : { token: admin, id: adminId, username: 'admin' };
        return as(who.token)
          .post('/api/races')
          .set('x-request-id', `audit-context-${i}`)
          .send({ name: `Cuộc đua ngữ cảnh ${i}` })
          .expect(201)
          .then((res) => ({ raceId: res.body.id as number, who, i }));
      }),
    );
    const { items } = await audit(admin, 'action=race.create&limit=200');
    for (const { raceId, who, i } of made) {
      const item = items.find((event) => event.target.id === raceId);
      expect(item).toMatchObject({
        actor: { kind: 'organiser', id: who.id, name: who.username },
        target: { kind: 'race', id: raceId, name: `Cuộc đua ngữ cảnh ${i}` },
        requestId: `audit-context-${i}`,
        after: { name: `Cuộc đua ngữ cảnh ${i}`, unitId: i % 2 ? schoolA.id : null },
      });
      expect(item!.address).toMatch(/127\.0\.0\.1/);
      expect(Date.parse(item!.at)).toBeGreaterThan(Date.now() - 60_000);
    }
  });

  it('records rounds: create, open and close by an organiser, opening and closing on schedule and settling held scores by the app itself', async () => {
    const race = (await as(organiserA.token).post('/api/races').send({ name: 'Cuộc đua vòng thi' }).expect(201)).body;
    const round = (await as(organiserA.token).post(`/api/races/${race.id}/rounds`).send({ name: 'Vòng tay', mode: 'window', questionIds }).expect(201)).body;
    expect(await latest('round.create', round.id)).toMatchObject({
      actor: { kind: 'organiser', id: organiserA.id },
      target: { kind: 'round', id: round.id, name: 'Vòng tay' },
      after: { raceId: race.id, mode: 'window', status: 'draft', questionIds, revealAnswers: 'after_close' },
    });
    await as(organiserA.token).post(`/api/rounds/${round.id}/open`).expect(200);
    expect(await latest('round.open', round.id)).toMatchObject({
      actor: { id: organiserA.id },
      before: { status: 'draft', opensAt: null },
      after: { status: 'open' },
    });
    await as(organiserA.token).post(`/api/rounds/${round.id}/close`).expect(200);
    expect(await latest('round.close', round.id)).toMatchObject({
      actor: { id: organiserA.id },
      before: { status: 'open', closesAt: null },
      after: { status: 'closed' },
    });
    // The held points are settled a few seconds after the close, by a job: the app's doing.
    const settled = await eventually(() => latest('round.settle', round.id), 15_000);
    expect(settled).toMatchObject({
      actor: { kind: 'system', id: null, name: null },
      requestId: null,
      address: null,
      before: { scoresHeld: true },
      after: { scoresHeld: false, participants: 0 },
    });

    const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
    const timed = (
      await as(organiserA.token)
        .post(`/api/races/${race.id}/rounds`)
        .send({ name: 'Vòng hẹn giờ', mode: 'window', questionIds, opensAt: inMs(700), closesAt: inMs(1800) })
        .expect(201)
    ).body;
    const closed = await eventually(() => latest('round.close', timed.id), 15_000);
    const opened = await latest('round.open', timed.id);
    for (const event of [opened, closed]) expect(event).toMatchObject({ actor: { kind: 'system', id: null }, requestId: null, after: { scheduled: true } });
    expect(opened).toMatchObject({ before: { status: 'scheduled' }, after: { status: 'open' } });
    expect(closed).toMatchObject({ before: { status: 'open' }, after: { status: 'closed' } });
  }, 40_000);

  it('records a standings rebuild with the totals before and after', async () => {
    const race = (await as(admin).post('/api/races').send({ name: 'Cuộc đua tính lại' }).expect(201)).body;
    await as(admin).post(`/api/races/${race.id}/standings/rebuild`).set('x-request-id', 'rebuild-1').expect(200);
    expect(await latest('standings.rebuild', race.id)).toMatchObject({
      actor: { kind: 'organiser', id: adminId, name: 'admin' },
      target: { kind: 'race', id: race.id, name: 'Cuộc đua tính lại' },
      requestId: 'rebuild-1',
      before: { standings: 0, totalScore: 0 },
      after: { standings: 0, totalScore: 0 },
    });
  });

  it('records organiser accounts and screen tokens, never a password', async () => {
    const made = await make.organiser(schoolB.id);
    const id = (await as(made.token).get('/api/auth/me').expect(200)).body.id as number;
    expect(await latest('organiser.create', id)).toMatchObject({
      target: { kind: 'organiser', id, name: made.username },
      after: { role: 'organiser', unitId: schoolB.id, active: true, password: '(đã đổi / changed)' },
    });

    await as(admin).patch(`/api/organisers/${id}`).send({ unitId: schoolA.id, password: 'admin-set-password-1' }).expect(200);
    expect(await latest('organiser.update', id)).toMatchObject({
      before: { unitId: schoolB.id, password: null },
      after: { unitId: schoolA.id, password: '(đã đổi / changed)' },
    });
    await as(admin).patch(`/api/organisers/${id}`).send({ active: false }).expect(200);
    expect(await latest('organiser.disable', id)).toMatchObject({ before: { active: true }, after: { active: false } });
    await as(admin).patch(`/api/organisers/${id}`).send({ active: true }).expect(200);
    expect(await latest('organiser.enable', id)).toMatchObject({ before: { active: false }, after: { active: true } });

    const token = await make.signIn(made.username, 'admin-set-password-1');
    await as(token).post('/api/auth/password').send({ currentPassword: 'admin-set-password-1', newPassword: 'own-new-password-2' }).expect(204);
    expect(await latest('organiser.password_change', id)).toMatchObject({ actor: { kind: 'organiser', id }, after: { password: '(đã đổi / changed)' } });
    await as(token).post('/api/auth/sign-out-everywhere').expect(204);
    expect(await latest('organiser.sign_out_everywhere', id)).toMatchObject({ actor: { kind: 'organiser', id, name: made.username } });

    const screen = (await as(organiserA.token).post('/api/screen-tokens').send({ label: 'Màn hình hội trường' }).expect(201)).body;
    expect(await latest('screen_token.create', screen.id)).toMatchObject({
      actor: { id: organiserA.id },
      target: { kind: 'screen_token', name: 'Màn hình hội trường' },
      after: { raceId: null, expiresAt: null },
    });
    await as(organiserA.token).delete(`/api/screen-tokens/${screen.id}`).expect(204);
    expect(await latest('screen_token.revoke', screen.id)).toMatchObject({ before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });

    // No password or hash in any row, whatever the action.
    const rows = await sql<{ before: string | null; after: string | null }>(t, "SELECT before, after FROM audit_event WHERE action LIKE 'organiser.%'");
    const hashes = await sql<{ password_hash: string }>(t, 'SELECT password_hash FROM organiser');
    const written = JSON.stringify(rows);
    for (const secret of ['admin-set-password-1', 'own-new-password-2', 'organiser-password', ...hashes.map((h) => h.password_hash)])
      expect(written).not.toContain(secret);
  });

  it('names a participant who acts, as the roster spells them', async () => {
    const person = await make.participant({ unitCode: schoolA.code, fullName: 'Trần Thị Nhật Ký' });
    const token = await make.participantToken(person.staffCode);
    await as(token).post('/api/auth/sign-out-everywhere').expect(204);
    expect(await latest('participant.sign_out_everywhere', person.id)).toMatchObject({
      actor: { kind: 'participant', id: person.id, name: 'Trần Thị Nhật Ký' },
    });
  });

  it('records exports of personal data with the report and its filters, and its own CSV', async () => {
    const race = (await as(admin).post('/api/races').send({ name: 'Cuộc đua xuất tệp' }).expect(201)).body;
    await as(organiserA.token).get(`/api/reports/non-participants.csv?race=${race.id}`).expect(200);
    expect(await latest('export.personal_data')).toMatchObject({
      actor: { id: organiserA.id },
      target: { kind: 'report', name: 'non_participants' },
      after: { report: 'non_participants', format: 'csv', race: race.id },
    });
    await as(admin).get(`/api/reports/participation.xlsx?race=${race.id}&unitId=${schoolB.id}`).expect(200);
    expect(await latest('export.personal_data')).toMatchObject({
      actor: { id: adminId },
      after: { report: 'participation', format: 'xlsx', race: race.id, unitId: schoolB.id },
    });
    const round = (await as(admin).post(`/api/races/${race.id}/rounds`).send({ name: 'Vòng xuất', mode: 'window', questionIds }).expect(201)).body;
    await as(admin).get(`/api/reports/rounds/${round.id}/results.csv`).expect(200);
    expect(await latest('export.personal_data')).toMatchObject({ after: { report: 'round_results', format: 'csv', round: round.id } });
    // Only school A's organiser's export is in their subtree.
    const seenByA = (await audit(organiserA.token, 'action=export.personal_data')).items;
    expect(seenByA.map((item) => item.after?.report)).toEqual(['non_participants']);

    await as(organiserA.token).get('/api/audit.csv?action=race.').expect(200);
    expect(await latest('export.audit')).toMatchObject({
      actor: { id: organiserA.id },
      target: { kind: 'audit_log' },
      after: { format: 'csv', action: 'race.' },
    });
  });

  it('keeps an organiser to their subtree: not other units, not district-wide events; the admin and district organisers see all', async () => {
    const inA = (await as(organiserA.token).post('/api/races').send({ name: 'Cuộc đua của A' }).expect(201)).body;
    const inB = (await as(admin).post('/api/races').send({ name: 'Cuộc đua của B', unitId: schoolB.id }).expect(201)).body;
    const whole = (await as(admin).post('/api/races').send({ name: 'Cuộc đua toàn huyện' }).expect(201)).body;
    const ids = (list: Item[]) => list.filter((item) => item.action === 'race.create').map((item) => item.target.id);

    const mine = (await audit(organiserA.token, 'action=race.create&limit=200')).items;
    expect(ids(mine)).toContain(inA.id);
    expect(ids(mine)).not.toContain(inB.id);
    expect(ids(mine)).not.toContain(whole.id);
    // Every event they see is about school A.
    const everything = (await audit(organiserA.token, 'limit=200')).items;
    const paths = await sql<{ unit_path: string | null }>(t, `SELECT unit_path FROM audit_event WHERE id IN (${everything.map((item) => item.id).join(',')})`);
    for (const { unit_path } of paths) expect(unit_path?.startsWith(`/${parent.id}/${schoolA.id}/`)).toBe(true);

    for (const token of [admin, district.token])
      expect(ids((await audit(token, 'action=race.create&limit=200')).items)).toEqual(expect.arrayContaining([inA.id, inB.id, whole.id]));
    const total = Number((await sql<{ n: number }>(t, 'SELECT COUNT(*) AS n FROM audit_event'))[0].n);
    expect((await audit(admin, 'limit=1')).total).toBe(total);

    expect(ids((await audit(admin, `action=race.create&unitId=${schoolB.id}&limit=200`)).items)).toEqual([inB.id]);
    const refused = await as(organiserA.token).get(`/api/audit?unitId=${schoolB.id}`).expect(403);
    expect(refused.body.code).toBe('OUT_OF_SCOPE');
    await as(organiserA.token).get(`/api/audit?unitId=${parent.id}`).expect(403);
    await as(organiserA.token).get(`/api/audit.csv?unitId=${schoolB.id}`).expect(403);
    await as(admin).get('/api/audit?unitId=999999').expect(404);
  });

  it('filters by action or family, time and page, newest first', async () => {
    const all = await audit(admin, 'limit=200');
    const at = all.items.map((item) => Date.parse(item.at));
    expect(at).toEqual([...at].sort((a, b) => b - a));

    const exact = await audit(admin, 'action=round.open&limit=200');
    expect(exact.total).toBeGreaterThan(0);
    expect(new Set(exact.items.map((item) => item.action))).toEqual(new Set(['round.open']));
    const family = await audit(admin, 'action=round.&limit=200');
    expect(new Set(family.items.map((item) => item.action))).toEqual(new Set(['round.create', 'round.open', 'round.close', 'round.settle']));
    // The family's underscore is not a wildcard, and a family needs its dot.
    expect((await audit(admin, 'action=screen_token.')).total).toBe(2);
    expect((await audit(admin, 'action=round')).total).toBe(0);

    const page = await audit(admin, 'limit=2&offset=1');
    expect(page.items.map((item) => item.id)).toEqual(all.items.slice(1, 3).map((item) => item.id));
    expect(page.total).toBe(all.total);

    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await audit(admin, `from=${future}`)).total).toBe(0);
    expect((await audit(admin, `to=${encodeURIComponent(all.items[all.items.length - 1].at)}&limit=1`)).total).toBeGreaterThan(0);
    const newest = all.items[0];
    const one = await audit(admin, `from=${encodeURIComponent(newest.at)}&to=${encodeURIComponent(newest.at)}`);
    expect(one.items.map((item) => item.id)).toContain(newest.id);
    // A date alone is the whole day in Vietnam.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect((await audit(admin, `from=${today}&to=${today}`)).total).toBe(all.total);
    expect((await audit(admin, 'to=2020-01-01')).total).toBe(0);
  });

  it('gives a CSV with a BOM, Vietnamese intact and no cell that starts a formula', async () => {
    await as(admin).post('/api/races').send({ name: '=HYPERLINK("http://x.example","Bấm")' }).expect(201);
    const res = await as(admin)
      .get('/api/audit.csv?action=race.create')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('Hành động');
    expect(lines.length - 1).toBe((await audit(admin, 'action=race.create')).total);
    expect(text).toContain(`"'=HYPERLINK(""http://x.example"",""Bấm"")"`);
    expect(text).toContain('Cuộc đua của A');
    for (const cell of lines.flatMap((line) => line.split(','))) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
  });

  it('writes no row for a change that rolled back, in either kind of transaction', async () => {
    const transactions = t.app.get(Transactions);
    const change = (action: string) => ({ action, target: { kind: 'test', id: null }, unitPath: null, after: { x: 1 } });
    await expect(
      transactions.run(async (manager) => {
        await recordAudit(manager, change('test.rolled_back'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const source = auditSource();
    await expect(
      transactions.steps(function* () {
        yield* auditStep(source, change('test.rolled_back_steps'), Date.now());
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    // And through HTTP: a round that cannot open is refused with nothing written.
    const race = (await as(admin).post('/api/races').send({ name: 'Cuộc đua không đổi' }).expect(201)).body;
    const round = (await as(admin).post(`/api/races/${race.id}/rounds`).send({ name: 'Vòng', mode: 'window', questionIds }).expect(201)).body;
    await as(admin).post(`/api/rounds/${round.id}/close`).expect(409);
    expect(await latest('round.close', round.id)).toBeUndefined();
    expect(await sql(t, "SELECT id FROM audit_event WHERE action LIKE 'test.%'")).toEqual([]);
  });

  it('refuses to change or delete a row, at the database', async () => {
    const [row] = await sql<{ id: number }>(t, 'SELECT id FROM audit_event ORDER BY id LIMIT 1');
    await expect(sql(t, "UPDATE audit_event SET action = 'x.y' WHERE id = ?", [row.id])).rejects.toThrow(/never changed/);
    await expect(sql(t, 'DELETE FROM audit_event WHERE id = ?', [row.id])).rejects.toThrow(/never changed/);
    await expect(sql(t, 'DELETE FROM audit_event')).rejects.toThrow(/never changed/);
    expect((await sql(t, 'SELECT id FROM audit_event WHERE id = ?', [row.id])).length).toBe(1);
  });

  it('answers 400 to a bad query, listing the problem', async () => {
    for (const query of [
      'limit=0',
      'limit=201',
      'limit=x',
      'offset=-1',
      'action=UNIT.UPDATE',
      'action=unit..x',
      'action=%25',
      'unitId=abc',
      'unitId=0',
      'from=yesterday',
      'to=2025-13-01',
      'colour=red',
    ]) {
      const res = await as(admin).get(`/api/audit?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
    const backwards = await as(admin).get('/api/audit?from=2025-06-02&to=2025-06-01').expect(400);
    expect(backwards.body.code).toBe('AUDIT_WINDOW');
    await as(admin).get('/api/audit.csv?limit=5').expect(400);
    await as(admin).get('/api/audit.csv?from=nope').expect(400);
  });

  it('is for organisers only: 401 without a token, 403 for participants and screens', async () => {
    const person = await make.participant({ unitCode: schoolA.code });
    const participant = await make.participantToken(person.staffCode);
    const screen = await make.screenToken();
    for (const path of ['/api/audit', '/api/audit.csv']) {
      await t.http().get(path).expect(401);
      await as(participant).get(path).expect(403);
      await as(screen).get(path).expect(403);
    }
  });
});
