import type { Command } from 'commander';
import { copyDatabase } from '../../services.js';
import { type CommandEnv, parsePositiveInt } from '../command-env.js';

export function registerDb(program: Command, env: CommandEnv): void {
  const db = program.command('db').description('move a site between databases');
  db.command('copy')
    .description(
      'copy every story, section, analysis and related list, ids and all, from one database to another (SQLite file or postgres:// URL)',
    )
    .requiredOption('--from <path|url>', 'the database to copy from (it must exist)')
    .requiredOption('--to <path|url>', 'the database to copy into (created and migrated as needed)')
    .option('--force', 'replace what the target holds instead of refusing a non-empty target')
    .option('--batch-size <rows>', 'rows read and written at a time (default 1000)', parsePositiveInt)
    .addHelpText(
      'after',
      `
The copy is one transaction on the target, read from one snapshot of the source: every table
lands, with its row count checked against the source's, or nothing does. Stop the writers of the
source first (serve, import) if the copy is to be the last word; readers may keep running.

Example, outgrowing one machine:
  lingwire db copy --from data/lingwire.db --to postgres://lingwire@db.example/lingwire`,
    )
    .action(async (options: { from: string; to: string; force?: boolean; batchSize?: number }) => {
      const summary = await copyDatabase(options.from, options.to, {
        force: options.force,
        batchSize: options.batchSize,
        onProgress: env.output.err,
      });
      const rows = summary.tables.map((t) => `${t.name} ${t.rows}`).join(', ');
      env.output.out(`Copied and verified in ${summary.seconds.toFixed(1)} s: ${rows}.`);
    });
}
