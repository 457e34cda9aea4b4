/** What `lingwire import` adds to its options and its summary, kept out of `import.ts`. */
import type { ImportLimits } from '../../core/config.js';
import type { BatchSummary } from '../../ingest/pipeline.js';

/** The configured limits with the command line's `--max-*` flags over them. */
export function limitsFrom(
  configured: ImportLimits,
  flags: { maxStoryBytes?: number; maxParagraphs?: number; maxWordChars?: number; maxRecordBytes?: number },
): ImportLimits {
  return {
    storyBytes: flags.maxStoryBytes ?? configured.storyBytes,
    paragraphs: flags.maxParagraphs ?? configured.paragraphs,
    wordChars: flags.maxWordChars ?? configured.wordChars,
    recordBytes: flags.maxRecordBytes ?? configured.recordBytes,
  };
}

/** "Sections: 12 filed by the classifier, 2 to 待分类 (unsorted)."; null when it filed nothing. */
export function classifiedLine(summary: Pick<BatchSummary, 'classified'>): string | null {
  const c = summary.classified;
  if (!c || c.filed + c.unsorted === 0) return null;
  return `Sections: ${c.filed} filed by the classifier, ${c.unsorted} to 待分类 (unsorted) for an editor.`;
}
