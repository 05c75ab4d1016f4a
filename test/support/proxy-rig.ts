/**
 * One test provider and one mock proxying to it, shared by a test file, with a fresh proxy,
 * recorder, logs and journal for each test: each test says how the provider answers and starts
 * from nothing seen, so it passes alone and in any order.
 */
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../../mocks/http-server.js';
import type { JournalEntry } from '../../mocks/journal.js';
import { createProxy, type Proxy } from '../../mocks/proxy.js';
import { createRecorder, type Recorder } from '../../mocks/recording.js';
import { cleanToken, startProvider, type Drift, type RunningProvider, type WorkspaceDrift } from './providers.js';

/** What one test's proxy saw and said. */
export interface ProxyUnderTest {
  readonly proxy: Proxy;
  readonly recorder: Recorder;
  /** The proxy's log lines: findings and failures. */
  readonly proxyLines: string[];
  /** The mock server's log lines, one per request, without their durations. */
  readonly serverLines: string[];
}

/** How the current test's proxy forwards: where, with which token, how patiently. */
export interface ForwardSettings {
  readonly target?: string;
  readonly token?: string;
  readonly timeoutMs?: number;
}

export interface ProxyRig {
  readonly provider: RunningProvider;
  readonly mock: RunningDatabrainMockServer;
  /** The current test's proxy, recorder and logs. */
  current(): ProxyUnderTest;
  /** A fresh start: a new proxy to the provider, recorder and logs, the provider clean, the journal empty. */
  reset(): Promise<void>;
  /** From now on the provider answers with these changes. */
  answerWith(drift?: Drift, workspaceDrift?: WorkspaceDrift): void;
  /** From now on requests go through a new proxy with these settings (the recorder and logs stay). */
  forwardWith(settings: ForwardSettings): ProxyUnderTest;
  /** The mock's request journal, without the arrival times. */
  journal(): Promise<Omit<JournalEntry, 'time'>[]>;
  close(): Promise<void>;
}

function proxyUnderTest(target: string, settings: ForwardSettings, previous?: ProxyUnderTest): ProxyUnderTest {
  const recorder = previous?.recorder ?? createRecorder();
  const proxyLines = previous?.proxyLines ?? [];
  const proxy = createProxy({
    target: settings.target ?? target,
    token: settings.token ?? cleanToken,
    timeoutMs: settings.timeoutMs ?? 5_000,
    recorder,
    log: (line) => proxyLines.push(line),
  });
  return { proxy, recorder, proxyLines, serverLines: previous?.serverLines ?? [] };
}

/** A proxy that hands every call to the current test's proxy. */
function delegatingProxy(current: () => ProxyUnderTest): Proxy {
  return {
    forward: (request) => current().proxy.forward(request),
    checks: () => current().proxy.checks(),
    dropped: () => current().proxy.dropped(),
    mask: (text) => current().proxy.mask(text),
  };
}

async function readJournal(mockUrl: string): Promise<Omit<JournalEntry, 'time'>[]> {
  const response = await fetch(`${mockUrl}/__databrain/requests`);
  const { requests } = (await response.json()) as { requests: JournalEntry[] };
  return requests.map(({ method, path, query, body, status, code }) => ({ method, path, query, body, status, code }));
}

export async function startProxyRig(): Promise<ProxyRig> {
  const drifts: { dashboards: Drift | undefined; workspaces: WorkspaceDrift | undefined } = {
    dashboards: undefined,
    workspaces: undefined,
  };
  const provider = await startProvider(
    (request, reply, dashboards) => drifts.dashboards?.(request, reply, dashboards) ?? reply,
    (request, reply, workspaces) => drifts.workspaces?.(request, reply, workspaces) ?? reply,
  );
  let current = proxyUnderTest(provider.url, {});
  const mock = await startDatabrainMockServer({
    port: 0,
    proxy: delegatingProxy(() => current),
    log: (line) => current.serverLines.push(line.replace(/ [\d.]+ms$/, '')),
  });
  return {
    provider,
    mock,
    current: () => current,
    async reset() {
      await fetch(`${mock.url}/__databrain/requests`, { method: 'DELETE' });
      drifts.dashboards = drifts.workspaces = undefined;
      current = proxyUnderTest(provider.url, {});
    },
    answerWith(drift, workspaceDrift) {
      drifts.dashboards = drift;
      drifts.workspaces = workspaceDrift;
    },
    forwardWith: (settings) => (current = proxyUnderTest(provider.url, settings, current)),
    journal: () => readJournal(mock.url),
    close: () => Promise.all([mock.close(), provider.close()]).then(() => undefined),
  };
}
