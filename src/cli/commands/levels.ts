import type { Command } from 'commander';
import { withContext } from '../context.js';
import type { CommandEnv } from '../main.js';

export function registerLevels(program: Command, env: CommandEnv): void {
  program
    .command('levels')
    .description(
      'work out again the level of stories stored without one or by an older level model (after an upgrade)',
    )
    .option('--all', 'every story, not only those with a missing or outdated level')
    .action(async (options: { all?: boolean }) => {
      await withContext(
        env.config(),
        async ({ articles }) => {
          const started = Date.now();
          const { stories, updated } = await articles.refreshLevels({
            all: options.all,
            onProgress: (done) => env.output.err(`levels: ${done} stories re-rated…`),
          });
          env.output.out(
            `Re-rated ${updated} of ${stories} stories in ${((Date.now() - started) / 1000).toFixed(1)} s${
              updated === 0 && !options.all ? ' (every level was up to date)' : ''
            }.`,
          );
        },
        { mustExist: true },
      );
    });
}
