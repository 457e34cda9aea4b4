/**
 * `lingwire`: the command line. Exit codes: 0 success, 1 failure (one line on stderr saying what
 * and where), 2 wrong usage. AppErrors become messages here and nowhere else.
 */
import { Command, CommanderError } from 'commander';
import { configFromEnv } from '../core/config.js';
import { isAppError } from '../core/errors.js';
import type { CommandEnv } from './command-env.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerBackup } from './commands/backup.js';
import { registerDb } from './commands/db.js';
import { registerDictionary } from './commands/dict.js';
import { registerExport } from './commands/export.js';
import { registerFeeds } from './commands/feeds.js';
import { registerImport } from './commands/import.js';
import { registerLevels } from './commands/levels.js';
import { registerList } from './commands/list.js';
import { registerMigrate } from './commands/migrate.js';
import { registerPreview } from './commands/preview.js';
import { registerRelated } from './commands/related.js';
import { registerSearch } from './commands/search.js';
import { registerServe } from './commands/serve.js';
import { registerShow } from './commands/show.js';
import { registerStory } from './commands/story.js';
import { registerUser } from './commands/user.js';
import { type Output, processOutput, terminalSafe } from './output.js';

export function buildProgram(output: Output, env: NodeJS.ProcessEnv): Command {
  const program = new Command('lingwire');
  const commandEnv: CommandEnv = {
    config: () => {
      const config = configFromEnv(env);
      const db = program.opts<{ db?: string }>().db;
      return db ? { ...config, dbPath: db } : config;
    },
    output,
  };
  program
    .description('lingwire: English news for Chinese-speaking learners')
    .option(
      '--db <path|url>',
      'SQLite database file or postgres:// URL (env LINGWIRE_DATABASE_URL, then LINGWIRE_DB; default ./data/lingwire.db)',
    )
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: (s) => output.err(s.trimEnd()) })
    .exitOverride();
  registerImport(program, commandEnv);
  registerServe(program, commandEnv);
  registerList(program, commandEnv);
  registerShow(program, commandEnv);
  registerExport(program, commandEnv);
  registerDictionary(program, commandEnv);
  registerAnalyze(program, commandEnv);
  registerRelated(program, commandEnv);
  registerSearch(program, commandEnv);
  registerLevels(program, commandEnv);
  registerMigrate(program, commandEnv);
  registerPreview(program, commandEnv);
  registerFeeds(program, commandEnv);
  registerDb(program, commandEnv);
  registerBackup(program, commandEnv);
  registerUser(program, commandEnv);
  registerStory(program, commandEnv);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns its exit code. */
export async function runCli(
  argv: string[],
  output: Output = processOutput,
  env = process.env,
): Promise<number> {
  output = terminalSafe(output);
  const program = buildProgram(output, env);
  if (argv.length === 0) {
    program.outputHelp();
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code) ? 0 : 2;
    }
    if (isAppError(error)) {
      output.err(`lingwire: ${error.message}`);
      return error.code === 'USAGE' ? 2 : 1;
    }
    output.err(`lingwire: ${(error as Error).message ?? String(error)}`);
    if (env.LINGWIRE_DEBUG) output.err((error as Error).stack ?? '');
    return 1;
  }
}
