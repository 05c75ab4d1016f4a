/**
 * test/support/chromium.sh, which the browser tests launch as their Chromium: it passes every
 * argument on as given, and merges every --disable-features (Chromium keeps only the last) with the
 * address bar's popups added, so that Playwright's own list still applies.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const wrapper = fileURLToPath(new URL('./support/chromium.sh', import.meta.url));
const printf = '/usr/bin/printf';

/** What the wrapper starts, given `args`: printf prints each argument it gets on a line of its own. */
async function started(args: string[], browser = printf): Promise<{ code: number; out: string[]; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(wrapper, ['%s\\n', ...args], {
      env: { PATH: process.env['PATH'] ?? '', CHROMIUM: browser },
    });
    return { code: 0, out: stdout.split('\n').slice(0, -1), err: stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, out: [], err: failed.stderr };
  }
}

describe('the browser tests’ Chromium wrapper', () => {
  it('passes each argument on as given and merges every --disable-features into one, the popups added', async () => {
    const args = ['--no-sandbox', '--disable-features=A,B', '--user-agent=a b', '--disable-features=C', 'about:blank'];
    expect(await started(args)).toEqual({
      code: 0,
      out: [
        '--no-sandbox',
        '--user-agent=a b',
        'about:blank',
        '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,A,B,C',
      ],
      err: '',
    });
  });

  it('adds the popups when no --disable-features is given', async () => {
    expect(await started([])).toEqual({
      code: 0,
      out: ['--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup'],
      err: '',
    });
  });

  it('says in one line where it found no Chromium and what to do', async () => {
    expect(await started([], '/no/such/chromium')).toEqual({
      code: 127,
      out: [],
      err: 'chromium.sh: no Chromium at /no/such/chromium: apt-get install chromium, or set CHROMIUM_PATH.\n',
    });
  });
});
