/** A search result as JSON: the story row `/api/stories` gives, plus `externalId` and `snippet`. */
import type { SearchResult } from '../search/service.js';
import { storyRowJson } from './api-shapes.js';

export function searchResultJson(result: SearchResult) {
  return { ...storyRowJson(result), externalId: result.externalId, snippet: result.snippet };
}
