/**
 * Hostile and oversized input at import (issue 16: limits, one giant line, control characters,
 * invalid UTF-8): each is a bad record at `file:line` like any other, and the import stays one
 * transaction (nothing stored unless `skipInvalid`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { configFromEnv, DEFAULT_IMPORT_LIMITS } from '../core/config.js';
import type { Services } from '../services.js';
import { importPaths } from './import.js';

const dir = mkdtempSync(join(tmpdir(), 'lingwire-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let services: Services;
beforeEach(() => {
  services = memoryServices();
});
afterEach(() => services.close());

const ok = { title: 'A fine story', body: 'It is short and sweet.' };

/** Writes JSON Lines (objects, or raw strings/buffers as lines) to `name` and returns its path. */
function jsonl(name: string, lines: Array<object | string | Buffer>): string {
  const path = join(dir, name);
  const parts = lines.flatMap((l) => [
    Buffer.isBuffer(l) ? l : Buffer.from(typeof l === 'string' ? l : JSON.stringify(l)),
    Buffer.from('\n'),
  ]);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

describe('import limits', () => {
  it.each([
    [
      'paragraphs',
      { title: 'Many', body: Array.from({ length: 1001 }, (_, i) => `Paragraph ${i}.`) },
      'the story has 1,001 paragraphs; the limit is 1,000 (--max-paragraphs)',
    ],
    [
      'text',
      { title: 'Long', body: Array.from({ length: 100 }, () => 'word '.repeat(420)) },
      "the story's text is 209,904 bytes; the limit is 204,800 (--max-story-bytes)",
    ],
    [
      'word',
      { title: 'Word', body: `See ${'x'.repeat(101)} now.` },
      'a word of 101 characters ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"); the limit is 100 (--max-word-chars)',
    ],
    [
      'record',
      { title: 'Huge', body: 'y '.repeat(600_000) },
      'the record is 1,200,026 bytes; the limit is 1,048,576 (--max-record-bytes)',
    ],
  ])(
    'a story over the %s limit is a bad record at file:line, and nothing is stored',
    async (name, story, message) => {
      const file = jsonl(`${name}.jsonl`, [ok, story]);
      await expect(importPaths(services.pipeline, [file])).rejects.toThrow(`${file}:2: ${message}`);
      expect(await services.reading.countStories()).toBe(0);
      const skipped = await importPaths(services.pipeline, [file], { skipInvalid: true });
      expect(skipped).toMatchObject({ added: 1, skipped: [{ where: `${file}:2` }] });
    },
  );

  it('a story at every limit is stored', async () => {
    const file = jsonl('at-limits.jsonl', [
      { title: 'Many', body: Array.from({ length: 1000 }, (_, i) => `Paragraph ${i}.`) },
      { title: 'Word', body: `See ${'x'.repeat(100)} now.` },
    ]);
    expect(await importPaths(services.pipeline, [file])).toMatchObject({ added: 2 });
  });

  it('limits are configurable, from the environment and per import', async () => {
    const file = jsonl('configured.jsonl', [{ title: 'Three', body: ['One.', 'Two.', 'Three.'] }]);
    const limits = configFromEnv({ LINGWIRE_MAX_PARAGRAPHS: '2' }).importLimits;
    expect(limits).toEqual({ ...DEFAULT_IMPORT_LIMITS, paragraphs: 2 });
    await expect(importPaths(services.pipeline, [file], { limits })).rejects.toThrow(
      'the story has 3 paragraphs; the limit is 2',
    );
    expect(() => configFromEnv({ LINGWIRE_MAX_WORD_CHARS: 'many' })).toThrow(
      'LINGWIRE_MAX_WORD_CHARS must be a whole number of at least 1, not "many".',
    );
  });

  it('one giant line in a small gzip is a bad record, not a crash, and is never built in memory', async () => {
    // 540 MB of one line (past V8's longest string: reading it whole threw RangeError), written as
    // concatenated gzip members so the file is about half a megabyte.
    const mb = gzipSync(Buffer.alloc(1024 * 1024, 'a'), { level: 9 });
    const members = [gzipSync('{"title":"Giant","body":"'), ...Array.from({ length: 540 }, () => mb)];
    members.push(gzipSync(`"}\n${JSON.stringify(ok)}\n`));
    const file = join(dir, 'giant.jsonl.gz');
    writeFileSync(file, Buffer.concat(members));
    await expect(importPaths(services.pipeline, [file])).rejects.toThrow(
      `${file}:1: the record is 566,231,067 bytes; the limit is 1,048,576 (--max-record-bytes)`,
    );
    const before = process.memoryUsage().rss;
    const summary = await importPaths(services.pipeline, [file], { skipInvalid: true });
    expect(summary).toMatchObject({ added: 1, skipped: [{ where: `${file}:1` }] });
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  }, 120_000);
});

describe('control characters and invalid UTF-8', () => {
  it('strips control characters and bidirectional overrides at import and counts them', async () => {
    const file = jsonl('controls.jsonl', [
      {
        title: '\u001b]0;pwned\u0007Calm \u001b[2Jtitle\u0000',
        body: ['Tab\tand \u202edrawkcab\u202c text.', 'Bell\u0007 and C1\u0085 gone.'],
        tags: ['ok\u0008'],
      },
    ]);
    const summary = await importPaths(services.pipeline, [file]);
    // OSC sequence, CSI sequence, NUL, RLO, PDF, BEL, NEL, BS.
    expect(summary.controlCharacters).toBe(8);
    const [row] = await services.reading.listStories({ limit: 1, offset: 0 });
    const story = await services.reading.findStory(String(row?.id));
    expect(story?.title).toBe('Calm title');
    expect(story?.paragraphs).toEqual(['Tab and drawkcab text.', 'Bell and C1 gone.']);
    expect(story?.tags).toEqual(['ok']);
  });

  it('invalid UTF-8 is a bad record at file:line, not silently replaced', async () => {
    const bad = Buffer.concat([
      Buffer.from('{"title":"Caf'),
      Buffer.from([0xe9]),
      Buffer.from('","body":"x y"}'),
    ]);
    const file = jsonl('latin1.jsonl', [ok, bad]);
    await expect(importPaths(services.pipeline, [file])).rejects.toThrow(
      `${file}:2: not valid UTF-8 (at byte 14 of the line)`,
    );
    expect(await services.reading.countStories()).toBe(0);
    const text = join(dir, 'latin1.txt');
    writeFileSync(
      text,
      Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9, 0x0a]), Buffer.from('Body.\n')]),
    );
    await expect(importPaths(services.pipeline, [text])).rejects.toThrow(`${text}: not valid UTF-8`);
  });
});
