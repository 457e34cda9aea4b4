import { type Command, InvalidArgumentError } from 'commander';
import { type Dictionary, openDictionary } from '../../dictionary/index.js';
import { openServices } from '../../services.js';
import type { CommandEnv } from '../command-env.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError('must be a port number from 0 to 65535.');
  return port;
}

/** The dictionary for the reader; the site still serves plain stories when it cannot be opened. */
function openReaderDictionary(env: CommandEnv): Dictionary | null {
  try {
    const dictionary = openDictionary();
    dictionary.preload();
    return dictionary;
  } catch (error) {
    env.output.err(
      `lingwire: the dictionary is unavailable, stories are shown without word lookups: ${(error as Error).message}`,
    );
    return null;
  }
}

export function registerServe(program: Command, env: CommandEnv): void {
  program
    .command('serve')
    .description('start the web site')
    .option('-p, --port <port>', 'port to listen on (env PORT; default 3000)', parsePort)
    .option('--host <host>', 'address to listen on (env HOST; default 127.0.0.1)')
    .option(
      '--no-writer',
      'serve pages only, without the writer thread (for the extra web processes of a site on PostgreSQL: one process writes, many serve)',
    )
    .action(async (options: { port?: number; host?: string; writer: boolean }) => {
      const config = { ...env.config() };
      if (options.port !== undefined) config.port = options.port;
      if (options.host !== undefined) config.host = options.host;
      // Loaded here so other commands do not pay for starting the web stack.
      const { startServer, stopOnSignals } = await import('../../web/server.js');
      const services = await openServices(config, { dictionary: openReaderDictionary(env) });
      // The writer (stories in, related index, feed polling) runs in its own thread. It starts
      // before the site listens, so no edit made in between runs here (`StoryEditing.useWriter`).
      const { WriterThread } = await import('../../writer/client.js');
      const writer =
        config.dbPath === ':memory:' || !options.writer
          ? null
          : await WriterThread.start(config, { log: env.output.err });
      if (writer) {
        // Editors' changes are made by the writer, with its related index…
        services.editing.useWriter({
          edit: (id, changes, actor) => writer.editStory(id, changes, actor),
          remove: (id, actor) => writer.removeStory(id, actor),
        });
        // …and here again if it stops (a crash): slower, never stuck.
        writer.onStopped(() => services.editing.useWriter(null));
        // The desk's "poll now" wakes it instead of waiting for its next check.
        services.desk.feeds.wakeWriter(() => {
          writer
            .pollFeeds('due')
            .catch((error: Error) => env.output.err(`lingwire: polling feeds failed: ${error.message}`));
        });
      }
      const server = await startServer(config, services, env.output.err);
      const count = await services.reading.countStories();
      env.output.out(
        `lingwire is serving ${server.url}/ (database ${services.store.description}, ${count} ${count === 1 ? 'story' : 'stories'}${writer ? '' : ', web only: no writer'})`,
      );
      if (count === 0)
        env.output.out('No stories yet: add some with `npx lingwire import <file.txt|file.jsonl|folder>`.');
      stopOnSignals(
        {
          stop: async () => {
            await writer?.close();
            await server.stop();
          },
        },
        env.output.err,
      );
      await new Promise<never>(() => {});
    });
}
