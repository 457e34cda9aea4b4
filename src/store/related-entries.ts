/** A stored related-list entry, as both adapters compare them before rewriting a list. */
export interface RelatedEntry {
  relatedId: number;
  score: number;
}

/** Whether two lists are the same entries in the same order (an unchanged list is not rewritten). */
export function sameEntries(a: readonly RelatedEntry[], b: readonly RelatedEntry[]): boolean {
  return (
    a.length === b.length && a.every((e, i) => e.relatedId === b[i]!.relatedId && e.score === b[i]!.score)
  );
}
