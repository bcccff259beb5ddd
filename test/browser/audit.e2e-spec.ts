import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, openPage, shot } from '../support/browser';
import { OrgFactory } from '../support/org-factory';
import { ADMIN_PASSWORD, TestApp, startTestApp } from '../support/test-app';

const PHONE = { width: 390, height: 780 };
const LAPTOP = { width: 1366, height: 768 };

/** The little of the page's DOM the tests read in `evaluate` (this project's tests have no DOM types). */
interface InPage {
  document: { documentElement: { scrollWidth: number; clientWidth: number } };
}

describeInBrowser('the console’s audit log tab', () => {
  jest.setTimeout(60_000);
  let t: TestApp;
  let make: OrgFactory;
  let admin: string;
  let base: string;
  let browser: Browser;
  let school: { id: number; code: string; name: string };
  let schoolOrganiser: { username: string; token: string };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    make = new OrgFactory(t);
    admin = await make.admin();
    const parent = await make.unit({ name: 'Phòng Giáo dục và Đào tạo', category: 'other' });
    school = { ...(await make.unit({ name: 'Trường Tiểu học Nhật Ký', category: 'school', parentCode: parent.code })), name: 'Trường Tiểu học Nhật Ký' };
    schoolOrganiser = await make.organiser(school.id);
    // A change of the school's organiser: it must show under the school's filter, and to them.
    await t
      .http()
      .post('/api/races')
      .auth(schoolOrganiser.token, { type: 'bearer' })
      .set('x-request-id', 'school-race-1')
      .send({ name: 'Cuộc đua của trường' })
      .expect(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signInToConsole = async (page: Page, username: string, password: string) => {
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/console`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('tab', { name: 'Cuộc đua' }).waitFor();
  };
  const rows = (page: Page) => page.locator('table.audit tbody tr');

  it('shows the admin a change made in the console, newest first, with filters, the request id on hover and a CSV', async () => {
    const { page, problems } = await openPage(browser, LAPTOP);
    await signInToConsole(page, 'admin', ADMIN_PASSWORD);
    // The audited change, through the console itself.
    await page.getByRole('button', { name: 'Tạo cuộc đua' }).first().click();
    await page.getByLabel('Tên cuộc đua').fill('Cuộc đua luyện AI — nhật ký');
    await page.locator('form').getByRole('button', { name: 'Tạo cuộc đua' }).click();
    await page.getByText('Đã tạo cuộc đua “Cuộc đua luyện AI — nhật ký”.').waitFor();

    await page.getByRole('tab', { name: 'Nhật ký' }).click();
    await page.getByRole('heading', { name: 'Nhật ký thay đổi' }).waitFor();
    const newest = rows(page).first();
    await newest.getByText('Tạo cuộc đua').waitFor();
    await newest.getByText('Cuộc đua: Cuộc đua luyện AI — nhật ký').waitFor();
    expect(await newest.getAttribute('data-action')).toBe('race.create');
    expect(await newest.locator('td').nth(1).textContent()).toBe('admin');
    // Hovering the time shows the request id and address.
    expect(await newest.locator('td.when').getAttribute('title')).toMatch(/^Mã yêu cầu: [0-9a-f-]{36} · Địa chỉ: .*127\.0\.0\.1$/);
    await expect(newest.locator('.now', { hasText: 'Cuộc đua luyện AI — nhật ký' }).count()).resolves.toBe(1);
    await shot(page, 'console-audit-laptop');
    expect(
      await page.evaluate(
        () => (globalThis as unknown as InPage).document.documentElement.scrollWidth <= (globalThis as unknown as InPage).document.documentElement.clientWidth,
      ),
    ).toBe(true);

    // Filter to the school: its organiser's race, and the account made for them, nothing else.
    await page.getByLabel('Đơn vị', { exact: true }).selectOption(String(school.id));
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await rows(page).first().getByText('Cuộc đua: Cuộc đua của trường').waitFor();
    expect(await rows(page).first().getAttribute('data-request-id')).toBe('school-race-1');
    // The school's own events only (its creation, its organiser's account, its race), never the admin's district race.
    const inSchool = await rows(page).allTextContents();
    expect(inSchool.some((text) => text.includes('Cuộc đua luyện AI — nhật ký'))).toBe(false);
    expect(await rows(page).evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { action: string } }).dataset.action))).toEqual(
      expect.arrayContaining(['race.create', 'organiser.create']),
    );
    // A unit's id is shown by its name.
    await rows(page).first().getByText('đơn vị: Trường Tiểu học Nhật Ký').waitFor();

    // By action family: organiser accounts (the school organiser's was made in beforeAll).
    await page.getByRole('button', { name: 'Bỏ lọc' }).click();
    await page.getByLabel('Thao tác', { exact: true }).selectOption('organiser.');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await rows(page).first().getByText('Tạo tài khoản ban tổ chức').waitFor();
    for (const action of await rows(page).evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { action: string } }).dataset.action)))
      expect(action.startsWith('organiser.')).toBe(true);

    // A day with nothing in it.
    await page.getByRole('button', { name: 'Bỏ lọc' }).click();
    await page.getByLabel('Từ ngày').fill('2020-01-01');
    await page.getByLabel('Đến ngày').fill('2020-01-02');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.getByText('Không có thay đổi nào khớp bộ lọc.').waitFor();

    // The CSV of what is shown.
    await page.getByRole('button', { name: 'Bỏ lọc' }).click();
    await rows(page).first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('nhat-ky.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('Cuộc đua luyện AI — nhật ký');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a school’s organiser on a phone their own school’s events only, as cards', async () => {
    await t.http().post('/api/races').auth(admin, { type: 'bearer' }).send({ name: 'Cuộc đua toàn huyện riêng' }).expect(201);
    const { page, problems } = await openPage(browser, PHONE);
    await signInToConsole(page, schoolOrganiser.username, 'organiser-password');
    await page.getByRole('tab', { name: 'Nhật ký' }).click();
    await rows(page).first().waitFor();
    const texts = await rows(page).allTextContents();
    expect(texts.some((text) => text.includes('Cuộc đua của trường'))).toBe(true);
    expect(texts.some((text) => text.includes('Cuộc đua toàn huyện riêng') || text.includes('Cuộc đua luyện AI — nhật ký'))).toBe(false);
    // The unit filter offers the school, not the district.
    const options = await page.getByLabel('Đơn vị', { exact: true }).locator('option').allTextContents();
    expect(options.map((text) => text.trim())).toEqual(['Mọi đơn vị tôi quản lý', 'Trường Tiểu học Nhật Ký']);
    expect(
      await page.evaluate(
        () => (globalThis as unknown as InPage).document.documentElement.scrollWidth <= (globalThis as unknown as InPage).document.documentElement.clientWidth,
      ),
    ).toBe(true);
    await rows(page).first().scrollIntoViewIfNeeded();
    await shot(page, 'console-audit-phone');
    expect(problems).toEqual([]);
    await page.close();
  });
});
