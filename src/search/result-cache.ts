/**
 * The store's answers to recent searches (`store/answer-cache.ts`), kept until a story or section
 * changes: a common query asked by many readers (`oil`) is searched once between writes.
 */
import { AnswerCache } from '../store/answer-cache.js';
import type { SearchPage, Store } from '../store/types.js';

/** Answers kept; the least recently used go first. */
export const SEARCH_CACHE_ENTRIES = 1000;

export class SearchResultCache extends AnswerCache<SearchPage> {
  constructor(
    store: Pick<Store, 'changeToken' | 'changes' | 'transactionMark'>,
    maxEntries = SEARCH_CACHE_ENTRIES,
  ) {
    super(store, maxEntries);
  }
}
