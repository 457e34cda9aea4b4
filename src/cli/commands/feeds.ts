/** `lingwire feeds add|list|poll|remove`: subscriptions polled into the site. */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { AppError } from '../../core/errors.js';
import { CLASSIFY_MODES, type ClassifyMode } from '../../ingest/classify/mode.js';
import type { Feed, LanguagePolicy } from '../../ingest/polling/model.js';
import type { PollResult } from '../../ingest/polling/poller.js';
import { DEFAULT_INTERVAL_MINUTES, formatEvery, parseEvery } from '../../ingest/polling/schedule.js';
import { withServices } from '../../services.js';
import type { CommandEnv } from '../command-env.js';
import { copiesNote } from '../summary-lines.js';

function parseFeedId(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('must be a feed id (a whole number from 1).');
  return Number(value);
}

function parseEveryOption(value: string): number {
  try {
    return parseEvery(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message.replace(/^feeds: --every /, ''));
  }
}

/** A feed as `feeds list --json` prints it. */
export function feedJson(feed: Feed) {
  return {
    id: feed.id,
    url: feed.url,
    title: feed.title,
    section: feed.section,
    language: feed.language,
    interval: formatEvery(feed.intervalMinutes),
    allowPrivate: feed.allowPrivate,
    classify: feed.classify,
    paused: feed.paused,
    lastSuccess: feed.state.lastSuccessAt,
    lastError: feed.state.lastError,
    consecutiveFailures: feed.state.consecutiveFailures,
    nextPoll: feed.state.nextPollAt,
    items: { seen: feed.state.itemsSeen, stored: feed.state.itemsStored, skipped: feed.state.itemsSkipped },
  };
}

/** One line per polled feed. */
export function pollLine(result: PollResult): string {
  const name = `feed ${result.feedId} ${result.url}`;
  if (result.outcome === 'failed') return `${name}: failed: ${result.error}`;
  if (result.outcome === 'not-modified') return `${name}: not modified (304), nothing new`;
  return `${name}: ${result.added} added${copiesNote(result.copies)}, ${result.updated} updated, ${result.unchanged} unchanged, ${result.skipped} skipped`;
}

function addCommand(feeds: Command, env: CommandEnv): void {
  feeds
    .command('add')
    .description('subscribe to a feed (polled by `lingwire serve`, or by `feeds poll`)')
    .argument('<url>', 'the feed: RSS, Atom or JSON Feed, http or https')
    .option('--section <section>', 'section (slug or Chinese name) its stories go to; default 英语新闻')
    .option(
      '--every <interval>',
      `how often to poll: minutes or hours, e.g. 30m, 2h (at least 5m)`,
      parseEveryOption,
    )
    .addOption(
      new Option('--language <policy>', 'en: store English stories only; any: every language, marked')
        .choices(['en', 'any'])
        .default('en'),
    )
    .option('--allow-private', 'allow loopback, private and link-local addresses (development only)')
    .addOption(
      new Option(
        '--classify <mode>',
        'stories without a section: auto (once two sections have 20 filed stories each), always, never',
      )
        .choices([...CLASSIFY_MODES])
        .default('auto'),
    )
    .action(
      async (
        url: string,
        options: {
          section?: string;
          every?: number;
          language: LanguagePolicy;
          allowPrivate?: boolean;
          classify: ClassifyMode;
        },
      ) => {
        let parsed: URL | null = null;
        try {
          parsed = new URL(url);
        } catch {}
        if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
          throw new AppError('USAGE', `feeds: "${url}" is not an http or https URL.`);
        }
        const feed = await withServices(env.config(), ({ store }) =>
          store.feeds.createFeed(
            {
              url: parsed.href,
              title: '',
              section: options.section?.trim() || null,
              language: options.language,
              intervalMinutes: options.every ?? DEFAULT_INTERVAL_MINUTES,
              allowPrivate: options.allowPrivate ?? false,
              classify: options.classify,
            },
            new Date().toISOString(),
          ),
        );
        env.output.out(
          `Added feed ${feed.id}: ${feed.url} (every ${formatEvery(feed.intervalMinutes)}, language ${feed.language}).`,
        );
      },
    );
}

function listCommand(feeds: Command, env: CommandEnv): void {
  feeds
    .command('list')
    .description('list the feeds with their state')
    .option('--json', 'print a JSON array')
    .action(async (options: { json?: boolean }) => {
      const list = await withServices(env.config(), ({ store }) => store.feeds.listFeeds(), {
        mustExist: true,
      });
      if (options.json) {
        env.output.out(JSON.stringify(list.map(feedJson), null, 2));
        return;
      }
      if (list.length === 0) env.output.out('No feeds yet: add one with `lingwire feeds add <url>`.');
      for (const feed of list) {
        const s = feed.state;
        env.output.out(
          `${feed.id}  ${feed.url}${feed.title ? `  "${feed.title}"` : ''}${feed.paused ? '  (paused)' : ''}`,
        );
        env.output.out(
          `    section ${feed.section ?? '(default)'}, classify ${feed.classify}, language ${feed.language}, every ${formatEvery(feed.intervalMinutes)}; last success ${s.lastSuccessAt ?? 'never'}; items ${s.itemsSeen} seen, ${s.itemsStored} stored, ${s.itemsSkipped} skipped`,
        );
        if (s.lastError)
          env.output.out(
            `    last error (${s.consecutiveFailures} failure${s.consecutiveFailures === 1 ? '' : 's'} in a row): ${s.lastError}`,
          );
      }
    });
}

function pollCommand(feeds: Command, env: CommandEnv): void {
  feeds
    .command('poll')
    .description('poll feeds now: the ones that are due, every one (--all), or one by id')
    .argument('[id]', 'the feed to poll', parseFeedId)
    .option('--all', 'poll every feed, due or not')
    .action(async (id: number | undefined, options: { all?: boolean }) => {
      if (id !== undefined && options.all)
        throw new AppError('USAGE', 'feeds poll: give a feed id or --all, not both.');
      const results = await withServices(env.config(), async ({ feeds: poller, store }) => {
        if (id !== undefined) return [await poller.pollFeed(id)];
        const due = options.all
          ? await store.feeds.listFeeds()
          : await store.feeds.findDueFeeds(new Date().toISOString());
        let done = 0;
        return poller.pollFeeds(due, (result) => {
          env.output.progress?.(`polling feeds: ${++done}/${due.length} (${result.url})`);
        });
      });
      env.output.progress?.('');
      if (results.length === 0)
        env.output.out(
          options.all ? 'No feeds yet: add one with `lingwire feeds add <url>`.' : 'No feeds are due.',
        );
      for (const result of results) env.output.out(pollLine(result));
      const failed = results.filter((r) => r.outcome === 'failed').length;
      if (failed > 0) {
        throw new AppError(
          'FEED_UNREACHABLE',
          `${failed} of ${results.length} feed${results.length === 1 ? '' : 's'} failed; \`lingwire feeds list\` shows each error.`,
        );
      }
    });
}

function removeCommand(feeds: Command, env: CommandEnv): void {
  feeds
    .command('remove')
    .description('unsubscribe from a feed (its stories stay)')
    .argument('<id>', 'the feed id (`feeds list`)', parseFeedId)
    .action(async (id: number) => {
      const removed = await withServices(env.config(), ({ store }) => store.feeds.deleteFeed(id), {
        mustExist: true,
      });
      if (!removed)
        throw new AppError(
          'FEED_NOT_FOUND',
          `feeds: there is no feed ${id}; \`lingwire feeds list\` shows them.`,
        );
      env.output.out(`Removed feed ${id}; its stories stay.`);
    });
}

export function registerFeeds(program: Command, env: CommandEnv): void {
  const feeds = program
    .command('feeds')
    .description('feed subscriptions: add, list, poll, remove')
    .addHelpText(
      'after',
      `
\`lingwire serve\` polls due feeds by itself (jittered; failing feeds back off). Each item is
stored once (its id or link identifies it); a summary-only item gets its linked page fetched.
Fetching is fenced as for \`lingwire preview\`; LINGWIRE_FETCH_HOSTS limits the hosts.`,
    );
  addCommand(feeds, env);
  listCommand(feeds, env);
  pollCommand(feeds, env);
  removeCommand(feeds, env);
  for (const command of feeds.commands) command.exitOverride();
}
