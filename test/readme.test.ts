/**
 * Every code block of the README is compiled or run: each TypeScript and YAML block is a file of
 * test/readme/ (compiled by the type check, the test file run by vitest), each command names only
 * options the CLI has, and the documentation's curl call works against the mock.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorldFile } from '../mocks/fixtures-file.js';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../mocks/http-server.js';
import { nodeArgsFor } from './support/command.js';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const readme = readFileSync(`${root}README.md`, 'utf8');

interface Block {
  readonly language: string;
  readonly text: string;
  /** The file the block must equal, from the `<!-- README snippet: path -->` line above it. */
  readonly snippet: string | undefined;
}

const blocks: Block[] = [...readme.matchAll(/(?:<!-- README snippet: (\S+) -->\n\n?)?```(\w*)\n([\s\S]*?)```/g)].map(
  (match) => ({
    snippet: match[1],
    language: match[2] ?? '',
    text: match[3] ?? '',
  }),
);

async function help(cli: string): Promise<string> {
  const { stdout } = await run(process.execPath, [...nodeArgsFor(cli), '--help'], { cwd: root });
  return stdout;
}

describe('the README', () => {
  it('takes every TypeScript and YAML block from a file of test/readme/', () => {
    const unchecked = blocks.filter((block) => ['ts', 'yaml'].includes(block.language) && block.snippet === undefined);
    expect(unchecked.map((block) => block.text.split('\n')[0])).toEqual([]);
    expect(blocks.filter((block) => block.snippet !== undefined).length).toBe(12);
  });

  it.each(
    blocks.filter((block) => block.snippet !== undefined).map((block) => [block.snippet ?? '', block.text] as const),
  )('shows %s as it is', (snippet, text) => {
    expect(text).toBe(readFileSync(`${root}${snippet}`, 'utf8'));
  });

  it('loads its fixtures file as a world', async () => {
    const world = await loadWorldFile(`${root}test/readme/world.yaml`);
    expect(world.tokens).toEqual(['my-local-token']);
    expect(Object.keys(world.workspaces)).toEqual(['analytics', 'empty']);
  });

  it.each([
    ['databrain-mock', 'mocks/cli.ts', '## The local mock server'],
    ['databrain-drift', 'contracts/drift-cli.ts', '## The drift check'],
  ])('names only options %s has, and every option it has', async (command, cli, heading) => {
    const text = await help(cli);
    const known = new Set([...text.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((match) => match[1]));
    const commands = blocks
      .filter((block) => block.language === 'sh')
      .flatMap((block) => block.text.split('\n').filter((line) => line.includes(`npx ${command}`)));
    const used = new Set(
      commands.flatMap((line) => [...(line.split('#')[0] ?? '').matchAll(/(--[\w-]+)/g)].map((match) => match[1])),
    );
    expect([...used].filter((option) => !known.has(option))).toEqual([]);
    const section = readme.slice(readme.indexOf(heading) + heading.length);
    const documented = new Set(
      [...section.slice(0, section.indexOf('\n## ')).matchAll(/^\| `(?:-\w`, `)?(--[\w-]+)/gm)].map(
        (match) => match[1],
      ),
    );
    expect([...known].sort()).toEqual([...documented].sort());
  });

  describe('the documentation call', () => {
    let mock: RunningDatabrainMockServer;
    beforeAll(async () => {
      mock = await startDatabrainMockServer({ port: 0 });
    });
    afterAll(() => mock.close());

    it('works against the mock as written, with the host changed', async () => {
      const curl = blocks.find((block) => block.text.startsWith('curl'))?.text ?? '';
      const args = [...curl.matchAll(/--(\w+) (?:'([^']*)'|(\S+))/g)].flatMap((match) => [
        `--${match[1] ?? ''}`,
        match[2] ?? match[3] ?? '',
      ]);
      const { stdout } = await run('curl', [
        '--silent',
        ...args.map((arg) => arg.replace('http://127.0.0.1:4010', mock.url)),
      ]);
      const body = JSON.parse(stdout) as { data: { name: string }[]; error: null };
      expect([body.data.length, body.data[0]?.name, body.error]).toEqual([23, 'Sales Dashboard', null]);
    });
  });
});
