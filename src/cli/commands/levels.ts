import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import { withServices } from '../../services.js';
import type { CommandEnv } from '../command-env.js';

export function registerLevels(program: Command, env: CommandEnv): void {
  program
    .command('levels')
    .description(
      'work out again the level of stories stored without one or by an older level model (after an upgrade)',
    )
    .option('--all', 'every story, not only those with a missing or outdated level')
    .action(async (options: { all?: boolean }) => {
      await withServices(
        env.config(),
        async ({ levels }) => {
          const started = Date.now();
          const result = await levels.refreshLevels({
            all: options.all,
            onProgress: (done) => env.output.err(`levels: ${done} stories looked at…`),
          });
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          const looked = result.updated + result.unchanged + result.unrated;
          env.output.out(
            looked === 0
              ? `All ${result.stories} stories have an up-to-date level.`
              : `Re-rated ${looked} of ${result.stories} stories in ${seconds} s: ${result.updated} changed, ${result.unchanged} unchanged.`,
          );
          if (result.unrated > 0) {
            throw new AppError(
              'DICTIONARY_UNAVAILABLE',
              `${result.unrated} stories could not be rated because the dictionary is unavailable; run \`npx lingwire dict build\` and try again.`,
            );
          }
        },
        { mustExist: true },
      );
    });
}
