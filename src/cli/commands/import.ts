import type { Command } from 'commander';
import { Option } from 'commander';
import { INPUT_FORMATS, type InputFormat, importPaths } from '../../ingest/import.js';
import { withServices } from '../../services.js';
import type { CommandEnv } from '../command-env.js';

export function registerImport(program: Command, env: CommandEnv): void {
  program
    .command('import')
    .description('import stories from files or folders (text format .txt, JSON Lines .jsonl/.jsonl.gz)')
    .argument('<paths...>', 'files or folders to import')
    .addOption(new Option('--format <format>', 'read every file as this format').choices([...INPUT_FORMATS]))
    .option(
      '--skip-invalid',
      'import the valid records and report the invalid ones, instead of importing nothing',
    )
    .option('--no-related', 'do not update related-story lists now (run `lingwire related --rebuild` after)')
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
   "dateline": "MOSCOW, Feb. 21 (Xinhua)", "related": ["欧美文化:Title", …]}

The import is one transaction: an invalid record stops it and nothing is stored.
Re-importing a story (same source and id, or same title when it has no id) updates it.`,
    )
    .action(
      async (paths: string[], options: { format?: InputFormat; skipInvalid?: boolean; related: boolean }) => {
        const summary = await withServices(env.config(), ({ pipeline }) =>
          importPaths(pipeline, paths, {
            format: options.format,
            skipInvalid: options.skipInvalid,
            without: options.related ? [] : ['related'],
            onProgress: ({ path, records }) => env.output.err(`  ${path}: ${records} records…`),
          }),
        );
        for (const skipped of summary.skipped) env.output.err(`skipped ${skipped.message}`);
        const files = `${summary.files} file${summary.files === 1 ? '' : 's'}`;
        env.output.out(
          `Imported ${files}: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skipped.length} skipped.`,
        );
      },
    );
}
