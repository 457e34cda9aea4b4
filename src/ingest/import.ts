/**
 * `lingwire import`: files and folders in, stories stored. The whole import is one transaction:
 * a bad record stops it and leaves the database as it was, unless `skipInvalid` is set, in which
 * case bad records are reported and the rest is stored.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ImportLimits } from '../core/config.js';
import { AppError } from '../core/errors.js';
import type { ClassifyMode } from './classify/filer.js';
import type { BatchSummary, StoryPipeline } from './pipeline.js';
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
  /** Indexers to leave out (`['related']` for `--no-related`). Default none. */
  without?: readonly string[];
  /** What a record and its story may hold. Default `DEFAULT_IMPORT_LIMITS` (`core/config.ts`). */
  limits?: ImportLimits;
  /** When stories without a section are classified. Default `auto`. */
  classify?: ClassifyMode;
}

export interface ImportSummary extends BatchSummary {
  files: number;
  /** Fields lingwire does not know, found in records and not stored, with how many records had each. */
  unknownFields: Array<{ field: string; records: number }>;
  /** Control characters stripped from the stored stories (`sources/clean.ts`). */
  controlCharacters: number;
}

/** The one warning line an import gives about fields it did not store; null when there were none. */
export function unknownFieldsWarning(unknown: ImportSummary['unknownFields']): string | null {
  if (unknown.length === 0) return null;
  const list = unknown.map(
    ({ field, records }) => `"${field}" (${records} record${records === 1 ? '' : 's'})`,
  );
  return `warning: fields lingwire does not know were not stored: ${list.join(', ')}.`;
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

function read(path: string, format: InputFormat, limits?: ImportLimits): AsyncIterable<SourceRecord> {
  return format === 'jsonl' ? readJsonl(path, { limits }) : readTextStory(path, { limits });
}

/** Reads `paths` and stores every story in them through the write pipeline, as one batch. */
export async function importPaths(
  pipeline: StoryPipeline,
  paths: string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const files = await expandPaths(paths, options.format);
  const every = options.progressEvery ?? 1000;
  const unknown = new Map<string, number>();
  let controlCharacters = 0;
  const summary = await pipeline.saveBatch(
    async (batch) => {
      for (const file of files) {
        let records = 0;
        for await (const record of read(file.path, file.format, options.limits)) {
          if (!record.ok) {
            if (!options.skipInvalid) {
              throw new AppError(
                'INVALID_STORY',
                `${record.message}. Nothing was imported; fix the line or pass --skip-invalid to import the rest.`,
              );
            }
            batch.skip({ where: record.where, message: record.message });
            continue;
          }
          for (const field of record.unknown ?? []) unknown.set(field, (unknown.get(field) ?? 0) + 1);
          controlCharacters += record.controls ?? 0;
          await batch.save(record.story);
          if (++records % every === 0) options.onProgress?.({ path: file.path, records });
        }
      }
    },
    { without: options.without, classify: options.classify },
  );
  const unknownFields = [...unknown].sort().map(([field, records]) => ({ field, records }));
  return { files: files.length, ...summary, unknownFields, controlCharacters };
}
