import { Browser } from 'playwright-core';
import { describeInBrowser, openPage, shot } from '../support/browser';
import { OrgFactory } from '../support/org-factory';
import { InPage, LAPTOP, PROJECTOR, PagesApp } from '../support/pages';
import { ADMIN_PASSWORD, TestApp } from '../support/test-app';

// The organisers' console on a laptop: rounds, turnout, screen tokens and accounts.
describeInBrowser('pages in Chromium', () => {
  const pages = new PagesApp();
  const { as, signInToConsole, question, windowRound } = pages;
  let t: TestApp;
  let make: OrgFactory;
  let admin: string;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ t, make, admin, base, browser } = await pages.start());
  });
  afterAll(() => pages.close());

  it('lets an organiser launch and close a round from the console, and see who has not played', async () => {
    const unit = await make.unit({ name: 'Xã Bảng Điều Khiển', category: 'commune', headcount: 2 });
    const player = await make.participant({ unitCode: unit.code, fullName: 'Người Đã Chơi' });
    await make.participant({ unitCode: unit.code, fullName: 'Người Chưa Chơi <b>đậm</b>' });
    const made = await question('truefalse', 'Bảng điều khiển mở được vòng thi.', [
      ['Đúng', true],
      ['Sai', false],
    ]);
    const { race, round } = await windowRound('Vòng bảng điều khiển', [made]);

    const { page, problems } = await openPage(browser, LAPTOP);
    await page.goto(`${base}/console`);
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const row = page.locator(`[data-round-id="${round}"]`);
    await row.waitFor();
    await shot(page, 'console-1-races');
    await row.getByRole('button', { name: 'Mở vòng' }).click();
    await row.getByText('Đang mở').waitFor();
    expect((await as(admin).get(`/api/rounds/${round}`).expect(200)).body.status).toBe('open');

    // One person plays while the round is open.
    const token = await make.participantToken(player.staffCode);
    const attempt = (await as(token).post(`/api/rounds/${round}/attempts`).expect(201)).body;
    const handle = attempt.question.choices.find((c: { text: string }) => c.text === made.choices[0].text).id;
    await as(token)
      .post(`/api/attempts/${attempt.attemptId}/answers`)
      .send({ questionId: made.id, choiceIds: [handle] })
      .expect(200);

    await row.getByRole('button', { name: 'Đóng vòng' }).click();
    await shot(page, 'console-2-close-confirm');
    await row.getByRole('button', { name: 'Xác nhận đóng vòng' }).click();
    await row.getByText('Đã đóng').waitFor();
    expect((await as(admin).get(`/api/rounds/${round}`).expect(200)).body.status).toBe('closed');

    // Turnout: the race's figures and the one person still to chase, by name, as text.
    await page.getByRole('tab', { name: 'Tham gia' }).click();
    await page.getByRole('combobox', { name: 'Cuộc đua' }).selectOption(String(race));
    await page.getByText('Người Chưa Chơi <b>đậm</b>').waitFor();
    expect(await page.locator('b:text("đậm")').count()).toBe(0);
    await shot(page, 'console-3-turnout');

    // A screen token for the hall: its link and QR code, and the link opens the big screen.
    await page.getByRole('tab', { name: 'Màn hình' }).click();
    await page.getByLabel('Tên màn hình').fill('Hội trường tầng 2');
    await page.getByRole('button', { name: 'Tạo', exact: true }).click();
    await page.locator('img.screen-qr').waitFor();
    const link = await page.locator('.screen-link input').inputValue();
    expect(link).toMatch(new RegExp(`^${base}/screen\\?token=`));
    await shot(page, 'console-4-screen-token');
    const { page: projector } = await openPage(browser, PROJECTOR);
    await projector.goto(`${link}&race=${race}&boards=units`);
    await projector.locator('.rows li').getByText('Xã Bảng Điều Khiển').waitFor();
    await projector.close();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lets an organiser change their password in the Account tab: earlier tokens end, the page goes on, then signs out everywhere', async () => {
    const organiser = await make.organiser(undefined);
    const earlier = organiser.token;
    const made = await question('truefalse', 'Đổi mật khẩu không làm gián đoạn trang.', [
      ['Đúng', true],
      ['Sai', false],
    ]);
    const { round } = await windowRound('Vòng đổi mật khẩu', [made]);

    const { page, problems } = await openPage(browser, LAPTOP);
    await signInToConsole(page, organiser.username, 'organiser-password');
    await page.locator(`[data-round-id="${round}"]`).waitFor();
    await page.getByRole('tab', { name: 'Tài khoản' }).click();
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Đổi mật khẩu' }) });

    // Checked on the page first: too short, and the two new ones differ.
    await form.getByLabel('Mật khẩu hiện tại').fill('organiser-password');
    await form.getByLabel('Mật khẩu mới', { exact: true }).fill('ngắn');
    await form.getByLabel('Nhập lại mật khẩu mới').fill('khác');
    await form.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await form.getByText('Mật khẩu mới phải có ít nhất 10 ký tự.').waitFor();
    await form.getByText('Hai lần nhập mật khẩu mới không khớp.').waitFor();

    // A wrong current password is refused by the server, and the page stays signed in.
    await form.getByLabel('Mật khẩu hiện tại').fill('sai-mat-khau-roi');
    await form.getByLabel('Mật khẩu mới', { exact: true }).fill('mật-khẩu-mới-2025');
    await form.getByLabel('Nhập lại mật khẩu mới').fill('mật-khẩu-mới-2025');
    await form.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await form.getByText('Mật khẩu hiện tại không đúng.').waitFor();
    expect(await page.getByRole('tab', { name: 'Tài khoản' }).isVisible()).toBe(true);

    // The server closes every other session's sockets; this page's token and socket are kept.
    await form.getByLabel('Mật khẩu hiện tại').fill('organiser-password');
    await form.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await form.getByText(/^Đã đổi mật khẩu\./).waitFor();
    await shot(page, 'console-5-account');
    const ended = await as(earlier).get('/api/auth/me').expect(401);
    expect(ended.body.code).toBe('SESSION_ENDED');
    await make.signIn(organiser.username, 'mật-khẩu-mới-2025');
    expect(await page.getByText('Tài khoản ban tổ chức').count()).toBe(0);

    // The page goes on: its calls work and its socket brings a round's new status without a reload.
    await page.getByRole('tab', { name: 'Cuộc đua' }).click();
    const row = page.locator(`[data-round-id="${round}"]`);
    await row.getByText('Nháp').waitFor();
    await as(admin).post(`/api/rounds/${round}/open`).expect(200);
    await row.getByText('Đang mở').waitFor({ timeout: 5000 });
    expect(await page.getByLabel('Tên đăng nhập').count()).toBe(0);

    // Signing out everywhere ends this page's token too, after a confirm step.
    const own = (await page.evaluate<string | null>(`localStorage.getItem('ai-race:organiser')`))!;
    const other = await make.signIn(organiser.username, 'mật-khẩu-mới-2025');
    await page.getByRole('tab', { name: 'Tài khoản' }).click();
    await page.getByRole('button', { name: 'Đăng xuất khỏi mọi thiết bị' }).click();
    const confirm = page.getByRole('group', { name: 'Đăng xuất trên mọi thiết bị, kể cả máy này?' });
    await page.waitForFunction(() => (globalThis as unknown as InPage).document.activeElement?.textContent === 'Xác nhận đăng xuất', undefined, {
      timeout: 2000,
    });
    await confirm.getByRole('button', { name: 'Xác nhận đăng xuất' }).click();
    await page.getByText('Đã đăng xuất khỏi mọi thiết bị.').waitFor();
    await page.getByLabel('Tên đăng nhập').waitFor();
    for (const token of [own, other]) expect((await as(token).get('/api/auth/me').expect(401)).body.code).toBe('SESSION_ENDED');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lets the admin create, move, re-password, disable and enable an organiser in the Account tab', async () => {
    const first = await make.unit({ name: 'Xã Tài Khoản', category: 'commune', headcount: 3 });
    const second = await make.unit({ name: 'Trường Tài Khoản', category: 'school', headcount: 3 });
    const username = OrgFactory.unique('btc-').toLowerCase();

    const { page, problems } = await openPage(browser, LAPTOP);
    await signInToConsole(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('tab', { name: 'Tài khoản' }).click();
    await page.getByRole('heading', { name: 'Tài khoản ban tổ chức', exact: true }).waitFor();
    const own = page.locator('tr[data-organiser="admin"]');
    await own.getByText('(bạn)').waitFor();
    expect(await own.getByRole('button', { name: 'Tạm ngừng' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
    await page.locator('#organiser-password').fill('mật-khẩu-ban-đầu');
    await page.locator('#organiser-repeat').fill('mật-khẩu-ban-đầu');
    await page.getByLabel('Phụ trách').selectOption(String(first.id));
    await page.getByRole('button', { name: 'Tạo tài khoản' }).scrollIntoViewIfNeeded();
    await shot(page, 'console-6-new-organiser');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const row = page.locator(`tr[data-organiser="${username}"]`);
    await row.getByText('Xã Tài Khoản').waitFor();
    await page.getByText(`Đã tạo tài khoản “${username}”.`).waitFor();
    const before = await make.signIn(username, 'mật-khẩu-ban-đầu');

    await row.getByRole('button', { name: 'Đổi đơn vị' }).click();
    const unit = page.getByLabel(`Đơn vị của “${username}”`);
    // The select takes the focus as it opens.
    await page.waitForFunction((id) => (globalThis as unknown as InPage).document.activeElement?.id === id, await unit.getAttribute('id'), { timeout: 2000 });
    await unit.selectOption(String(second.id));
    await shot(page, 'console-7-organisers');
    await page.locator('tr.inline-form').getByRole('button', { name: 'Lưu' }).click();
    await row.getByText('Trường Tài Khoản').waitFor();
    const listed = (await as(admin).get('/api/organisers').expect(200)).body as Array<{ username: string; unitId: number | null; active: boolean }>;
    expect(listed.find((o) => o.username === username)).toEqual(expect.objectContaining({ unitId: second.id, active: true }));

    await row.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    const inline = page.locator('tr.inline-form');
    await inline.getByLabel('Mật khẩu mới', { exact: true }).fill('mật-khẩu-thứ-hai');
    await inline.getByLabel('Nhập lại mật khẩu mới').fill('mật-khẩu-thứ-ba');
    await inline.getByRole('button', { name: 'Lưu' }).click();
    await inline.getByText('Hai lần nhập mật khẩu mới không khớp.').waitFor();
    await inline.getByLabel('Nhập lại mật khẩu mới').fill('mật-khẩu-thứ-hai');
    await inline.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText(`Đã đặt mật khẩu mới cho “${username}”`).waitFor();
    expect((await as(before).get('/api/auth/me').expect(401)).body.code).toBe('SESSION_ENDED');
    await make.signIn(username, 'mật-khẩu-thứ-hai');

    await row.getByRole('button', { name: 'Tạm ngừng' }).click();
    await row.getByRole('button', { name: 'Xác nhận tạm ngừng' }).click();
    await row.getByRole('button', { name: 'Mở lại' }).waitFor();
    await shot(page, 'console-8-organiser-disabled');
    const refused = await t.http().post('/api/auth/login').send({ username, password: 'mật-khẩu-thứ-hai' }).expect(401);
    expect(refused.body.code).toBe('ACCOUNT_DISABLED');
    await row.getByRole('button', { name: 'Mở lại' }).click();
    await row.getByRole('button', { name: 'Xác nhận mở lại' }).click();
    await row.getByText('Đang hoạt động').waitFor();
    await make.signIn(username, 'mật-khẩu-thứ-hai');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('makes a screen token for one race that expires, and lists its race and expiry', async () => {
    const race = (await as(admin).post('/api/races').send({ name: 'Đua màn hình có hạn' }).expect(201)).body.id as number;
    const { page, problems } = await openPage(browser, LAPTOP);
    await signInToConsole(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('tab', { name: 'Màn hình' }).click();
    await page.getByLabel('Cuộc đua trên màn hình').selectOption(String(race));
    await page.getByLabel('Hiệu lực').selectOption({ label: '7 ngày' });
    await page.getByLabel('Tên màn hình').fill('Phòng họp có hạn');
    await page.getByRole('button', { name: 'Tạo', exact: true }).click();
    const item = page.locator('ul.screens > li', { hasText: 'Phòng họp có hạn' });
    await item.getByText('Hiển thị: Đua màn hình có hạn').waitFor();
    await item.getByText(/Hết hạn lúc/).waitFor();
    const listed = (await as(admin).get('/api/screen-tokens').expect(200)).body as Array<{ label: string; raceId: number; expiresAt: string }>;
    const screen = listed.find((s) => s.label === 'Phòng họp có hạn')!;
    expect(screen.raceId).toBe(race);
    expect(Math.abs(Date.parse(screen.expiresAt) - Date.now() - 7 * 24 * 3600_000)).toBeLessThan(60_000);
    await item.scrollIntoViewIfNeeded();
    await shot(page, 'console-9-screen-expiry');
    expect(problems).toEqual([]);
    await page.close();
  });
});
