import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { formatDateline } from '../../articles/dateline.js';
import type { StoryView } from '../../articles/model.js';
import { withContext } from '../context.js';
import type { CommandEnv } from '../main.js';

/** A story as one JSON Lines record that `lingwire import` reads back into the same story. */
export function storyToJsonl(story: StoryView): string {
  return JSON.stringify({
    id: story.externalId,
    source: story.source || undefined,
    section: story.section.slug,
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
      await withContext(env.config(), async ({ articles }) => {
        const file = options.output ? createWriteStream(options.output) : null;
        let count = 0;
        for await (const story of articles.allStories()) {
          const line = storyToJsonl(story);
          if (file) {
            if (!file.write(`${line}\n`)) await new Promise<void>((r) => file.once('drain', () => r()));
          } else env.output.out(line);
          count++;
        }
        if (file) {
          await new Promise<void>((resolve, reject) =>
            file.end((error?: Error | null) => (error ? reject(error) : resolve())),
          );
          env.output.err(`Exported ${count} stories to ${options.output}.`);
        }
      });
    });
}
