import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/shared-data.js';
import { DEFAULT_CONFIG } from '../../core/config.js';
import { openServices } from '../../services.js';
import { buildApp } from '../../web/app.js';
import { runCli } from '../main.js';

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-search-'));
  db = join(dir, 'test.db');
  await cli('import', '--no-related', join(REPO_ROOT, 'test', 'fixtures', 'stories.jsonl'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) }, {});
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lingwire search', () => {
  it('prints the results best first with the matches in brackets', async () => {
    const res = await cli('search', 'truce');
    expect(res.code).toBe(0);
    const lines = res.out.split('\n');
    // The level band is there when the dictionary is installed.
    expect(lines[0]).toMatch(
      /^1\. 国际英语新闻:Foreign ministers discuss truce by phone {2}\(2016-02-21(, [ABC][12])?\) {2}\/stories\/foreign-ministers-discuss-truce-by-phone$/,
    );
    expect(lines.slice(1)).toEqual([
      '   Two foreign ministers spoke by phone on Sunday about a [truce] in the region. They agreed to meet again next week.',
      '1 story, page 1 of 1',
    ]);
  });

  it('--json prints exactly what /api/search answers, filters included', async () => {
    const services = await openServices({ ...DEFAULT_CONFIG, dbPath: db }, { dictionary: null });
    const app = await buildApp({ services });
    try {
      for (const [args, query] of [
        [['discussed', '--json'], 'q=discussed'],
        [
          ['"new wing" -storm', '--json', '--from', '2022-05-01', '--level', ''],
          'q=%22new+wing%22+-storm&from=2022-05-01',
        ],
        [['reopen', '--json', '--section', 'world'], 'q=reopen&section=world'],
      ] as const) {
        const res = await cli('search', ...args);
        expect(res.code).toBe(0);
        expect(JSON.parse(res.out)).toEqual((await app.inject(`/api/search?${query}`)).json());
      }
      expect(JSON.parse((await cli('search', 'discussed', '--json')).out).results[0].snippet).toBe(
        'Two foreign ministers spoke by phone on Sunday about a truce in the region. They agreed to meet again next week.',
      );
    } finally {
      await app.close();
    }
  });

  it('fails with exit 1 and a message for a query with nothing to look for or a bad filter', async () => {
    expect(await cli('search', '--', '-truce')).toMatchObject({
      code: 1,
      err: expect.stringContaining('-word'),
    });
    expect(await cli('search', 'truce', '--from', '21 Feb')).toMatchObject({
      code: 1,
      err: expect.stringContaining('YYYY-MM-DD'),
    });
  });

  it('--rebuild rebuilds the index', async () => {
    expect(await cli('search', '--rebuild')).toMatchObject({
      code: 0,
      out: 'search index rebuilt: 3 stories',
    });
    expect((await cli('search', 'storm')).out).toContain('Ports reopen after storm');
  });
});
