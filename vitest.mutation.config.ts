import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutation` runs against each mutant: every test that exercises the core modules
 * in-process. Left out: the browser, the load storm, the built package and the CLIs in child
 * processes (no mutant reaches code that runs from dist/).
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
    ],
    fileParallelism: false,
  },
});
