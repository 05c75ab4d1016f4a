/** Optional peer dependencies, loaded only by the part that needs them. */

/** A part was used whose optional peer dependency is not installed; the message says what to install. */
export class MissingPeerError extends Error {
  override readonly name = 'MissingPeerError';
  constructor(
    readonly packageName: string,
    forWhat: string,
  ) {
    super(`${forWhat} needs ${packageName}, which is not installed: npm install --save-dev ${packageName}`);
  }
}

function isModuleNotFound(error: unknown, packageName: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(`'${packageName}'`);
}

/** Imports an optional peer, or throws a MissingPeerError naming it and the install command. */
export async function importPeer<T>(packageName: string, forWhat: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isModuleNotFound(error, packageName)) throw new MissingPeerError(packageName, forWhat);
    throw error;
  }
}

/** Throws a MissingPeerError unless the package can be resolved from here (without loading it). */
export function requirePeerInstalled(packageName: string, forWhat: string, resolve: (name: string) => string): void {
  try {
    resolve(packageName);
  } catch {
    throw new MissingPeerError(packageName, forWhat);
  }
}
