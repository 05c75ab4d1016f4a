/** Reading a world from a fixtures file (Node only; the browser gets its world in code). */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { firstLine } from '../src/kernel/helpers.js';
import { importPeer } from '../src/kernel/peers.js';
import { parseDatabrainWorld, type DatabrainMockWorld } from './fixtures.js';

/** Reads a world from a JSON or YAML file (by its extension; JSON otherwise). YAML needs the `yaml` peer. */
export async function loadWorldFile(path: string): Promise<DatabrainMockWorld> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`Cannot read the fixtures file ${path}: check the path.`);
  }
  const isYaml = ['.yaml', '.yml'].includes(extname(path).toLowerCase());
  const parse = isYaml
    ? (await importPeer('yaml', 'A YAML fixtures file', () => import('yaml'))).parse
    : (source: string): unknown => JSON.parse(source);
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    const reason = firstLine(error);
    throw new Error(`The fixtures file ${path} is not valid ${extname(path) || 'JSON'}: ${reason}`, { cause: error });
  }
  return parseDatabrainWorld(data, `The fixtures file ${path}`);
}

/** A world as the text of a YAML fixtures file (needs the `yaml` peer). */
export async function worldToYaml(world: DatabrainMockWorld): Promise<string> {
  const { stringify } = await importPeer('yaml', 'A YAML fixtures file', () => import('yaml'));
  return stringify(world);
}
