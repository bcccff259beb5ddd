import { OrgFactory } from './support/org-factory';
import { sql } from './support/sql';
import { ADMIN_PASSWORD, TestApp, startTestApp } from './support/test-app';

describe('organisation', () => {
  let t: TestApp;
  let make: OrgFactory;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    make = new OrgFactory(t);
    admin = await make.admin();
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
    post: (url: string) => t.http().post(url).auth(token, { type: 'bearer' }),
    patch: (url: string) => t.http().patch(url).auth(token, { type: 'bearer' }),
    delete: (url: string) => t.http().delete(url).auth(token, { type: 'bearer' }),
  });

  describe('first start and organiser sign-in', () => {
    it('creates admin with ADMIN_PASSWORD', async () => {
      const res = await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), expiresAt: expect.any(String), role: 'admin' });
      const me = await as(res.body.accessToken).get('/api/auth/me').expect(200);
      expect(me.body).toMatchObject({ kind: 'organiser', role: 'admin', scopePath: null });
    });

    it('refuses a wrong password and an unknown user alike', async () => {
      const wrong = await t.http().post('/api/auth/login').send({ username: 'admin', password: 'nope-nope' }).expect(401);
      const unknown = await t.http().post('/api/auth/login').send({ username: 'ghost', password: 'nope-nope' }).expect(401);
      expect(wrong.body.message).toBe(unknown.body.message);
    });

    it('refuses a tampered token', async () => {
      const [header, payload] = admin.split('.');
      await t.http().get('/api/units').auth(`${header}.${payload}.forged`, { type: 'bearer' }).expect(401);
      await t.http().get('/api/units').expect(401);
    });

    it('lets an admin create organisers but not return their secrets', async () => {
      const unit = await make.unit();
      const res = await as(admin)
        .post('/api/organisers')
        .send({ username: 'hamo-organiser', password: 'long-enough-password', role: 'organiser', unitId: unit.id })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        username: 'hamo-organiser',
        role: 'organiser',
        unitId: unit.id,
        active: true,
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toContain('password');
      await as(admin).post('/api/organisers').send({ username: 'hamo-organiser', password: 'long-enough-password', role: 'organiser' }).expect(409);
      const list = await as(admin).get('/api/organisers').expect(200);
      expect(list.body.map((o: { username: string }) => o.username)).toEqual(expect.arrayContaining(['admin', 'hamo-organiser']));
    });
  });

  describe('units', () => {
    it('builds a tree, lists by category, renames, moves and refuses cycles', async () => {
      const district = await make.unit({ code: 'DP-T1', name: 'UBND huyện', category: 'district_office', headcount: 0 });
      const commune = await make.unit({ code: 'HAMO-T1', name: 'UBND xã Hạ Mỗ', category: 'commune', parentCode: 'dp-t1', headcount: 30 });
      const school = await make.unit({ code: 'MN-HAMO-T1', name: 'Trường Mầm non Hạ Mỗ', category: 'school', parentCode: 'HAMO-T1', headcount: 40 });
      expect(commune).toEqual({
        id: expect.any(Number),
        code: 'HAMO-T1',
        name: 'UBND xã Hạ Mỗ',
        category: 'commune',
        parentId: district.id,
        headcount: 30,
        mergedIntoId: null,
      });

      const schools = await as(admin).get('/api/units?category=school').expect(200);
      expect(schools.body.map((u: { code: string }) => u.code)).toContain('MN-HAMO-T1');
      expect(schools.body.every((u: { category: string }) => u.category === 'school')).toBe(true);

      const renamed = await as(admin).patch(`/api/units/${commune.id}`).send({ name: 'UBND xã Hạ Mỗ (mới)', headcount: 31 }).expect(200);
      expect(renamed.body).toMatchObject({ name: 'UBND xã Hạ Mỗ (mới)', headcount: 31 });

      const cycle = await as(admin).patch(`/api/units/${district.id}`).send({ parentCode: 'MN-HAMO-T1' }).set('accept-language', 'en').expect(409);
      expect(cycle.body).toMatchObject({ statusCode: 409, code: 'UNIT_CYCLE' });
      await as(admin).patch(`/api/units/${district.id}`).send({ parentCode: 'DP-T1' }).expect(409);

      // Moving the school to the district takes it out of the commune's subtree.
      const other = await make.unit({ code: 'TANHOI-T1', category: 'commune', parentCode: 'DP-T1' });
      await as(admin).patch(`/api/units/${school.id}`).send({ parentCode: other.code }).expect(200);
      const moved = await as(admin).get(`/api/units/${school.id}`).expect(200);
      expect(moved.body.parentId).toBe(other.id);
    });

    it('moves a whole subtree with its unit', async () => {
      const a = await make.unit({ category: 'district_office' });
      const b = await make.unit({ parentCode: a.code });
      const c = await make.unit({ parentCode: b.code });
      const elsewhere = await make.unit();
      await as(admin).patch(`/api/units/${b.id}`).send({ parentCode: elsewhere.code }).expect(200);
      const organiser = await make.organiser(elsewhere.id);
      const visible = await as(organiser.token).get('/api/units').expect(200);
      expect(visible.body.map((u: { id: number }) => u.id).sort()).toEqual([elsewhere.id, b.id, c.id].sort());
    });

    it('moves units at the same moment one after the other: never a cycle, every path follows its parent', async () => {
      const root = await make.unit({ category: 'district_office' });
      const units: Array<Awaited<ReturnType<typeof make.unit>>> = [];
      for (let i = 0; i < 5; i++) units.push(await make.unit({ parentCode: (units[i - 1] ?? root).code }));
      // Rounds of moves sent together, each fine alone; together some would make a loop.
      for (let round = 0; round < 15; round++) {
        const moves = await Promise.all(
          units.map((unit, i) =>
            as(admin)
              .patch(`/api/units/${unit.id}`)
              .send({ parentCode: [root, ...units][(i + round * 2 + 1) % (units.length + 1)].code }),
          ),
        );
        expect(moves.map((res) => res.status).filter((status) => status !== 200 && status !== 409)).toEqual([]);
      }
      const drifted = await sql(
        t,
        "SELECT u.id, u.path, p.path AS parent_path FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.path <> COALESCE(p.path, '/') || CAST(u.id AS TEXT) || '/' AND u.id IN (?, ?, ?, ?, ?, ?)",
        [root.id, ...units.map((unit) => unit.id)],
      );
      expect(drifted).toEqual([]);
    });

    it('refuses duplicates, unknown parents and bad input with 4xx', async () => {
      const unit = await make.unit();
      await as(admin).post('/api/units').send({ code: unit.code, name: 'x', category: 'other', headcount: 1 }).expect(409);
      await as(admin).post('/api/units').send({ code: 'NEW1', name: 'x', category: 'other', headcount: 1, parentCode: 'NOPE' }).expect(404);
      const bad = await as(admin)
        .post('/api/units')
        .send({ code: 'bad code!', name: '', category: 'castle', headcount: -1 })
        .set('accept-language', 'en')
        .expect(400);
      expect(bad.body.fields).toEqual(expect.arrayContaining(['code', 'name', 'category', 'headcount']));
      await as(admin).patch('/api/units/999999').send({ name: 'x' }).expect(404);
      // null is not "leave it": fields that cannot be empty refuse it (found by the fuzz test).
      await as(admin).patch(`/api/units/${unit.id}`).send({ name: null }).expect(400);
      await as(admin).patch(`/api/units/${unit.id}`).send({ headcount: null, category: null }).expect(400);
      await as(admin).patch('/api/units/abc').send({ name: 'x' }).expect(400);
    });

    it('merges a unit: people, clans and headcount move; the old unit stays for history', async () => {
      const district = await make.unit({ category: 'district_office' });
      const into = await make.unit({ category: 'commune', parentCode: district.code, headcount: 20 });
      const merged = await make.unit({ category: 'commune', parentCode: district.code, headcount: 15 });
      const school = await make.unit({ category: 'school', parentCode: merged.code, headcount: 5 });
      const clan = await make.clan({ unitCode: merged.code });
      const person = await make.participant({ unitCode: merged.code, clanCode: clan.code });

      const res = await as(admin).post(`/api/units/${merged.id}/merge`).send({ intoCode: into.code }).expect(200);
      expect(res.body).toMatchObject({ id: into.id, headcount: 35 });
      expect((await as(admin).get(`/api/participants/${person.id}`).expect(200)).body.unitId).toBe(into.id);
      expect((await as(admin).get(`/api/units/${school.id}`).expect(200)).body.parentId).toBe(into.id);
      const old = await as(admin).get(`/api/units/${merged.id}`).expect(200);
      expect(old.body).toMatchObject({ headcount: 0, mergedIntoId: into.id });

      const live = await as(admin).get('/api/units').expect(200);
      expect(live.body.map((u: { id: number }) => u.id)).not.toContain(merged.id);
      const all = await as(admin).get('/api/units?includeMerged=true').expect(200);
      expect(all.body.map((u: { id: number }) => u.id)).toContain(merged.id);

      await as(admin).post(`/api/units/${merged.id}/merge`).send({ intoCode: into.code }).expect(409);
      await as(admin).post(`/api/units/${district.id}/merge`).send({ intoCode: into.code }).expect(409);
      await as(admin).post('/api/participants').send({ staffCode: 'NVMERGED', fullName: 'A B', unitCode: merged.code }).expect(409);
    });
  });

  describe('participants', () => {
    it('stores names as NFC and finds them without diacritics', async () => {
      const unit = await make.unit();
      const decomposed = 'Nguye\u0302\u0303n Va\u0306n  Đa\u0323t';
      const created = await make.participant({ unitCode: unit.code, fullName: decomposed, staffCode: 'nv-nfc-1' });
      expect(created).toMatchObject({ staffCode: 'NV-NFC-1', fullName: 'Nguyễn Văn Đạt', hasPin: true, active: true });
      expect(created.fullName).toBe('Nguyễn Văn Đạt'.normalize('NFC'));
      await make.participant({ unitCode: unit.code, fullName: 'Trần Thị Ánh' });

      const found = await as(admin)
        .get(`/api/participants?q=${encodeURIComponent('nguyen van dat')}&unitId=${unit.id}`)
        .expect(200);
      expect(found.body).toMatchObject({ total: 1, items: [{ fullName: 'Nguyễn Văn Đạt', unitCode: unit.code }] });
      const byCode = await as(admin).get('/api/participants?q=nv-nfc').expect(200);
      expect(byCode.body.items.map((p: { staffCode: string }) => p.staffCode)).toEqual(['NV-NFC-1']);
      const wildcard = await as(admin)
        .get(`/api/participants?q=${encodeURIComponent('%')}&unitId=${unit.id}`)
        .expect(200);
      expect(wildcard.body.total).toBe(0);
      const page = await as(admin).get(`/api/participants?unitId=${unit.id}&limit=1&offset=1`).expect(200);
      expect(page.body).toMatchObject({ total: 2, items: [{ fullName: 'Trần Thị Ánh' }] });
      await as(admin).get('/api/participants?limit=501').expect(400);
    });

    it('refuses a duplicate staff code, also when two requests race', async () => {
      const unit = await make.unit();
      const body = { staffCode: OrgFactory.unique('DUP'), fullName: 'Lê Hữu Tài', unitCode: unit.code, pin: '1234' };
      const results = await Promise.all([1, 2, 3].map(() => as(admin).post('/api/participants').send(body)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    });

    it('signs in with staff code and PIN, and shows the participant only itself', async () => {
      const unit = await make.unit({ name: 'Trường THCS Đan Phượng', category: 'school' });
      const clan = await make.clan({ name: 'Dòng họ Lê Hữu' });
      const person = await make.participant({ unitCode: unit.code, clanCode: clan.code, pin: '246810' });
      const res = await t.http().post('/api/auth/participant').send({ staffCode: person.staffCode.toLowerCase(), pin: '246810' }).expect(200);
      expect(res.body.participant).toEqual({ id: person.id, staffCode: person.staffCode, fullName: person.fullName, unitId: unit.id, clanId: clan.id });
      const me = await as(res.body.accessToken).get('/api/me').expect(200);
      expect(me.body).toMatchObject({ id: person.id, unitName: 'Trường THCS Đan Phượng', clanName: 'Dòng họ Lê Hữu' });
      await as(res.body.accessToken).get('/api/participants').expect(403);
      await as(res.body.accessToken).get(`/api/participants/${person.id}`).expect(403);
    });

    it('locks a participant for 15 minutes after 5 wrong PINs, says so, and a new PIN unlocks', async () => {
      const unit = await make.unit();
      const person = await make.participant({ unitCode: unit.code, pin: '1111' });
      const wrong = () => t.http().post('/api/auth/participant').set('accept-language', 'vi').send({ staffCode: person.staffCode, pin: '9999' });
      for (let i = 0; i < 4; i++) expect((await wrong()).status).toBe(401);
      const fifth = await wrong();
      expect(fifth.status).toBe(429);
      expect(fifth.body).toMatchObject({ code: 'ACCOUNT_LOCKED', lockedUntil: expect.any(String) });
      expect(fifth.body.message).toMatch(/khóa tạm thời đến \d{2}:\d{2}/);
      const lockedFor = Date.parse(fifth.body.lockedUntil) - Date.now();
      expect(lockedFor).toBeGreaterThan(14 * 60_000);
      expect(lockedFor).toBeLessThanOrEqual(15 * 60_000);
      // The right PIN does not get through a lock.
      await t.http().post('/api/auth/participant').send({ staffCode: person.staffCode, pin: '1111' }).expect(429);
      const view = await as(admin).get(`/api/participants/${person.id}`).expect(200);
      // The same lock, read back from the counter's time to live (to the millisecond, give or take one).
      expect(Math.abs(Date.parse(view.body.lockedUntil) - Date.parse(fifth.body.lockedUntil))).toBeLessThanOrEqual(5);

      await as(admin).patch(`/api/participants/${person.id}`).send({ pin: '2222' }).expect(200);
      await t.http().post('/api/auth/participant').send({ staffCode: person.staffCode, pin: '2222' }).expect(200);
    });

    it('refuses an inactive participant and one without a PIN', async () => {
      const unit = await make.unit();
      const person = await make.participant({ unitCode: unit.code, pin: '1234' });
      const token = await make.participantToken(person.staffCode);
      await as(admin).patch(`/api/participants/${person.id}`).send({ active: false }).expect(200);
      await t.http().post('/api/auth/participant').send({ staffCode: person.staffCode, pin: '1234' }).expect(401);
      await as(token).get('/api/me').expect(401);
      const res = await as(admin)
        .post('/api/participants')
        .send({ staffCode: OrgFactory.unique('NP'), fullName: 'Phạm Minh', unitCode: unit.code })
        .expect(201);
      expect(res.body.hasPin).toBe(false);
    });

    it('makes a signed, expiring join link with a QR code that signs the participant in', async () => {
      const unit = await make.unit();
      const person = await make.participant({ unitCode: unit.code });
      const link = await as(admin).post(`/api/participants/${person.id}/join-link`).expect(201);
      expect(link.body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?join=/);
      expect(link.body.qrSvg).toContain('<svg');
      expect(Date.parse(link.body.expiresAt)).toBeGreaterThan(Date.now() + 13 * 24 * 3600_000);
      const joined = await t.http().post('/api/auth/join').send({ token: link.body.token }).expect(200);
      expect(joined.body.participant.id).toBe(person.id);
      await as(joined.body.accessToken).get('/api/me').expect(200);
      // A join token is not an access token, and an access token is not a join token.
      await as(link.body.token).get('/api/me').expect(401);
      await t.http().post('/api/auth/join').send({ token: joined.body.accessToken }).expect(401);
    });
  });

  describe('screens', () => {
    it('reads nothing but boards, and stops working when revoked', async () => {
      const screen = await make.screenToken();
      const me = await as(screen).get('/api/auth/me').expect(200);
      expect(me.body).toEqual({ kind: 'screen', id: expect.any(Number), raceId: null, scopePath: null });
      await as(screen).get('/api/units').expect(403);
      await as(screen).get('/api/participants').expect(403);
      const list = await as(admin).get('/api/screen-tokens').expect(200);
      expect(list.body.map((s: { id: number }) => s.id)).toContain(me.body.id);
      await as(admin).delete(`/api/screen-tokens/${me.body.id}`).expect(204);
      await as(screen).get('/api/auth/me').expect(401);
    });
  });

  describe('sign-in rate limits', () => {
    it('slows down, never locks, an address from which a hundred staff codes failed', async () => {
      // Other tests here failed a few codes from this address too.
      let failed = 0;
      while (
        (
          await t
            .http()
            .post('/api/auth/participant')
            .send({ staffCode: `NOBODY${failed}`, pin: '0000' })
        ).status === 401
      )
        failed++;
      expect(failed).toBeGreaterThan(90);
      expect(failed).toBeLessThanOrEqual(101);
      // Past the ceiling a try goes through every few seconds; the next one at once does not.
      const res = await t.http().post('/api/auth/login').set('accept-language', 'en').send({ username: 'admin', password: ADMIN_PASSWORD });
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ code: 'TOO_MANY_FAILED_SIGN_INS', retryAfterSeconds: expect.any(Number) });
      await new Promise((resolve) => setTimeout(resolve, res.body.retryAfterSeconds * 1000));
      await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
    });
  });
});
