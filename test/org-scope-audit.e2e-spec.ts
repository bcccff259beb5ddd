import { OrgFactory } from './support/org-factory';
import { OrgScopeApp, json } from './support/org-scope';
import { sql } from './support/sql';
import { TestApp } from './support/test-app';

/** Organisers stay in their lane (issue 19): each change is in the audit log exactly when it committed. */
describe('organisers over units, headcounts and clans', () => {
  const scope = new OrgScopeApp();
  const { as, audit, lastAuditId, district } = scope;
  let t: TestApp;
  let make: OrgFactory;
  let admin: string;

  beforeAll(async () => {
    ({ t, make, admin } = await scope.start());
  });
  afterAll(() => scope.close());

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
});
