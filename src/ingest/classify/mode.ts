/** When stories without a section are classified (see `filer.ts`); a leaf module, so feed types can name it. */
export type ClassifyMode = 'auto' | 'always' | 'never';
export const CLASSIFY_MODES: readonly ClassifyMode[] = ['auto', 'always', 'never'];
