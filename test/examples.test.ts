/**
 * The spec's named examples, paired by name as contract testers (Specmatic) pair them: each request
 * example (a body, or query values) gets, from the seeded world, exactly the response example of
 * the same name.
 */
import { describe, expect, it } from 'vitest';
import { createDatabrainBehaviour } from '../mocks/behaviour.js';
import { devToken } from '../mocks/fixtures.js';
import { spec } from '../src/generated/spec.js';
import { operationFacts, type OperationId } from '../src/kernel/index.js';

const behaviour = createDatabrainBehaviour();
const dashboards = spec.paths['/api/v2/workspace/dashboards'].post;
const workspaces = spec.paths['/api/v2/workspace'].get;

/** The request of each named request example, by name. */
function requestExamples(operation: OperationId): Map<string, string> {
  if (operation === 'listWorkspaceDashboards') {
    const examples = Object.entries(dashboards.requestBody.content['application/json'].examples);
    return new Map(examples.map(([name, example]) => [name, JSON.stringify(example.value)]));
  }
  const queries = new Map<string, URLSearchParams>();
  for (const parameter of workspaces.parameters) {
    for (const [name, example] of Object.entries(parameter.examples)) {
      const query = queries.get(name) ?? new URLSearchParams();
      query.set(parameter.name, example.value);
      queries.set(name, query);
    }
  }
  return new Map([...queries].map(([name, query]) => [name, `?${query.toString()}`]));
}

function answer(operation: OperationId, request: string): unknown {
  const outcome = behaviour.handle({
    operation,
    authorization: `Bearer ${devToken}`,
    contentType: 'application/json',
    ...(operation === 'listWorkspaces' ? { query: request, body: '' } : { body: request }),
  });
  return outcome.kind === 'reply' ? { status: outcome.reply.status, body: outcome.reply.body } : outcome;
}

describe.each(['listWorkspaceDashboards', 'listWorkspaces'] as const)('the named examples of %s', (operation) => {
  const requests = requestExamples(operation);
  const responses = operationFacts[operation].examples;

  it.each([...requests.keys()])('answers the %s request example with the response example of that name', (name) => {
    const response = responses.find((example) => example.name === name);
    expect(answer(operation, requests.get(name) ?? '')).toEqual({ status: response?.status, body: response?.value });
  });

  it('pairs every response example a valid request can get; not an invalid body, a refused token or a server fault', () => {
    const unpaired = responses.filter((example) => !requests.has(example.name)).map((example) => example.name);
    expect(unpaired).toEqual(
      operation === 'listWorkspaces'
        ? ['invalidDataAppApiKey', 'internalServerError']
        : ['invalidRequestBody', 'invalidDataAppApiKey', 'internalServerError'],
    );
  });
});
