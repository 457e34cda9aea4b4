/**
 * The deployment beyond one machine, end to end on one PostgreSQL database (when
 * `TEST_DATABASE_URL` is set): two real `lingwire serve` processes, one with the writer thread and
 * one started `--no-writer` (web only), and a `lingwire import` process retitling a story. The web
 * process that did not write shows the change on the story page and the front page at once: its
 * page cache heard the commit through LISTEN/NOTIFY and dropped exactly those pages. Then two
 * writers at once (two imports while a writer thread keeps beating) land every story.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithoutPostgres, dropTestSchemas, freshSchemaUrl, TEST_DATABASE_URL } from '../postgres.js';
import { REPO_ROOT } from '../shared-data.js';

const BIN = join(REPO_ROOT, 'bin', 'lingwire.js');
const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'related');

const VOCABULARY =
  'farmers harvest river port traders prices wheat barley boats market rain season town council bridge road train station school teachers weather storm winter summer'.split(
    ' ',
  );

/** Twenty words drawn from `VOCABULARY` by a hash of `seed`: a text of its own for each story. */
function wordsFor(seed: string): string {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return Array.from({ length: 20 }, () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    h = (h + 0x9e3779b9) >>> 0;
    return VOCABULARY[h % VOCABULARY.length];
  }).join(' ');
}
const OLD_TITLE = 'Coach praises goalkeeper after penalty shootout victory';
const NEW_TITLE = 'Coach hails goalkeeper after a penalty shootout win';

interface Serving {
  child: ChildProcess;
  url: string;
  banner: string;
}

async function serve(db: string, ...extra: string[]): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', ...extra], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /serving (http:\/\/\S+?)\/? .*\n/.exec(seen);
      if (match?.[1]) resolve({ child, url: match[1], banner: match[0].trim() });
    });
    child.once('exit', (code) => reject(new Error(`lingwire serve exited with ${code}: ${seen}`)));
  });
}

async function text(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  return res.text();
}

/** Polls `url` until its page contains `needle`; the milliseconds it took (fails after 2 s). */
async function msUntilShown(url: string, needle: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    if ((await text(url)).includes(needle)) return performance.now() - started;
    if (performance.now() - started > 2000)
      throw new Error(`${url} still does not show "${needle}" after 2 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

if (!TEST_DATABASE_URL) {
  describeWithoutPostgres('two lingwire serve processes on one PostgreSQL database');
} else {
  describe('two lingwire serve processes on one PostgreSQL database', () => {
    let dir: string;
    let db: string;
    const running: ChildProcess[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'lingwire-two-'));
      db = await freshSchemaUrl();
      execFileSync(process.execPath, [BIN, '--db', db, 'import', join(fixtures, 'archive.jsonl')]);
    });
    afterAll(async () => {
      for (const child of running) if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.all(
        running.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
      );
      await dropTestSchemas();
      rmSync(dir, { recursive: true, force: true });
    });

    it('shows a story retitled by another process on the story page and the front page of the web-only process', async () => {
      const writing = await serve(db);
      const webOnly = await serve(db, '--no-writer');
      running.push(writing.child, webOnly.child);
      // 12 stored, one of them (r1-copy) a copy of another: 11 stories are counted.
      expect(writing.banner).toMatch(/\(database postgres:\/\/\S+, 11 stories\)$/);
      expect(webOnly.banner).toMatch(/, 11 stories, web only: no writer\)$/);

      // The only writer thread is the first process's: its heartbeat, read by both.
      for (const { url } of [writing, webOnly]) {
        const health = JSON.parse(await text(`${url}/healthz`));
        expect(health).toMatchObject({ ok: true, stories: 11, writer: { alive: true } });
      }

      const { stories } = JSON.parse(await text(`${webOnly.url}/api/stories?limit=100`)) as {
        stories: Array<{ slug: string; path: string }>;
      };
      const story = stories.find((s) => s.slug.startsWith('coach-praises-goalkeeper'))!;
      // Both pages rendered and cached in both processes before the change.
      for (const { url } of [writing, webOnly]) {
        for (const path of [story.path, '/']) {
          expect(await text(`${url}${path}`)).toContain(OLD_TITLE);
          expect(await text(`${url}${path}`)).toContain(OLD_TITLE);
        }
      }

      const line = readFileSync(join(fixtures, 'archive.jsonl'), 'utf8')
        .split('\n')
        .find((l) => l.includes('"id": "r8"'))!;
      const retitled = join(dir, 'retitled.jsonl');
      writeFileSync(retitled, `${line.replace(OLD_TITLE, NEW_TITLE)}\n`);
      execFileSync(process.execPath, [BIN, '--db', db, 'import', retitled]);

      for (const { url } of [webOnly, writing]) {
        const storyMs = await msUntilShown(`${url}${story.path}`, NEW_TITLE);
        const homeMs = await msUntilShown(`${url}/`, NEW_TITLE);
        // "At once": the first request after the import finished, or within a notification's travel.
        expect(storyMs + homeMs, url).toBeLessThan(500);
        const home = await text(`${url}/`);
        expect(home).not.toContain(OLD_TITLE);
      }
    });

    it('lets two importing processes write at once while a writer thread runs: every story lands, once', async () => {
      const files = ['a', 'b'].map((name) => {
        const file = join(dir, `${name}.jsonl`);
        const lines = Array.from({ length: 20 }, (_, i) =>
          JSON.stringify({
            id: `${name}-${i}`,
            source: 'two-writers',
            title: `Story ${i} from importer ${name.toUpperCase()} about river ports and harvests`,
            // Words drawn for each story, so that no two are near-duplicates (copies are not counted).
            body: `Importer ${name} wrote story ${i}: ${wordsFor(`${name}-${i}`)}.`,
          }),
        );
        writeFileSync(file, `${lines.join('\n')}\n`);
        return file;
      });
      const run = promisify(execFile);
      const results = await Promise.all(
        files.map((file) => run(process.execPath, [BIN, '--db', db, 'import', file])),
      );
      for (const { stdout } of results) expect(stdout).toContain('20 added');
      const webOnly = running[1]!;
      expect(webOnly.exitCode).toBeNull();
      const third = await serve(db, '--no-writer');
      running.push(third.child);
      const health = JSON.parse(await text(`${third.url}/healthz`));
      expect(health).toMatchObject({ stories: 51, writer: { alive: true } });
    });
  });
}
