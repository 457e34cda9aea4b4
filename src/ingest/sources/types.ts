import type { StoryInput } from '../../articles/model.js';

/** One record read from an input: a story, or the reason it could not be read. */
export type SourceRecord =
  | {
      ok: true;
      where: string;
      story: StoryInput;
      /**
       * The record's body exactly as the file gives it (an array body's items joined by `\n`), for
       * offsets into it (`lingwire analyze --tokens`); absent for sources without one body field.
       */
      body?: string;
      /** Fields of the record lingwire does not know (not stored), for the import's warning. */
      unknown?: string[];
      /** Control characters stripped from the record (see `clean.ts`), when there were any. */
      controls?: number;
    }
  | { ok: false; where: string; message: string };
