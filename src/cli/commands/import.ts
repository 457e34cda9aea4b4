import type { Command } from 'commander';
import { Option } from 'commander';
import { CLASSIFY_MODES, type ClassifyMode } from '../../ingest/classify/filer.js';
import {
  type ImportSummary,
  INPUT_FORMATS,
  type InputFormat,
  importPaths,
  unknownFieldsWarning,
} from '../../ingest/import.js';
import { importUrl, isWebUrl } from '../../ingest/polling/web-import.js';
import { withServices } from '../../services.js';
import { type CommandEnv, parsePositiveInt } from '../command-env.js';
import { copiesNote } from '../summary-lines.js';
import { classifiedLine, limitsFrom } from './import-options.js';

export function registerImport(program: Command, env: CommandEnv): void {
  program
    .command('import')
    .description(
      'import stories from files or folders (text format .txt, JSON Lines .jsonl/.jsonl.gz), or from a web page or feed URL',
    )
    .argument('<paths...>', 'files, folders, or http(s) URLs of a web page or a feed')
    .addOption(new Option('--format <format>', 'read every file as this format').choices([...INPUT_FORMATS]))
    .option(
      '--skip-invalid',
      'import the valid records and report the invalid ones, instead of importing nothing',
    )
    .option('--no-related', 'do not update related-story lists now (run `lingwire related --rebuild` after)')
    .option('--allow-private', 'URLs: allow loopback, private and link-local addresses (development only)')
    .addOption(
      new Option(
        '--classify <mode>',
        'stories without a section: auto (once two sections have 20 filed stories each), always, never',
      )
        .choices([...CLASSIFY_MODES])
        .default('auto'),
    )
    .option(
      '--max-story-bytes <n>',
      'bytes of text a story (default 204800, env LINGWIRE_MAX_STORY_BYTES)',
      parsePositiveInt,
    )
    .option(
      '--max-paragraphs <n>',
      'paragraphs a story (default 1000, env LINGWIRE_MAX_PARAGRAPHS)',
      parsePositiveInt,
    )
    .option(
      '--max-word-chars <n>',
      'characters a word (default 100, env LINGWIRE_MAX_WORD_CHARS)',
      parsePositiveInt,
    )
    .option(
      '--max-record-bytes <n>',
      'bytes a JSON Lines record or text file (default 1048576, env LINGWIRE_MAX_RECORD_BYTES)',
      parsePositiveInt,
    )
    .addHelpText(
      'after',
      `
Text format (.txt), one story a file:
  国际英语新闻:Title of the story        first line: SECTION:TITLE (section optional)
  MOSCOW, Feb. 21 (Xinhua) -- Body …     one paragraph a line; a wire dateline is recognised
  相关文章                                optional: editor-pinned related stories
  - 欧美文化:Title of another story

JSON Lines (.jsonl), one story a line:
  {"id": "x1", "title": "…", "body": "…" or ["para", …], "section": "world" or "国际英语新闻",
   "date": "2016-02-21", "source": "xinhua", "url": "https://…", "tags": ["…"],
   "dateline": "MOSCOW, Feb. 21 (Xinhua)", "related": ["欧美文化:Title", …],
   "author": "…", "license": "…", "feed": "https://…", "fetched_at": "…", "language": "en",
   "text_from": "feed" | "page" | "summary"}      ("category" is read as "section")

A URL (http or https) is fetched like \`lingwire preview\` does: a web page is stored as one story,
a feed's items as stories (a summary-only item gets its linked page), with their provenance.

The import is one transaction: an invalid record stops it and nothing is stored.
A record over a limit (--max-*) or not valid UTF-8 is an invalid record; control characters
(terminal escapes, NUL, bidirectional overrides) are removed from what is stored, and counted.
Re-importing a story (same source and id, or same title when it has no id) updates it.`,
    )
    .action(
      async (
        targets: string[],
        options: {
          format?: InputFormat;
          skipInvalid?: boolean;
          related: boolean;
          allowPrivate?: boolean;
          classify: ClassifyMode;
          maxStoryBytes?: number;
          maxParagraphs?: number;
          maxWordChars?: number;
          maxRecordBytes?: number;
        },
      ) => {
        const urls = targets.filter(isWebUrl);
        const paths = targets.filter((t) => !isWebUrl(t));
        const without = options.related ? [] : ['related'];
        const summary = await withServices(env.config(), async ({ pipeline, store, config }) => {
          const total: ImportSummary =
            paths.length > 0
              ? await importPaths(pipeline, paths, {
                  format: options.format,
                  skipInvalid: options.skipInvalid,
                  without,
                  classify: options.classify,
                  limits: limitsFrom(config.importLimits, options),
                  onProgress: ({ path, records }) =>
                    env.output.progress?.(`importing ${path}: ${records} records…`),
                })
              : {
                  files: 0,
                  added: 0,
                  updated: 0,
                  unchanged: 0,
                  skipped: [],
                  unknownFields: [],
                  controlCharacters: 0,
                };
          for (const url of urls) {
            env.output.progress?.(`importing ${url}…`);
            const one = await importUrl(store, pipeline, url, {
              allowPrivate: options.allowPrivate ?? false,
              allowHosts: config.fetchHosts,
              classify: options.classify,
            });
            total.added += one.added;
            total.updated += one.updated;
            total.unchanged += one.unchanged;
            total.copies = (total.copies ?? 0) + (one.copies ?? 0);
            total.skipped.push(...one.skipped);
            if (one.classified) {
              total.classified ??= { filed: 0, unsorted: 0 };
              total.classified.filed += one.classified.filed;
              total.classified.unsorted += one.classified.unsorted;
            }
          }
          return total;
        });
        env.output.progress?.('');
        for (const skipped of summary.skipped) env.output.err(`skipped ${skipped.message}`);
        for (const { story, pinned } of summary.unresolvedPins ?? []) {
          env.output.err(
            `${story}: pinned story ${JSON.stringify(pinned.externalId)} from ${JSON.stringify(pinned.source)} is not stored; that pin is left out`,
          );
        }
        const warning = unknownFieldsWarning(summary.unknownFields);
        if (warning) env.output.err(warning);
        const parts = [];
        if (paths.length > 0 || urls.length === 0)
          parts.push(`${summary.files} file${summary.files === 1 ? '' : 's'}`);
        if (urls.length > 0) parts.push(`${urls.length} URL${urls.length === 1 ? '' : 's'}`);
        env.output.out(
          `Imported ${parts.join(' and ')}: ${summary.added} added${copiesNote(summary.copies)}, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skipped.length} skipped.`,
        );
        const classified = classifiedLine(summary);
        if (classified) env.output.out(classified);
        if (summary.controlCharacters > 0) {
          env.output.out(
            `Removed ${summary.controlCharacters} control character${summary.controlCharacters === 1 ? '' : 's'} (terminal escapes, NUL, bidirectional overrides) from the stories.`,
          );
        }
      },
    );
}
