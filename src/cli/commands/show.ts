import type { Command } from 'commander';
import { formatDateline } from '../../articles/dateline.js';
import { storyJson } from '../../articles/story-records.js';
import { AppError } from '../../core/errors.js';
import { withServices } from '../../services.js';
import { storyPath } from '../../web/paths.js';
import type { CommandEnv } from '../command-env.js';
import { filingLine } from './filing-text.js';

export function registerShow(program: Command, env: CommandEnv): void {
  program
    .command('show')
    .description('show one story')
    .argument('<story>', 'story id or slug')
    .option('--json', 'as JSON')
    .action(async (ref: string, options: { json?: boolean }) => {
      await withServices(
        env.config(),
        async ({ reading, store }) => {
          const story = await reading.findStory(ref);
          if (!story)
            throw new AppError('STORY_NOT_FOUND', `there is no story "${ref}" (give an id or a slug).`);
          const filing = (await store.filing.findFilings([story.id])).get(story.id) ?? null;
          if (options.json) {
            env.output.out(
              JSON.stringify(
                {
                  ...storyJson(story),
                  sectionSource: filing?.source ?? null,
                  sectionConfidence: filing?.confidence ?? null,
                  path: storyPath(story.slug),
                },
                null,
                2,
              ),
            );
            return;
          }
          env.output.out(`${story.section.nameZh}:${story.title}`);
          env.output.out(filingLine(story.section.nameZh, filing));
          const meta = [
            story.dateline && formatDateline(story.dateline),
            story.publishedAt,
            story.source && `source ${story.source}`,
            storyPath(story.slug),
          ].filter(Boolean);
          env.output.out(meta.join(' · '));
          env.output.out('');
          for (const p of story.paragraphs) env.output.out(p);
          // 相关文章 as the story's page lists them: an editor's pins first, then the computed list.
          const related = await reading.relatedEntries(story);
          if (related.length > 0) {
            env.output.out('');
            env.output.out('相关文章');
            for (const entry of related)
              env.output.out(`- ${entry.sectionName ? `${entry.sectionName}:` : ''}${entry.title}`);
          }
        },
        { mustExist: true },
      );
    });
}
