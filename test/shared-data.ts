/**
 * Where the shared, read-only data lives: `../shared` beside the repository (CI always has it),
 * or `LINGWIRE_SHARED`. Tests and benchmarks that need it skip with a message when it is absent;
 * its texts are other people's and are never copied into the repository.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_DIR = process.env.LINGWIRE_SHARED ?? resolve(REPO_ROOT, '..', 'shared');
export const SEED_STORY_PATH = join(SHARED_DIR, 'seed', '000_a8fe7018b2185b9d.txt');
export const NEWS_DIR = join(SHARED_DIR, 'data', 'news');
export const HAS_SHARED = existsSync(SEED_STORY_PATH);

if (!HAS_SHARED) {
  console.warn(`[lingwire tests] ${SHARED_DIR} is absent: tests that read the seed and corpora are skipped.`);
}
