/**
 * The pact-against-spec check has teeth: the committed pact passes the spec it was written from,
 * and fails, naming the difference, against copies of the spec changed to disagree with it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { committedPactFile } from '../contracts/pact-verify.js';
import { checkPactAgainstSpec, findingOf, specFile } from '../contracts/spec-check.js';
import { dashboardsPath, workspacesPath } from '../src/kernel/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'dck-spec-check-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** The spec as data, to change one thing in a copy. */
interface SpecTree {
  paths: Record<string, { post: { responses: Record<string, unknown> }; get: { parameters?: unknown[] } }>;
  components: {
    schemas: {
      Dashboard: { required: string[]; properties: { externalDashboardId: { type: string }; name?: unknown } };
    };
  };
}

/** A copy of the spec, changed by `change`, written to the scratch folder. */
function changedSpec(name: string, change: (spec: SpecTree) => void): string {
  const spec = parse(readFileSync(specFile, 'utf8')) as SpecTree;
  change(spec);
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, stringify(spec));
  return file;
}

const incompatible =
  'response.body.incompatible: Response body is incompatible with the response body schema in the spec file: must be integer';
const responses = `[root].paths.${dashboardsPath}.post.responses`;
const idType = `${responses}.200.content.application/json.schema.properties.data.items.properties.externalDashboardId.type`;

describe('the pact checked against the spec', () => {
  it('passes the committed pact against the committed spec with no findings, timed', async () => {
    const started = performance.now();
    const check = await checkPactAgainstSpec(committedPactFile, specFile);
    const elapsed = performance.now() - started;
    expect({ source: check.source, name: check.name, status: check.status, findings: check.findings }).toEqual({
      source: 'pact-vs-spec',
      name: 'the pact file against the spec',
      status: 'passed',
      findings: [],
    });
    expect(check.durationMs).toBeGreaterThan(0);
    expect(check.durationMs).toBeLessThanOrEqual(elapsed);
  });

  it('reads an issue without its places in the pact or the spec as being about the whole of each', () => {
    expect(findingOf({ code: 'spec.parse.error', message: 'no paths', type: 'error' }, 'drift')).toEqual({
      severity: 'drift',
      where: 'spec.parse.error',
      expected: 'the spec',
      actual: 'the pact',
      message: 'spec.parse.error: no paths',
    });
  });

  // Each copy below is changed in more than one place (a check takes about a second): its whole
  // list of findings names each change, drifts before warnings, and nothing else.
  it('warns of each query parameter the spec no longer declares, and takes a field it does not declare as allowed', async () => {
    const file = changedSpec('no-parameters-no-name', (spec) => {
      const get = spec.paths[workspacesPath]?.get ?? {};
      expect(get.parameters).toHaveLength(2);
      delete get.parameters;
      // The pact's dashboards carry a name: answers are open, so an undeclared field is no drift.
      const dashboard = spec.components.schemas.Dashboard;
      expect(dashboard.required).toEqual(['name', 'externalDashboardId']);
      delete dashboard.properties.name;
      dashboard.required = ['externalDashboardId'];
    });
    const check = await checkPactAgainstSpec(committedPactFile, file);
    const undeclared = (name: string) => ({
      severity: 'warning',
      where: `[root].interactions[6].request.query.${name}`,
      expected: `[root].paths.${workspacesPath}.get`,
      actual: 'a request for the first page of workspaces',
      message: `request.query.unknown: Query parameter is not defined in the spec file: ${name}`,
    });
    expect({ status: check.status, findings: check.findings }).toEqual({
      status: 'warning',
      findings: [undeclared('isPagination'), undeclared('pageNumber')],
    });
  });

  it('names each dashboard id of the pact and the invalid-token interaction when the spec retypes externalDashboardId and drops 401', async () => {
    const file = changedSpec('integer-id-no-401', (spec) => {
      expect(spec.components.schemas.Dashboard.properties.externalDashboardId.type).toBe('string');
      spec.components.schemas.Dashboard.properties.externalDashboardId.type = 'integer';
      const { responses } = spec.paths[dashboardsPath]?.post ?? { responses: {} };
      expect(Object.keys(responses)).toContain('401');
      delete responses['401'];
    });
    const check = await checkPactAgainstSpec(committedPactFile, file);
    const retyped = (interaction: number, item: number, actual: string) => ({
      severity: 'drift',
      where: `[root].interactions[${String(interaction)}].response.body.data.${String(item)}.externalDashboardId`,
      expected: idType,
      actual,
      message: incompatible,
    });
    expect({ source: check.source, status: check.status, findings: check.findings }).toEqual({
      source: 'pact-vs-spec',
      status: 'drift',
      findings: [
        retyped(2, 0, 'a request for every dashboard of a workspace'),
        retyped(5, 0, 'a request for the first page of a workspace'),
        retyped(5, 1, 'a request for the first page of a workspace'),
        {
          severity: 'drift',
          where: '[root].interactions[9].response.status',
          expected: responses,
          actual: 'a request with an invalid service token',
          message: 'response.status.unknown: Response status code not defined in spec file: 401',
        },
      ],
    });
  });

  it('reports a spec file that cannot be read as drift in the files', async () => {
    const missing = join(scratch, 'no-such-spec.yaml');
    const check = await checkPactAgainstSpec(committedPactFile, missing);
    expect({ status: check.status, findings: check.findings }).toEqual({
      status: 'drift',
      findings: [
        {
          severity: 'drift',
          where: 'files',
          expected: 'a readable pact and spec',
          actual: 'an error',
          message: `Unable to read "${missing}": ENOENT: no such file or directory, open '${missing}'`,
        },
      ],
    });
  });
});
