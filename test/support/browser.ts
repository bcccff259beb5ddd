import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';

/**
 * Debian's Chromium; `.ci/run` installs it when missing. Never a downloaded browser.
 * CHROMIUM_PATH names another one, or a file that is not there to see what a machine without it does.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const haveBrowser = existsSync(CHROMIUM);

/** CI=1 or CI=true, as `.ci/run` and most CI services set it. */
const inCi = /^(1|true)$/i.test(process.env.CI ?? '');

/** Where the browser tests leave their screenshots (a CI artefact; ignored by git). */
export const SHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

/**
 * `describe` when Chromium is here. Without it, in CI the suite fails, since a green run must
 * have driven the pages; elsewhere (a developer without Chromium) it is skipped, and says so loudly.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (haveBrowser) return describe(name, suite);
  const missing = `${CHROMIUM} IS MISSING (apt-get install -y chromium)`;
  if (inCi) {
    return describe(name, () => {
      it(`has Chromium at ${CHROMIUM}`, () => {
        throw new Error(`${missing}: in CI the browser tests may not be skipped`);
      });
    });
  }
  console.warn(`!!! SKIPPING BROWSER TESTS "${name}": ${missing} !!!`);
  describe.skip(name, suite);
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page that fails the test on any script error or failed request to the app. */
export async function openPage(browser: Browser, viewport: { width: number; height: number }): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && !/status of 4\d\d/.test(message.text()) && problems.push(`console: ${message.text()}`));
  return { page, problems };
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
