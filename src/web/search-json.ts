/** A search result as JSON: the story row `/api/stories` gives, plus `externalId` and `snippet`. */
import type { SearchResult } from '../search/service.js';
import { storyPath } from './paths.js';

export function searchResultJson(result: SearchResult) {
  return { ...result, path: storyPath(result.slug) };
}
