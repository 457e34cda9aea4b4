/** Reads a story file in the seed's text format (see `articles/seed-format.ts`). */
import { open } from 'node:fs/promises';
import { parseSeedText } from '../../articles/seed-format.js';
import { DEFAULT_IMPORT_LIMITS } from '../../core/config.js';
import { isAppError } from '../../core/errors.js';
import { stripControls } from './clean.js';
import type { ReadOptions } from './jsonl.js';
import { storyOverLimit } from './limits.js';
import type { SourceRecord } from './types.js';

/**
 * One story a file. The file is one record: over the record limit it is not read at all, and it
 * must be valid UTF-8; control characters are stripped and counted, the story limits apply.
 */
export async function* readTextStory(path: string, options: ReadOptions = {}): AsyncIterable<SourceRecord> {
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const handle = await open(path);
  let bytes: Buffer;
  try {
    const { size } = await handle.stat();
    if (size > limits.recordBytes) {
      yield {
        ok: false,
        where: path,
        message: `${path}: the file is ${size.toLocaleString('en-US')} bytes; the limit for one story is ${limits.recordBytes.toLocaleString('en-US')} (--max-record-bytes)`,
      };
      return;
    }
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    yield { ok: false, where: path, message: `${path}: not valid UTF-8` };
    return;
  }
  const { text: cleaned, removed } = stripControls(text);
  try {
    const story = parseSeedText(cleaned, path);
    const over = storyOverLimit(story, limits);
    if (over) {
      yield { ok: false, where: path, message: `${path}: ${over}` };
      return;
    }
    yield { ok: true, where: path, story, ...(removed > 0 ? { controls: removed } : {}) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    yield { ok: false, where: path, message: error.message };
  }
}
