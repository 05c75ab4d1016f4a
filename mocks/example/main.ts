/**
 * An example page on the typed client: pick a workspace (List Workspaces), then page through its dashboards. By default the
 * msw service worker in this page answers (mocks/browser.ts); with `?mock=server&url=<base URL>` the
 * local HTTP mock server does, across origins (CORS).
 */
import { createDatabrainClient, DatabrainError, pageSize, type Dashboard } from '../../src/index.js';
import { setupDatabrainMswWorker } from '../browser.js';

// The caller names the element type it expects of each id.
// oxlint-disable-next-line typescript/no-unnecessary-type-parameters
const element = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
};

const form = element<HTMLFormElement>('query');
const workspaceInput = element<HTMLInputElement>('workspace');
const tokenInput = element<HTMLInputElement>('token');
const failInput = element<HTMLInputElement>('fail');
const loadButton = element<HTMLButtonElement>('load');
const errorText = element<HTMLParagraphElement>('error');
const results = element<HTMLElement>('results');
const list = element<HTMLOListElement>('dashboards');
const previous = element<HTMLButtonElement>('previous');
const next = element<HTMLButtonElement>('next');
const pageLabel = element<HTMLSpanElement>('page');
const mode = element<HTMLParagraphElement>('mode');
const workspaceOptions = element<HTMLDataListElement>('workspaces');
const workspaceCount = element<HTMLParagraphElement>('workspace-count');

const params = new URLSearchParams(location.search);
const serverUrl = params.get('mock') === 'server' ? (params.get('url') ?? 'http://127.0.0.1:4010') : undefined;

/** Readable words for each documented error. */
function describe(error: unknown, workspace: string): string {
  if (!(error instanceof DatabrainError)) return 'Something went wrong in this page.';
  switch (error.code) {
    case 'WORKSPACE_ID_ERROR':
      return `No workspace named "${workspace}" exists in your organisation.`;
    case 'INVALID_DATA_APP_API_KEY':
      return 'The service token was refused: check it and try again.';
    case 'INTERNAL_SERVER_ERROR':
      return 'Databrain failed on its side (server error): try again later.';
    case 'INVALID_REQUEST_BODY':
      return `The request was refused: ${error.message}`;
    default:
      return error.kind === 'network' || error.kind === 'timeout'
        ? 'Databrain could not be reached: check your connection.'
        : error.message;
  }
}

const client = createDatabrainClient({
  token: () => tokenInput.value.trim(),
  ...(serverUrl ? { baseUrl: serverUrl } : {}),
  timeoutMs: 10_000,
  // The failure switch asks the mock for its documented 500 (the Prefer header both mocks read).
  fetch: (request: Request) => {
    if (failInput.checked) request.headers.set('Prefer', 'code=500');
    return fetch(request);
  },
});

let workspace = '';
let pageNumber = 1;

function show(dashboards: Dashboard[]): void {
  list.replaceChildren(
    ...dashboards.map((dashboard) => {
      const item = document.createElement('li');
      const id = document.createElement('code');
      id.textContent = dashboard.externalDashboardId;
      item.append(`${dashboard.name} `, id);
      return item;
    }),
  );
  pageLabel.textContent = `Page ${pageNumber}`;
  previous.disabled = pageNumber === 1;
  // No total count exists: a page of fewer than the page size is the last one.
  next.disabled = dashboards.length < pageSize;
  results.hidden = false;
}

async function load(page: number): Promise<void> {
  errorText.hidden = true;
  loadButton.disabled = true;
  try {
    const dashboards = await client.listDashboardsPage(workspace, page);
    pageNumber = page;
    show(dashboards);
  } catch (error) {
    results.hidden = true;
    errorText.textContent = describe(error, workspace);
    errorText.hidden = false;
  } finally {
    loadButton.disabled = false;
  }
}

/** Offers the organisation's workspaces (List Workspaces, read a page at a time) to pick from. */
async function loadWorkspaces(): Promise<void> {
  try {
    const workspaces = await client.listAllWorkspacesByPage();
    workspaceOptions.replaceChildren(
      ...workspaces.map((workspace) => {
        const option = document.createElement('option');
        option.value = workspace.name;
        return option;
      }),
    );
    workspaceCount.textContent = `${workspaces.length} workspaces to pick from.`;
  } catch (error) {
    workspaceCount.textContent = `The workspaces could not be listed: ${describe(error, '')}`;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  workspace = workspaceInput.value.trim();
  void load(1);
});
previous.addEventListener('click', () => void load(pageNumber - 1));
next.addEventListener('click', () => void load(pageNumber + 1));

if (serverUrl) {
  mode.textContent = `Answered by the local mock server at ${serverUrl}.`;
} else {
  await setupDatabrainMswWorker().start({ onUnhandledFrame: 'bypass', quiet: true });
  mode.textContent = 'Answered by msw in this page (service worker).';
}
await loadWorkspaces();
tokenInput.addEventListener('change', () => void loadWorkspaces());
loadButton.disabled = false;
document.body.dataset['ready'] = 'true';
