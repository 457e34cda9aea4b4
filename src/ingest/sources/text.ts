/** Reads a story file in the seed's text format (see `articles/seed-format.ts`). */
import { readFile } from 'node:fs/promises';
import { parseSeedText } from '../../articles/seed-format.js';
import { isAppError } from '../../core/errors.js';
import type { SourceRecord } from './types.js';

export async function* readTextStory(path: string): AsyncIterable<SourceRecord> {
  const text = await readFile(path, 'utf8');
  try {
    yield { ok: true, where: path, story: parseSeedText(text, path) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    yield { ok: false, where: path, message: error.message };
  }
}
