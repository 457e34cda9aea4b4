import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/shared-data.js';
import { runCli } from './main.js';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-cli-'));
  db = join(dir, 'test.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) }, {});
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const fixture = (name: string) => join(REPO_ROOT, 'test', 'fixtures', name);

describe('lingwire CLI', () => {
  it('imports, reports a summary, and updates on re-import instead of duplicating', async () => {
    const first = await cli('import', fixture('stories.jsonl'), fixture('more.txt'));
    expect(first).toMatchObject({
      code: 0,
      out: 'Imported 2 files: 4 added, 0 updated, 0 unchanged, 0 skipped.',
    });
    writeFileSync(
      join(dir, 'edited.txt'),
      '欧美文化:Volunteers plant trees along the river\nThe planting was postponed.\n',
    );
    const edited = await cli('import', join(dir, 'edited.txt'));
    expect(edited.out).toBe('Imported 1 file: 0 added, 1 updated, 0 unchanged, 0 skipped.');
    const list = await cli('list', '--json');
    expect(list.out.split('\n')).toHaveLength(4);
  });

  it('fails with exit 1 and a line naming file, line and field; the database is unchanged', async () => {
    await cli('import', fixture('more.txt'));
    const bad = await cli('import', fixture('malformed.jsonl'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^lingwire: .*malformed\.jsonl:2: field "date" must be an ISO 8601 date/);
    expect((await cli('list', '--json')).out.split('\n')).toHaveLength(1);
  });

  it('--skip-invalid imports the rest and reports each skipped line', async () => {
    const res = await cli('import', '--skip-invalid', fixture('malformed.jsonl'));
    expect(res.code).toBe(0);
    expect(res.out).toBe('Imported 1 file: 1 added, 0 updated, 0 unchanged, 3 skipped.');
    expect(res.err.split('\n')).toHaveLength(3);
  });

  it('exits 2 on wrong usage and 0 on --help', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('import')).code).toBe(2);
    expect((await cli('import', '--format', 'xml', 'x')).code).toBe(2);
    expect((await cli('list', '--limit', 'zero')).code).toBe(2);
    const help = await cli('import', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('JSON Lines');
  });

  it('show finds a story by id or slug, and says so when there is none', async () => {
    await cli('import', fixture('stories.jsonl'));
    const bySlug = await cli('show', 'museum-opens-new-wing-for-modern-art');
    expect(bySlug.out.split('\n')[0]).toBe('欧美文化:Museum opens new wing for modern art');
    const json = JSON.parse((await cli('show', '1', '--json')).out);
    expect(json.title).toBe('Foreign ministers discuss truce by phone');
    const missing = await cli('show', 'nope');
    expect(missing).toMatchObject({
      code: 1,
      err: 'lingwire: there is no story "nope" (give an id or a slug).',
    });
  });

  it('list filters by section', async () => {
    await cli('import', fixture('stories.jsonl'));
    const res = await cli('list', '--section', '欧美文化');
    expect(res.out).toContain('欧美文化:Museum opens new wing for modern art');
    expect(res.out.split('\n')).toHaveLength(1);
    expect((await cli('list', '--section', 'nope')).code).toBe(1);
  });

  it('export round-trips with import', async () => {
    await cli('import', fixture('stories.jsonl'), fixture('more.txt'));
    const exported = join(dir, 'out.jsonl');
    expect((await cli('export', '-o', exported)).code).toBe(0);
    const firstExport = (await cli('export')).out;
    db = join(dir, 'second.db');
    expect((await cli('import', exported)).out).toBe(
      'Imported 1 file: 4 added, 0 updated, 0 unchanged, 0 skipped.',
    );
    expect((await cli('export')).out).toBe(firstExport);
    expect(firstExport).toContain('"related":["欧美文化:Museum opens new wing for modern art"');
  });

  it('lookup finds a word through its inflection and says when a word is missing', async () => {
    const found = await cli('lookup', 'Discussed');
    expect(found.code).toBe(0);
    expect(found.out.split('\n')[0]).toMatch(/^discussed → discuss/);
    expect(found.out).toContain('讨论');
    const json = JSON.parse((await cli('lookup', 'hostilities', '--json')).out);
    expect(json.lemma).toBe('hostility');
    expect(await cli('lookup', 'qwzxv')).toMatchObject({
      code: 1,
      err: 'lingwire: "qwzxv" is not in the dictionary.',
    });
  });

  it('import gives a story long enough to rate a level, and analyze prints one JSON line per record', async () => {
    await cli('import', fixture('levels.jsonl'));
    const listed = (await cli('list', '--json')).out.split('\n').map((l) => JSON.parse(l));
    expect(listed.map((s) => s.level)).toEqual([null, expect.stringMatching(/^[ABC][12]$/)]);
    const analysed = (await cli('analyze', fixture('levels.jsonl'), '--json')).out
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(analysed.map((a) => a.id)).toEqual(['l-1', 'l-2']);
    const [long, short] = analysed;
    expect(long.score).toBeGreaterThanOrEqual(0);
    expect(long.score).toBeLessThanOrEqual(6);
    expect(long.band).toMatch(/^[ABC][12]$/);
    expect(long.readability.fleschKincaidGrade).toEqual(expect.any(Number));
    // "The cat sat on the mat." is too short to rate (it was B2): no band, no score, the counts stay.
    expect(short).toMatchObject({ band: null, score: null, profile: { runningWords: 6 } });
    const one = await cli('analyze', 'city-council-backs-new-cycle-lanes');
    expect(one.out).toMatch(/level [ABC][12] \(score/);
    expect(one.out).toContain('voted→vote');
    expect(one.out).toMatch(/harder: hard words used once [\d.]+%/);
    expect((await cli('analyze', 'the-cat-sat-on-the-mat')).out).toMatch(/^level: too short to rate/m);
  });

  it('analyze --json gives a four-word body and every short fixture no band and no score', async () => {
    const analysed = (await cli('analyze', fixture('stories.jsonl'), '--json')).out
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(analysed.map((a) => [a.id, a.band, a.score])).toEqual([
      ['w-1', null, null],
      ['w-2', null, null],
      ['w-3', null, null],
    ]);
    const file = join(dir, 'four.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ id: 'f', title: 'Four', body: 'Markets rose sharply today.' })}\n`,
    );
    expect(JSON.parse((await cli('analyze', file, '--json')).out)).toMatchObject({ band: null, score: null });
  });

  it('levels re-rates stories whose level an older model worked out, and only those', async () => {
    await cli('import', fixture('stories.jsonl'));
    const fresh = (await cli('list', '--json')).out.split('\n').map((l) => JSON.parse(l));
    // Make one stored level look like the previous model's (version 1, another band).
    const sqlite = new Database(db);
    const row = sqlite.prepare('SELECT id, level_detail FROM stories ORDER BY id LIMIT 1').get() as {
      id: number;
      level_detail: string;
    };
    const old = { ...JSON.parse(row.level_detail), model: 1, band: 'C2', score: 5.5 };
    sqlite
      .prepare('UPDATE stories SET level_detail = ?, level_band = ?, level_score = ? WHERE id = ?')
      .run(JSON.stringify(old), 'C2', 5.5, row.id);
    sqlite.close();
    expect((await cli('list', '--json')).out).toContain('"C2"');

    const res = await cli('levels');
    expect(res).toMatchObject({ code: 0 });
    expect(res.out).toMatch(/^Re-rated 1 of 3 stories in .* s: 1 changed, 0 unchanged\.$/);
    const after = (await cli('list', '--json')).out.split('\n').map((l) => JSON.parse(l));
    expect(after.map((s) => s.level)).toEqual(fresh.map((s) => s.level));
    expect((await cli('levels')).out).toBe('All 3 stories have an up-to-date level.');
    expect((await cli('levels', '--all')).out).toMatch(
      /^Re-rated 3 of 3 stories in .* s: 0 changed, 3 unchanged\.$/,
    );
  });
});
