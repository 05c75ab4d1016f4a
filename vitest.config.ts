import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The plain summary for people, and a JSON report CI counts its closing line from.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Beside the lint (with its type check) and Playwright (npm test runs them side by side), two test
    // files at once keep both cores busy.
    maxWorkers: 2,
    // Worker threads start faster than forked processes, and no test needs a process of its own.
    pool: 'threads',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          // The files share each worker's module cache: loading the kit once per worker, not once per
          // file, takes a fifth off the suite's time. No file leaves a global patched (msw servers
          // close in afterAll); the module mocks (drift.test.ts memoises the pact-against-spec check,
          // and starts its Pact children from the build when it is current) behave as the real modules.
          isolate: false,
        },
      },
      {
        extends: true,
        // Beside the other files: the consumer test writes its pact to a folder of its own, and the
        // provider test only reads the committed one. Rewrite the committed pact with `npm run pacts`
        // (not `vitest -u`): it runs the consumer first, then verifies the pact it wrote.
        test: { name: 'contracts', include: ['contracts/**/*.pact.test.ts'] },
      },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.e2e.test.ts'], testTimeout: 60_000 } },
    ],
  },
});
