/**
 * The development set of feeds and pages (`../shared/data/ingest-dev`), scored as
 * `npm run bench:ingest` scores it. The floors are the figures reached when this test was
 * written, a little below so that a harmless change elsewhere does not fail it; a real
 * regression in feed or page reading does.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ratio, scoreFeedparserCases, scoreFeeds, scorePages } from '../bench/ingest-scores.js';
import { SHARED_DIR } from './shared-data.js';

const DEV = join(SHARED_DIR, 'data', 'ingest-dev');
const HAS_DEV = existsSync(join(DEV, 'SOURCES.md'));

describe.skipIf(!HAS_DEV)('ingest development set', () => {
  it('reads the feeds: titles, links, dates, text', () => {
    const scores = scoreFeeds(join(DEV, 'feeds'));
    expect(ratio(scores['feeds read'])).toBe(1);
    expect(ratio(scores['titles as plain text'])).toBeGreaterThanOrEqual(0.99);
    expect(ratio(scores['links absolute'])).toBeGreaterThanOrEqual(0.99);
    expect(ratio(scores['dates to the minute'])).toBeGreaterThanOrEqual(0.99);
    expect(ratio(scores['text contains the content'])).toBeGreaterThanOrEqual(0.99);
  });

  it("passes feedparser's single-field cases", () => {
    const scores = scoreFeedparserCases(join(DEV, 'feedparser-cases'));
    expect(ratio(scores['cases: titles'])).toBeGreaterThanOrEqual(0.98);
    expect(ratio(scores['cases: links'])).toBeGreaterThanOrEqual(0.98);
    expect(ratio(scores['cases: text'])).toBeGreaterThanOrEqual(0.89);
    expect(ratio(scores['cases: dates'])).toBeGreaterThanOrEqual(0.84);
  });

  it("extracts readability's test pages: first and last paragraph, no boilerplate", () => {
    const scores = scorePages(join(DEV, 'pages'));
    expect(ratio(scores['pages read'])).toBe(1);
    expect(ratio(scores['first paragraph present'])).toBeGreaterThanOrEqual(0.98);
    expect(ratio(scores['last paragraph present'])).toBeGreaterThanOrEqual(0.96);
    expect(ratio(scores['boilerplate absent'])).toBeGreaterThanOrEqual(0.98);
  });
});
