import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The browser softphone's SIP stack: sip.js (MIT, pinned in package.json), served as the ES
 * modules its package ships — browsers load them as they are (relative imports with extensions,
 * no dependencies), so there is no bundle to build and no copy to keep in step.
 */
export const SIP_LIBRARY_ROUTE = 'desktop/vendor/sip.js';

/** Where the desktop imports the library from (its entry module). */
export const SIP_LIBRARY_ENTRY = `/${SIP_LIBRARY_ROUTE}/index.js`;

const libraryDir = path.join(path.dirname(require.resolve('sip.js/package.json')), 'lib');
/** Module paths as the library names them: no "..", no hidden files, only .js. */
const MODULE_PATH = /^(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.js$/;

/** A module of the library by its path under lib/, or undefined for anything else. */
export async function sipLibraryModule(relative: string): Promise<string | undefined> {
  if (!MODULE_PATH.test(relative)) return undefined;
  const file = path.resolve(libraryDir, relative);
  if (!file.startsWith(libraryDir + path.sep)) return undefined;
  return fs.readFile(file, 'utf8').catch(() => undefined);
}
