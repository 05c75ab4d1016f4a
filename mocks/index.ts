/** The mock's transport-free parts: the seeded world, fixtures files' shape, and the one behaviour. Loads without msw. */
export {
  createDatabrainBehaviour,
  type BehaviourOptions,
  type DatabrainBehaviour,
  type MockErrorReply,
  type MockReply,
  type MockRequest,
  type Outcome,
} from './behaviour.js';
export {
  defaultDatabrainWorld,
  devToken,
  docsPlaceholderToken,
  generatedWorkspace,
  parseDatabrainWorld,
  seededWorkspaces,
  workspaceWith23Dashboards,
  workspaceWithOnePage,
  type DatabrainMockWorld,
} from './fixtures.js';
export type { Scenario } from './scenarios.js';
