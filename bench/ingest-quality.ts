/**
 * `npm run bench:ingest`: how well lingwire reads the development set of feeds and pages
 * (`../shared/data/ingest-dev`), through the same code as `lingwire preview`. Prints each
 * criterion's score; the targeted ones should stay at or above 0.95. `--failures` lists them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from '../test/shared-data.js';
import {
  ratio,
  type Scores,
  scoreFeedparserCases,
  scoreFeeds,
  scorePages,
  TARGETED,
} from './ingest-scores.js';

const DEV = join(SHARED_DIR, 'data', 'ingest-dev');
if (!existsSync(DEV)) {
  console.error(`${DEV} is absent: nothing to measure.`);
  process.exit(1);
}
const showFailures = process.argv.includes('--failures');

function print(title: string, scores: Scores, ms: number): void {
  console.log(`\n${title} (${ms.toFixed(0)} ms)`);
  for (const [name, score] of Object.entries(scores)) {
    const mark = TARGETED.includes(name) ? (ratio(score) >= 0.95 ? ' ✓' : ' ✗ below 0.95') : '';
    console.log(`  ${name.padEnd(34)} ${ratio(score).toFixed(3)}  (${score.passed}/${score.total})${mark}`);
    if (showFailures) for (const failure of score.failures.slice(0, 12)) console.log(`      ${failure}`);
  }
}

for (const [title, run] of [
  ['Feeds (feeds/, expectations from feed-rs and rss-parser)', () => scoreFeeds(join(DEV, 'feeds'))],
  [
    'feedparser micro-cases (single-field expectations)',
    () => scoreFeedparserCases(join(DEV, 'feedparser-cases')),
  ],
  ['Pages (readability test pages)', () => scorePages(join(DEV, 'pages'))],
] as const) {
  const start = performance.now();
  const scores = run();
  print(title, scores, performance.now() - start);
}
