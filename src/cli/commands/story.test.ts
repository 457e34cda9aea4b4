/** `lingwire story …`: an editor's changes from the shell, recorded as the operator's. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { deskInput } from '../../../test/desk-stories.js';
import { DEFAULT_CONFIG } from '../../core/config.js';
import { withServices } from '../../services.js';
import { registerStory } from './story.js';

const dir = mkdtempSync(join(tmpdir(), 'lingwire-story-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(dbPath: string) {
  const out: string[] = [];
  const program = new Command('lingwire').exitOverride();
  const config = () => ({ ...DEFAULT_CONFIG, dbPath });
  registerStory(program, { config, output: { out: (l) => out.push(l), err: () => {} } });
  for (const c of program.commands) {
    c.exitOverride();
    for (const sub of c.commands) sub.exitOverride();
  }
  return { out, config, run: (...argv: string[]) => program.parseAsync(argv, { from: 'user' }) };
}

describe('lingwire story', () => {
  it('sets fields, unpublishes and deletes, each in the history as cli', async () => {
    const db = join(dir, 'site.db');
    const { out, config, run } = cli(db);
    await withServices(
      config(),
      (s) =>
        s.pipeline.saveStories([
          deskInput('1', 'Rain floods the valley'),
          deskInput('2', 'Other', 'business'),
        ]),
      {
        dictionary: null,
      },
    );
    await run(
      'story',
      'set',
      '1',
      '--title',
      'The valley dries out',
      '--section',
      'business',
      '--level',
      'b1',
      '--tags',
      'weather, rain',
    );
    expect(out.pop()).toBe('story 1: changed title, section, tags, level');
    await run('story', 'unpublish', '1');
    expect(out.pop()).toBe('story 1 unpublished');
    await withServices(
      config(),
      async (s) => {
        const story = (await s.store.stories.findStoryById(1))!;
        expect(story).toMatchObject({
          title: 'The valley dries out',
          levelOverride: 'B1',
          tags: ['weather', 'rain'],
          status: 'unpublished',
        });
        expect(await s.reading.findStory('1')).toBeNull();
        expect((await s.editing.history(1)).map((e) => [e.actor, e.action])).toEqual([
          ['cli', 'edit'],
          ['cli', 'edit'],
        ]);
      },
      { dictionary: null },
    );
    await expect(run('story', 'set', '1', '--status', 'gone')).rejects.toMatchObject({ code: 'USAGE' });
    await expect(run('story', 'set', '1')).rejects.toMatchObject({ code: 'USAGE' });
    await run('story', 'delete', '2');
    expect(out.pop()).toBe('story 2 deleted');
    await expect(run('story', 'delete', '2')).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
  });
});
