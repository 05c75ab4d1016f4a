import { describe, expect, it } from 'vitest';
import { spec } from '../src/generated/spec.js';
import {
  cloudBaseUrl,
  describeIssues,
  pageSize,
  requestValidator,
  responseExamples,
  responseValidator,
} from '../src/kernel/index.js';

const operation = spec.paths['/api/v2/workspace/dashboards'].post;

describe('the spec', () => {
  it.each(responseExamples.map((example) => [example.name, example.status, example.value] as const))(
    'has a %s example that validates against the schema of its status %i',
    (_name, status, value) => {
      const validate = responseValidator(status);
      const valid = validate?.(value);
      expect(describeIssues(validate?.errors)).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it('names an example for every documented error code, on the status the docs give it', () => {
    const codes = responseExamples
      .filter((example) => example.status !== 200)
      .map((example) => [example.status, (example.value as { error: { code: string } }).error.code]);
    expect(codes).toEqual([
      [400, 'INVALID_REQUEST_BODY'],
      [400, 'WORKSPACE_ID_ERROR'],
      [401, 'INVALID_DATA_APP_API_KEY'],
      [500, 'INTERNAL_SERVER_ERROR'],
    ]);
  });

  it('names a 200 example for every pagination case', () => {
    const sizes = Object.fromEntries(
      responseExamples
        .filter((example) => example.status === 200)
        .map((example) => [example.name, (example.value as { data: unknown[] }).data.length]),
    );
    expect(sizes).toEqual({
      allDashboards: 2,
      firstPage: pageSize,
      lastPartialPage: 3,
      pagePastTheEnd: 0,
      emptyWorkspace: 0,
    });
  });

  it('accepts the response example printed in the documentation', () => {
    const documented = {
      data: [
        { name: 'Sales Dashboard', externalDashboardId: 'sales_dash_123' },
        { name: 'Marketing Analytics', externalDashboardId: 'marketing_dash_456' },
      ],
      error: null,
    };
    expect(responseValidator(200)?.(documented)).toBe(true);
  });

  it('accepts the request body printed in the documentation', () => {
    expect(requestValidator({ workspaceName: 'my-workspace' })).toBe(true);
  });

  it('has request examples that validate against the request schema', () => {
    const examples = Object.entries(operation.requestBody.content['application/json'].examples);
    expect(examples.filter(([, example]) => !requestValidator(example.value)).map(([name]) => name)).toEqual([]);
  });

  it('rejects a 401 body that carries a 400 error code', () => {
    const body = { error: { code: 'WORKSPACE_ID_ERROR', message: 'x' } };
    expect(responseValidator(401)?.(body)).toBe(false);
  });

  it('rejects an error body without a message', () => {
    expect(responseValidator(400)?.({ error: { code: 'INVALID_REQUEST_BODY' } })).toBe(false);
  });

  it('rejects a page number of zero, a fraction and one past the int32 range', () => {
    const validate = requestValidator;
    const pages = [0, 1.5, 2 ** 31];
    expect(pages.map((pageNumber) => validate({ workspaceName: 'w', pageNumber }))).toEqual([false, false, false]);
  });

  it('requires a bearer service token on the operation', () => {
    expect(operation.security).toEqual([{ serviceToken: [] }]);
    expect(spec.components.securitySchemes.serviceToken).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('offers the cloud URL and a self-hosted server variable', () => {
    expect(cloudBaseUrl).toBe('https://api.usedatabrain.com');
    expect(spec.servers[1].url).toBe('{selfHostedUrl}');
  });
});
