import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/shared-data.js';
import { ArticleService } from '../articles/service.js';
import { openSqliteStore } from '../store/sqlite/store.js';
import type { Store } from '../store/types.js';
import { importPaths } from './import.js';

const fixtures = join(REPO_ROOT, 'test', 'fixtures');

let store: Store;
let service: ArticleService;
beforeEach(() => {
  store = openSqliteStore(':memory:');
  service = new ArticleService(store);
});
afterEach(() => store.close());

describe('importPaths', () => {
  it('imports JSON Lines and reports what it added', async () => {
    const summary = await importPaths(store, service, [join(fixtures, 'stories.jsonl')]);
    expect(summary).toMatchObject({ files: 1, added: 3, updated: 0, unchanged: 0, skipped: [] });
    const story = await service.findStory('foreign-ministers-discuss-truce-by-phone');
    expect(story?.section.slug).toBe('world');
    expect(story?.dateline).toMatchObject({ place: 'GENEVA', agency: 'Xinhua' });
    expect(story?.tags).toEqual(['diplomacy', 'truce']);
    const museum = await service.findStory('museum-opens-new-wing-for-modern-art');
    expect(museum?.section.nameZh).toBe('欧美文化');
    expect(museum?.paragraphs[0]).toBe('A museum opened a new wing on Saturday.');
  });

  it('updates instead of duplicating on re-import', async () => {
    await importPaths(store, service, [join(fixtures, 'stories.jsonl')]);
    const again = await importPaths(store, service, [join(fixtures, 'stories.jsonl')]);
    expect(again).toMatchObject({ added: 0, unchanged: 3 });
    expect(await service.countStories()).toBe(3);
  });

  it('rejects a malformed file with file, line and field, and stores nothing', async () => {
    const file = join(fixtures, 'malformed.jsonl');
    await expect(importPaths(store, service, [file])).rejects.toThrow(
      `${file}:2: field "date" must be an ISO 8601 date`,
    );
    expect(await service.countStories()).toBe(0);
    expect(await service.listSections()).toEqual([]);
  });

  it('with skipInvalid stores the valid lines and reports each skipped one', async () => {
    const file = join(fixtures, 'malformed.jsonl');
    const summary = await importPaths(store, service, [file], { skipInvalid: true });
    expect(summary.added).toBe(1);
    expect(summary.skipped.map((s) => s.where)).toEqual([`${file}:2`, `${file}:3`, `${file}:4`]);
    expect(summary.skipped[1]?.message).toContain('field "title" is required');
    expect(summary.skipped[2]?.message).toContain('not valid JSON');
    expect(await service.countStories()).toBe(1);
  });

  it('names a missing path and a file of unknown format', async () => {
    await expect(importPaths(store, service, ['/nonexistent/x.jsonl'])).rejects.toThrow(
      '/nonexistent/x.jsonl does not exist',
    );
    await expect(importPaths(store, service, [join(REPO_ROOT, 'package.json')])).rejects.toThrow('--format');
  });

  it('reads gzipped JSON Lines whatever the case of the name, and names a broken gzip file', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { gzipSync } = await import('node:zlib');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'lingwire-gz-'));
    const gz = gzipSync(readFileSync(join(fixtures, 'stories.jsonl')));
    writeFileSync(join(dir, 'STORIES.JSONL.GZ'), gz);
    expect((await importPaths(store, service, [join(dir, 'STORIES.JSONL.GZ')])).added).toBe(3);
    writeFileSync(join(dir, 'broken.jsonl.gz'), gz.subarray(0, gz.length - 40));
    await expect(importPaths(store, service, [join(dir, 'broken.jsonl.gz')])).rejects.toThrow(
      `${join(dir, 'broken.jsonl.gz')}:`,
    );
  });
});
