/**
 * `npm run bench`: every benchmark, one after another, each in its own process so none warms or
 * loads the machine for the next. Benchmarks that need ../shared print why they skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/shared-data.js';

const BENCHES = [
  'page',
  'lookup',
  'analyze',
  'levels',
  'related-quality',
  'related-speed',
  'import',
  'search-quality',
  'search-speed',
];
let failed = 0;
for (const name of BENCHES) {
  const file = join(REPO_ROOT, 'bench', `${name}.ts`);
  if (!existsSync(file)) continue;
  console.log(`\n=== bench/${name}.ts`);
  const result = spawnSync(
    process.execPath,
    // MiniSearch over 100,000 stories (search-speed) needs more than the default heap.
    ['--max-old-space-size=8000', join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), file],
    {
      stdio: 'inherit',
      cwd: REPO_ROOT,
    },
  );
  if (result.status !== 0) {
    console.log(`bench/${name}.ts failed with exit code ${result.status}`);
    failed++;
  }
}
process.exitCode = failed > 0 ? 1 : 0;
