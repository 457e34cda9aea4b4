/**
 * Story families through the real import path and the rendered pages: importing the seed and the
 * OneStopEnglish stories in `../shared` links each article's versions ("本文其他难度"), and gives
 * each family one place in every 相关文章 list, so the seed page no longer lists one story three
 * times.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { HAS_SHARED, NEWS_DIR, SEED_STORY_PATH } from '../../test/shared-data.js';
import { importPaths } from '../ingest/import.js';
import type { Services } from '../services.js';
import { buildApp } from '../web/app.js';
import { familyVersions, levelLabel, levelRank } from './story-families.js';

describe('level labels', () => {
  it.each([
    ['elementary', '初级'],
    ['Intermediate', '中级'],
    ['advanced', '高级'],
    ['Upper-Intermediate', '中高级'],
    ['B1', '准中级'],
    ['Level 7', 'Level 7'],
    [null, '原文'],
  ])('%s is %s', (level, label) => {
    expect(levelLabel(level)).toBe(label);
  });

  it('orders versions easiest first, unknown levels last, and has nothing to link for a lone version', () => {
    const member = (id: number, groupLevel: string | null) => ({
      id,
      slug: `s${id}`,
      title: 'T',
      groupLevel,
    });
    const versions = familyVersions(
      [member(1, 'advanced'), member(2, 'zzz'), member(3, 'elementary'), member(4, 'intermediate')],
      4,
    );
    expect(versions.map((v) => [v.label, v.current])).toEqual([
      ['初级', false],
      ['中级', true],
      ['高级', false],
      ['zzz', false],
    ]);
    expect(familyVersions([member(1, 'advanced')], 1)).toEqual([]);
    expect(levelRank('elementary')).toBeLessThan(levelRank('advanced'));
  });
});

describe.skipIf(!HAS_SHARED)('OneStopEnglish families imported with the seed', () => {
  let services: Services;
  let app: FastifyInstance;

  beforeAll(async () => {
    services = memoryServices();
    await importPaths(services.pipeline, [SEED_STORY_PATH, join(NEWS_DIR, 'freely-licensed.jsonl')]);
    app = await buildApp({ services });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  /** The 相关文章 entries of a rendered story page: [href, title]. */
  function relatedOnPage(html: string): Array<[string, string]> {
    const section = html.match(/<section class="related"[\s\S]*?<\/section>/)?.[0] ?? '';
    return [...section.matchAll(/<a href="([^"]+)" lang="en">([^<]*)<\/a>/g)].map((m) => [m[1]!, m[2]!]);
  }

  it('links each version to the others, easiest first, the current one not linked', async () => {
    const versions = await services.store.stories.findFamily(
      'OneStopEnglish corpus (Vajjala & Lucic 2018)',
      'onestopenglish/Amazon',
    );
    expect(versions.map((v) => v.groupLevel)).toEqual(['elementary', 'intermediate', 'advanced']);
    const [elementary, intermediate, advanced] = versions as [
      (typeof versions)[0],
      (typeof versions)[0],
      (typeof versions)[0],
    ];
    const html = (await app.inject(`/stories/${intermediate.slug}`)).body;
    const nav = html.match(/<nav class="family"[^>]*>([\s\S]*?)<\/nav>/)?.[1] ?? '';
    expect(nav.replace(/<[^>]+>/g, '')).toBe('本文其他难度: 初级 · 中级 · 高级');
    expect(nav).toContain(`<a href="/stories/${elementary.slug}" title="elementary">初级</a>`);
    expect(nav).toContain('<strong aria-current="page" title="intermediate">中级</strong>');
    expect(nav).toContain(`<a href="/stories/${advanced.slug}" title="advanced">高级</a>`);
    // A story of no family has no such line.
    expect(
      (await app.inject('/stories/lavrov-kerry-discuss-conditions-for-hostilities-cessation-in-syria')).body,
    ).not.toContain('本文其他难度');
  });

  it('the seed page lists each story once: one version per family, never a title twice', async () => {
    const html = (
      await app.inject('/stories/lavrov-kerry-discuss-conditions-for-hostilities-cessation-in-syria')
    ).body;
    const entries = relatedOnPage(html);
    expect(entries.length).toBeGreaterThan(0);
    const titles = entries.map(([, title]) => title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('gives each family one place in every 相关文章 list, and never lists the story’s own family', async () => {
    const families = new Map<number, string | null>();
    for await (const story of services.store.stories.iterateStories())
      families.set(story.id, story.group === null ? null : `${story.source}\n${story.group}`);
    // Stored lists the rule has work in: two versions of one family, or the story's own family.
    let storedWithRepeats = 0;
    for (const [id, own] of families) {
      const { related } = (await app.inject(`/api/stories/${id}/related`)).json() as {
        related: Array<{ storyId: number | null }>;
      };
      const shown = related.map((r) => families.get(r.storyId!) ?? null).filter((f) => f !== null);
      expect(new Set(shown).size, `story ${id}`).toBe(shown.length);
      if (own !== null) expect(shown, `story ${id}`).not.toContain(own);
      const stored = (await services.store.related.findRelatedList(id))
        .map((r) => families.get(r.id) ?? null)
        .filter((f) => f !== null);
      if (new Set(stored).size < stored.length || (own !== null && stored.includes(own))) storedWithRepeats++;
    }
    // The engine's lists do repeat families (the rule is needed), across most of the site.
    expect(storedWithRepeats).toBeGreaterThan(100);
  });
});
