/**
 * The pagination invariant on its own, on lists in memory: pages that concatenate to the list pass,
 * and each way pages can differ from the list gets its own finding, whole, naming the page and the
 * items concerned. The drift tests show the same check against drifted providers over HTTP.
 */
import { describe, expect, it } from 'vitest';
import { dashboardsKind, paginationCheck, workspacesKind, type ListKind } from '../contracts/probes.js';
import type { Finding } from '../src/kernel/findings.js';
import type { Dashboard, Workspace } from '../src/kernel/index.js';

const dashboard = (n: number): Dashboard => ({ externalDashboardId: `d${n}`, name: `Dashboard ${n}` });
const dashboards = (from: number, to: number): Dashboard[] =>
  Array.from({ length: to - from + 1 }, (_, i) => dashboard(from + i));

/** Page n of a list, as a provider that keeps to the spec answers it. */
const pageOf =
  <T>(list: readonly T[], size = 10) =>
  (n: number): T[] =>
    list.slice((n - 1) * size, n * size);

/** Runs the check with a page reader, and keeps the page numbers it asked for. */
async function check<T>(
  list: readonly T[] | undefined,
  readPage: (n: number) => T[] | undefined,
  kind: ListKind<T>,
  maxPages = 20,
) {
  const asked: number[] = [];
  const result = await paginationCheck(
    list,
    (n) => {
      asked.push(n);
      return Promise.resolve(readPage(n));
    },
    maxPages,
    kind,
  );
  return { name: result.name, status: result.status, findings: result.findings, asked };
}

const checkDashboards = (
  list: readonly Dashboard[] | undefined,
  readPage: (n: number) => Dashboard[] | undefined,
  maxPages?: number,
) => check(list, readPage, dashboardsKind, maxPages);

const onPage = (page: number, expected: string, actual: string, message: string): Finding => ({
  severity: 'drift',
  where: `page ${page}`,
  expected,
  actual,
  message,
});

const dashboardsCheck = 'pages concatenate to the list';

describe('the pagination invariant passes', () => {
  it.each([
    ['25 dashboards on three pages', 25, [1, 2, 3]],
    ['20 dashboards, the third page empty', 20, [1, 2, 3]],
    ['9 dashboards on one page', 9, [1]],
    ['no dashboards, the first page empty', 0, [1]],
  ])('%s', async (_name, count, asked) => {
    const list = dashboards(1, count);
    expect(await checkDashboards(list, pageOf(list))).toEqual({
      name: dashboardsCheck,
      status: 'passed',
      findings: [],
      asked,
    });
  });

  it('names the pages it read when it stopped at maxPages before the last page', async () => {
    const list = dashboards(1, 30);
    expect(await checkDashboards(list, pageOf(list), 2)).toEqual({
      name: `${dashboardsCheck} (first 2 pages)`,
      status: 'passed',
      findings: [],
      asked: [1, 2],
    });
  });

  it('does not name a page count when the last page is the last one it may read', async () => {
    const list = dashboards(1, 15);
    expect(await checkDashboards(list, pageOf(list), 2)).toMatchObject({ name: dashboardsCheck, asked: [1, 2] });
  });

  it('for 13 workspaces, under the workspace check', async () => {
    const list: Workspace[] = Array.from({ length: 13 }, (_, i) => ({ name: `ws-${i + 1}` }));
    expect(await check(list, pageOf(list), workspacesKind)).toEqual({
      name: 'workspace pages concatenate to the workspace list',
      status: 'passed',
      findings: [],
      asked: [1, 2],
    });
  });

  it('with the time it took, from the first page read to the last', async () => {
    const list = dashboards(1, 15);
    const before = performance.now();
    const result = await paginationCheck(
      list,
      (n) => new Promise((resolve) => setTimeout(() => resolve(pageOf(list)(n)), 5)),
      20,
      dashboardsKind,
    );
    const took = performance.now() - before;
    expect(result.durationMs).toBeGreaterThan(0);
    expect(result.durationMs).toBeLessThanOrEqual(took);
  });
});

describe('the pagination invariant finds', () => {
  const list = dashboards(1, 25);

  it('nothing to compare with when the list failed its probe, and reads no page', async () => {
    for (const kind of [dashboardsKind, workspacesKind] as ListKind<unknown>[]) {
      expect(await check(undefined, () => [], kind)).toEqual({
        name: kind.check,
        status: 'drift',
        findings: [
          {
            severity: 'drift',
            where: 'list',
            expected: 'a valid list',
            actual: 'none',
            message: `the unpaginated list of ${kind.plural} failed its probe, so pages cannot be compared with it`,
          },
        ],
        asked: [],
      });
    }
  });

  it.each<[string, (n: number) => Dashboard[] | undefined, Finding, number[]]>([
    [
      'a page that is not a valid answer',
      (n) => (n === 2 ? undefined : pageOf(list)(n)),
      onPage(2, 'a valid 200 page', 'an invalid answer', 'page 2 did not answer a valid list'),
      [1, 2],
    ],
    [
      'the whole list on the first page',
      () => list,
      onPage(1, 'at most 10 dashboards', '25 dashboards', 'pagination is ignored: page 1 holds the whole list of 25'),
      [1],
    ],
    [
      'pages of 12',
      pageOf(list, 12),
      onPage(1, 'at most 10 dashboards', '12 dashboards', 'page 1 holds 12 dashboards: the page size is no longer 10'),
      [1],
    ],
    [
      'pages of 4',
      pageOf(list, 4),
      onPage(
        1,
        '10 dashboards, d1 … d10',
        '4 dashboards, d1 … d4',
        'page 1 holds 4 dashboards though the list continues: the page size seems to be 4, not 10',
      ),
      [1],
    ],
    [
      'pages counted from 0',
      (n) => pageOf(list)(n + 1),
      onPage(
        1,
        '10 dashboards, d1 … d10',
        '10 dashboards, d11 … d20',
        'page 1 holds the dashboards of page 2: pages seem to be counted from 0',
      ),
      [1],
    ],
    [
      'the page number ignored',
      () => pageOf(list)(1),
      onPage(
        2,
        '10 dashboards, d11 … d20',
        '10 dashboards, d1 … d10',
        'page 2 holds the dashboards of page 1: the page number seems to be ignored',
      ),
      [1, 2],
    ],
    [
      'an empty page before the end',
      (n) => (n === 2 ? [] : pageOf(list)(n)),
      onPage(
        2,
        '10 dashboards, d11 … d20',
        '[]',
        'page 2 is empty, though the list of 25 dashboards should fill it from dashboard 11: the pages end early',
      ),
      [1, 2],
    ],
    [
      'the pages in reverse order',
      pageOf([...list].reverse()),
      onPage(
        1,
        '10 dashboards, d1 … d10',
        '10 dashboards, d25 … d16',
        'page 1 is not dashboards 1 to 10 of the list: the pages list the dashboards in another order than the list',
      ),
      [1],
    ],
    [
      'a dashboard on a page that the list does not hold',
      (n) => (n === 2 ? [...dashboards(11, 19), dashboard(99)] : pageOf(list)(n)),
      onPage(
        2,
        '10 dashboards, d11 … d20',
        '10 dashboards, d11 … d99',
        'page 2 is not dashboards 11 to 20 of the list',
      ),
      [1, 2],
    ],
    [
      'a dashboard renamed on its page',
      (n) => (n === 3 ? [{ externalDashboardId: 'd21', name: 'Renamed' }, ...dashboards(22, 25)] : pageOf(list)(n)),
      onPage(3, '5 dashboards, d21 … d25', '5 dashboards, d21 … d25', 'page 3 is not dashboards 21 to 25 of the list'),
      [1, 2, 3],
    ],
  ])('%s', async (_name, readPage, finding, asked) => {
    expect(await checkDashboards(list, readPage)).toEqual({
      name: dashboardsCheck,
      status: 'drift',
      findings: [finding],
      asked,
    });
  });

  it('another dashboard alone on the last page', async () => {
    const list21 = dashboards(1, 21);
    expect(await checkDashboards(list21, (n) => (n === 3 ? [dashboard(7)] : pageOf(list21)(n)))).toEqual({
      name: dashboardsCheck,
      status: 'drift',
      findings: [onPage(3, '[d21]', '[d7]', 'page 3 is not dashboard 21 of the list')],
      asked: [1, 2, 3],
    });
  });

  it.each([
    [
      'one dashboard past the end',
      dashboards(1, 10),
      (n: number) => (n === 2 ? [dashboard(10)] : dashboards(1, 10)),
      2,
      '[]',
      '[d10]',
      'page 2 holds 1 dashboard past the end of the list of 10 dashboards',
    ],
    [
      'an empty first page of one dashboard',
      [dashboard(1)],
      () => [],
      1,
      '[d1]',
      '[]',
      'page 1 is empty, though the list of 1 dashboard should fill it from dashboard 1: the pages end early',
    ],
    [
      'pages of one',
      dashboards(1, 3),
      (n: number) => [dashboard(n)],
      1,
      '3 dashboards, d1 … d3',
      '[d1]',
      'page 1 holds 1 dashboard though the list continues: the page size seems to be 1, not 10',
    ],
  ])('%s, in the singular', async (_name, listed, readPage, page, expected, actual, message) => {
    expect((await checkDashboards(listed, readPage)).findings).toEqual([onPage(page, expected, actual, message)]);
  });

  it('the first dashboards again on the last page', async () => {
    const list13 = dashboards(1, 13);
    expect(await checkDashboards(list13, (n) => (n === 2 ? dashboards(1, 3) : pageOf(list13)(n)))).toMatchObject({
      findings: [
        onPage(2, '3 dashboards, d11 … d13', '3 dashboards, d1 … d3', 'page 2 is not dashboards 11 to 13 of the list'),
      ],
    });
  });

  it.each<[string, readonly Dashboard[], (n: number) => Dashboard[], Finding]>([
    [
      'the page number ignored on a list of one page',
      dashboards(1, 10),
      () => dashboards(1, 10),
      onPage(2, '[]', '10 dashboards, d1 … d10', 'page 2 repeats page 1 past the end of the list of 10 dashboards'),
    ],
    [
      'page 3 again on page 4',
      dashboards(1, 45),
      (n) => pageOf(dashboards(1, 45))(Math.min(n, 3)),
      onPage(4, '10 dashboards, d31 … d40', '10 dashboards, d21 … d30', 'page 4 holds the dashboards of page 3'),
    ],
    [
      'the next page on page 2, after a page 1 that matched (not counted from 0)',
      dashboards(1, 45),
      (n) => pageOf(dashboards(1, 45))(n === 1 ? 1 : n + 1),
      onPage(2, '10 dashboards, d11 … d20', '10 dashboards, d21 … d30', 'page 2 holds the dashboards of page 3'),
    ],
    [
      'a shorter page 2 after a page 1 of 10',
      dashboards(1, 25),
      (n) => (n === 2 ? dashboards(11, 15) : pageOf(dashboards(1, 25))(n)),
      onPage(2, '10 dashboards, d11 … d20', '5 dashboards, d11 … d15', 'page 2 is not dashboards 11 to 20 of the list'),
    ],
    [
      'page 2 on page 3',
      dashboards(1, 45),
      (n) => pageOf(dashboards(1, 45))(n === 3 ? 2 : n),
      onPage(3, '10 dashboards, d21 … d30', '10 dashboards, d11 … d20', 'page 3 holds the dashboards of page 2'),
    ],
    [
      'page 3 on page 1',
      dashboards(1, 45),
      (n) => pageOf(dashboards(1, 45))(n + 2),
      onPage(1, '10 dashboards, d1 … d10', '10 dashboards, d21 … d30', 'page 1 holds the dashboards of page 3'),
    ],
    [
      'the first five dashboards again on page 2',
      dashboards(1, 25),
      (n) => (n === 2 ? dashboards(1, 5) : pageOf(dashboards(1, 25))(n)),
      onPage(2, '10 dashboards, d11 … d20', '5 dashboards, d1 … d5', 'page 2 is not dashboards 11 to 20 of the list'),
    ],
    [
      'page 2 in reverse',
      dashboards(1, 25),
      (n) => (n === 2 ? dashboards(11, 20).reverse() : pageOf(dashboards(1, 25))(n)),
      onPage(
        2,
        '10 dashboards, d11 … d20',
        '10 dashboards, d20 … d11',
        'page 2 is not dashboards 11 to 20 of the list: the pages list the dashboards in another order than the list',
      ),
    ],
    [
      'a dashboard of page 1 again on page 2',
      dashboards(1, 25),
      (n) => (n === 2 ? [dashboard(10), ...dashboards(11, 19)] : pageOf(dashboards(1, 25))(n)),
      onPage(
        2,
        '10 dashboards, d11 … d20',
        '10 dashboards, d10 … d19',
        'page 2 is not dashboards 11 to 20 of the list',
      ),
    ],
    [
      'a dashboard twice on one page',
      dashboards(1, 25),
      (n) => (n === 2 ? [...dashboards(11, 19), dashboard(11)] : pageOf(dashboards(1, 25))(n)),
      onPage(
        2,
        '10 dashboards, d11 … d20',
        '10 dashboards, d11 … d11',
        'page 2 is not dashboards 11 to 20 of the list',
      ),
    ],
  ])('%s, named for what the pages show', async (_name, listed, readPage, finding) => {
    expect((await checkDashboards(listed, readPage)).findings).toEqual([finding]);
  });

  it('a page past the end of a list that fills its pages exactly', async () => {
    const twenty = dashboards(1, 20);
    expect(await checkDashboards(twenty, (n) => pageOf(twenty)(Math.min(n, 2)))).toEqual({
      name: dashboardsCheck,
      status: 'drift',
      findings: [
        onPage(3, '[]', '10 dashboards, d11 … d20', 'page 3 repeats page 2 past the end of the list of 20 dashboards'),
      ],
      asked: [1, 2, 3],
    });
  });

  it('one dashboard listed twice, in the list and on the pages', async () => {
    const twice = [...dashboards(1, 12), dashboard(5)];
    expect(await checkDashboards(twice, pageOf(twice))).toEqual({
      name: dashboardsCheck,
      status: 'drift',
      findings: [
        {
          severity: 'drift',
          where: 'pages',
          expected: 'no repeats',
          actual: '[d5]',
          message: '1 dashboard appears more than once across the pages',
        },
        {
          severity: 'drift',
          where: 'list',
          expected: 'no repeats',
          actual: '[d5]',
          message: '1 dashboard appears more than once in the unpaginated list',
        },
      ],
      asked: [1, 2],
    });
  });

  it('only the list when the repeat lies past the pages it may read', async () => {
    const late = [...dashboards(1, 25), dashboard(5)];
    const result = await checkDashboards(late, pageOf(late), 2);
    expect(result.findings.map(({ where, message }) => `${where}: ${message}`)).toEqual([
      'list: 1 dashboard appears more than once in the unpaginated list',
    ]);
  });

  it('only the list and the page when a page differs from it after the repeat', async () => {
    const twice = [...dashboards(1, 12), dashboard(5)];
    const result = await checkDashboards(twice, (n) =>
      n === 2 ? [dashboard(11), dashboard(12), dashboard(99)] : pageOf(twice)(n),
    );
    expect(result.findings.map(({ where, message }) => `${where}: ${message}`)).toEqual([
      'page 2: page 2 is not dashboards 11 to 13 of the list',
      'list: 1 dashboard appears more than once in the unpaginated list',
    ]);
  });

  it('only the list when the pages differ from it before the repeat', async () => {
    const twice = [...dashboards(1, 12), dashboard(5), dashboard(7)];
    const result = await checkDashboards(twice, (n) => (n === 2 ? [] : pageOf(twice)(n)));
    expect(result.findings.map(({ where, actual, message }) => ({ where, actual, message }))).toEqual([
      {
        where: 'page 2',
        actual: '[]',
        message:
          'page 2 is empty, though the list of 14 dashboards should fill it from dashboard 11: the pages end early',
      },
      {
        where: 'list',
        actual: '2 dashboards, d5 … d7',
        message: '2 dashboards appear more than once in the unpaginated list',
      },
    ]);
  });

  it('one workspace listed twice, in the singular', async () => {
    const list: Workspace[] = ['a', 'b', 'a'].map((name) => ({ name }));
    expect((await check(list, pageOf(list), workspacesKind)).findings.map((finding) => finding.message)).toEqual([
      '1 workspace appears more than once across the pages',
      '1 workspace appears more than once in the unpaginated list',
    ]);
  });

  it('two workspaces listed twice, named as workspaces', async () => {
    const names = ['a', 'b', 'c', 'a', 'd', 'b'];
    const list: Workspace[] = names.map((name) => ({ name }));
    expect(await check(list, pageOf(list), workspacesKind)).toEqual({
      name: 'workspace pages concatenate to the workspace list',
      status: 'drift',
      findings: [
        {
          severity: 'drift',
          where: 'pages',
          expected: 'no repeats',
          actual: '2 workspaces, a … b',
          message: '2 workspaces appear more than once across the pages',
        },
        {
          severity: 'drift',
          where: 'list',
          expected: 'no repeats',
          actual: '2 workspaces, a … b',
          message: '2 workspaces appear more than once in the unpaginated list',
        },
      ],
      asked: [1],
    });
  });

  it('one workspace missing from its page, in the words for workspaces', async () => {
    const list: Workspace[] = Array.from({ length: 13 }, (_, i) => ({ name: `ws-${i + 1}` }));
    const result = await check(list, (n) => pageOf(list)(n).slice(n === 1 ? 1 : 0), workspacesKind);
    expect(result.findings).toEqual([
      onPage(
        1,
        '10 workspaces, ws-1 … ws-10',
        '9 workspaces, ws-2 … ws-10',
        'page 1 is not workspaces 1 to 10 of the list',
      ),
    ]);
  });
});
