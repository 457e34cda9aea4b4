/**
 * The related lists as a reader meets them: computed on import, stored, kept fresh by later
 * imports (each `lingwire` run reloads the index from the database), and shown on the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { REPO_ROOT } from '../../test/shared-data.js';
import { runCli } from '../cli/main.js';
import { buildApp } from '../web/app.js';

const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'related');
let dir: string;
let db: string;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) }, {});
  if (code !== 0) throw new Error(`lingwire ${argv.join(' ')} exited ${code}: ${err.join('\n')}`);
  return out.join('\n');
}

async function lists(): Promise<Map<string, string[]>> {
  const lines = (await cli('related', '--all', '--json')).split('\n');
  return new Map(
    lines.map((line) => {
      const { id, related } = JSON.parse(line) as { id: string; related: Array<{ id: string }> };
      return [id, related.map((r) => r.id)];
    }),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-related-'));
  db = join(dir, 'site.db');
  await cli('import', join(fixtures, 'archive.jsonl'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('related stories', () => {
  it('gives every story a list of other stories, best match on topic first', async () => {
    const all = await lists();
    expect(all.size).toBe(12);
    for (const [id, related] of all) {
      expect(related, id).not.toContain(id);
      expect(new Set(related).size, id).toBe(related.length);
    }
    expect(all.get('r3')?.[0]).toBe('r4'); // elections
    expect(all.get('r5')?.[0]).toBe('r6'); // interest rates
    expect(all.get('r9')?.[0]).toBe('r10'); // storm and ports
    expect(all.get('r2')?.[0]).toMatch(/^r1(-copy)?$/); // truce talks
  });

  it('never lists a near-duplicate of the story, nor two near-duplicates of each other', async () => {
    const all = await lists();
    expect(all.get('r1')).not.toContain('r1-copy');
    expect(all.get('r1-copy')).not.toContain('r1');
    for (const [id, related] of all) {
      expect(related.includes('r1') && related.includes('r1-copy'), id).toBe(false);
    }
  });

  it('puts a newly imported story into the lists of older stories where it is the best match', async () => {
    const before = await lists();
    expect(before.get('r7')?.[0]).toBe('r8');
    expect(await cli('import', join(fixtures, 'new-story.jsonl'))).toContain('1 added');
    const after = await lists();
    expect(after.get('r7')?.[0]).toBe('n1');
    expect(after.get('r8')?.[0]).toBe('n1');
    expect(after.get('n1')?.slice(0, 2).sort()).toEqual(['r7', 'r8']);
    // Stories on other subjects keep their lists.
    expect(after.get('r5')).toEqual(before.get('r5'));
  });

  it('a full rebuild gives the same best matches', async () => {
    const before = await lists();
    await cli('related', '--rebuild');
    const after = await lists();
    for (const id of ['r3', 'r5', 'r7', 'r9']) expect(after.get(id)?.[0], id).toBe(before.get(id)?.[0]);
  });

  it('shows computed stories under 相关文章 as SECTION:Title links, and in the API', async () => {
    const app = await buildApp({ services: memoryServices({ dbPath: db }) });
    try {
      const page = await app.inject('/stories/home-team-wins-the-football-final-after-extra-time');
      const related = /<section class="related"[^>]*>(.*?)<\/section>/.exec(page.body)?.[1] ?? '';
      expect(related).toContain(
        '<li><span class="related-section">国际英语新闻</span>:<a href="/stories/goalkeeper-saves-penalty-as-home-team-wins-the-football-final" lang="en">Goalkeeper saves penalty as home team wins the football final</a></li>',
      );
      const api = (
        await app.inject('/api/stories/home-team-wins-the-football-final-after-extra-time/related')
      ).json();
      expect(api.related[0]).toMatchObject({
        kind: 'computed',
        title: 'Goalkeeper saves penalty as home team wins the football final',
      });
      expect(api.related[0].score).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('indexes stories imported with --no-related the next time lists are updated', async () => {
    const other = join(dir, 'other.db');
    const saved = db;
    db = other;
    try {
      await cli('import', '--no-related', join(fixtures, 'archive.jsonl'));
      expect(await cli('related', '--all', '--json')).toContain('"related":[]');
      await cli('import', join(fixtures, 'new-story.jsonl'));
      const all = await lists();
      expect(all.size).toBe(13);
      for (const [id, related] of all) expect(related.length, id).toBeGreaterThan(0);
      expect(all.get('r7')?.[0]).toBe('n1');
    } finally {
      db = saved;
    }
  });

  it('shows editor-pinned links first, then computed ones, never the same story twice', async () => {
    await cli('import', join(fixtures, 'pinned.jsonl'));
    const app = await buildApp({ services: memoryServices({ dbPath: db }) });
    try {
      const { related } = (
        await app.inject(
          '/api/stories/striker-scores-twice-as-the-home-team-reaches-the-football-final/related',
        )
      ).json() as {
        related: Array<{ kind: string; title: string; path: string | null }>;
      };
      expect(related[0]).toMatchObject({
        kind: 'pinned',
        title: 'Coach praises goalkeeper after penalty shootout victory',
      });
      expect(related.slice(1).every((e) => e.kind === 'computed')).toBe(true);
      const hrefs = related.map((e) => e.path);
      expect(new Set(hrefs).size).toBe(hrefs.length);
      // The pinned story is also p1's best computed match; it is listed once, as the pin.
      const list = (await lists()).get('p1') ?? [];
      expect(list).toContain('r8');
      expect(
        related.filter((e) => e.title === 'Coach praises goalkeeper after penalty shootout victory'),
      ).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
