import type { Command } from 'commander';
import { derivedExternalId } from '../../articles/publishing.js';
import { AppError } from '../../core/errors.js';
import { withServices } from '../../services.js';
import { storyPath } from '../../web/paths.js';
import { type CommandEnv, parsePositiveInt } from '../command-env.js';

/** The id `related --all` prints: the source's own id, else lingwire's (never the title-derived one). */
export function publicId(story: { id: number; externalId: string; title: string }): string {
  return story.externalId === derivedExternalId(story.title) ? String(story.id) : story.externalId;
}

export function registerRelated(program: Command, env: CommandEnv): void {
  program
    .command('related')
    .description('the stories related to one story (相关文章), all lists, or rebuild them')
    .argument('[story]', 'story id or slug')
    .option('--limit <n>', 'entries per list (1–10; default 10)', parsePositiveInt, 10)
    .option('--all', 'every story\'s list, as JSON Lines {"id", "related": [{"id", "score"}]}')
    .option('--json', 'as JSON')
    .option(
      '--rebuild',
      'recompute every list from the stories (after a bulk import or a change of settings)',
    )
    .action(
      async (
        ref: string | undefined,
        options: { limit: number; all?: boolean; json?: boolean; rebuild?: boolean },
      ) => {
        if (options.limit > 10)
          throw new AppError('USAGE', '--limit is at most 10, the length of a stored list.');
        if (!ref && !options.all && !options.rebuild) {
          throw new AppError('USAGE', 'related: give a story id or slug, --all, or --rebuild.');
        }
        await withServices(
          env.config(),
          async ({ reading, related }) => {
            if (options.rebuild) {
              const started = Date.now();
              const count = await related.rebuildAll();
              env.output.err(
                `Rebuilt the related lists of ${count} stories in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
              );
              if (!ref && !options.all) return;
            }
            if (options.all) {
              const ids = new Map<number, string>();
              const idOf = async (id: number) => {
                let value = ids.get(id);
                if (value === undefined) {
                  const story = await reading.findStory(String(id));
                  value = story ? publicId(story) : String(id);
                  ids.set(id, value);
                }
                return value;
              };
              for await (const { storyId, related: list } of related.allLists()) {
                const entries = [];
                for (const entry of list.slice(0, options.limit)) {
                  entries.push({
                    id: await idOf(Number(entry.id)),
                    score: Math.round(entry.score * 10000) / 10000,
                  });
                }
                env.output.out(JSON.stringify({ id: await idOf(storyId), related: entries }));
              }
              return;
            }
            const story = await reading.findStory(ref ?? '');
            if (!story)
              throw new AppError('STORY_NOT_FOUND', `there is no story "${ref}" (give an id or a slug).`);
            const entries = (await reading.relatedEntries(story, options.limit))
              .filter((e) => e.kind === 'computed' || options.json)
              .map(({ slug, ...e }) => ({ ...e, slug, href: slug ? storyPath(slug) : null }));
            if (options.json) {
              env.output.out(JSON.stringify({ id: story.id, slug: story.slug, related: entries }, null, 2));
              return;
            }
            env.output.out(`${story.section.nameZh}:${story.title}`);
            env.output.out('相关文章');
            for (const e of entries) {
              env.output.out(
                `  ${(e.score ?? 0).toFixed(3)}  ${e.sectionName ? `${e.sectionName}:` : ''}${e.title}  ${e.href ?? ''}`,
              );
            }
            if (entries.length === 0) env.output.out('  (none yet)');
          },
          { mustExist: true },
        );
      },
    );
}
