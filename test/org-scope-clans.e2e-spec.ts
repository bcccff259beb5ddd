import { OrgFactory } from './support/org-factory';
import { OrgScopeApp, json } from './support/org-scope';
import { sql } from './support/sql';
import { TestApp } from './support/test-app';

/** Organisers stay in their lane (issue 19): clans receive only the organiser's own people. */
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
});
