import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { OrgFactory } from './org-factory';
import { TestApp, startTestApp } from './test-app';

export const PHONE = { width: 390, height: 780 };
export const TALL_PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1366, height: 768 };
export const PROJECTOR = { width: 1920, height: 1080 };

/** The little of the page's DOM the tests read in `waitForFunction` (this project's tests have no DOM types). */
export interface InPage {
  document: { activeElement: { id: string; textContent: string | null } | null };
}

export interface Made {
  id: number;
  text: string;
  choices: Array<{ id: number; text: string; correct: boolean }>;
}

/**
 * What the page specs in test/browser each start for themselves (jest runs each file in its own
 * worker): the app listening on a port, a factory, the admin's token and Chromium. The helpers
 * are arrow fields, so a spec may take them apart before `start` has run.
 */
export class PagesApp {
  t!: TestApp;
  make!: OrgFactory;
  admin!: string;
  base!: string;
  browser!: Browser;

  async start(): Promise<this> {
    this.t = await startTestApp();
    await this.t.app.listen(0, '127.0.0.1');
    this.base = `http://127.0.0.1:${(this.t.app.getHttpServer().address() as AddressInfo).port}`;
    this.make = new OrgFactory(this.t);
    this.admin = await this.make.admin();
    this.browser = await launchBrowser();
    return this;
  }

  /** Also after a `start` that failed half-way. */
  async close(): Promise<void> {
    await this.browser?.close();
    await this.t?.close();
  }

  readonly as = (token: string) => ({
    get: (path: string) => this.t.http().get(path).auth(token, { type: 'bearer' }),
    post: (path: string) => this.t.http().post(path).auth(token, { type: 'bearer' }),
    patch: (path: string) => this.t.http().patch(path).auth(token, { type: 'bearer' }),
    delete: (path: string) => this.t.http().delete(path).auth(token, { type: 'bearer' }),
  });

  readonly signInToConsole = async (page: Page, username: string, password: string) => {
    await page.goto(`${this.base}/console`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('tab', { name: 'Cuộc đua' }).waitFor();
  };

  readonly question = async (type: 'single' | 'multiple' | 'truefalse', text: string, choices: Array<[string, boolean]>): Promise<Made> =>
    (
      await this.as(this.admin)
        .post('/api/questions')
        .send({ type, text, topic: 'Trình duyệt', choices: choices.map(([text, correct]) => ({ text, correct })) })
        .expect(201)
    ).body;

  readonly windowRound = async (name: string, questions: Made[], revealAnswers = 'immediately') => {
    const race = (
      await this.as(this.admin)
        .post('/api/races')
        .send({ name: `Đua ${name}` })
        .expect(201)
    ).body.id as number;
    const round = (
      await this.as(this.admin)
        .post(`/api/races/${race}/rounds`)
        .send({ name, mode: 'window', questionIds: questions.map((q) => q.id), revealAnswers })
        .expect(201)
    ).body.id as number;
    return { race, round };
  };
}
