import { AddressInfo } from 'node:net';
import { haveBrowser, launchBrowser, openPage, shot } from './support/browser';
import { OrgFactory } from './support/org-factory';
import { sql } from './support/sql';
import { TestApp, startTestApp } from './support/test-app';

interface AuditRow {
  id: number;
  action: string;
  actor_kind: string;
  actor_id: number | null;
  actor_name: string | null;
  target_kind: string;
  target_id: number | null;
  unit_path: string | null;
  before: string | null;
  after: string | null;
}

/**
 * Organisers stay in their lane (issue 19): a unit's headcount and parent change only from above
 * it, clans receive only the organiser's own people, rates never pass 100%, and each change is in
 * the audit log exactly when it committed.
 */
describe('organisers over units, headcounts and clans', () => {
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
  });

  const audit = (where: string, params: unknown[]) => sql<AuditRow>(t, `SELECT * FROM audit_event WHERE ${where} ORDER BY id`, params);
  const lastAuditId = async () => Number((await sql<{ n: number | null }>(t, 'SELECT MAX(id) AS n FROM audit_event'))[0].n ?? 0);
  const json = (text: string | null) => (text === null ? null : JSON.parse(text));

  /** A commune with two schools, an organiser for the commune and one for each school. */
  async function district() {
    const root = await make.unit({ category: 'district_office', headcount: 0 });
    const commune = await make.unit({ category: 'commune', parentCode: root.code, headcount: 30 });
    const school = await make.unit({ name: 'Trường TH Hạ Mỗ', category: 'school', parentCode: commune.code, headcount: 100 });
    const otherSchool = await make.unit({ name: 'Trường MN Tân Hội', category: 'school', parentCode: commune.code, headcount: 40 });
    return {
      root,
      commune,
      school,
      otherSchool,
      communeOrganiser: await make.organiser(commune.id),
      schoolOrganiser: await make.organiser(school.id),
      otherOrganiser: await make.organiser(otherSchool.id),
    };
  }

  describe('headcount and parent', () => {
    it('refuses the unit’s own organiser its headcount (403, nothing written, nothing logged); the organiser above changes it and it is logged', async () => {
      const d = await district();
      const before = await lastAuditId();
      const refused = await as(d.schoolOrganiser.token).patch(`/api/units/${d.school.id}`).set('accept-language', 'vi').send({ headcount: 1 }).expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'HEADCOUNT_FROM_ABOVE' });
      expect(refused.body.message).toContain('cấp trên');
      const en = await as(d.schoolOrganiser.token)
        .patch(`/api/units/${d.school.id}`)
        .set('accept-language', 'en')
        .send({ headcount: 1, name: 'Đổi tên' })
        .expect(403);
      expect(en.body.message).toContain('organiser above');
      expect((await as(admin).get(`/api/units/${d.school.id}`).expect(200)).body).toMatchObject({ headcount: 100, name: 'Trường TH Hạ Mỗ' });
      expect(await audit('id > ?', [before])).toEqual([]);

      // Its name is theirs to fix, and sending the headcount it already has is no change.
      await as(d.schoolOrganiser.token).patch(`/api/units/${d.school.id}`).send({ name: 'Trường Tiểu học Hạ Mỗ', headcount: 100 }).expect(200);

      const changed = await as(d.communeOrganiser.token).patch(`/api/units/${d.school.id}`).send({ headcount: 1 }).expect(200);
      expect(changed.body.headcount).toBe(1);
      const rows = await audit('id > ? AND target_kind = ? AND target_id = ?', [before, 'unit', d.school.id]);
      expect(rows.map((row) => row.action)).toEqual(['unit.update', 'unit.headcount']);
      const [renamed, headcount] = rows;
      expect([json(renamed.before), json(renamed.after)]).toEqual([{ name: 'Trường TH Hạ Mỗ' }, { name: 'Trường Tiểu học Hạ Mỗ' }]);
      expect(json(headcount.before)).toEqual({ headcount: 100 });
      expect(json(headcount.after)).toEqual({ headcount: 1 });
      expect(headcount).toMatchObject({
        actor_kind: 'organiser',
        actor_name: d.communeOrganiser.username,
        unit_path: expect.stringMatching(new RegExp(`/${d.school.id}/$`)),
      });

      // The district's organisers and the admin are above every unit.
      await as(admin).patch(`/api/units/${d.school.id}`).send({ headcount: 90 }).expect(200);
    });

    it('refuses the unit’s own organiser its parent and merges into it; lets them create, recount and move units beneath it', async () => {
      const d = await district();
      const before = await lastAuditId();
      const child = await make.unit({ category: 'other', parentCode: d.school.code, headcount: 7 }, d.schoolOrganiser.token);
      const grandchild = await make.unit({ category: 'other', parentCode: d.school.code, headcount: 3 }, d.schoolOrganiser.token);
      // Merging a unit into one's own would raise its headcount from below.
      const merge = await as(d.schoolOrganiser.token).post(`/api/units/${child.id}/merge`).send({ intoCode: d.school.code }).expect(403);
      expect(merge.body.code).toBe('HEADCOUNT_FROM_ABOVE');
      expect((await as(admin).get(`/api/units/${d.school.id}`).expect(200)).body.headcount).toBe(100);
      // Another parent is for the organiser above; the parent it has is no change.
      const refused = await as(d.schoolOrganiser.token).patch(`/api/units/${d.school.id}`).send({ parentCode: d.otherSchool.code }).expect(403);
      expect(refused.body.code).toBe('HEADCOUNT_FROM_ABOVE');
      const own = await as(d.communeOrganiser.token).patch(`/api/units/${d.commune.id}`).send({ parentCode: d.school.code });
      expect(own.status).toBe(403);
      expect(own.body.code).toBe('HEADCOUNT_FROM_ABOVE');
      const same = await as(d.communeOrganiser.token).patch(`/api/units/${d.commune.id}`).send({ parentCode: d.root.code }).expect(200);
      expect(same.body.parentId).toBe(d.root.id);

      // Below their own unit they are the organiser above.
      await as(d.schoolOrganiser.token).patch(`/api/units/${child.id}`).send({ headcount: 8 }).expect(200);
      await as(d.schoolOrganiser.token).patch(`/api/units/${grandchild.id}`).send({ parentCode: child.code }).expect(200);
      await as(d.schoolOrganiser.token).post(`/api/units/${grandchild.id}/merge`).send({ intoCode: child.code }).expect(200);

      const rows = await audit('id > ?', [before]);
      expect(rows.map((row) => [row.action, row.target_id])).toEqual([
        ['unit.create', child.id],
        ['unit.create', grandchild.id],
        ['unit.headcount', child.id],
        ['unit.move', grandchild.id],
        ['unit.merge', grandchild.id],
        ['unit.headcount', child.id],
      ]);
      expect(json(rows[0].after)).toEqual({ code: child.code, name: 'Đơn vị thử', category: 'other', parentCode: d.school.code, headcount: 7 });
      expect([json(rows[3].before).parentCode, json(rows[3].after).parentCode]).toEqual([d.school.code, child.code]);
      expect(rows[3].unit_path).toMatch(new RegExp(`/${d.school.id}/${child.id}/${grandchild.id}/$`));
      expect([json(rows[5].before), json(rows[5].after)]).toEqual([{ headcount: 8 }, { headcount: 11 }]);
    });

    it('refuses a unit import that changes the importer’s own unit’s headcount or parent: 422 with row and field, nothing written', async () => {
      const d = await district();
      const before = await lastAuditId();
      const newCode = OrgFactory.unique('TO');
      const csv = (headcount: number, parent: string) =>
        `code,name,category,parentCode,headcount\n${d.school.code},Trường TH Hạ Mỗ,school,${parent},${headcount}\n${newCode},Tổ Toán,other,${d.school.code},12\n`;
      const upload = (text: string) =>
        as(d.schoolOrganiser.token).post('/api/units/import').set('accept-language', 'en').attach('file', Buffer.from(text), 'units.csv');

      const refused = await upload(csv(1, d.otherSchool.code)).expect(422);
      expect(refused.body).toMatchObject({ code: 'IMPORT_INVALID', created: 0, updated: 0 });
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ row: 2, field: 'headcount', message: expect.stringContaining('changed only by an organiser above it') }),
        expect.objectContaining({ row: 2, field: 'parentCode', message: expect.stringContaining('changed only by an organiser above it') }),
      ]);
      expect((await as(admin).get(`/api/units/${d.school.id}`).expect(200)).body).toMatchObject({ headcount: 100, parentId: d.commune.id });
      expect(await sql(t, 'SELECT id FROM unit WHERE code = ?', [newCode])).toEqual([]);
      expect(await audit('id > ?', [before])).toEqual([]);

      // Their own unit as it is, with a new unit beneath it: accepted, and logged.
      expect((await upload(csv(100, d.commune.code)).expect(200)).body).toMatchObject({ created: 1, updated: 1 });
      const rows = await audit('id > ?', [before]);
      expect(rows.map((row) => row.action)).toEqual(['unit.create', 'unit.import']);
      expect(json(rows[1].after)).toEqual({ rows: 2, created: 1, updated: 1 });
      expect(rows[1]).toMatchObject({ target_kind: 'roster_import', unit_path: expect.stringMatching(new RegExp(`/${d.school.id}/$`)) });

      // The organiser above may change it by import.
      const above = await as(d.communeOrganiser.token)
        .post('/api/units/import')
        .attach('file', Buffer.from(csv(95, d.commune.code)), 'units.csv')
        .expect(200);
      expect(above.body).toMatchObject({ updated: 2 });
      const [recount] = await audit('id > ? AND action = ?', [before, 'unit.headcount']);
      expect([json(recount.before), json(recount.after), recount.target_id]).toEqual([{ headcount: 100 }, { headcount: 95 }, d.school.id]);
    });
  });

  describe('clans', () => {
    it('takes the organiser’s own people into clans of their subtree, above them or the district, never another unit’s', async () => {
      const d = await district();
      const districtClan = await make.clan({ name: 'Họ Nguyễn (huyện)' });
      const communeClan = await make.clan({ name: 'Họ Lê Hữu', unitCode: d.commune.code });
      const otherClan = await make.clan({ name: 'Họ Trần (Tân Hội)', unitCode: d.otherSchool.code });
      const mine = await make.participant({ unitCode: d.school.code, fullName: 'Lê Hữu Minh' });
      const theirs = await make.participant({ unitCode: d.otherSchool.code, fullName: 'Trần Thị Hoa' });
      const before = await lastAuditId();
      const school = as(d.schoolOrganiser.token);

      // Another unit's clan, for their own staff: refused, and so is another unit's person.
      expect((await school.patch(`/api/participants/${mine.id}`).send({ clanCode: otherClan.code }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
      expect((await school.patch(`/api/participants/${theirs.id}`).send({ clanCode: districtClan.code }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
      expect((await school.patch(`/api/participants/${theirs.id}`).send({ clanCode: null }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
      const newcomer = { staffCode: OrgFactory.unique('NV'), fullName: 'Đỗ Văn Nam', unitCode: d.school.code };
      await school
        .post('/api/participants')
        .send({ ...newcomer, clanCode: otherClan.code })
        .expect(403);
      expect(await sql(t, 'SELECT id FROM participant WHERE staff_code = ?', [newcomer.staffCode])).toEqual([]);
      expect((await as(admin).get(`/api/participants/${mine.id}`).expect(200)).body.clanId).toBeNull();
      expect(await audit('id > ?', [before])).toEqual([]);

      // The district's clan and the commune's above them are open to their own people.
      await school.patch(`/api/participants/${mine.id}`).send({ clanCode: districtClan.code }).expect(200);
      await school.patch(`/api/participants/${mine.id}`).send({ clanCode: communeClan.code }).expect(200);
      await school.patch(`/api/participants/${mine.id}`).send({ clanCode: null }).expect(200);
      const rows = await audit('id > ?', [before]);
      expect(rows.map((row) => [row.action, row.target_id, json(row.before), json(row.after)])).toEqual([
        ['clan.membership', mine.id, { clanId: null, clanCode: null }, { clanId: districtClan.id, clanCode: districtClan.code }],
        ['clan.membership', mine.id, { clanId: districtClan.id, clanCode: districtClan.code }, { clanId: communeClan.id, clanCode: communeClan.code }],
        ['clan.membership', mine.id, { clanId: communeClan.id, clanCode: communeClan.code }, { clanId: null, clanCode: null }],
      ]);

      // What they may join, listed for them; the clans they manage stay the plain list.
      const joinable = (await school.get('/api/clans?joinable=true').expect(200)).body.map((clan: { id: number }) => clan.id);
      expect(joinable).toEqual(expect.arrayContaining([districtClan.id, communeClan.id]));
      expect(joinable).not.toContain(otherClan.id);
      expect((await school.get('/api/clans').expect(200)).body).toEqual([]);

      // The roster file's clan column follows the same rule, all or nothing.
      const file = `staffCode,fullName,unitCode,clanCode\n${mine.staffCode},Lê Hữu Minh,${d.school.code},${communeClan.code}\n${OrgFactory.unique('NV')},Phan Văn Tú,${d.school.code},${otherClan.code}\n`;
      const refused = await school.post('/api/participants/import').set('accept-language', 'en').attach('file', Buffer.from(file), 'people.csv').expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ row: 3, field: 'clanCode' })]);
      expect((await as(admin).get(`/api/participants/${mine.id}`).expect(200)).body.clanId).toBeNull();
    });
  });

  describe('the audit log', () => {
    it('logs participants’ creation, changes, PIN resets (never the PIN), deactivation, join links and imports', async () => {
      const d = await district();
      const clan = await make.clan({ unitCode: d.school.code });
      const before = await lastAuditId();
      const school = as(d.schoolOrganiser.token);
      const person = (
        await school
          .post('/api/participants')
          .send({ staffCode: OrgFactory.unique('NV'), fullName: 'Vũ Thị Lan', unitCode: d.school.code, pin: '135790' })
          .expect(201)
      ).body;
      await school.patch(`/api/participants/${person.id}`).send({ fullName: 'Vũ Thị Lan Anh', pin: '864213', clanCode: clan.code }).expect(200);
      await school.post(`/api/participants/${person.id}/join-link`).send({ validDays: 7 }).expect(201);
      await school.patch(`/api/participants/${person.id}`).send({ active: false }).expect(200);
      const file = `staffCode,fullName,unitCode,pin\n${person.staffCode},Vũ Thị Lan Anh,${d.school.code},246802\n${OrgFactory.unique('NV')},Hà Văn Sơn,${d.school.code},975310\n`;
      expect((await school.post('/api/participants/import').attach('file', Buffer.from(file), 'people.csv').expect(200)).body).toMatchObject({
        created: 1,
        updated: 1,
      });

      const rows = await audit('id > ?', [before]);
      expect(rows.map((row) => row.action)).toEqual([
        'participant.create',
        'participant.pin_reset',
        'clan.membership',
        'participant.update',
        'participant.join_link',
        'participant.deactivate',
        'participant.import',
      ]);
      const byAction = Object.fromEntries(rows.map((row) => [row.action, row]));
      expect(json(byAction['participant.create'].after)).toMatchObject({
        staffCode: person.staffCode,
        fullName: 'Vũ Thị Lan',
        unitCode: d.school.code,
        pin: '(đã đổi / changed)',
      });
      expect(json(byAction['participant.pin_reset'].after)).toEqual({ pin: '(đã đổi / changed)' });
      expect([json(byAction['participant.update'].before), json(byAction['participant.update'].after)]).toEqual([
        { fullName: 'Vũ Thị Lan' },
        { fullName: 'Vũ Thị Lan Anh' },
      ]);
      expect([json(byAction['participant.deactivate'].before), json(byAction['participant.deactivate'].after)]).toEqual([{ active: true }, { active: false }]);
      expect(json(byAction['participant.join_link'].after)).toEqual({ validDays: 7, expiresAt: expect.any(String) });
      expect(byAction['participant.import']).toMatchObject({ target_kind: 'roster_import', target_id: null });
      expect(json(byAction['participant.import'].after)).toMatchObject({ rows: 2, created: 1, updated: 1, pinsChanged: 2 });
      for (const row of rows)
        expect(row).toMatchObject({
          actor_kind: 'organiser',
          actor_name: d.schoolOrganiser.username,
          unit_path: expect.stringMatching(new RegExp(`/${d.school.id}/$`)),
        });
      // No PIN, no hash, no join link in any row.
      const [{ pin_hash: hash }] = await sql<{ pin_hash: string }>(t, 'SELECT pin_hash FROM participant WHERE id = ?', [person.id]);
      const text = JSON.stringify(rows);
      for (const secret of ['135790', '864213', '246802', '975310', hash, 'join=']) expect(text).not.toContain(secret);
    });

    it('logs clan creation and changes, and nothing for a change that rolled back, however late it failed', async () => {
      const d = await district();
      const before = await lastAuditId();
      const clan = await make.clan({ name: 'Họ Đỗ', unitCode: d.commune.code });
      const [created] = await audit('id > ?', [before]);
      expect(created).toMatchObject({ action: 'clan.create', target_kind: 'clan', target_id: clan.id, actor_kind: 'organiser' });
      expect(json(created.after)).toEqual({ code: clan.code, name: 'Họ Đỗ', unitCode: d.commune.code });
      // A clan of the commune is its organisers' to change, not a school's beneath it.
      await as(d.schoolOrganiser.token).patch(`/api/clans/${clan.id}`).send({ name: 'Họ Đỗ Văn' }).expect(403);
      await as(d.communeOrganiser.token).patch(`/api/clans/${clan.id}`).send({ unitCode: null }).expect(403);
      const renamed = await as(d.communeOrganiser.token).patch(`/api/clans/${clan.id}`).send({ name: 'Họ Đỗ Văn', unitCode: d.school.code }).expect(200);
      expect(renamed.body).toEqual({ id: clan.id, code: clan.code, name: 'Họ Đỗ Văn', unitId: d.school.id });
      const [updated, ...more] = await audit('id > ? AND action = ?', [before, 'clan.update']);
      expect(more).toEqual([]);
      expect([json(updated.before), json(updated.after)]).toEqual([
        { name: 'Họ Đỗ', unitCode: d.commune.code },
        { name: 'Họ Đỗ Văn', unitCode: d.school.code },
      ]);

      // The import writes its units and their rows first and its own row last; that last insert fails here.
      const postgres = t.database.kind === 'postgres';
      if (postgres) {
        await sql(
          t,
          "CREATE FUNCTION test_refuse_import() RETURNS trigger AS $$ BEGIN IF NEW.action = 'unit.import' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
        );
        await sql(t, 'CREATE TRIGGER test_refuse_import BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION test_refuse_import()');
      } else {
        await sql(
          t,
          "CREATE TRIGGER test_refuse_import BEFORE INSERT ON audit_event WHEN NEW.action = 'unit.import' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
        );
      }
      const newCode = OrgFactory.unique('TO');
      const file = `code,name,category,parentCode,headcount\n${d.school.code},Trường TH Hạ Mỗ,school,${d.commune.code},50\n${newCode},Tổ mới,other,${d.school.code},5\n`;
      const mark = await lastAuditId();
      try {
        const failed = await as(admin).post('/api/units/import').attach('file', Buffer.from(file), 'units.csv');
        expect(failed.status).toBeGreaterThanOrEqual(500);
      } finally {
        await sql(t, 'DROP TRIGGER test_refuse_import' + (postgres ? ' ON audit_event' : ''));
        if (postgres) await sql(t, 'DROP FUNCTION test_refuse_import()');
      }
      expect(await audit('id > ?', [mark])).toEqual([]);
      expect(await sql(t, 'SELECT id FROM unit WHERE code = ?', [newCode])).toEqual([]);
      expect((await as(admin).get(`/api/units/${d.school.id}`).expect(200)).body.headcount).toBe(100);
    });
  });

  describe('turnout never passes 100%', () => {
    it('caps a unit with more players than headcount on the boards and in the report, and tells organisers', async () => {
      const d = await district();
      // The admin sets the school's headcount to 2 (say, a slip of the keyboard); 3 of its staff play.
      await as(admin).patch(`/api/units/${d.school.id}`).send({ headcount: 2 }).expect(200);
      await as(admin).patch(`/api/units/${d.otherSchool.id}`).send({ headcount: 4 }).expect(200);
      await as(admin).patch(`/api/units/${d.commune.id}`).send({ headcount: 0 }).expect(200);
      const players = [
        ...(await Promise.all([1, 2, 3].map(() => make.participant({ unitCode: d.school.code })))),
        ...(await Promise.all([1, 2, 3].map(() => make.participant({ unitCode: d.otherSchool.code })))),
      ];
      const question = (
        await as(admin)
          .post('/api/questions')
          .send({
            type: 'truefalse',
            text: 'Biên chế có được vượt không?',
            choices: [
              { text: 'Có', correct: false },
              { text: 'Không', correct: true },
            ],
          })
          .expect(201)
      ).body;
      const race = (await as(admin).post('/api/races').send({ name: 'Đua biên chế' }).expect(201)).body.id as number;
      const round = (
        await as(admin)
          .post(`/api/races/${race}/rounds`)
          .send({ name: 'Vòng 1', mode: 'window', questionIds: [question.id], revealAnswers: 'immediately' })
          .expect(201)
      ).body.id;
      await as(admin).post(`/api/rounds/${round}/open`).expect(200);
      for (const player of players) {
        const token = await make.participantToken(player.staffCode);
        const attempt = (await as(token).post(`/api/rounds/${round}/attempts`).expect(201)).body;
        await as(token)
          .post(`/api/attempts/${attempt.attemptId}/answers`)
          .send({ questionId: question.id, choiceIds: [attempt.question.choices[0].id] })
          .expect(200);
      }

      const board = (await as(d.communeOrganiser.token).get(`/api/leaderboards/units?race=${race}&unitId=${d.commune.id}`).expect(200)).body;
      expect(
        board.entries.map((e: { id: number; participants: number; headcount: number; participationRate: number; headcountOutdated?: boolean }) => [
          e.id,
          e.participants,
          e.headcount,
          e.participationRate,
          e.headcountOutdated ?? false,
        ]),
      ).toEqual([
        [d.school.id, 3, 2, 1, true],
        [d.otherSchool.id, 3, 4, 0.75, false],
      ]);
      const categories = (await as(admin).get(`/api/leaderboards/categories?race=${race}&unitId=${d.commune.id}`).expect(200)).body;
      // Schools: 2 of the first's players count (its headcount) and 3 of the other's: 5 of 6.
      expect(categories.entries).toEqual([
        expect.objectContaining({ id: 'school', participants: 6, headcount: 6, participationRate: 5 / 6, headcountOutdated: true }),
      ]);

      // A hall's screen gets the same capped ranking, without the organisers' note.
      const screen = (
        await as(await make.screenToken())
          .get(`/api/leaderboards/units?race=${race}&unitId=${d.commune.id}`)
          .expect(200)
      ).body;
      expect(screen.entries.map((e: { id: number; participationRate: number }) => [e.id, e.participationRate])).toEqual([
        [d.school.id, 1],
        [d.otherSchool.id, 0.75],
      ]);
      expect(screen.entries.some((e: object) => 'headcountOutdated' in e)).toBe(false);

      const report = (await as(d.communeOrganiser.token).get(`/api/reports/participation?race=${race}&unitId=${d.commune.id}`).expect(200)).body;
      expect(report.units.find((u: { id: number }) => u.id === d.school.id)).toMatchObject({
        participants: 3,
        headcount: 2,
        rate: 1,
        ratePercent: 100,
        headcountOutdated: true,
      });
      expect(report.units.find((u: { id: number }) => u.id === d.otherSchool.id)).not.toHaveProperty('headcountOutdated');
      expect(report.total).toMatchObject({ participants: 6, headcount: 6, ratePercent: 83.33, headcountOutdated: true });
      for (const line of [...report.units, ...report.categories, report.total]) expect(line.rate).toBeLessThanOrEqual(1);
      const csv = (await as(d.communeOrganiser.token).get(`/api/reports/participation.csv?race=${race}&unitId=${d.commune.id}`).expect(200)).text;
      const schoolLine = csv.split('\r\n').find((line) => line.includes('Trường TH Hạ Mỗ'))!;
      expect(schoolLine).toContain(',100,');
      expect(schoolLine).toContain('Số người dự thi vượt biên chế: cần cập nhật biên chế');

      // The console's turnout tab warns the organiser, naming the unit.
      if (!haveBrowser) return;
      await t.app.listen(0, '127.0.0.1');
      const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      const browser = await launchBrowser();
      try {
        const { page, problems } = await openPage(browser, { width: 1366, height: 768 });
        await page.goto(`${base}/console`);
        await page.getByLabel('Tên đăng nhập').fill(d.communeOrganiser.username);
        await page.getByLabel('Mật khẩu').fill('organiser-password');
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.getByRole('tab', { name: 'Tham gia' }).click();
        await page.getByRole('combobox', { name: 'Cuộc đua' }).selectOption(String(race));
        const warning = page.locator('.note.warn', { hasText: 'Số người dự thi vượt biên chế: cần cập nhật biên chế' });
        await warning.waitFor();
        expect(await warning.textContent()).toContain('Trường TH Hạ Mỗ: 3/2');
        expect(await warning.textContent()).not.toContain('Trường MN Tân Hội');
        const text = await page.locator('main').innerText();
        expect(text).toMatch(/100,00\s?%/);
        expect(text).not.toMatch(/150,00/);
        await shot(page, 'console-turnout-headcount-outdated');
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  });
});
