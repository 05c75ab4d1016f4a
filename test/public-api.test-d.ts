/**
 * Type tests, checked by the lint's type check in `npm test`: the public surface of each package entry, so that an
 * export added, renamed or dropped is a deliberate change. Internal helpers stay out of every entry.
 */
import { expectTypeOf } from 'vitest';
import type * as drift from '../contracts/index.js';
import type * as mocksBrowser from '../mocks/browser.js';
import type * as mocksHttp from '../mocks/http-server.js';
import type * as mocks from '../mocks/index.js';
import type * as mocksNode from '../mocks/node.js';
import type * as client from '../src/index.js';
import type { AnyExampleName, ExampleName } from '../src/kernel/index.js';

expectTypeOf<keyof typeof client>().toEqualTypeOf<
  | 'createDatabrainClient'
  | 'DatabrainError'
  | 'cloudBaseUrl'
  | 'dashboardsPath'
  | 'errorCodes'
  | 'pageSize'
  | 'workspacesPath'
>();
expectTypeOf<keyof typeof mocks>().toEqualTypeOf<
  | 'createDatabrainBehaviour'
  | 'defaultDatabrainWorld'
  | 'devToken'
  | 'docsPlaceholderToken'
  | 'generatedWorkspace'
  | 'parseDatabrainWorld'
  | 'seededWorkspaces'
  | 'workspaceWith23Dashboards'
  | 'workspaceWithOnePage'
>();
expectTypeOf<keyof typeof mocksNode>().toEqualTypeOf<
  'setupDatabrainMswServer' | 'databrainHandlers' | 'databrainScenario'
>();
expectTypeOf<keyof typeof mocksBrowser>().toEqualTypeOf<
  'setupDatabrainMswWorker' | 'databrainHandlers' | 'databrainScenario'
>();
expectTypeOf<keyof typeof mocksHttp>().toEqualTypeOf<
  | 'startDatabrainMockServer'
  | 'defaultHost'
  | 'defaultPort'
  | 'healthPath'
  | 'connectDatabrainMock'
  | 'DatabrainMockControlError'
>();
expectTypeOf<keyof typeof drift>().toEqualTypeOf<
  | 'runDatabrainDriftCheck'
  | 'writeDriftReports'
  | 'renderDriftTable'
  | 'renderDriftJunit'
  | 'renderDriftMarkdown'
  | 'DriftConfigError'
  | 'CannotRunError'
  | 'ProviderUnreachableError'
  | 'MissingPeerError'
>();

// The drift check is a function of its options to a report.
expectTypeOf<typeof drift.runDatabrainDriftCheck>().toEqualTypeOf<
  (options: drift.DatabrainDriftOptions) => Promise<drift.DatabrainDriftReport>
>();
expectTypeOf<drift.DatabrainDriftReport['exitCode']>().toEqualTypeOf<0 | 1>();

// A scenario names a spec example by its name: a misspelt one does not compile.
expectTypeOf<ExampleName>().toEqualTypeOf<
  | 'allDashboards'
  | 'firstPage'
  | 'lastPartialPage'
  | 'pagePastTheEnd'
  | 'emptyWorkspace'
  | 'invalidRequestBody'
  | 'workspaceIdError'
  | 'invalidDataAppApiKey'
  | 'internalServerError'
>();
expectTypeOf<Parameters<typeof mocksNode.databrainScenario>[0]['example']>().toEqualTypeOf<
  AnyExampleName | undefined
>();
// @ts-expect-error a misspelt example name
export const misspelt: Parameters<typeof mocksNode.databrainScenario>[0] = { example: 'lastPartalPage' };

// The client's error body type is the whole body; the error object is its own type.
expectTypeOf<client.DatabrainErrorResponse['error']>().toEqualTypeOf<client.DatabrainErrorObject>();
