/** Reading a world from a fixtures file (Node only; the browser gets its world in code). */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseWorld, type MockWorld } from './fixtures.js';

/** Reads a world from a JSON or YAML file (by its extension; JSON otherwise). */
export function loadWorldFile(path: string): MockWorld {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`Cannot read the fixtures file ${path}: check the path.`);
  }
  let data: unknown;
  try {
    data = ['.yaml', '.yml'].includes(extname(path).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`The fixtures file ${path} is not valid ${extname(path) || 'JSON'}: ${reason}`);
  }
  return parseWorld(data, `The fixtures file ${path}`);
}
