import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import { lastPage, totalText } from '../../search/service.js';
import { withServices } from '../../services.js';
import { storyPath } from '../../web/paths.js';
import { searchResultJson } from '../../web/search-json.js';
import { type CommandEnv, parsePositiveInt } from '../command-env.js';

interface SearchOptions {
  json?: boolean;
  section?: string;
  from?: string;
  to?: string;
  source?: string;
  level?: string;
  limit: number;
  page: number;
  rebuild?: boolean;
}

/** `<mark>x</mark>` → `[x]`, entities back to characters: a snippet for a terminal. */
function plainSnippet(html: string): string {
  return html
    .replaceAll('<mark>', '[')
    .replaceAll('</mark>', ']')
    .replace(
      /&(amp|lt|gt|quot|#39);/g,
      (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!,
    );
}

export function registerSearch(program: Command, env: CommandEnv): void {
  program
    .command('search')
    .description('search the stories\' titles and texts ("a phrase", -word to leave out), best first')
    .argument('[query]', 'the words to look for')
    .option('--json', 'print {"results": [...], "total", "totalExact", "page", "limit"} as the API does')
    .option('--section <slug>', 'only this section')
    .option('--from <date>', 'only stories dated on or after this day (YYYY-MM-DD)')
    .option('--to <date>', 'only stories dated on or before this day (YYYY-MM-DD)')
    .option('--source <source>', 'only stories of this source')
    .option('--level <bands>', 'only these level bands, such as B1,B2')
    .option('--limit <n>', 'results per page (default 10, at most 50)', parsePositiveInt, 10)
    .option('--page <n>', 'page of results (default 1)', parsePositiveInt, 1)
    .option('--rebuild', 'rebuild the search index from the stories')
    .action(async (query: string | undefined, options: SearchOptions) => {
      await withServices(
        env.config(),
        async ({ search, store }) => {
          if (options.rebuild) {
            const n = await store.search.rebuildSearchIndex();
            env.output.out(`search index rebuilt: ${n} stories`);
            if (query === undefined) return;
          }
          const answer = await search.search({ q: query ?? '', ...options });
          if (!answer.ok) throw new AppError('BAD_QUERY', answer.message);
          if (options.json) {
            env.output.out(
              JSON.stringify({
                results: answer.results.map(searchResultJson),
                total: answer.total,
                totalExact: answer.totalExact,
                page: answer.page,
                limit: answer.limit,
              }),
            );
            return;
          }
          if (answer.total === 0) {
            env.output.err('No stories match.');
            return;
          }
          answer.results.forEach((r, i) => {
            const when = r.publishedAt?.slice(0, 10);
            env.output.out(
              `${(answer.page - 1) * answer.limit + i + 1}. ${r.section.nameZh}:${r.title}  (${[when, r.levelBand].filter(Boolean).join(', ')})  ${storyPath(r.slug)}`,
            );
            env.output.out(`   ${plainSnippet(r.snippet)}`);
          });
          env.output.out(
            `${totalText(answer)} ${answer.total === 1 ? 'story' : 'stories'}, page ${answer.page} of ${lastPage(answer)}${answer.totalExact ? '' : ' or more'}`,
          );
        },
        { mustExist: true },
      );
    });
}
