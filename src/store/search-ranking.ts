/**
 * What both adapters share about ranking search results and filtering them, so SQLite and
 * PostgreSQL order alike: the weights (chosen on the tuning half of `bench/search-quality.ts`'s
 * known-item queries, never on the half it reports), how a page is cut from the reranked pool,
 * and the date filter's bounds.
 *
 * The ranking is BM25 (FTS5's `bm25`; PostgreSQL's `ts_rank_cd` stands in) with the title
 * weighted above the text, then, over the best `POOL` stories by it and the best `POOL` holding
 * the typed words side by side, two signals a reader's memory of a story gives: the words typed
 * side by side in the story (a remembered sentence), every part in the title (a remembered
 * headline). Each costs one indexed query or none, so a search stays a handful of statements.
 */
import { type ListRow, listRowOf } from './story-rows.js';
import type { SearchHit, SearchRequest, SearchTerms } from './types.js';

/** Stories reranked by the signals below; deeper pages follow plain BM25. */
export const POOL = 50;

/**
 * Matches counted at most: a search says "1,000 or more" beyond (`SearchPage.totalExact`).
 * Counting every one of 90,000 matches of a common word cost more than the rest of the search.
 */
export const COUNT_LIMIT = 1_000;

/**
 * Above this many matches a search is *broad* (a common word, or a few): BM25 would score every
 * match (and FTS5's reads the whole posting list of each word for its IDF), which made the slowest
 * searches hundreds of milliseconds at 100,000 stories. A broad search is ranked by the signals
 * alone (relevance 0: phrase, title, then newest) over three lists of `POOL`: the newest matches,
 * the newest with every part in the title, the newest holding the typed sequence as a phrase.
 * The last two read the newest `BROAD_WINDOW` matches at most; an older story is found by
 * narrower words. Its words say little about which story is meant, so the phrase, the title and
 * the date are what is left to go by.
 */
export const BROAD_MATCHES = COUNT_LIMIT;

/** The newest matches a broad search's title and phrase lists read (each check reads positions). */
export const BROAD_WINDOW = 10_000;

/**
 * A word or phrase in more stories than this makes a search broad too, however few stories hold
 * every word: BM25 reads the whole posting list of each word (FTS5 for its IDF).
 */
export const COMMON_PHRASE = 5_000;

export interface RankWeights {
  /** BM25 weight of the title column (the text's is 1). */
  title: number;
  /** Added (on a 0–1 scale of the pool's best BM25) when the typed sequence is a phrase of the story. */
  phrase: number;
  /** Added when every included word or phrase is in the title. */
  inTitle: number;
}

export const RANK_WEIGHTS: RankWeights = { title: 3, phrase: 1, inTitle: 0.3 };

/** What the signals are known for a candidate. */
export interface Candidate {
  id: number;
  /** Relevance, higher is better (BM25 as a positive number). */
  relevance: number;
  phrase: boolean;
  inTitle: boolean;
}

/** Candidates best first by relevance plus the signals' bonuses; ties by newer id. */
export function rerank(candidates: Candidate[], weights: RankWeights = RANK_WEIGHTS): Candidate[] {
  const best = Math.max(1e-9, ...candidates.map((c) => c.relevance));
  const score = (c: Candidate) =>
    c.relevance / best + (c.phrase ? weights.phrase : 0) + (c.inTitle ? weights.inTitle : 0);
  const scored = candidates.map((c) => ({ c, s: score(c) }));
  scored.sort((a, b) => b.s - a.s || b.c.id - a.c.id);
  return scored.map((x) => x.c);
}

/** Whether the typed sequence says more than the included phrases (two or more words). */
export function hasSequence(terms: SearchTerms): boolean {
  return (
    terms.sequence.length >= 2 &&
    !(terms.include.length === 1 && terms.include[0]!.length === terms.sequence.length)
  );
}

/** The day after `YYYY-MM-DD`, for "on or before `to`" as `sort_at < next day`. */
export function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The filter values as both adapters bind them (null: no filter). */
export function filterValues(request: SearchRequest) {
  return {
    section: request.sectionId ?? null,
    from: request.from ?? null,
    before: request.to ? dayAfter(request.to) : null,
    source: request.source ?? null,
    levels: request.levels && request.levels.length > 0 ? JSON.stringify(request.levels) : null,
  };
}

/** Whether any filter is set (SQLite then joins the stories table while matching). */
export function hasFilters(request: SearchRequest): boolean {
  return Object.values(filterValues(request)).some((v) => v !== null);
}

/**
 * Near-duplicates and story families: a copy (`duplicate_of` set, grouped at import by
 * `related/duplicate-groups.ts`) is never listed, and a family (the same article at several levels:
 * `source` + `story_group`) once, by its best-ranked version. Both adapters put `VISIBLE_STORIES`
 * in every search's WHERE clause (over the joined `stories s`; `VISIBLE_ROWID` where SQLite
 * matches without the join) and keep only the first hit of each `FAMILY_KEY` in `rerank` order.
 */
export const VISIBLE_STORIES = "s.duplicate_of IS NULL AND s.status = 'published'";
/**
 * SQLite's unjoined match: the copies and the stories the public does not see (drafts,
 * unpublished), few and each indexed (`stories_by_duplicate_of`, `stories_hidden`), left out.
 */
export const VISIBLE_ROWID =
  "f.rowid NOT IN (SELECT id FROM stories WHERE duplicate_of IS NOT NULL) AND f.rowid NOT IN (SELECT id FROM stories WHERE status <> 'published')";
/** A family's key as text: `source` + group for a version, `#id` for a story in no family. */
export const FAMILY_KEY = "COALESCE(s.source || '|' || s.story_group, '#' || s.id)";

/** A word as the title check compares it: lower case, a plural or verb ending cut (crudely). */
function stem(token: string): string {
  return token.length > 4 ? token.replace(/(?:ing|ed|es|s)$/, '') : token;
}

const TOKEN = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;

/** Whether every included phrase is in `title` (its words in a row, endings aside). */
export function allInTitle(title: string, include: readonly string[][]): boolean {
  const words = (title.normalize('NFKC').toLowerCase().match(TOKEN) ?? []).map(stem);
  return include.every((phrase) => {
    const wanted = phrase.map(stem);
    for (let i = 0; i + wanted.length <= words.length; i++) {
      if (wanted.every((w, k) => words[i + k] === w)) return true;
    }
    return false;
  });
}

/** A search hit's row as both adapters read it: the list columns, provenance, family key, snippet. */
export type HitRow = ListRow & {
  source: string;
  external_id: string;
  family: string;
  snippet: string | null;
};

/**
 * The hits in `ids` order (the rerank's), each family once (its first, best-ranked version): the
 * one place both adapters turn their rows into `SearchHit`s.
 */
export function hitsInOrder(ids: readonly number[], rows: readonly HitRow[]): SearchHit[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const families = new Set<string>();
  const hits: SearchHit[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row || families.has(row.family)) continue;
    families.add(row.family);
    hits.push({
      ...listRowOf(row),
      source: row.source,
      externalId: row.external_id,
      snippet: row.snippet ?? '',
    });
  }
  return hits;
}
