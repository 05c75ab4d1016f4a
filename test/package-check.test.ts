/**
 * The checks of `npm run check:package`, run on crafted packages: no build, no tarball.
 */
import { describe, expect, it } from 'vitest';
import {
  attwFailures,
  checkPactTokens,
  checkModuleGraph,
  checkTarballFiles,
  entryTargets,
  findStaleBuildOutput,
  importsOf,
  type PackageJson,
} from './package/check-package.js';

const pkg: PackageJson = {
  name: 'example-kit',
  version: '1.0.0',
  bin: { 'example-mock': 'dist/mocks/cli.js' },
  exports: {
    '.': { types: './dist/src/index.d.ts', default: './dist/src/index.js' },
    './mocks/node': { types: './dist/mocks/node.d.ts', default: './dist/mocks/node.js' },
    './spec/openapi.yaml': './spec/openapi.yaml',
    './package.json': './package.json',
  },
};

const files = [
  'package.json',
  'README.md',
  'spec/openapi.yaml',
  'dist/src/index.js',
  'dist/src/index.d.ts',
  'dist/mocks/node.js',
  'dist/mocks/node.d.ts',
  'dist/mocks/cli.js',
  'contracts/pacts/consumer-provider.json',
];

function pact(authorization: string): unknown {
  return {
    consumer: { name: 'consumer' },
    provider: { name: 'provider' },
    interactions: [
      {
        description: 'a request',
        request: { method: 'POST', path: '/', headers: { Authorization: [authorization] } },
        response: { status: 200, body: [{ name: 'Sales Dashboard' }] },
      },
    ],
    metadata: { pactSpecification: { version: '4.0' } },
  };
}

const placeholders = ['dbn-dev-token', 'invalid-service-token'];

describe('the tarball file list', () => {
  it('passes a complete list of built files', () => {
    expect(checkTarballFiles(files, pkg)).toEqual([]);
  });

  it('reads every export condition and bin from package.json', () => {
    expect(entryTargets(pkg).map(({ label }) => label)).toEqual([
      'exports["."].types',
      'exports["."].default',
      'exports["./mocks/node"].types',
      'exports["./mocks/node"].default',
      'exports["./spec/openapi.yaml"]',
      'exports["./package.json"]',
      'bin["example-mock"]',
    ]);
  });

  it('names the export entry whose file is missing', () => {
    const broken: PackageJson = {
      ...pkg,
      exports: { ...(pkg.exports as object), './mocks/server': { types: './dist/mocks/server.d.ts' } },
    };
    expect(checkTarballFiles(files, broken)).toEqual([
      'exports["./mocks/server"].types: ./dist/mocks/server.d.ts is missing from the tarball; point the entry at a built file or add the file to "files"',
    ]);
  });

  it('names a bin whose file is missing', () => {
    expect(checkTarballFiles(files, { ...pkg, bin: 'dist/cli.js' })).toEqual([
      'bin: dist/cli.js is missing from the tarball; point the entry at a built file or add the file to "files"',
    ]);
  });

  it('fails on a TypeScript source but not on a declaration', () => {
    expect(checkTarballFiles([...files, 'src/client.ts', 'dist/src/client.d.ts'], pkg)).toEqual([
      'TypeScript source in the tarball: src/client.ts; ship only the built .js and .d.ts files',
    ]);
  });

  it('fails on a test file and on a file under test/', () => {
    expect(checkTarballFiles([...files, 'dist/src/client.test.js', 'test/support/http.js'], pkg)).toEqual([
      'test file in the tarball: dist/src/client.test.js; leave it out of "files" and tsconfig.build.json',
      'test file in the tarball: test/support/http.js; leave it out of "files" and tsconfig.build.json',
    ]);
  });
});

describe('the build output in the tarball', () => {
  const sources = new Set(['src/index.ts', 'src/generated/validate.js']);
  const exists = (file: string): boolean => sources.has(file);

  it('passes built files whose source is in the tree', () => {
    const built = [
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/index.js.map',
      'dist/src/generated/validate.d.ts',
    ];
    expect(findStaleBuildOutput(built, exists)).toEqual([]);
  });

  it('fails on the output of a deleted source', () => {
    expect(findStaleBuildOutput(['dist/src/index.js', 'dist/src/kernel.js'], exists)).toEqual([
      'stale build output in the tarball: dist/src/kernel.js has no source; delete dist/ and build again',
    ]);
  });
});

describe('the pacts in the tarball', () => {
  it('passes the placeholder tokens', () => {
    expect(checkPactTokens('p.json', pact('Bearer dbn-dev-token'), placeholders)).toEqual([]);
    expect(checkPactTokens('p.json', pact('Bearer invalid-service-token'), placeholders)).toEqual([]);
  });

  it('fails on a UUID bearer token without printing it', () => {
    const problems = checkPactTokens('p.json', pact('Bearer 3f2b8c1e-9d4a-4e6b-a1f0-7c5d2e8b9a61'), placeholders);
    expect(problems).toContain(
      'p.json: interactions[0].request.headers.Authorization[0] holds a UUID-like token; record the pact again with the placeholder tokens of contracts/states.ts',
    );
    expect(problems.join('\n')).not.toContain('3f2b8c1e');
  });

  it('fails on any bearer token that is not a placeholder', () => {
    expect(checkPactTokens('p.json', pact('Bearer dbn_live_7Hq2'), placeholders)).toEqual([
      'p.json: interactions[0].request.headers.Authorization[0] holds a bearer token that is not a placeholder; record the pact again with the placeholder tokens of contracts/states.ts',
    ]);
  });
});

describe('the Are the Types Wrong result', () => {
  const problems = [
    { kind: 'NoResolution', entrypoint: '.', resolutionKind: 'node10' },
    { kind: 'CJSResolvesToESM', entrypoint: '.', resolutionKind: 'node16-cjs' },
    { kind: 'NoResolution', entrypoint: './spec/openapi.yaml', resolutionKind: 'bundler' },
  ];

  it('excuses only the YAML asset under the ESM-only profile', () => {
    expect(attwFailures({ analysis: { types: {}, problems } })).toEqual({ failures: [], excused: 1 });
  });

  it('fails on a problem of any other entry', () => {
    const more = [...problems, { kind: 'FalseESM', entrypoint: './mocks', resolutionKind: 'node16-esm' }];
    expect(attwFailures({ analysis: { types: {}, problems: more } }).failures).toEqual([
      'Are the Types Wrong: FalseESM at ./mocks node16-esm; run npx attw on the tarball for details',
    ]);
  });
});

describe('the module graph of the tarball', () => {
  const allowed = new Set(['openapi-fetch', 'msw']);
  const modules = new Map([
    ['dist/src/index.js', "export { createClient } from './client.js';\nimport 'node:fs';"],
    [
      'dist/src/client.js',
      "import createClient from 'openapi-fetch';\nimport {\n  a,\n  b,\n} from './kernel/index.js';",
    ],
    ['dist/src/kernel/index.js', 'export const a = 1, b = 2;'],
    [
      'dist/mocks/node.js',
      "import { setupServer } from 'msw/node';\nconst worker = new URL(`./worker${suffix}`, import.meta.url);",
    ],
    ['dist/mocks/worker.js', "const peers = await import('msw');"],
  ]);
  const entries = ['dist/src/index.js', './dist/mocks/node.js'];

  it('reads static, multi-line, dynamic and side-effect imports, and modules started by path', () => {
    expect(
      importsOf(
        "import a from 'a';\nexport * from './b.js';\nimport {\n  c,\n} from '@s/c/sub';\nimport 'd';\nawait import('e');\nnew URL('./f', import.meta.url);",
      ),
    ).toEqual(['a', './b.js', '@s/c/sub', 'd', 'e', './f.js']);
  });

  it('passes a graph every module of which an entry reaches, importing only what users get', () => {
    expect(checkModuleGraph(modules, entries, allowed)).toEqual([]);
  });

  it('passes a module of types alone that no entry reaches at run time', () => {
    const more = new Map([
      ...modules,
      ['dist/src/generated/openapi.js', 'export {};\n//# sourceMappingURL=openapi.js.map'],
    ]);
    expect(checkModuleGraph(more, entries, allowed)).toEqual([]);
  });

  it('names a module that imports one the tarball does not hold', () => {
    const more = new Map([...modules, ['dist/src/kernel/index.js', "export { a } from './gone.js';"]]);
    expect(checkModuleGraph(more, entries, allowed)).toEqual([
      'dist/src/kernel/index.js imports dist/src/kernel/gone.js, which is not in the tarball',
    ]);
  });

  it('names a module no entry reaches', () => {
    const more = new Map([...modules, ['dist/src/generated/spec.js', 'export const spec = {};']]);
    expect(checkModuleGraph(more, entries, allowed)).toEqual([
      'dist/src/generated/spec.js is reached from no entry (test-only or dead code): leave it out of tsconfig.build.json',
    ]);
  });

  it('names a reached module that imports a package users do not get', () => {
    const more = new Map([
      ...modules,
      ['dist/src/kernel/index.js', "import { spawn } from '@stoplight/prism-cli/dist/index.js';"],
    ]);
    expect(checkModuleGraph(more, entries, allowed)).toEqual([
      'dist/src/kernel/index.js imports @stoplight/prism-cli, which a user does not get: make it a dependency or a peer, or keep the module out of dist/',
    ]);
  });
});
