// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'src/generated/',
      'test-results/',
      'coverage/',
      'reports/',
      '.stryker-tmp/',
      'contracts/pacts/',
      'mocks/example/dist/',
      '**/*.js',
      '**/*.cjs',
      '!eslint.config.js',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The typed rules see the production code only: tests are linted without type information.
        project: ['./tsconfig.lint.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // The code reads index signatures (process.env, Ajv params) with brackets on purpose.
      '@typescript-eslint/dot-notation': ['error', { allowIndexSignaturePropertyAccess: true }],
      // Numbers in messages (ports, statuses, counts) print as expected in a template.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => server.close()` in hooks and callbacks reads better than a block around one call.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // An empty environment variable means "not set": `||` on strings is meant.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
    },
  },
  {
    // Production code reads in one pass: no function longer than a screen.
    files: ['src/**/*.ts', 'mocks/**/*.ts', 'contracts/**/*.ts', 'spec/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 60, IIFEs: true }] },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Tests are linted without type information: the type check (tsc) covers them, and typed rules
    // over every test would double the lint time of the 45-second suite.
    files: ['test/**/*.ts', 'contracts/**/*.test.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
