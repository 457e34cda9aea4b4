/**
 * Nothing lingwire prints sends a raw control character to the terminal (issue 16): a title that
 * got into the database with an escape in it (stored before import cleaned text, or by another
 * writer) is shown escaped by `list`, `show` and `export`; `--json` stays valid JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { runCli } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'lingwire-terminal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw control characters
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = '\u001b]0;pwned\u0007Calm\u001b[2J title \u202eexe.txt';

describe('terminal output', () => {
  it('list, show and export print control characters as escapes, never raw', async () => {
    const db = join(dir, 'site.db');
    const services = memoryServices({ dbPath: db });
    // Straight through the pipeline, as a story stored before import stripped controls would be.
    await services.pipeline.saveStories([
      {
        source: 'x',
        externalId: '1',
        section: 'world',
        title: HOSTILE,
        dateline: null,
        publishedAt: null,
        url: null,
        tags: [],
        paragraphs: ['Body \u0000 text.'],
        pinnedRelated: [],
        language: 'en',
      },
    ]);
    await services.close();
    const run = async (...argv: string[]) => {
      const lines: string[] = [];
      const code = await runCli(['--db', db, ...argv], {
        out: (l) => lines.push(l),
        err: (l) => lines.push(l),
      });
      return { code, text: lines.join('\n') };
    };
    for (const argv of [['list'], ['show', '1'], ['export'], ['list', '--json'], ['show', '1', '--json']]) {
      const { code, text } = await run(...argv);
      expect(code, argv.join(' ')).toBe(0);
      expect(RAW_CONTROL.test(text), argv.join(' ')).toBe(false);
      expect(text, argv.join(' ')).toContain('\\u001b]0;pwned\\u0007Calm');
    }
    const json = JSON.parse((await run('show', '1', '--json')).text);
    expect(json.title).toBe(HOSTILE);
  });
});
