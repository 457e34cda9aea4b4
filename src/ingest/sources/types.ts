import type { StoryInput } from '../../articles/model.js';

/** One record read from an input: a story, or the reason it could not be read. */
export type SourceRecord =
  | { ok: true; where: string; story: StoryInput }
  | { ok: false; where: string; message: string };
