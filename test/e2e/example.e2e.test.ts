/**
 * The example page's production build in real headless Chromium (Debian's, driven by
 * playwright-core), served under a strict Content-Security-Policy (`script-src 'self'`, no
 * 'unsafe-eval'): against the msw service worker in the page, and against the local HTTP mock
 * server across origins.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDatabrainWorld } from '../../mocks/fixtures.js';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../../mocks/http-server.js';

const workspaceNames = Object.keys(defaultDatabrainWorld.workspaces);

const root = new URL('../../', import.meta.url).pathname;
const executablePath = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => path !== undefined && path !== '' && existsSync(path),
);
if (!executablePath && process.env['CI']) {
  // In CI the browser is the only proof of the strict-CSP claim: its absence is a failure, not a skip.
  throw new Error(
    "e2e: no Chromium found in CI. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.",
  );
}
if (!executablePath) {
  console.warn(
    "e2e: skipped: no Chromium found. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.",
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
/** What the browser reported against the policy, by page. */
const violations: string[] = [];

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

async function open(query = '', reported = violations): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) reported.push(message.text());
  });
  await page.exposeFunction('reportViolation', (directive: string) => reported.push(directive));
  await page.addInitScript(() => {
    const report = (window as unknown as { reportViolation: (directive: string) => void }).reportViolation;
    document.addEventListener('securitypolicyviolation', (event) => {
      report(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(`${pageUrl}${query}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  return page;
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
    let page: Page;
    beforeAll(async () => {
      page = await open();
    }, 90_000);

    it('is served under a policy that blocks eval and reports it as a violation', async () => {
      const response = await page.request.get(pageUrl);
      expect(response.headers()['content-security-policy']).toBe(contentSecurityPolicy);
      const probeViolations: string[] = [];
      const probe = await open('', probeViolations);
      await probe.evaluate(() => {
        const script = document.createElement('script');
        script.src = '/eval-probe.js';
        document.head.append(script);
      });
      await probe.waitForSelector('body[data-eval-probe]');
      expect(await probe.getAttribute('body', 'data-eval-probe')).toBe('EvalError');
      await expect.poll(() => probeViolations.some((line) => line.startsWith('script-src eval'))).toBe(true);
      await probe.close();
    });

    it('offers the workspaces of List Workspaces, read a page at a time, to pick from', async () => {
      await page.locator('#workspace-count', { hasText: 'workspaces' }).waitFor();
      expect(await page.textContent('#workspace-count')).toBe(`${workspaceNames.length} workspaces to pick from.`);
      expect(
        await page
          .locator('#workspaces option')
          .evaluateAll((options) => options.map((option) => option.getAttribute('value'))),
      ).toEqual(workspaceNames);
    });

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

    it('offers the workspaces the mock server lists', async () => {
      await page.locator('#workspace-count', { hasText: 'workspaces' }).waitFor();
      expect(await page.textContent('#workspace-count')).toBe(`${workspaceNames.length} workspaces to pick from.`);
    });

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

  it('ran every page without one Content-Security-Policy violation', () => {
    expect(violations).toEqual([]);
  });
});
