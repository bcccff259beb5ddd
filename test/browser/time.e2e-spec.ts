import { Browser } from 'playwright-core';
import { AddressInfo } from 'node:net';
import { io } from 'socket.io-client';
import { describeInBrowser, openPage, shot } from '../support/browser';
import { OrgFactory } from '../support/org-factory';
import { LAPTOP, PHONE, PagesApp } from '../support/pages';
import { ADMIN_PASSWORD, TestApp } from '../support/test-app';

// Time for those who need it, in the console: a person's time to answer, a round's points for
// speed shown plainly, and the host's "more time" reaching a phone.
describeInBrowser('time for those who need it, in the console (Chromium)', () => {
  const pages = new PagesApp();
  const { as, signInToConsole, question } = pages;
  let t: TestApp;
  let make: OrgFactory;
  let admin: string;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ t, make, admin, browser, base } = await pages.start());
  });
  afterAll(() => pages.close());

  it('sets a person’s time to answer from the Participants tab, and shows each round’s points for speed', async () => {
    const unit = await make.unit({ name: 'Xã Người Cao Tuổi', category: 'commune' });
    const person = await make.participant({ unitCode: unit.code, fullName: 'Bà Nguyễn Thị Hiền' });
    const made = await question('truefalse', 'Không đọc mã OTP cho người lạ.', [
      ['Đúng', true],
      ['Sai', false],
    ]);
    const race = (await as(admin).post('/api/races').send({ name: 'Đua chính xác' }).expect(201)).body.id as number;
    const accuracy = (
      await as(admin)
        .post(`/api/races/${race}/rounds`)
        .send({ name: 'Chỉ tính đúng sai', mode: 'window', questionIds: [made.id], speedBonus: false })
        .expect(201)
    ).body.id as number;
    const speedy = (
      await as(admin)
        .post(`/api/races/${race}/rounds`)
        .send({ name: 'Có tốc độ', mode: 'window', questionIds: [made.id] })
        .expect(201)
    ).body.id as number;

    const { page, problems } = await openPage(browser, LAPTOP);
    await signInToConsole(page, 'admin', ADMIN_PASSWORD);
    await page.locator(`[data-round-id="${accuracy}"]`).getByText('Không (mỗi câu đúng 1000)').waitFor();
    await page.locator(`[data-round-id="${speedy}"]`).getByText('Có (500–1000 theo tốc độ)').waitFor();
    expect(await page.getByRole('columnheader', { name: 'Cộng điểm tốc độ' }).count()).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Người dự thi' }).click();
    await page.getByLabel('Họ tên hoặc mã cán bộ').fill(person.staffCode);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const select = page.getByLabel('Thời gian trả lời của Bà Nguyễn Thị Hiền');
    await select.waitFor();
    expect(await select.inputValue()).toBe('1');
    await select.selectOption({ label: 'Gấp 2 lần' });
    await page.getByText('Đã lưu: Bà Nguyễn Thị Hiền — Gấp 2 lần').waitFor();
    await shot(page, 'console-time-multiplier');
    expect((await as(admin).get(`/api/participants/${person.id}`).expect(200)).body.timeMultiplier).toBe(2);
    expect(problems).toEqual([]);

    // On their phone, the round list says what it means for them.
    await as(admin).post(`/api/rounds/${speedy}/open`).expect(200);
    const phone = await openPage(browser, PHONE);
    await phone.page.goto(`${base}/`);
    await phone.page.getByLabel('Mã cán bộ').fill(person.staffCode);
    await phone.page.getByLabel('Mã PIN').fill('1234');
    await phone.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await phone.page.locator(`[data-round-id="${speedy}"]`).getByText('Bạn được gấp 2 lần thời gian: 60 giây mỗi câu').waitFor();
    await shot(phone.page, 'participant-more-time-rounds');
    expect(phone.problems).toEqual([]);
  });

  it('gives the live question more time from the host’s panel, and the phones hear the new deadline', async () => {
    const unit = await make.unit();
    const person = await make.participant({ unitCode: unit.code });
    const made = await question('single', 'Ảnh này có phải do AI tạo ra không?', [
      ['Có', true],
      ['Không', false],
    ]);
    const race = (await as(admin).post('/api/races').send({ name: 'Đua trực tiếp thêm giờ' }).expect(201)).body.id as number;
    const round = (
      await as(admin)
        .post(`/api/races/${race}/rounds`)
        .send({ name: 'Trực tiếp thêm giờ', mode: 'live', questionIds: [made.id], secondsPerQuestion: 20 })
        .expect(201)
    ).body.id as number;
    await as(admin).post(`/api/rounds/${round}/open`).expect(200);
    const url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/live`;
    const phone = io(url, { transports: ['websocket'], auth: { token: await make.participantToken(person.staffCode) }, reconnection: false });
    try {
      await new Promise<void>((resolve) => phone.once('connect', () => resolve()));
      expect(await phone.timeout(5000).emitWithAck('live:join', { roundId: round })).toMatchObject({ ok: true });
      // The same person on the phone page as well.
      const onPhone = await openPage(browser, PHONE);
      await onPhone.page.goto(`${base}/`);
      await onPhone.page.getByLabel('Mã cán bộ').fill(person.staffCode);
      await onPhone.page.getByLabel('Mã PIN').fill('1234');
      await onPhone.page.getByRole('button', { name: 'Đăng nhập' }).click();
      await onPhone.page.locator(`[data-round-id="${round}"]`).getByRole('button', { name: 'Vào phòng thi' }).click();
      await onPhone.page.getByText('Đang chờ người dẫn chương trình chiếu câu hỏi…').waitFor();
      await onPhone.page.waitForTimeout(300);

      const { page, problems } = await openPage(browser, LAPTOP);
      await signInToConsole(page, 'admin', ADMIN_PASSWORD);
      await page.locator(`[data-round-id="${round}"]`).getByRole('button', { name: 'Điều khiển trực tiếp' }).click();
      const sent = new Promise<{ question: { deadline: string } }>((resolve) => phone.once('live:question', resolve));
      await page.getByRole('button', { name: 'Câu tiếp theo' }).click();
      const first = Date.parse((await sent).question.deadline);
      const heard = new Promise<{ deadline: string }>((resolve) => phone.once('live:extend', resolve));
      await page.getByRole('button', { name: 'Thêm 20 giây cho mọi người' }).click();
      expect(Date.parse((await heard).deadline)).toBe(first + 20_000);
      await shot(page, 'console-live-more-time');
      // The phone says so once, and counts down from the new deadline: more than the round's 20 s left.
      await onPhone.page.getByText('Ban tổ chức vừa thêm thời gian cho câu này').waitFor();
      const label = await onPhone.page.getByRole('timer').getAttribute('aria-label');
      const [minutes, seconds] = label!.replace(/^\D*/, '').split(':').map(Number);
      expect(minutes * 60 + seconds).toBeGreaterThan(20);
      await shot(onPhone.page, 'participant-live-more-time');
      expect(problems).toEqual([]);
      expect(onPhone.problems).toEqual([]);
    } finally {
      phone.disconnect();
    }
  });
});
