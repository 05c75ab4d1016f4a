/**
 * The worlds the mock serves: the seeded one as the README describes it, and a world read from data
 * or a fixtures file, each mistake named in one line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorldFile, worldToYaml } from '../mocks/fixtures-file.js';
import { defaultDatabrainWorld, generatedWorkspace, otherWorkspaces, parseDatabrainWorld } from '../mocks/fixtures.js';
import { dashboardValidator, pageSize } from '../src/kernel/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'dck-fixtures-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const messageOf = async (run: () => unknown): Promise<string> => {
  try {
    await run();
    return 'accepted';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

describe('the seeded world', () => {
  it('holds only dashboards the spec allows, each name and id once in its workspace', () => {
    const workspaces = Object.entries(defaultDatabrainWorld.workspaces);
    expect(
      workspaces
        .map(([name, dashboards]) => ({
          name,
          allowed: dashboards.every((dashboard) => dashboardValidator(dashboard)),
          names: new Set(dashboards.map((dashboard) => dashboard.name)).size === dashboards.length,
          ids: new Set(dashboards.map((dashboard) => dashboard.externalDashboardId)).size === dashboards.length,
          blank: dashboards.filter((dashboard) => dashboard.name.trim() === '' || dashboard.externalDashboardId === ''),
        }))
        .filter((workspace) => !workspace.allowed || !workspace.names || !workspace.ids || workspace.blank.length > 0),
    ).toEqual([]);
  });

  it('numbers generated dashboards from 1, their ids from the prefix', () => {
    expect(generatedWorkspace(2, 'Team Board')).toEqual([
      { name: 'Team Board 1', externalDashboardId: 'team_board_1' },
      { name: 'Team Board 2', externalDashboardId: 'team_board_2' },
    ]);
    expect([...generatedWorkspace(1), ...generatedWorkspace(1, 'Q3 -- Sales')]).toEqual([
      { name: 'Dashboard 1', externalDashboardId: 'dashboard_1' },
      { name: 'Q3 -- Sales 1', externalDashboardId: 'q3_sales_1' },
    ]);
  });

  it('gives every workspace of the List Workspaces pages a few dashboards, less than a page', () => {
    expect(
      otherWorkspaces.filter((name) => {
        const count = defaultDatabrainWorld.workspaces[name]?.length ?? 0;
        return count < 1 || count >= pageSize;
      }),
    ).toEqual([]);
  });
});

describe('a world read from data', () => {
  const dashboard = { name: 'A', externalDashboardId: 'a' };

  it.each([
    ['a list', [], 'w must be an object with "tokens" and "workspaces".'],
    ['null', null, 'w must be an object with "tokens" and "workspaces".'],
    ['no tokens', { workspaces: {} }, 'w: "tokens" must be a non-empty list of non-empty strings.'],
    [
      'an empty token list',
      { tokens: [], workspaces: {} },
      'w: "tokens" must be a non-empty list of non-empty strings.',
    ],
    [
      'a blank token',
      { tokens: ['t', ' '], workspaces: {} },
      'w: "tokens" must be a non-empty list of non-empty strings.',
    ],
    [
      'a token that is a number',
      { tokens: [7], workspaces: {} },
      'w: "tokens" must be a non-empty list of non-empty strings.',
    ],
    [
      'workspaces as a list',
      { tokens: ['t'], workspaces: [] },
      'w: "workspaces" must map each workspace name to a list of dashboards.',
    ],
    [
      'a workspace that is not a list',
      { tokens: ['t'], workspaces: { x: {} } },
      'w: workspace "x" must be a list of dashboards.',
    ],
    [
      'a dashboard without an id',
      { tokens: ['t'], workspaces: { x: [dashboard, { name: 'B' }] } },
      'w: workspace "x", dashboard 2: must have required property \'externalDashboardId\'.',
    ],
  ])('refuses %s, saying what is wrong', async (_name, value, message) => {
    expect(await messageOf(() => parseDatabrainWorld(value, 'w'))).toBe(message);
  });

  it('takes a world as it is, and names the fixtures by default', async () => {
    const world = { tokens: ['t'], workspaces: { x: [dashboard], empty: [] } };
    expect([parseDatabrainWorld(world), await messageOf(() => parseDatabrainWorld(1))]).toEqual([
      world,
      'the fixtures must be an object with "tokens" and "workspaces".',
    ]);
  });
});

describe('a world read from a fixtures file', () => {
  const world = { tokens: ['t'], workspaces: { x: [{ name: 'A', externalDashboardId: 'a' }] } };
  const file = (name: string, text: string): string => {
    const path = join(scratch, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads JSON, YAML and YML files, and writes a world as YAML that reads back the same', async () => {
    const yaml = await worldToYaml(world);
    expect([
      await loadWorldFile(file('w.json', JSON.stringify(world))),
      await loadWorldFile(file('w.yaml', yaml)),
      await loadWorldFile(file('W.YML', yaml)),
      parse(yaml) as unknown,
    ]).toEqual([world, world, world, world]);
  });

  it("keeps the parser's own error as the cause of a file that does not parse", async () => {
    const cause = await loadWorldFile(file('cause.json', '{"tokens":')).then(
      () => undefined,
      (error: unknown) => (error as Error).cause,
    );
    expect(cause).toBeInstanceOf(SyntaxError);
  });

  it('names a missing file, a file that does not parse and a world that is wrong, each in one line', async () => {
    const missing = join(scratch, 'nope.json');
    const broken = file('broken.json', '{"tokens":');
    const brokenYaml = file('broken.yaml', 'tokens: [\n  - a');
    const noExtension = file('world', '{');
    const wrong = file('wrong.json', '{"tokens":[]}');
    expect(
      await Promise.all(
        [missing, broken, brokenYaml, noExtension, wrong].map((path) => messageOf(() => loadWorldFile(path))),
      ),
    ).toEqual([
      `Cannot read the fixtures file ${missing}: check the path.`,
      `The fixtures file ${broken} is not valid .json: ${await messageOf(() => JSON.parse('{"tokens":'))}`,
      `The fixtures file ${brokenYaml} is not valid .yaml: Block collections are not allowed within flow collections at line 2, column 3:`,
      `The fixtures file ${noExtension} is not valid JSON: ${await messageOf(() => JSON.parse('{'))}`,
      `The fixtures file ${wrong}: "tokens" must be a non-empty list of non-empty strings.`,
    ]);
  });
});
