/**
 * The kernel's smaller parts at their edges, in-process: the success status of the spec, the
 * `--timeout` range, optional peers, the report files and the error validators' lookup.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onlySuccessStatus } from '../src/kernel/facts.js';
import { errorResponseValidator, firstLine, successStatus } from '../src/kernel/index.js';
import { importPeer, MissingPeerError, requirePeerInstalled } from '../src/kernel/peers.js';
import { summarize } from '../src/kernel/findings.js';
import { writeDriftReports } from '../src/kernel/report-files.js';
import { defaultTimeoutMs, maximumTimeoutMs, minimumTimeoutMs, timeoutProblem } from '../src/kernel/timeouts.js';

const scratch = mkdtempSync(join(tmpdir(), 'dck-kernel-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const outcome = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : error;
  }
};

describe('the success status', () => {
  it('is the one 2xx status the spec documents, and a spec with none or several is refused', () => {
    expect([
      successStatus,
      outcome(() => onlySuccessStatus([200, 400, 200, 500])),
      outcome(() => onlySuccessStatus([299, 300, 199])),
      outcome(() => onlySuccessStatus([400, 500, 300])),
      outcome(() => onlySuccessStatus([200, 201])),
    ]).toEqual([
      200,
      200,
      299,
      'Error: the spec documents 0 success statuses (), not one',
      'Error: the spec documents 2 success statuses (200, 201), not one',
    ]);
  });

  it('has no error validator, while every error status has one', () => {
    expect([200, 400, 401, 500, 404].map((status) => typeof errorResponseValidator(status))).toEqual([
      'undefined',
      'function',
      'function',
      'function',
      'undefined',
    ]);
  });
});

describe('the first line of a reason', () => {
  it('is the whole of a one-line message, and what comes before the first line break of a longer one', () => {
    expect(
      [new Error('one line'), new Error('first\nsecond\nthird'), 'text\nmore', '\nafter a break', 42, undefined].map(
        firstLine,
      ),
    ).toEqual(['one line', 'first', 'text', '', '42', 'undefined']);
  });
});

describe('the --timeout range', () => {
  it('takes whole milliseconds from 100 to 120 000, 10 000 by default, and names what it got otherwise', () => {
    const problem = (value: string) =>
      `--timeout must be a whole number of milliseconds from 100 to 120000, not "${value}".`;
    expect([defaultTimeoutMs, minimumTimeoutMs, maximumTimeoutMs]).toEqual([10_000, 100, 120_000]);
    expect(
      [
        [100, '100'],
        [120_000, '120000'],
        [99, '99'],
        [120_001, '120001'],
        [150.5, '150.5'],
        [Number.NaN, 'soon'],
        [Number.NaN, undefined],
      ].map(([ms, value]) => timeoutProblem(ms as number, value as string | undefined)),
    ).toEqual([undefined, undefined, problem('99'), problem('120001'), problem('150.5'), problem('soon'), problem('')]);
  });
});

describe('optional peers', () => {
  const notFound = (name: string, code: string) =>
    Object.assign(new Error(`Cannot find package '${name}' imported from here`), { code });

  it('turns a missing peer into one error that says what to install, and leaves every other failure as it is', async () => {
    const settle = (load: () => Promise<unknown>) =>
      importPeer('@pact-foundation/pact', 'The drift check', load).then(
        (value) => value,
        (error: unknown) =>
          outcome(() => {
            throw error;
          }),
      );
    expect(
      await Promise.all([
        settle(() => Promise.resolve('loaded')),
        settle(() => Promise.reject(notFound('@pact-foundation/pact', 'ERR_MODULE_NOT_FOUND'))),
        settle(() => Promise.reject(notFound('@pact-foundation/pact', 'MODULE_NOT_FOUND'))),
        // Another package missing inside the peer is the peer's fault, not a missing peer.
        settle(() => Promise.reject(notFound('left-pad', 'ERR_MODULE_NOT_FOUND'))),
        settle(() => Promise.reject(notFound('@pact-foundation/pact', 'EACCES'))),
        settle(() => Promise.reject(null)),
      ]),
    ).toEqual([
      'loaded',
      'MissingPeerError: The drift check needs @pact-foundation/pact, which is not installed: npm install --save-dev @pact-foundation/pact',
      'MissingPeerError: The drift check needs @pact-foundation/pact, which is not installed: npm install --save-dev @pact-foundation/pact',
      "Error: Cannot find package 'left-pad' imported from here",
      "Error: Cannot find package '@pact-foundation/pact' imported from here",
      null,
    ]);
  });

  it('checks that a peer resolves without loading it', () => {
    const resolved: string[] = [];
    const found = (name: string) => {
      resolved.push(name);
      return `/node_modules/${name}/index.js`;
    };
    const missing = (): string => {
      throw new Error('not found');
    };
    const refused = outcome(() => requirePeerInstalled('msw', 'The msw handlers', missing));
    expect([outcome(() => requirePeerInstalled('msw', 'The msw handlers', found)), resolved, refused]).toEqual([
      undefined,
      ['msw'],
      'MissingPeerError: The msw handlers needs msw, which is not installed: npm install --save-dev msw',
    ]);
    expect(new MissingPeerError('msw', 'x').packageName).toBe('msw');
  });
});

describe('the report files', () => {
  it('writes the JSON, JUnit and Markdown reports into a folder it makes, nested or not', () => {
    const report = summarize({
      baseUrl: 'http://127.0.0.1:9',
      startedAt: '2026-12-02T00:00:00.000Z',
      durationMs: 1,
      strict: false,
      checks: [],
    });
    const dir = join(scratch, 'a', 'b');
    const paths = writeDriftReports(report, dir);
    expect({
      paths,
      files: readdirSync(dir).sort(),
      json: JSON.parse(readFileSync(join(dir, 'drift-report.json'), 'utf8')) as unknown,
      endsWithNewline: readFileSync(join(dir, 'drift-report.json'), 'utf8').endsWith('}\n'),
    }).toEqual({
      paths: ['drift-report.json', 'drift-report.xml', 'drift-report.md'].map((name) => join(dir, name)),
      files: ['drift-report.json', 'drift-report.md', 'drift-report.xml'],
      json: report,
      endsWithNewline: true,
    });
  });
});
