import { Browser } from 'playwright-core';
import { describeInBrowser, openPage, shot } from '../support/browser';
import { OrgFactory } from '../support/org-factory';
import { PROJECTOR, PagesApp } from '../support/pages';

// The big screen in a hall, on a projector.
describeInBrowser('pages in Chromium', () => {
  const pages = new PagesApp();
  const { as, question, windowRound } = pages;
  let make: OrgFactory;
  let admin: string;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ make, admin, base, browser } = await pages.start());
  });
  afterAll(() => pages.close());

  it('moves a unit up on the big screen when its people answer', async () => {
    const district = await make.unit({ name: 'Huyện Màn Hình', category: 'district_office', headcount: 0 });
    const ahead = await make.unit({ name: 'Xã Dẫn Đầu', category: 'commune', parentCode: district.code, headcount: 4 });
    const behind = await make.unit({ name: 'Trường Bứt Phá', category: 'school', parentCode: district.code, headcount: 2 });
    const first = await make.participant({ unitCode: ahead.code });
    const climbers = [await make.participant({ unitCode: behind.code }), await make.participant({ unitCode: behind.code })];
    const made = await question('truefalse', 'Màn hình lớn cập nhật theo thời gian thực.', [
      ['Đúng', true],
      ['Sai', false],
    ]);
    const { race, round } = await windowRound('Vòng màn hình', [made]);
    await as(admin).post(`/api/rounds/${round}/open`).expect(200);
    const play = async (staffCode: string) => {
      const token = await make.participantToken(staffCode);
      const attempt = (await as(token).post(`/api/rounds/${round}/attempts`).expect(201)).body;
      const handle = attempt.question.choices.find((c: { text: string }) => c.text === made.choices[0].text).id;
      await as(token)
        .post(`/api/attempts/${attempt.attemptId}/answers`)
        .send({ questionId: made.id, choiceIds: [handle] })
        .expect(200);
    };
    await play(first.staffCode);

    const { page, problems } = await openPage(browser, PROJECTOR);
    const screenToken = await make.screenToken();
    await page.goto(`${base}/screen?token=${screenToken}&race=${race}&boards=units`);
    const leader = page.locator('.rows li').first();
    await leader.getByText('Xã Dẫn Đầu').waitFor();
    expect(await leader.textContent()).toContain('25,00%');
    await shot(page, 'screen-1-before');

    for (const climber of climbers) await play(climber.staffCode);
    await leader.getByText('Trường Bứt Phá').waitFor({ timeout: 5000 });
    await leader.getByText('100,00%').waitFor({ timeout: 5000 });
    expect(await page.locator('.rows li').nth(1).textContent()).toContain('Xã Dẫn Đầu');
    await shot(page, 'screen-2-after');
    expect(problems).toEqual([]);

    // Revoked, the screen stops showing the boards and says why, rather than a frozen board.
    const screen = (await as(screenToken).get('/api/auth/me').expect(200)).body;
    await as(admin).delete(`/api/screen-tokens/${screen.id}`).expect(204);
    await page.getByText('đã bị thu hồi').waitFor({ timeout: 3000 });
    await page.close();
  });
});
