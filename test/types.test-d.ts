/**
 * Type tests, checked by the lint's type check (`oxlint --type-check`) in `npm test`: the generated types reach the client and the mocks,
 * and an answer the spec forbids does not compile.
 */
import { HttpResponse } from 'msw';
import { expectTypeOf } from 'vitest';
import type { MockReply } from '../mocks/behaviour.js';
import { specHandler } from '../mocks/handlers.js';
import type { Dashboard, DatabrainClient, DatabrainError, ErrorCode } from '../src/index.js';

expectTypeOf<Awaited<ReturnType<DatabrainClient['listDashboards']>>>().toEqualTypeOf<Dashboard[]>();
expectTypeOf<Dashboard>().toEqualTypeOf<{ name: string; externalDashboardId: string }>();
expectTypeOf<ErrorCode>().toEqualTypeOf<
  'INVALID_REQUEST_BODY' | 'WORKSPACE_ID_ERROR' | 'INVALID_DATA_APP_API_KEY' | 'INTERNAL_SERVER_ERROR'
>();
expectTypeOf<DatabrainError['code']>().toEqualTypeOf<ErrorCode | undefined>();
expectTypeOf<Parameters<DatabrainClient['send']>[0]>().toEqualTypeOf<{
  workspaceName: string;
  isPagination?: boolean;
  pageNumber?: number;
}>();

export const documented: MockReply[] = [
  { status: 200, body: { data: [{ name: 'a', externalDashboardId: 'b' }], error: null } },
  { status: 400, body: { error: { code: 'WORKSPACE_ID_ERROR', message: 'm' } } },
  { status: 401, body: { error: { code: 'INVALID_DATA_APP_API_KEY', message: 'm', status: 401 } } },
];

export const forbidden: MockReply[] = [
  // @ts-expect-error a success carries `error: null`, not an error object
  { status: 200, body: { data: [], error: { code: 'INTERNAL_SERVER_ERROR', message: 'm' } } },
  // @ts-expect-error 404 is not a documented status
  { status: 404, body: { error: { code: 'INVALID_REQUEST_BODY', message: 'm' } } },
  // @ts-expect-error a dashboard's id is a string
  { status: 200, body: { data: [{ name: 'a', externalDashboardId: 7 }], error: null } },
  // @ts-expect-error an error needs its message
  { status: 500, body: { error: { code: 'INTERNAL_SERVER_ERROR' } } },
];

const base = 'https://api.usedatabrain.com';
export const typedHandler = specHandler(
  'post',
  base,
  '/api/v2/workspace/dashboards',
  () => Promise.resolve(HttpResponse.json({ data: [], error: null })),
  { once: false },
);
export const typedError = specHandler(
  'get',
  base,
  '/api/v2/workspace',
  () => Promise.resolve(HttpResponse.json({ error: { code: 'INVALID_DATA_APP_API_KEY', message: 'm', status: 401 } })),
  { once: false },
);
export const unknownPath = specHandler(
  'post',
  base,
  // @ts-expect-error the spec has no such path
  '/api/v2/workspace/metrics',
  () => Promise.resolve(HttpResponse.json({ data: [], error: null })),
  { once: false },
);
export const wrongMethod = specHandler(
  'get',
  base,
  // @ts-expect-error the spec has no GET on the dashboards path
  '/api/v2/workspace/dashboards',
  () => Promise.resolve(HttpResponse.json({ data: [], error: null })),
  { once: false },
);
export const undocumentedBody = specHandler(
  'post',
  base,
  '/api/v2/workspace/dashboards',
  // @ts-expect-error a dashboard's id is a string
  () => Promise.resolve(HttpResponse.json({ data: [{ name: 'a', externalDashboardId: 7 }], error: null })),
  { once: false },
);
export const otherOperationsBody = specHandler(
  'get',
  base,
  '/api/v2/workspace',
  // @ts-expect-error List Workspaces answers workspaces, not dashboards
  () => Promise.resolve(HttpResponse.json({ data: [{ name: 'a', externalDashboardId: 'b' }], error: null })),
  { once: false },
);
