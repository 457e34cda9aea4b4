/**
 * The shipped part-of-speech model (`models/pos-ewt.json.gz`, gzipped JSON: 0.3 MB instead of 1.2 MB; trained by `npm run pos:train` on the
 * UD English Web Treebank, CC BY-SA 4.0), read once per process on first use. It lives beside the
 * dictionary because both are language data read from the package; `text/pos-tagger.ts` stays pure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AppError } from '../core/errors.js';
import { type PosModel, type PosModelJson, posModelFromJson } from '../text/pos-tagger.js';
import { packageRoot } from './paths.js';

/** Where the shipped model is: `<package root>/models/pos-ewt.json.gz`. */
export function posModelPath(): string {
  return join(packageRoot(), 'models', 'pos-ewt.json.gz');
}

let loaded: PosModel | null = null;

/** The shipped model (read and parsed on the first call, about 0.1 s). Throws `DICTIONARY_UNAVAILABLE` (the language data is incomplete). */
export function loadPosModel(): PosModel {
  if (loaded) return loaded;
  const path = posModelPath();
  try {
    loaded = posModelFromJson(JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as PosModelJson);
  } catch (error) {
    throw new AppError('DICTIONARY_UNAVAILABLE', `pos model: unable to read ${path}`, { cause: error });
  }
  return loaded;
}
