/**
 * Copies at import, through the real import path and the rendered pages: a story that another
 * outlet already published is recorded as a copy of the first stored, reported in the import's
 * summary, kept off the lists and out of 相关文章, exported with `duplicate_of`, and its URL shows
 * the canonical story. An editor can make the copy canonical.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/shared-data.js';
import { runCli } from '../cli/main.js';
import { DEFAULT_CONFIG } from '../core/config.js';
import { openServices } from '../services.js';
import { buildApp } from '../web/app.js';

const fixture = (name: string) => join(REPO_ROOT, 'test', 'fixtures', 'duplicates', name);
const COPY_TITLE = 'Porthmellin harbour open again to fishing boats';
const FIRST_TITLE = 'Harbour reopens to fishing boats after a month of repairs';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-dups-'));
  db = join(dir, 'site.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) }, {});
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function withSite<T>(
  work: (
    app: Awaited<ReturnType<typeof buildApp>>,
    services: Awaited<ReturnType<typeof openServices>>,
  ) => Promise<T>,
) {
  const services = await openServices({ ...DEFAULT_CONFIG, dbPath: db });
  const app = await buildApp({ services });
  try {
    return await work(app, services);
  } finally {
    await app.close();
  }
}

describe('copies of a stored story', () => {
  it('are recorded at import, reported, kept off lists, exported, and lead to the canonical story', async () => {
    expect(await cli('import', fixture('wire.jsonl'))).toMatchObject({
      code: 0,
      out: 'Imported 1 file: 2 added, 0 updated, 0 unchanged, 0 skipped.',
    });
    expect(await cli('import', fixture('copies.jsonl'))).toMatchObject({
      code: 0,
      out: 'Imported 1 file: 2 added (1 copy of existing stories), 0 updated, 0 unchanged, 0 skipped.',
    });
    // Importing the same file again updates nothing and finds no new copy.
    expect((await cli('import', fixture('copies.jsonl'))).out).toBe(
      'Imported 1 file: 0 added, 0 updated, 2 unchanged, 0 skipped.',
    );

    const exported = (await cli('export')).out.split('\n').map((l) => JSON.parse(l));
    expect(exported.find((r) => r.id === 'bay-77')).toMatchObject({
      duplicate_of: 'harbour-1',
      url: 'https://bay.example/news/77',
      source: 'bay-news',
    });
    expect(exported.filter((r) => r.duplicate_of !== undefined)).toHaveLength(1);

    await withSite(async (app, services) => {
      const home = (await app.inject('/')).body;
      expect(home).toContain(FIRST_TITLE);
      expect(home).not.toContain(COPY_TITLE);
      const section = (await app.inject('/sections/news')).body;
      expect(section).toContain(FIRST_TITLE);
      expect(section).not.toContain(COPY_TITLE);
      const api = (await app.inject('/api/stories')).json() as { stories: Array<{ title: string }> };
      expect(api.stories.map((s) => s.title).sort()).toEqual(
        [
          'Farmers market moves to the town square',
          FIRST_TITLE,
          'Village school gets solar panels on its roof',
        ].sort(),
      );

      // The copy's own URL shows the canonical story, whose URL is the page's canonical link.
      const copy = (await services.store.stories.findStoryByExternalId('bay-news', 'bay-77'))!;
      const first = (await services.store.stories.findStoryByExternalId('coast-wire', 'harbour-1'))!;
      expect(copy.duplicateOf).toBe(first.id);
      const copyPage = await app.inject(`/stories/${copy.slug}`);
      expect(copyPage.statusCode).toBe(200);
      expect(copyPage.body).toContain(`<span lang="en">${FIRST_TITLE}</span>`);
      const firstPage = (await app.inject(`/stories/${first.slug}`)).body;
      // The canonical story credits where else it was published.
      expect(firstPage).toMatch(/同一报道另见 Also published by:.*https:\/\/bay\.example\/news\/77/);

      // No 相关文章 list shows the copy, even where the engine stored it.
      for (const slug of [
        'village-school-gets-solar-panels-on-its-roof',
        'farmers-market-moves-to-the-town-square',
      ]) {
        const related = (await app.inject(`/api/stories/${slug}/related`)).json() as {
          related: Array<{ storyId: number }>;
        };
        expect(related.related.map((r) => r.storyId)).not.toContain(copy.id);
      }
      await services.store.related.replaceRelatedList(first.id, []);
      const school = (await services.store.stories.findStoryBySlug(
        'village-school-gets-solar-panels-on-its-roof',
      ))!;
      await services.store.related.replaceRelatedList(school.id, [
        { relatedId: copy.id, score: 0.9 },
        { relatedId: first.id, score: 0.8 },
      ]);
      const schoolRelated = (await app.inject(`/api/stories/${school.slug}/related`)).json() as {
        related: Array<{ storyId: number; title: string }>;
      };
      expect(schoolRelated.related.map((r) => r.storyId)).toEqual([first.id]);

      // An editor makes the copy canonical: the lists and the export follow.
      await services.store.stories.setCanonical(copy.id);
      expect((await app.inject('/')).body).toContain(COPY_TITLE);
      expect((await app.inject('/')).body).not.toContain(FIRST_TITLE);
      expect((await app.inject(`/stories/${first.slug}`)).body).toContain(
        `<span lang="en">${COPY_TITLE}</span>`,
      );
    });
    const after = (await cli('export')).out.split('\n').map((l) => JSON.parse(l));
    expect(after.find((r) => r.id === 'harbour-1')).toMatchObject({ duplicate_of: 'bay-77' });
  });

  it('are not recorded for the versions of one family, which are not copies', async () => {
    const base = {
      source: 'levels',
      title: 'Harbour reopens',
      group: 'levels/harbour',
      body: [
        'The old harbour of Porthmellin reopened to fishing boats on Tuesday after a month of repairs to its stone walls, which a winter storm had broken in three places.',
        'Workers from the county council replaced more than two hundred tonnes of granite blocks and rebuilt the lighthouse steps, the harbour master said in a statement.',
      ],
    };
    const file = join(dir, 'family.jsonl');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      file,
      `${JSON.stringify({ ...base, id: 'h/int', level: 'intermediate' })}\n${JSON.stringify({ ...base, id: 'h/adv', level: 'advanced', body: [...base.body, 'The council said the repairs were paid for by a national fund.'] })}\n`,
    );
    expect((await cli('import', file)).out).toBe(
      'Imported 1 file: 2 added, 0 updated, 0 unchanged, 0 skipped.',
    );
    // Export keeps the family, and the export imports back into the same stories.
    const exported = (await cli('export')).out.split('\n').map((l) => JSON.parse(l));
    expect(exported.map((r) => [r.id, r.group, r.level])).toEqual([
      ['h/int', 'levels/harbour', 'intermediate'],
      ['h/adv', 'levels/harbour', 'advanced'],
    ]);
    writeFileSync(file, `${exported.map((r) => JSON.stringify(r)).join('\n')}\n`);
    expect((await cli('import', file)).out).toBe(
      'Imported 1 file: 0 added, 0 updated, 2 unchanged, 0 skipped.',
    );
  });
});
