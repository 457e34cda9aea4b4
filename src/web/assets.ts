/** Static files under `assets/`, served with a content hash in their URL so browsers keep them for a year. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../core/config.js';

export const ASSETS_DIR = join(PACKAGE_ROOT, 'assets');

/** `/assets/site.css?v=<hash of its bytes>`. */
export function versionedAssetUrl(name: string): string {
  const hash = createHash('sha1')
    .update(readFileSync(join(ASSETS_DIR, name)))
    .digest('hex')
    .slice(0, 12);
  return `/assets/${name}?v=${hash}`;
}
