/**
 * Writes `src/generated/spec.ts`: the spec as a plain module, so that runtime code (the mocks,
 * the client's response checks, the drift check) reads the one spec without parsing YAML.
 *
 *   tsx spec/generate.ts           write the module
 *   tsx spec/generate.ts --check   exit 1 when the committed module differs from the spec
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const specPath = fileURLToPath(new URL('./openapi.yaml', import.meta.url));
const outPath = fileURLToPath(new URL('../src/generated/spec.ts', import.meta.url));

export function renderSpecModule(yamlText: string): string {
  const document: unknown = parse(yamlText);
  return [
    '/**',
    ' * This file was auto-generated from spec/openapi.yaml by `npm run generate`.',
    ' * Do not make direct changes to the file.',
    ' */',
    '',
    `export const spec = ${JSON.stringify(document, null, 2)} as const;`,
    '',
  ].join('\n');
}

const args = process.argv.slice(2);
const source = args.find((arg) => !arg.startsWith('--')) ?? specPath;
const rendered = renderSpecModule(readFileSync(source, 'utf8'));
if (args.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(outPath, 'utf8');
  } catch {
    committed = '';
  }
  if (committed !== rendered) {
    console.error('src/generated/spec.ts is stale: run `npm run generate` and commit the result.');
    process.exit(1);
  }
} else {
  writeFileSync(outPath, rendered);
}
