import type { StoryInput } from '../../articles/model.js';

/** One record read from an input: a story, or the reason it could not be read. */
export type SourceRecord =
  /** `unknown`: fields of the record lingwire does not know (not stored), for the import's warning. */
  | { ok: true; where: string; story: StoryInput; unknown?: string[] }
  | { ok: false; where: string; message: string };
