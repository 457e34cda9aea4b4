/**
 * Static files, served under `/assets/` with a content hash in their URL so browsers keep them for
 * a year: the stylesheet and icons from `assets/`, the browser scripts from `src/web/client/`
 * (served as written: they are plain JavaScript, type-checked by `tsconfig.client.json`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../core/config.js';

/** Stylesheet, favicon. */
export const ASSETS_DIR = join(PACKAGE_ROOT, 'assets');
/** Browser code (`reader.js`); only its `.js` files are served. */
export const CLIENT_DIR = join(PACKAGE_ROOT, 'src', 'web', 'client');
/** Where `/assets/<name>` is looked for, first found first served. */
export const ASSET_ROOTS: readonly string[] = [ASSETS_DIR, CLIENT_DIR];

/** Whether `/assets/<path>` may be served from `root`: anything in `assets/`, only scripts from the client folder. */
export function isServableAsset(path: string, root: string): boolean {
  return root !== CLIENT_DIR || path.endsWith('.js');
}

/** `/assets/site.css?v=<hash of its bytes>`; `name` is looked for in the same order it is served. */
export function versionedAssetUrl(name: string): string {
  const root = ASSET_ROOTS.find((dir) => isServableAsset(name, dir) && existsSync(join(dir, name)));
  if (!root) throw new Error(`assets: no ${name} in ${ASSET_ROOTS.join(' or ')}`);
  const hash = createHash('sha1')
    .update(readFileSync(join(root, name)))
    .digest('hex')
    .slice(0, 12);
  return `/assets/${name}?v=${hash}`;
}
