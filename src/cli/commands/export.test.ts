/**
 * `export` carries every stored field, so an export imports back whole: provenance included; and
 * `import` names the JSON Lines fields it does not know in one warning line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/shared-data.js';
import { runCli } from '../main.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-export-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(db: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) }, {});
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'provenance.jsonl');

describe('export and import back', () => {
  it('names unknown fields in one warning line and stores the rest', async () => {
    const db = join(dir, 'a.db');
    const result = await cli(db, 'import', FIXTURE);
    expect(result).toMatchObject({
      code: 0,
      out: 'Imported 1 file: 3 added, 0 updated, 0 unchanged, 0 skipped.',
    });
    expect(result.err).toBe(
      'warning: fields lingwire does not know were not stored: "mood" (2 records), "priority" (1 record).',
    );
  });

  it('exports every stored field, and the export imports back into the same stories', async () => {
    const first = join(dir, 'a.db');
    await cli(first, 'import', FIXTURE);
    const exported = (await cli(first, 'export')).out;
    const records = exported.split('\n').map((line) => JSON.parse(line));
    expect(records[0]).toEqual({
      id: 'p1',
      source: 'courier',
      section: '国际英语新闻',
      title: 'River town rebuilds after the flood',
      date: '2026-03-03T08:00:00Z',
      dateline: 'RIVERTON, March 3 (Courier)',
      url: 'https://courier.example.com/news/river',
      tags: ['flood'],
      body: ['The town began rebuilding on Monday.', 'Volunteers cleared the streets.'],
      author: 'Mary Fields',
      license: 'https://creativecommons.org/licenses/by/4.0/',
      feed: 'https://courier.example.com/feed.xml',
      fetched_at: '2026-03-03T09:00:00Z',
      language: 'en',
      text_from: 'page',
      section_source: 'editor',
      section_confidence: null,
    });
    // Detected when stored: a file that does not say still gets its language.
    expect(records[2].language).toBe('en');
    expect(records[2]).toMatchObject({ section: '英语新闻', section_source: null, section_confidence: null });
    expect(records[1].text_from).toBe('summary');

    const file = join(dir, 'export.jsonl');
    writeFileSync(file, `${exported}\n`);
    const second = join(dir, 'b.db');
    const reimported = await cli(second, 'import', file);
    expect(reimported).toMatchObject({ code: 0, err: '' });
    expect((await cli(second, 'export')).out).toBe(exported);
    const shown = JSON.parse(
      (await cli(second, 'show', 'river-town-rebuilds-after-the-flood', '--json')).out,
    );
    const original = JSON.parse(
      (await cli(first, 'show', 'river-town-rebuilds-after-the-flood', '--json')).out,
    );
    const { id: _a, createdAt: _b, updatedAt: _c, ...fields } = original;
    expect(shown).toMatchObject(fields);
    // Importing the export into the first database changes nothing.
    expect((await cli(first, 'import', file)).out).toBe(
      'Imported 1 file: 0 added, 0 updated, 3 unchanged, 0 skipped.',
    );
  });
  it("carries an editor's status and level override, so a site rebuilt from its export hides what was hidden", async () => {
    const first = join(dir, 'a.db');
    await cli(first, 'import', FIXTURE);
    const id = JSON.parse((await cli(first, 'show', 'river-town-rebuilds-after-the-flood', '--json')).out).id;
    expect(
      (await cli(first, 'story', 'set', String(id), '--status', 'unpublished', '--level', 'C1')).code,
    ).toBe(0);
    const exported = (await cli(first, 'export')).out;
    const river = exported
      .split('\n')
      .map((line) => JSON.parse(line))
      .find((r) => r.id === 'p1');
    expect(river).toMatchObject({ status: 'unpublished', level_override: 'C1' });
    // The published ones say nothing: an import leaves a story's status as it is.
    expect(exported.split('\n').filter((line) => line.includes('"status"'))).toHaveLength(1);

    const file = join(dir, 'export.jsonl');
    writeFileSync(file, `${exported}\n`);
    const second = join(dir, 'b.db');
    expect((await cli(second, 'import', file)).code).toBe(0);
    expect((await cli(second, 'export')).out).toBe(exported);
    // Hidden on the new site, as on the old one.
    for (const db of [first, second]) {
      expect((await cli(db, 'list')).out).not.toContain('River town rebuilds');
      expect((await cli(db, 'show', 'river-town-rebuilds-after-the-flood')).code).not.toBe(0);
    }
  });

  it("carries an editor's pins by source and id into a new site, and keeps pins an editor changed since", async () => {
    const first = join(dir, 'a.db');
    await cli(first, 'import', FIXTURE);
    const show = async (db: string, slug: string) => JSON.parse((await cli(db, 'show', slug, '--json')).out);
    const river = await show(first, 'river-town-rebuilds-after-the-flood');
    const harbour = await show(first, 'harbour-reopens-to-fishing-boats');
    const plain = await show(first, 'a-story-with-nothing-but-a-title-and-a-body');
    // The first story in the file pins two that come after it.
    expect(
      (await cli(first, 'story', 'set', String(river.id), '--pin', `${plain.id},${harbour.id}`)).code,
    ).toBe(0);
    /** The pins of story p1 in an export of `db`. */
    const pinsIn = async (db: string) =>
      (await cli(db, 'export')).out
        .split('\n')
        .map((line) => JSON.parse(line))
        .find((r) => r.id === 'p1').pinned;
    const both = [
      { source: plain.source, id: plain.externalId },
      { source: 'courier', id: 'p2' },
    ];
    expect(await pinsIn(first)).toEqual(both);
    const exported = (await cli(first, 'export')).out;
    expect(exported.split('\n').filter((line) => line.includes('"pinned"'))).toHaveLength(1);

    const file = join(dir, 'export.jsonl');
    writeFileSync(file, `${exported}\n`);
    const second = join(dir, 'b.db');
    // A database that already has other stories, so its ids are not the first site's.
    await cli(second, 'import', join(REPO_ROOT, 'test', 'fixtures', 'related', 'archive.jsonl'));
    expect((await cli(second, 'import', file)).code).toBe(0);
    expect((await show(second, 'river-town-rebuilds-after-the-flood')).id).not.toBe(river.id);
    expect(await pinsIn(second)).toEqual(both);
    // `show` lists them first under 相关文章, in the editor's order, as the page does.
    const shown = (await cli(second, 'show', 'river-town-rebuilds-after-the-flood')).out.split('\n');
    const list = shown.slice(shown.indexOf('相关文章') + 1);
    expect(list[0]).toContain(plain.title);
    expect(list[1]).toContain(harbour.title);

    // The same file with one pin, and one naming a story stored nowhere.
    const changed = exported.replace(
      /"pinned":\[[^\]]*\]/,
      '"pinned":[{"source":"courier","id":"p2"},{"source":"courier","id":"gone"}]',
    );
    writeFileSync(file, `${changed}\n`);
    // The second site has no editor's pins: the file's stand, without the missing one.
    const again = await cli(second, 'import', file);
    expect(again.code).toBe(0);
    expect(again.out).toContain('1 updated');
    expect(again.err).toContain(
      'river-town-rebuilds-after-the-flood: pinned story "gone" from "courier" is not stored',
    );
    expect(await pinsIn(second)).toEqual([{ source: 'courier', id: 'p2' }]);
    // On the first site an editor set them: they stay as the editor left them.
    expect((await cli(first, 'import', file)).code).toBe(0);
    expect(await pinsIn(first)).toEqual(both);
  });
});
