import type { Command } from 'commander';
import { type Preview, preview } from '../../ingest/preview.js';
import type { CommandEnv } from '../command-env.js';

/** The JSON `preview --json` prints: the documented keys first, in their documented order. */
export function previewJson(result: Preview): unknown {
  if (result.kind === 'article') {
    const { title, byline, published, text, url, siteName, language } = result;
    return { kind: 'article', title, byline, published, text, url, siteName, language };
  }
  const { title, link, description, language, format, url, entries } = result;
  return {
    kind: 'feed',
    title,
    link,
    description,
    language,
    format,
    url,
    entries: entries.map(({ title, link, published, author, text, fetchPage, ...more }) => ({
      title,
      link,
      published,
      author,
      text,
      fetchPage,
      ...more,
    })),
  };
}

function shorten(text: string, length: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}

function printHuman(result: Preview, out: (line: string) => void): void {
  if (result.kind === 'article') {
    out(`Article: ${result.title || '(no title)'}`);
    if (result.byline) out(`By: ${result.byline}`);
    out(`Published: ${result.published ?? '(no date)'}`);
    if (result.url) out(`URL: ${result.url}`);
    out(`Language: ${result.language ?? '(unknown)'}`);
    out('');
    for (const paragraph of result.text.split('\n')) out(paragraph);
    return;
  }
  out(`Feed (${result.format}): ${result.title || '(no title)'}${result.link ? ` ${result.link}` : ''}`);
  out(
    `${result.entries.length} entr${result.entries.length === 1 ? 'y' : 'ies'}, newest as the feed lists them:`,
  );
  result.entries.forEach((entry, i) => {
    out('');
    out(`${i + 1}. ${entry.title || '(no title)'}`);
    out(
      `   ${entry.link ?? '(no link)'}  ${entry.published ?? '(no date)'}${entry.author ? `  by ${entry.author}` : ''}`,
    );
    if (entry.fetchPage) out('   summary only: polling would fetch the linked page for the story');
    if (entry.text) out(`   ${shorten(entry.text, 240)}`);
  });
}

export function registerPreview(program: Command, env: CommandEnv): void {
  program
    .command('preview')
    .description('fetch a feed or a web page and show what lingwire would store from it (stores nothing)')
    .argument('<url>', 'an http(s) URL, or a local file path or file: URL (for development)')
    .option('--json', 'print JSON instead of text')
    .option('--allow-private', 'allow loopback, private and link-local addresses (development only)')
    .addHelpText(
      'after',
      `
Fetching is fenced: http and https only, 30 s and 8 MiB at most, 5 redirects, and no loopback,
private or link-local address unless --allow-private. LINGWIRE_FETCH_HOSTS (comma-separated host
names and IP literals) refuses every other host.

A feed lists its entries in document order with "fetchPage": true where polling would fetch the
linked page (the feed gives only a summary under 80 words). A web page is read with readability.`,
    )
    .action(async (target: string, options: { json?: boolean; allowPrivate?: boolean }) => {
      const config = env.config();
      const result = await preview(target, {
        allowPrivate: options.allowPrivate ?? false,
        allowHosts: config.fetchHosts,
      });
      if (options.json) env.output.out(JSON.stringify(previewJson(result), null, 2));
      else printHuman(result, env.output.out);
    });
}
