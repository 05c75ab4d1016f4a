/**
 * The example page in real headless Chromium (Debian's, driven by playwright-core): against the msw
 * service worker in the page, and against the local HTTP mock server across origins.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../../mocks/http-server.js';

const root = new URL('../../', import.meta.url).pathname;
const executablePath = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => path !== undefined && path !== '' && existsSync(path),
);
if (!executablePath) {
  console.warn('e2e: skipped: no Chromium found. Install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH.');
}

let vite: ViteDevServer;
let mock: RunningDatabrainMockServer;
let browser: Browser;
let pageUrl: string;

beforeAll(async () => {
  if (!executablePath) return;
  [vite, mock] = await Promise.all([
    createServer({ configFile: `${root}mocks/example/vite.config.ts`, server: { port: 0, host: '127.0.0.1' } }),
    startDatabrainMockServer({ port: 0 }),
  ]);
  await vite.listen();
  pageUrl = vite.resolvedUrls?.local[0] ?? '';
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await vite?.close();
  await mock?.close();
});

async function open(query = ''): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${pageUrl}${query}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  return page;
}

async function names(page: Page): Promise<string[]> {
  return page.locator('#dashboards li').evaluateAll((items) => items.map((item) => item.firstChild?.textContent?.trim() ?? ''));
}

async function showDashboards(page: Page, workspace = 'my-workspace'): Promise<void> {
  await page.fill('#workspace', workspace);
  await page.click('#load');
}

async function nextPage(page: Page, label: string): Promise<void> {
  await page.click('#next');
  await page.locator('#page', { hasText: label }).waitFor();
}

async function alertText(page: Page): Promise<string> {
  await page.locator('#error:not([hidden])').waitFor();
  return (await page.textContent('#error')) ?? '';
}

describe.skipIf(!executablePath)('the example page in Chromium', () => {
  describe('on the msw service worker', () => {
    let page: Page;
    beforeAll(async () => {
      page = await open();
    }, 90_000);

    it('says msw answers, and lists a first page of 10 with the two documented dashboards', async () => {
      expect(await page.textContent('#mode')).toBe('Answered by msw in this page (service worker).');
      await showDashboards(page);
      await page.locator('#results:not([hidden])').waitFor();
      const first = await names(page);
      expect(first).toHaveLength(10);
      expect(first.slice(0, 2)).toEqual(['Sales Dashboard', 'Marketing Analytics']);
      mkdirSync(`${root}test-results`, { recursive: true });
      await page.screenshot({ path: `${root}test-results/example-listing.png`, fullPage: true });
    });

    it('pages on with Next: 10 more, then the last 3, then no Next', async () => {
      await nextPage(page, 'Page 2');
      const second = await names(page);
      expect([second.length, second[0]]).toEqual([10, 'Pipeline Health']);
      await nextPage(page, 'Page 3');
      expect(await names(page)).toEqual(['Cohort Analysis', 'Feature Adoption', 'Executive Summary']);
      expect(await page.isDisabled('#next')).toBe(true);
      await page.click('#previous');
      await page.locator('#page', { hasText: 'Page 2' }).waitFor();
      expect(await names(page)).toHaveLength(10);
    });

    it('shows the WORKSPACE_ID_ERROR of an unknown workspace readably', async () => {
      await showDashboards(page, 'no-such-workspace');
      expect(await alertText(page)).toBe('No workspace named "no-such-workspace" exists in your organisation.');
      expect(await page.isHidden('#results')).toBe(true);
    });

    it('shows a server failure readably', async () => {
      await page.check('#fail');
      await showDashboards(page);
      expect(await alertText(page)).toBe('Databrain failed on its side (server error): try again later.');
      await page.uncheck('#fail');
    });

    it('shows a refused token readably', async () => {
      await page.fill('#token', 'not-a-token');
      await showDashboards(page);
      expect(await alertText(page)).toBe('The service token was refused: check it and try again.');
      await page.fill('#token', 'dbn-dev-token');
    });
  });

  describe('on the local HTTP mock server, across origins', () => {
    let page: Page;
    beforeAll(async () => {
      page = await open(`?mock=server&url=${encodeURIComponent(mock.url)}`);
    }, 90_000);

    it('lists and pages my-workspace as 10, 10, 3', async () => {
      expect(await page.textContent('#mode')).toBe(`Answered by the local mock server at ${mock.url}.`);
      await showDashboards(page);
      await page.locator('#results:not([hidden])').waitFor();
      const sizes = [(await names(page)).length];
      await nextPage(page, 'Page 2');
      sizes.push((await names(page)).length);
      await nextPage(page, 'Page 3');
      sizes.push((await names(page)).length);
      expect(sizes).toEqual([10, 10, 3]);
    });

    it('shows the WORKSPACE_ID_ERROR and a forced server failure readably', async () => {
      await showDashboards(page, 'no-such-workspace');
      expect(await alertText(page)).toBe('No workspace named "no-such-workspace" exists in your organisation.');
      await page.check('#fail');
      await showDashboards(page);
      expect(await alertText(page)).toBe('Databrain failed on its side (server error): try again later.');
    });
  });
});
