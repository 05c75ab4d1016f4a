/** Files the package ships beside its code (Node only), found the same from source and from dist/. */
import { fileURLToPath } from 'node:url';

const root = new URL(import.meta.url.includes('/dist/src/') ? '../../../' : '../../', import.meta.url);

/** The absolute path of a file of the package, e.g. `packageFile('spec/openapi.yaml')`. */
export function packageFile(path: string): string {
  return fileURLToPath(new URL(path, root));
}
