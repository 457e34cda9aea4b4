import { type FileHandle, open } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { formatDateline } from '../../articles/dateline.js';
import type { StoryView } from '../../articles/model.js';
import { AppError } from '../../core/errors.js';
import type { CommandEnv } from '../command-env.js';
import { withContext } from '../context.js';

/** A story as one JSON Lines record that `lingwire import` reads back into the same story. */
export function storyToJsonl(story: StoryView): string {
  return JSON.stringify({
    id: story.externalId,
    source: story.source || undefined,
    // The Chinese name, not the slug: a new database recreates the section with its real name.
    section: story.section.nameZh,
    title: story.title,
    date: story.publishedAt ?? undefined,
    dateline: story.dateline ? formatDateline(story.dateline) : undefined,
    url: story.url ?? undefined,
    tags: story.tags.length > 0 ? story.tags : undefined,
    body: story.paragraphs,
    related:
      story.pinnedRelated.length > 0
        ? story.pinnedRelated.map((l) => (l.sectionName ? `${l.sectionName}:${l.title}` : l.title))
        : undefined,
  });
}

export function registerExport(program: Command, env: CommandEnv): void {
  program
    .command('export')
    .description('write every story out, oldest first, in a format `import` reads back')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl']).default('jsonl'))
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (options: { output?: string }) => {
      await withContext(
        env.config(),
        async ({ articles }) => {
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
          let count = 0;
          let chunk: string[] = [];
          const flush = async () => {
            if (handle && chunk.length > 0) await handle.write(chunk.join(''));
            chunk = [];
          };
          try {
            for await (const story of articles.allStories()) {
              const line = storyToJsonl(story);
              if (handle) {
                chunk.push(`${line}\n`);
                if (chunk.length >= 500) await flush();
              } else env.output.out(line);
              count++;
            }
            await flush();
          } finally {
            await handle?.close();
          }
          if (options.output) env.output.err(`Exported ${count} stories to ${options.output}.`);
        },
        { mustExist: true },
      );
    });
}
