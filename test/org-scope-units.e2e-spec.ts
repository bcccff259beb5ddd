import { AddressInfo } from 'node:net';
import { haveBrowser, launchBrowser, openPage, shot } from './support/browser';
import { OrgFactory } from './support/org-factory';
import { OrgScopeApp, json } from './support/org-scope';
import { sql } from './support/sql';
import { TestApp } from './support/test-app';

/**
 * Organisers stay in their lane (issue 19): a unit's headcount and parent change only from above
 * it, and rates never pass 100%. Clans are in org-scope-clans, the audit log in org-scope-audit.
 */
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
