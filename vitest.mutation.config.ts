import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutation` runs against each mutant: every test that exercises the production
 * modules in-process. Left out: the browser, the load storm, the built package, the other tools
 * of the field and the CLIs in child processes (a mutant is switched on in this process only).
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    include: ['test/**/*.test.ts', 'contracts/**/*.pact.test.ts'],
    exclude: [
      'test/e2e/**',
      'test/storm.test.ts',
      'test/package.test.ts',
      'test/package-check.test.ts',
      'test/readme.test.ts',
      'test/generated.test.ts',
      'test/spec-tools.test.ts',
      'test/drift-cli.test.ts',
      // The bundle's size budget does not hold for instrumented code; client.test.ts covers the client.
      'test/client-bundle.test.ts',
    ],
    fileParallelism: false,
    // Stryker tells which test ran a mutant by the test running at the time: tests declared
    // concurrent (the drift tests) run one at a time here, so each mutant is put on the right test.
    maxConcurrency: 1,
  },
});
