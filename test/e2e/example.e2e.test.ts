/**
 * The example page's production build in real headless Chromium (Debian's headless shell, else its
 * chromium, driven by playwright-core), served under a strict Content-Security-Policy
 * (`script-src 'self'`, no 'unsafe-eval'): against the msw service worker in the page, and against
 * the local HTTP mock server across origins.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultDatabrainWorld } from '../../mocks/fixtures.js';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../../mocks/http-server.js';

const workspaceNames = Object.keys(defaultDatabrainWorld.workspaces);

const root = new URL('../../', import.meta.url).pathname;
// Debian's headless shell first: it is the headless build Playwright itself runs, and without the
// full browser's windows and address bar it takes half the CPU for these pages.
const executablePath = [
  process.env['CHROMIUM_PATH'],
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].find((path): path is string => path !== undefined && path !== '' && existsSync(path));
if (!executablePath && process.env['CI']) {
  // In CI the browser is the only proof of the strict-CSP claim: its absence is a failure, not a skip.
  throw new Error(
    "e2e: no Chromium found in CI. Install Debian's headless Chromium (apt-get install chromium-headless-shell) or set CHROMIUM_PATH.",
  );
}
if (!executablePath) {
  console.warn(
    "e2e: skipped: no Chromium found. Install Debian's headless Chromium (apt-get install chromium-headless-shell) or set CHROMIUM_PATH.",
  );
}

/** The policy the page is served with: scripts (and workers) from the page's origin only; no inline script, no eval. */
const contentSecurityPolicy = "script-src 'self'";

/** A script that tries to compile code from a string, as a validator compiled at run time would. */
const evalProbe = `try { new Function('return 1')(); document.body.dataset.evalProbe = 'ran'; } catch (error) { document.body.dataset.evalProbe = error.name; }`;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Serves a built folder with the strict policy on every answer. */
async function serveBuild(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = normalize((request.url ?? '/').split('?')[0] ?? '/').replace(/^(\.\.[/\\])+/, '');
    if (path === '/eval-probe.js') {
      response.writeHead(200, {
        'content-type': contentTypes['.js'],
        'content-security-policy': contentSecurityPolicy,
      });
      response.end(evalProbe);
      return;
    }
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy,
    });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

let site: { server: Server; url: string } | undefined;
let mock: RunningDatabrainMockServer;
let browser: Browser;
let pageUrl: string;
const outDir = mkdtempSync(join(tmpdir(), 'dck-example-'));

beforeAll(async () => {
  if (!executablePath) return;
  await build({
    configFile: `${root}mocks/example/vite.config.ts`,
    build: { outDir, emptyOutDir: true },
    logLevel: 'error',
  });
  [site, mock] = await Promise.all([serveBuild(outDir), startDatabrainMockServer({ port: 0 })]);
  pageUrl = site.url;
  browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Each test opens a fresh page of the same site: the pages of a block's context share one
      // renderer, not one started per page.
      '--process-per-site',
    ],
  });
}, 120_000);

afterAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  if (!executablePath) return;
  await browser.close();
  await new Promise((resolve) => site?.server.close(resolve));
  await mock.close();
});

/** A page of the example and what the browser reported against the policy on it. */
interface Opened {
  readonly page: Page;
  readonly violations: string[];
}

async function open(context: BrowserContext, query = ''): Promise<Opened> {
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive));
  await page.addInitScript(() => {
    const report = (window as unknown as { reportViolation: (directive: string) => void }).reportViolation;
    document.addEventListener('securitypolicyviolation', (event) => {
      report(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(`${pageUrl}${query}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  return { page, violations };
}

/**
 * Gives each test of a describe block a fresh page of the example (one browser context per block,
 * so the service worker is registered once), and fails a test whose page saw a policy violation.
 * A blank page stays open for the block: the context keeps its window, and each test's page opens
 * as a tab in it, not in a window of its own.
 */
function eachOnItsOwnPage(query: () => string): () => Page {
  let context: BrowserContext;
  let opened: Opened;
  beforeAll(async () => {
    context = await browser.newContext();
    await context.newPage();
  });
  afterAll(() => context.close());
  beforeEach(async () => {
    opened = await open(context, query());
  }, 90_000);
  afterEach(async () => {
    // While the page is open, so a report still on its way is counted.
    const violations = await opened.page
      .evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)))
      .then(() => [...opened.violations]);
    await opened.page.close();
    expect(violations).toEqual([]);
  });
  return () => opened.page;
}

async function names(page: Page): Promise<string[]> {
  return page
    .locator('#dashboards li')
    .evaluateAll((items) => items.map((item) => item.firstChild?.textContent?.trim() ?? ''));
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
    const current = eachOnItsOwnPage(() => '');

    it('is served under a policy that blocks eval and reports it as a violation', async () => {
      const page = current();
      const response = await page.request.get(pageUrl);
      expect(response.headers()['content-security-policy']).toBe(contentSecurityPolicy);
      const probe = await open(page.context());
      await probe.page.evaluate(() => {
        const script = document.createElement('script');
        script.src = '/eval-probe.js';
        document.head.append(script);
      });
      await probe.page.waitForSelector('body[data-eval-probe]');
      expect(await probe.page.getAttribute('body', 'data-eval-probe')).toBe('EvalError');
      await expect.poll(() => probe.violations.some((line) => line.startsWith('script-src eval'))).toBe(true);
      await probe.page.close();
    });

    it('offers the workspaces of List Workspaces, read a page at a time, to pick from', async () => {
      const page = current();
      await page.locator('#workspace-count', { hasText: 'workspaces' }).waitFor();
      expect(await page.textContent('#workspace-count')).toBe(`${workspaceNames.length} workspaces to pick from.`);
      expect(
        await page
          .locator('#workspaces option')
          .evaluateAll((options) => options.map((option) => option.getAttribute('value'))),
      ).toEqual(workspaceNames);
    });

    it('says msw answers, and lists a first page of 10 with the two documented dashboards', async () => {
      const page = current();
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
      const page = current();
      await showDashboards(page);
      await page.locator('#results:not([hidden])').waitFor();
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
      const page = current();
      await showDashboards(page, 'no-such-workspace');
      expect(await alertText(page)).toBe('No workspace named "no-such-workspace" exists in your organisation.');
      expect(await page.isHidden('#results')).toBe(true);
    });

    it('shows a server failure readably', async () => {
      const page = current();
      await page.check('#fail');
      await showDashboards(page);
      expect(await alertText(page)).toBe('Databrain failed on its side (server error): try again later.');
    });

    it('shows a refused token readably', async () => {
      const page = current();
      await page.fill('#token', 'not-a-token');
      await showDashboards(page);
      expect(await alertText(page)).toBe('The service token was refused: check it and try again.');
    });
  });

  describe('on the local HTTP mock server, across origins', () => {
    const current = eachOnItsOwnPage(() => `?mock=server&url=${encodeURIComponent(mock.url)}`);

    it('offers the workspaces the mock server lists', async () => {
      const page = current();
      await page.locator('#workspace-count', { hasText: 'workspaces' }).waitFor();
      expect(await page.textContent('#workspace-count')).toBe(`${workspaceNames.length} workspaces to pick from.`);
    });

    it('lists and pages my-workspace as 10, 10, 3', async () => {
      const page = current();
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
      const page = current();
      await showDashboards(page, 'no-such-workspace');
      expect(await alertText(page)).toBe('No workspace named "no-such-workspace" exists in your organisation.');
      await page.check('#fail');
      await showDashboards(page);
      expect(await alertText(page)).toBe('Databrain failed on its side (server error): try again later.');
    });
  });
});
