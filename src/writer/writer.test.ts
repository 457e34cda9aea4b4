/**
 * The writer: stories handed to it are stored with their related lists; a `lingwire import` run
 * meanwhile from another process is picked up at the writer's next batch without reloading its
 * index; the writer thread records its heartbeat and stops cleanly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryServices } from '../../test/services.js';
import { REPO_ROOT } from '../../test/shared-data.js';
import type { StoryInput } from '../articles/model.js';
import { runCli } from '../cli/main.js';
import { DEFAULT_CONFIG } from '../core/config.js';
import type { Services } from '../services.js';
import { buildApp } from '../web/app.js';
import { WriterThread } from './client.js';
import { readWriterStatus } from './status.js';
import { Writer } from './writer.js';

const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'related');
let dir: string;
let db: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lingwire-writer-'));
  db = join(dir, 'site.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const err: string[] = [];
  const code = await runCli(['--db', db, ...argv], { out: () => {}, err: (l) => err.push(l) }, {});
  if (code !== 0) throw new Error(`lingwire ${argv.join(' ')} exited ${code}: ${err.join('\n')}`);
}

function story(id: string, title: string, body: string): StoryInput {
  return {
    source: 'written',
    externalId: id,
    section: '体育英语新闻',
    title,
    dateline: null,
    publishedAt: '2022-06-01',
    url: null,
    tags: [],
    paragraphs: [body],
    pinnedRelated: [],
  };
}

async function listOf(services: Services, externalId: string): Promise<string[]> {
  const found = await services.store.stories.findStoryByExternalId('written', externalId);
  const list = await services.store.related.findRelatedList(found!.id);
  return list.map((row) => row.externalId);
}

describe('the writer', () => {
  it('picks up stories another process imported meanwhile, without reloading its index', async () => {
    await cli('import', join(fixtures, 'archive.jsonl'));
    const services = memoryServices({ dbPath: db });
    const writer = new Writer(services);
    try {
      await writer.saveStories([
        story(
          'w1',
          'Fans cheer as the football team returns home',
          'Fans cheered the football team at the airport.',
        ),
      ]);
      expect(services.related.stats.loads).toBe(1);
      // Another process adds a football story while the writer holds its index in memory.
      await cli('import', join(fixtures, 'new-story.jsonl'));
      await writer.saveStories([
        story(
          'w2',
          'Goalkeeper and striker celebrate the football final win',
          'The goalkeeper saved a penalty and the striker scored as the home team won the football final after extra time.',
        ),
      ]);
      expect(services.related.stats.loads).toBe(1);
      expect(services.related.stats.catchUps).toBeGreaterThanOrEqual(1);
      // The story the other process stored is in the writer's index: it ranks for the new story.
      expect(await listOf(services, 'w2')).toContain('n1');
    } finally {
      await writer.close();
    }
  });

  it('loads the related index when it starts, so the first story does not wait for a load', async () => {
    await cli('import', join(fixtures, 'archive.jsonl'));
    // A story stored without a list (`--no-related`) before the writer starts.
    await cli('import', '--no-related', join(fixtures, 'new-story.jsonl'));
    const services = memoryServices({ dbPath: db });
    const writer = new Writer(services, { pollEveryMs: null });
    try {
      await writer.start();
      // Loading in the background, without a batch asking for it.
      await vi.waitFor(() => expect(services.related.stats.loads).toBe(1), { timeout: 10_000 });
      await writer.saveStories([
        story(
          'w2',
          'Goalkeeper and striker celebrate the football final win',
          'The goalkeeper saved a penalty and the striker scored as the home team won the football final after extra time.',
        ),
      ]);
      // The batch used the index loaded at start, and indexed the story that had no list.
      expect(services.related.stats.loads).toBe(1);
      expect(await listOf(services, 'w2')).toContain('n1');
      const n1 = await services.store.stories.findStoryByExternalId('written', 'n1');
      expect((await services.store.related.findRelatedList(n1!.id)).length).toBeGreaterThan(0);
      // The next batch meets its own last write in the change log and does not apply it again.
      await writer.saveStories([
        story(
          'w3',
          'Fans cheer as the football team returns home',
          'Fans cheered the football team at the airport.',
        ),
      ]);
      expect(services.related.stats.ownChangesSkipped).toBe(1);
      expect(services.related.stats.loads).toBe(1);
      expect(await listOf(services, 'w3')).toContain('w2');
    } finally {
      await writer.close();
    }
  });

  it("makes an editor's changes for the web process, which never loads the related index", async () => {
    await cli('import', join(fixtures, 'archive.jsonl'));
    await cli('import', join(fixtures, 'new-story.jsonl'));
    const thread = await WriterThread.start({ ...DEFAULT_CONFIG, dbPath: db }, { log: () => {} });
    const web = memoryServices({ dbPath: db });
    web.editing.useWriter({
      edit: (id, changes, actor) => thread.editStory(id, changes, actor),
      remove: (id, actor) => thread.removeStory(id, actor),
    });
    try {
      const r1 = (await web.store.stories.findStoryByExternalId('written', 'r1'))!;
      // The diplomacy story becomes a football story: its 相关文章 follow, made by the writer.
      const { story, changes } = await web.editing.edit(
        r1.id,
        {
          title: 'Goalkeeper and captain celebrate the football final',
          paragraphs: [
            'The goalkeeper saved a penalty and the captain lifted the cup as the home team won the football final. The striker scored and the fans celebrated.',
          ],
        },
        'ed@example.com',
      );
      expect(story.title).toBe('Goalkeeper and captain celebrate the football final');
      expect(changes.map((c) => c.field)).toEqual(['title', 'paragraphs']);
      expect(await listOf(web, 'r1')).toContain('n1');
      expect(web.related.stats.loads).toBe(0);
      expect((await web.editing.history(r1.id))[0]).toMatchObject({ actor: 'ed@example.com' });
      // A bad change comes back with its code, and nothing was written.
      await expect(
        web.editing.edit(r1.id, { section: 'no-such-section' }, 'ed@example.com'),
      ).rejects.toMatchObject({
        code: 'SECTION_NOT_FOUND',
      });
      await web.editing.remove(r1.id, 'ed@example.com');
      expect(await web.store.stories.findStoryById(r1.id)).toBeNull();
      expect(web.related.stats.loads).toBe(0);
    } finally {
      await thread.close();
      await web.close();
    }
  });

  it('refuses requests at once once its thread has died, and says so', async () => {
    const lines: string[] = [];
    const thread = await WriterThread.start({ ...DEFAULT_CONFIG, dbPath: db }, { log: (l) => lines.push(l) });
    const stopped = new Promise<string>((resolve) => thread.onStopped(resolve));
    // A crash: the thread ends without being asked to.
    await (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect(await stopped).toMatch(/the writer thread stopped/);
    expect(thread.alive).toBe(false);
    expect(lines.join('\n')).toMatch(/the writer thread stopped/);
    // Before, a request to the dead thread was posted and never answered: an editor's save hung.
    await expect(thread.editStory(1, { title: 'x' }, 'ed@example.com')).rejects.toMatchObject({
      code: 'STORE_FAILURE',
    });
    await expect(thread.saveStories([story('d1', 'A title', 'A body.')])).rejects.toMatchObject({
      code: 'STORE_FAILURE',
    });
    await thread.close();
  });

  it('runs in a worker thread: stores what it is handed, beats, and stops', async () => {
    const thread = await WriterThread.start(
      { ...DEFAULT_CONFIG, dbPath: db },
      { heartbeatMs: 200, log: () => {} },
    );
    const reader = memoryServices({ dbPath: db });
    try {
      const summary = await thread.saveStories([
        story('t1', 'Swimmers break a record at the national championships', 'Two swimmers broke a record.'),
      ]);
      expect(summary).toMatchObject({ added: 1, updated: 0 });
      expect(
        await reader.reading.findStory('swimmers-break-a-record-at-the-national-championships'),
      ).not.toBeNull();
      const status = await readWriterStatus(reader.store);
      expect(status.alive).toBe(true);
      const app = await buildApp({ services: { ...reader, close: async () => {} } });
      expect((await app.inject('/healthz')).json()).toMatchObject({
        ok: true,
        stories: 1,
        writer: { alive: true },
      });
      await app.close();
      await expect(thread.importPaths([join(dir, 'missing.jsonl')])).rejects.toMatchObject({
        code: 'FILE_NOT_FOUND',
      });
    } finally {
      await thread.close();
      await reader.close();
    }
    const after = memoryServices({ dbPath: db });
    try {
      expect((await readWriterStatus(after.store, Date.now() + 1000)).alive).toBe(false);
    } finally {
      await after.close();
    }
  });
});
