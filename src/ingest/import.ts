/**
 * `lingwire import`: files and folders in, stories stored. The whole import is one transaction:
 * a bad record stops it and leaves the database as it was, unless `skipInvalid` is set, in which
 * case bad records are reported and the rest is stored.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Story } from '../articles/model.js';
import type { ArticleService, SaveOutcome } from '../articles/service.js';
import { AppError } from '../core/errors.js';
import type { Store, StoreTx } from '../store/types.js';
import { readJsonl } from './sources/jsonl.js';
import { readTextStory } from './sources/text.js';
import type { SourceRecord } from './sources/types.js';

/** Input formats `import` reads. */
export type InputFormat = 'text' | 'jsonl';

export const INPUT_FORMATS: readonly InputFormat[] = ['text', 'jsonl'];

const EXTENSIONS: Record<string, InputFormat> = {
  '.txt': 'text',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** The format a file name implies (`.txt`, `.jsonl`, `.ndjson`, and those + `.gz` for JSON Lines). */
export function formatOfPath(path: string): InputFormat | null {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  return EXTENSIONS[extname(name)] ?? null;
}

export interface ImportOptions {
  /** Read every file as this format instead of guessing from its extension. */
  format?: InputFormat;
  /** Store the valid records and report the invalid ones, instead of storing nothing. Default false. */
  skipInvalid?: boolean;
  /** Called after every `progressEvery` records. */
  onProgress?: (progress: { path: string; records: number }) => void;
  /** Default 1000. */
  progressEvery?: number;
  /**
   * Called once, inside the import's transaction, with every story added or changed (related
   * lists are computed here). If it throws, nothing is imported.
   */
  onSaved?: (tx: StoreTx, stories: Story[]) => Promise<void>;
}

export interface SkippedRecord {
  /** `file:line`, or the file for one-story formats. */
  where: string;
  message: string;
}

export interface ImportSummary {
  files: number;
  added: number;
  updated: number;
  unchanged: number;
  skipped: SkippedRecord[];
}

/** Lists the files to read: files as given, folders walked for files with a known extension. */
export async function expandPaths(
  paths: string[],
  format?: InputFormat,
): Promise<Array<{ path: string; format: InputFormat }>> {
  const out: Array<{ path: string; format: InputFormat }> = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new AppError('FILE_NOT_FOUND', `import: ${path} does not exist.`);
    if (info.isDirectory()) {
      const names = (await readdir(path, { recursive: true })).sort();
      for (const name of names) {
        const full = join(path, name);
        const found = format ?? formatOfPath(full);
        if (found && (await stat(full)).isFile()) out.push({ path: full, format: found });
      }
      continue;
    }
    const found = format ?? formatOfPath(path);
    if (!found) {
      throw new AppError(
        'UNSUPPORTED_FORMAT',
        `import: cannot tell the format of ${path} from its extension; use .txt or .jsonl, or pass --format ${INPUT_FORMATS.join('|')}.`,
      );
    }
    out.push({ path, format: found });
  }
  return out;
}

function read(path: string, format: InputFormat): AsyncIterable<SourceRecord> {
  return format === 'jsonl' ? readJsonl(path) : readTextStory(path);
}

export async function importPaths(
  store: Store,
  service: ArticleService,
  paths: string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const files = await expandPaths(paths, options.format);
  const every = options.progressEvery ?? 1000;
  const counts: Record<SaveOutcome, number> = { added: 0, updated: 0, unchanged: 0 };
  const skipped: SkippedRecord[] = [];
  await store.transaction(async (tx) => {
    const saved: Story[] = [];
    for (const file of files) {
      let records = 0;
      for await (const record of read(file.path, file.format)) {
        if (!record.ok) {
          if (!options.skipInvalid) {
            throw new AppError(
              'INVALID_STORY',
              `${record.message}. Nothing was imported; fix the line or pass --skip-invalid to import the rest.`,
            );
          }
          skipped.push({ where: record.where, message: record.message });
          continue;
        }
        const { outcome, story } = await service.saveStory(tx, record.story);
        counts[outcome]++;
        if (outcome !== 'unchanged') saved.push(story);
        if (++records % every === 0) options.onProgress?.({ path: file.path, records });
      }
    }
    await options.onSaved?.(tx, saved);
  });
  return { files: files.length, ...counts, skipped };
}
