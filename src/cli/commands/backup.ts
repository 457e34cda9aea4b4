import type { Command } from 'commander';
import { backupDatabase, restoreDatabase } from '../../services.js';
import type { CommandEnv } from '../command-env.js';

export function registerBackup(program: Command, env: CommandEnv): void {
  program
    .command('backup')
    .description(
      'write a consistent backup of the database while the site runs (SQLite: a copy of the file; PostgreSQL: pg_dump)',
    )
    .argument('<file>', 'the backup file to write')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      const started = performance.now();
      await backupDatabase(env.config(), file, options);
      env.output.out(`Backed up to ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    });
  program
    .command('restore')
    .description('replace the content of the database with a backup (lingwire backup)')
    .argument('<file>', 'the backup file to restore')
    .option('--force', 'replace a database that holds stories')
    .addHelpText(
      'after',
      `
A restore is all or nothing. Stop the site's writers first (serve, import): what they write while
the restore runs is lost. Web processes may keep running; their page caches drop every page.
PostgreSQL needs pg_restore and psql (Debian: postgresql-client; LINGWIRE_PG_BIN names their folder).`,
    )
    .action(async (file: string, options: { force?: boolean }) => {
      const { stories } = await restoreDatabase(env.config(), file, options);
      env.output.out(`Restored ${file}: ${stories} ${stories === 1 ? 'story' : 'stories'}.`);
    });
}
