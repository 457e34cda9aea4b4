/**
 * `lingwire story set|unpublish|delete <id>`: an editor's changes from the shell (issue #15),
 * through the same editing service as the desk and `PATCH /api/stories/:id`. Each change is
 * recorded in the story's history as `cli` (the operator).
 */
import type { Command } from 'commander';
import { STORY_STATUSES, type StoryStatus } from '../../articles/model.js';
import { AppError } from '../../core/errors.js';
import type { StoryChanges } from '../../editing/story-changes.js';
import { withServices } from '../../services.js';
import { type CommandEnv, parsePositiveInt } from '../command-env.js';

/** Who the history names for a change made at the shell. */
export const CLI_ACTOR = 'cli';

interface SetOptions {
  title?: string;
  section?: string;
  dateline?: string;
  paragraph?: string[];
  tags?: string;
  level?: string;
  source?: string;
  license?: string;
  pin?: string;
  status?: string;
  publishedAt?: string;
}

const orNull = (value: string) => (value === 'none' || value === '' ? null : value);
const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** The options given, as `StoryChanges` (`none` clears a field that may be empty). */
export function changesFromOptions(opts: SetOptions): StoryChanges {
  const changes: StoryChanges = {};
  if (opts.title !== undefined) changes.title = opts.title;
  if (opts.section !== undefined) changes.section = opts.section;
  if (opts.dateline !== undefined) changes.dateline = orNull(opts.dateline);
  if (opts.paragraph !== undefined) changes.paragraphs = opts.paragraph;
  if (opts.tags !== undefined) changes.tags = list(opts.tags);
  if (opts.level !== undefined)
    changes.level = orNull(opts.level.toUpperCase() === 'NONE' ? '' : opts.level.toUpperCase());
  if (opts.source !== undefined) changes.source = opts.source;
  if (opts.license !== undefined) changes.license = orNull(opts.license);
  if (opts.pin !== undefined) changes.pinned = list(opts.pin).map(Number);
  if (opts.status !== undefined) {
    if (!(STORY_STATUSES as readonly string[]).includes(opts.status)) {
      throw new AppError('USAGE', `--status must be one of ${STORY_STATUSES.join(', ')}.`);
    }
    changes.status = opts.status as StoryStatus;
  }
  if (opts.publishedAt !== undefined) changes.publishedAt = orNull(opts.publishedAt);
  if (Object.keys(changes).length === 0)
    throw new AppError('USAGE', 'say what to change: --title, --section, … (see --help).');
  return changes;
}

export function registerStory(program: Command, env: CommandEnv): void {
  const story = program
    .command('story')
    .description('change a stored story (as an editor on the desk would)');

  story
    .command('set')
    .description('change fields of a story; the permalink stays, the change is recorded in its history')
    .argument('<id>', 'the story id', parsePositiveInt)
    .option('--title <text>', 'the title')
    .option('--section <slug>', "the section's slug")
    .option('--dateline <text>', 'the dateline (`MOSCOW, Feb. 21 (Xinhua)`; none: no dateline)')
    .option(
      '--paragraph <text>',
      'a paragraph of the new body (repeat for each, in order)',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option('--tags <list>', 'comma-separated tags (empty: none)')
    .option('--level <band>', 'A1…C2 in place of the computed level; none: the computed level again')
    .option('--source <name>', 'the source credited')
    .option('--license <text>', 'the licence (none: no licence)')
    .option('--pin <ids>', 'comma-separated story ids pinned as related (empty: none)')
    .option('--status <status>', STORY_STATUSES.join(', '))
    .option('--published-at <date>', 'ISO 8601 date or date-time (none: undated)')
    .action(async (id: number, opts: SetOptions) => {
      const changes = changesFromOptions(opts);
      await withServices(env.config(), async (services) => {
        const outcome = await services.editing.edit(id, changes, CLI_ACTOR);
        if (outcome.changes.length === 0) return env.output.out(`story ${id}: nothing changed`);
        env.output.out(`story ${id}: changed ${outcome.changes.map((c) => c.field).join(', ')}`);
      });
    });

  story
    .command('unpublish')
    .description(
      'take a story off the site (its page answers 404; `story set --status published` brings it back)',
    )
    .argument('<id>', 'the story id', parsePositiveInt)
    .action(async (id: number) => {
      await withServices(env.config(), async (services) => {
        const outcome = await services.editing.edit(id, { status: 'unpublished' }, CLI_ACTOR);
        env.output.out(
          outcome.changes.length === 0 ? `story ${id} was unpublished already` : `story ${id} unpublished`,
        );
      });
    });

  story
    .command('delete')
    .description('delete a story for good (its history stays; 生词本 entries keep their sentence)')
    .argument('<id>', 'the story id', parsePositiveInt)
    .action(async (id: number) => {
      await withServices(env.config(), async (services) => {
        await services.editing.remove(id, CLI_ACTOR);
        env.output.out(`story ${id} deleted`);
      });
    });
}
