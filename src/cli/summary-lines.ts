/** Pieces of the summary lines `import` and `feeds poll` print. */

/** ` (3 copies of existing stories)` after the added count, when some of the added stories were. */
export function copiesNote(copies = 0): string {
  return copies > 0 ? ` (${copies} ${copies === 1 ? 'copy' : 'copies'} of existing stories)` : '';
}
