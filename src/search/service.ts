/**
 * Search as readers use it, the same for the page, the JSON API and the CLI: reads the query
 * (`query.ts`) and the filters (section slug, `from`/`to` days, source, level bands), asks the
 * store (`SearchRepo`, which ranks and highlights), and gives back story summaries with their
 * external id and an HTML snippet. A query with nothing to look for is an answer with a message,
 * not an error; a malformed filter is `BAD_INPUT`, an unknown section `SECTION_NOT_FOUND`.
 */
import type { StorySummary } from '../articles/model.js';
import { summaryOf } from '../articles/reading.js';
import { AppError } from '../core/errors.js';
import { AnswerCache } from '../store/answer-cache.js';
import {
  type SearchPage,
  type SearchTerms,
  SNIPPET_CLOSE,
  SNIPPET_OPEN,
  type Store,
} from '../store/types.js';
import { CEFR_BANDS } from '../text/level.js';
import { parseQuery } from './query.js';

/** What a search asks, as the page, the API and the CLI receive it (filters as typed). */
export interface SearchParams {
  q: string;
  /** A section's slug (or Chinese name). */
  section?: string;
  /** `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
  source?: string;
  /** Comma list of bands: `B1,B2`. */
  level?: string;
  /** 1-based. */
  page: number;
  limit: number;
}

/** One result: the story as `/api/stories` lists it, its external id, and a highlighted snippet. */
export interface SearchResult extends StorySummary {
  /** The story's id as `lingwire export` writes it. */
  externalId: string;
  /** HTML: the text around the match, escaped, with the matched words in `<mark>`. */
  snippet: string;
}

export type SearchAnswer =
  | {
      ok: true;
      terms: SearchTerms;
      results: SearchResult[];
      /** Stories matching, counted up to 1,000 (`COUNT_LIMIT`). */
      total: number;
      /** False when more than `total` match: "1,000+". */
      totalExact: boolean;
      page: number;
      limit: number;
    }
  /** Nothing to search for: `message` says what to type. */
  | { ok: false; message: string; page: number; limit: number };

/** How a total reads: `1,000+` when the count stopped at its limit. */
export function totalText(answer: { total: number; totalExact: boolean }): string {
  return `${answer.total.toLocaleString('en-US')}${answer.totalExact ? '' : '+'}`;
}

/** Pages a reader may go to: every page of an exact total; past a capped one, to `MAX_SEARCH_DEPTH`. */
export function lastPage(answer: { total: number; totalExact: boolean; limit: number }): number {
  const depth = answer.totalExact ? answer.total : MAX_SEARCH_DEPTH;
  return Math.max(1, Math.ceil(depth / answer.limit));
}

/** Largest `limit`. */
export const MAX_SEARCH_LIMIT = 50;
/** Deepest result a search pages to. */
export const MAX_SEARCH_DEPTH = 10_000;

/** Recent answers kept (`store/answer-cache.ts`); the least recently used go first. */
export const SEARCH_CACHE_ENTRIES = 1000;

export class SearchService {
  /** Recent answers until a change tag; none with `{ cache: false }` (the speed bench). */
  private readonly cache: AnswerCache<SearchPage> | null;

  constructor(
    private readonly store: Store,
    options: { cache?: boolean } = {},
  ) {
    this.cache = options.cache === false ? null : new AnswerCache(store, SEARCH_CACHE_ENTRIES);
  }

  async search(params: SearchParams): Promise<SearchAnswer> {
    const { page, limit } = params;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
      throw new AppError('BAD_INPUT', `limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}.`);
    }
    if (!Number.isInteger(page) || page < 1 || (page - 1) * limit >= MAX_SEARCH_DEPTH) {
      throw new AppError('BAD_INPUT', `page must be a whole number from 1 to ${MAX_SEARCH_DEPTH / limit}.`);
    }
    const from = params.from === undefined ? undefined : isoDay('from', params.from);
    const to = params.to === undefined ? undefined : isoDay('to', params.to);
    if (from && to && from > to) throw new AppError('BAD_INPUT', `from (${from}) is after to (${to}).`);
    const levels = params.level === undefined ? undefined : levelList(params.level);
    let sectionId: number | undefined;
    const sections = new Map((await this.store.sections.listSections()).map((s) => [s.id, s]));
    if (params.section !== undefined && params.section !== '') {
      const wanted = params.section;
      const section = [...sections.values()].find((s) => s.slug === wanted || s.nameZh === wanted);
      if (!section) throw new AppError('SECTION_NOT_FOUND', `There is no section "${wanted}".`);
      sectionId = section.id;
    }
    const parsed = parseQuery(params.q);
    if (!parsed.ok) return { ok: false, message: parsed.message, page, limit };
    const request = {
      terms: parsed.query,
      sectionId,
      from,
      to,
      source: params.source || undefined,
      levels,
      limit,
      offset: (page - 1) * limit,
    };
    const ask = () => this.store.search.searchStories(request);
    const found = this.cache ? await this.cache.get(JSON.stringify(request), ask) : await ask();
    const results = found.hits.map(
      (hit): SearchResult => ({
        ...summaryOf(hit, sections.get(hit.sectionId)!),
        externalId: hit.externalId,
        snippet: snippetHtml(hit.snippet),
      }),
    );
    return {
      ok: true,
      terms: parsed.query,
      results,
      total: found.total,
      totalExact: found.totalExact,
      page,
      limit,
    };
  }
}

function isoDay(name: string, value: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
    throw new AppError(
      'BAD_INPUT',
      `${name} must be a date written YYYY-MM-DD (such as 2016-02-21), not "${value}".`,
    );
  }
  return value;
}

function levelList(value: string): string[] | undefined {
  const bands = value
    .split(',')
    .map((b) => b.trim().toUpperCase())
    .filter(Boolean);
  const wrong = bands.filter((b) => !(CEFR_BANDS as readonly string[]).includes(b));
  if (wrong.length > 0) {
    throw new AppError(
      'BAD_INPUT',
      `level must be a comma list of ${CEFR_BANDS.join(', ')} (such as B1,B2), not "${value}".`,
    );
  }
  return bands.length > 0 ? [...new Set(bands)] : undefined;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The store's snippet (plain text, matches between private-use marks) as escaped HTML with `<mark>`. */
export function snippetHtml(snippet: string): string {
  return snippet
    .replace(/[&<>"']/g, (c) => ESCAPES[c]!)
    .replaceAll(SNIPPET_OPEN, '<mark>')
    .replaceAll(SNIPPET_CLOSE, '</mark>')
    .replace(/\s+/g, ' ')
    .trim();
}
