import { type FileHandle, open } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { StoryRef, StoryView } from '../../articles/model.js';
import { storyToJsonl } from '../../articles/story-records.js';
import { AppError } from '../../core/errors.js';
import { withServices } from '../../services.js';
import type { CommandEnv } from '../command-env.js';

export function registerExport(program: Command, env: CommandEnv): void {
  program
    .command('export')
    .description('write every story out, oldest first, in a format `import` reads back')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl']).default('jsonl'))
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (options: { output?: string }) => {
      await withServices(
        env.config(),
        async ({ reading, store }) => {
          let handle: FileHandle | null = null;
          if (options.output) {
            try {
              handle = await open(options.output, 'w');
            } catch (error) {
              throw new AppError(
                'BAD_INPUT',
                `export: cannot write ${options.output}: ${(error as Error).message}`,
              );
            }
          }
          // A copy names its canonical story, and a pin the pinned story, by source and external id
          // (ids are the database's own).
          const refs = new Map<number, StoryRef | null>();
          const refOf = async (id: number): Promise<StoryRef | null> => {
            if (!refs.has(id)) {
              const story = await store.stories.findStoryById(id);
              refs.set(id, story ? { source: story.source, externalId: story.externalId } : null);
            }
            return refs.get(id) ?? null;
          };
          const pinnedOf = async (ids: number[]) => {
            const pinned: StoryRef[] = [];
            for (const id of ids) {
              const ref = await refOf(id);
              if (ref) pinned.push(ref);
            }
            return pinned;
          };
          let count = 0;
          let chunk: string[] = [];
          const flush = async () => {
            if (handle && chunk.length > 0) await handle.write(chunk.join(''));
            chunk = [];
          };
          // Stories go out 500 at a time, each batch's filings read with one query.
          let pending: StoryView[] = [];
          const write = async () => {
            const filings = await store.filing.findFilings(pending.map((s) => s.id));
            for (const story of pending) {
              const canonical = story.duplicateOf === null ? null : await refOf(story.duplicateOf);
              const line = storyToJsonl(
                story,
                filings.get(story.id) ?? null,
                canonical?.externalId ?? null,
                await pinnedOf(story.pinnedIds),
              );
              if (handle) chunk.push(`${line}\n`);
              else env.output.out(line);
              count++;
            }
            pending = [];
            await flush();
          };
          try {
            for await (const story of reading.allStories()) {
              pending.push(story);
              if (pending.length >= 500) await write();
            }
            await write();
          } finally {
            await handle?.close();
          }
          if (options.output) env.output.err(`Exported ${count} stories to ${options.output}.`);
        },
        { mustExist: true },
      );
    });
}
