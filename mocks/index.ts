/** The mock's transport-free parts: seed data, the behaviour, scenarios and the msw handlers. */
export {
  createBehaviour,
  errorReply,
  type Behaviour,
  type MockErrorReply,
  type MockReply,
  type MockRequest,
  type Outcome,
} from './behaviour.js';
export {
  defaultWorld,
  devToken,
  docsPlaceholderToken,
  generatedWorkspace,
  parseWorld,
  seededWorkspaces,
  workspaceWith10Dashboards,
  workspaceWith23Dashboards,
  type MockWorld,
} from './fixtures.js';
export { databrainHandlers, databrainScenario, type HandlerOptions, type ScenarioOptions } from './handlers.js';
export { documentedError, parsePrefer, type Scenario } from './scenarios.js';
