import type { Command } from 'commander';
import { formatDateline } from '../../articles/dateline.js';
import { AppError } from '../../core/errors.js';
import { withServices } from '../../services.js';
import { storyPath } from '../../web/paths.js';
import { type CommandEnv, parsePositiveInt } from '../command-env.js';
import { filingMark } from './filing-text.js';

export function registerList(program: Command, env: CommandEnv): void {
  program
    .command('list')
    .description('list stories, newest first')
    .option('--section <section>', 'only this section (slug or Chinese name)')
    .option('--limit <n>', 'how many (default 50)', parsePositiveInt, 50)
    .option('--json', 'one JSON object per line')
    .action(async (options: { section?: string; limit: number; json?: boolean }) => {
      await withServices(
        env.config(),
        async ({ reading, store }) => {
          if (options.section !== undefined && !(await reading.findSection(options.section))) {
            throw new AppError('SECTION_NOT_FOUND', `there is no section "${options.section}".`);
          }
          const stories = await reading.listStories({
            section: options.section,
            limit: options.limit,
            offset: 0,
          });
          const filings = await store.filing.findFilings(stories.map((s) => s.id));
          for (const s of stories) {
            const filing = filings.get(s.id) ?? null;
            if (options.json) {
              env.output.out(
                JSON.stringify({
                  id: s.id,
                  slug: s.slug,
                  section: s.section.slug,
                  title: s.title,
                  publishedAt: s.publishedAt,
                  level: s.levelBand,
                  sectionSource: filing?.source ?? null,
                  sectionConfidence: filing?.confidence ?? null,
                }),
              );
            } else {
              const when = s.publishedAt?.slice(0, 10) ?? (s.dateline ? formatDateline(s.dateline) : '');
              env.output.out(
                `${String(s.id).padStart(6)}  ${(s.levelBand ?? '--').padEnd(2)}  ${s.section.nameZh}:${s.title}${when ? `  (${when})` : ''}  ${storyPath(s.slug)}${filingMark(filing)}`,
              );
            }
          }
          if (!options.json && stories.length === 0) env.output.err('No stories.');
        },
        { mustExist: true },
      );
    });
}
