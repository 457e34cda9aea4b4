import type { Command } from 'commander';
import { migrateDatabase } from '../../services.js';
import type { CommandEnv } from '../command-env.js';

export function registerMigrate(program: Command, env: CommandEnv): void {
  program
    .command('migrate')
    .description(
      'create or upgrade the database schema (every command also does it when it opens the database)',
    )
    .action(async () => {
      const { description, version } = await migrateDatabase(env.config());
      env.output.out(`${description}: schema version ${version}`);
    });
}
