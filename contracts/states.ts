/**
 * The contract's provider states and placeholders, shared by the consumer tests that write the
 * pact and by every verification of it (local mock, drifted test providers, the real API).
 */

export const consumerName = 'databrain-contract-kit';
export const providerName = 'databrain-api';

/**
 * The token the pact carries, never a real one. Every verification swaps it for the provider's
 * token at request time; a local provider may also simply accept it.
 */
export const placeholderToken = 'pact-placeholder-token';
/** The token of the invalid-token interaction, sent as it is everywhere. */
export const invalidToken = 'invalid-service-token';

/** Provider states. Each hands back the values the interaction's request uses. */
export const states = {
  /** Params back: `workspaceName` (a workspace with at least one dashboard), `pastLastPage`. */
  workspaceWithDashboards: 'a workspace with dashboards exists',
  /** Params back: `workspaceName` (a workspace without dashboards). */
  emptyWorkspace: 'an empty workspace exists',
  /** Params back: `workspaceName` (a name no workspace has). */
  noSuchWorkspace: 'no workspace has the requested name',
  /** No params: the next request fails on the server. */
  serverFails: 'the server fails',
  /** No params: the organisation has at least one workspace. */
  workspacesExist: 'the organisation has workspaces',
} as const;

export type StateName = (typeof states)[keyof typeof states];

/** Where the pact file is written and committed. */
export const pactFileName = `${consumerName}-${providerName}.json`;
