/**
 * Search on SQLite: the FTS5 table `story_search` (migration 6: porter stemmer over unicode61,
 * external content read from the `story_search_text` view, kept by triggers on `stories`).
 *
 * A search is a few indexed queries: how many match (up to `COUNT_LIMIT`); the best `POOL` by
 * `bm25` (title weighted); the newest `POOL` that hold the typed sequence as a phrase (so a
 * remembered sentence is found even when its words are common); the pool's titles, for the title
 * signal (`search-ranking.ts` combines them); deeper pages follow plain bm25. A broad search (over
 * `BROAD_MATCHES` matches, or a phrase in over `COMMON_PHRASE` stories: bm25's IDF reads each
 * phrase's whole posting list) takes three newest-first lists instead and no bm25. Snippets come
 * from FTS5's `snippet()` for the page only.
 */
import {
  allInTitle,
  BROAD_MATCHES,
  BROAD_WINDOW,
  type Candidate,
  COMMON_PHRASE,
  COUNT_LIMIT,
  FAMILY_KEY,
  filterValues,
  type HitRow,
  hasFilters,
  hasSequence,
  hitsInOrder,
  POOL,
  RANK_WEIGHTS,
  type RankWeights,
  rerank,
  VISIBLE_ROWID,
  VISIBLE_STORIES,
} from '../search-ranking.js';
import {
  type SearchHit,
  type SearchPage,
  type SearchRepo,
  type SearchRequest,
  type SearchTerms,
  SNIPPET_CLOSE,
  SNIPPET_OPEN,
} from '../types.js';
import type { Scope } from './scope.js';

/** An FTS5 phrase: tokens are letters and digits only (`search/query.ts`), so quoting is safe. */
const phrase = (tokens: readonly string[]) => `"${tokens.join(' ')}"`;

/** The FTS5 expression of `terms`: every included phrase, none of the excluded. */
export function ftsExpression(terms: SearchTerms): string {
  const include = terms.include.map(phrase).join(' AND ');
  if (terms.exclude.length === 0) return include;
  return `(${include}) NOT (${terms.exclude.map(phrase).join(' OR ')})`;
}

const FILTERS = `
  AND (@section IS NULL OR s.section_id = @section)
  AND (@from IS NULL OR s.sort_at >= @from)
  AND (@before IS NULL OR s.sort_at < @before)
  AND (@source IS NULL OR s.source = @source)
  AND (@levels IS NULL OR s.level_band IN (SELECT value FROM json_each(@levels)))
  AND ${VISIBLE_STORIES}`;

/** The FTS5 expression of `terms` with every included phrase in the title. */
export function titleExpression(terms: SearchTerms): string {
  const include = `{title} : (${terms.include.map(phrase).join(' AND ')})`;
  if (terms.exclude.length === 0) return include;
  return `(${include}) NOT (${terms.exclude.map(phrase).join(' OR ')})`;
}

/** FROM … WHERE of a match, joining the stories only when a filter needs them. */
const from = (filtered: boolean) =>
  filtered
    ? `FROM story_search f JOIN stories s ON s.id = f.rowid WHERE story_search MATCH @match ${FILTERS}`
    : `FROM story_search f WHERE story_search MATCH @match AND ${VISIBLE_ROWID}`;

const RANK = 'bm25(story_search, @titleWeight, 1.0)';

const HIT_COLUMNS = `s.id, s.slug, s.title, s.section_id, s.published_at, s.created_at, s.updated_at, s.dateline_place,
  s.dateline_month, s.dateline_day, s.dateline_agency, s.dateline_text, s.level_band, s.level_score,
  json_extract(s.paragraphs, '$[0]') AS first_paragraph, s.source, s.external_id, ${FAMILY_KEY} AS family,
  snippet(story_search, 1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 40) AS snippet`;

export function sqliteSearchRepo(scope: Scope): SearchRepo {
  return {
    async searchStories(request) {
      return scope.read('search.searchStories', () => search(scope, request));
    },
    rebuildSearchIndex() {
      return scope.write('search.rebuildSearchIndex', () => {
        scope.prepare("INSERT INTO story_search (story_search) VALUES ('rebuild')").run();
        return (scope.prepare('SELECT COUNT(*) AS n FROM stories').get() as { n: number }).n;
      });
    },
  };
}

function search(scope: Scope, request: SearchRequest): SearchPage {
  const { total, totalExact, candidates, pool, broad } = searchCandidates(scope, request);
  if (total === 0) return { hits: [], total, totalExact };
  const ranked = rerank(candidates);
  const filtered = hasFilters(request);
  const base = { ...(filtered ? filterValues(request) : {}), titleWeight: RANK_WEIGHTS.title };
  const match = ftsExpression(request.terms);
  const { limit, offset } = request;
  let pageIds = ranked.slice(offset, offset + limit).map((c) => c.id);
  if (offset + limit > ranked.length && total > ranked.length) {
    // Past the pool: plain bm25 order of the rest (newest first for a broad search).
    const deeper = scope
      .prepare(
        `SELECT f.rowid AS id${broad ? '' : `, ${RANK} AS rank`} ${from(filtered)}
         AND f.rowid NOT IN (SELECT value FROM json_each(@pool))
         ORDER BY ${broad ? 'f.rowid DESC' : 'rank'} LIMIT @limit OFFSET @offset`,
      )
      .all({
        ...base,
        match,
        pool: JSON.stringify([...pool.keys()]),
        limit: offset + limit - Math.max(offset, ranked.length),
        offset: Math.max(0, offset - ranked.length),
      }) as Array<{ id: number }>;
    pageIds = [...pageIds, ...deeper.map((r) => r.id)];
  }
  return { hits: hitsFor(scope, pageIds, match), total, totalExact };
}

/** What `searchCandidates` finds: the count (capped), the pool with its signals, and its kind. */
export interface CandidatePool {
  total: number;
  totalExact: boolean;
  candidates: Candidate[];
  /** Pool id → relevance. */
  pool: Map<number, number>;
  /** More than `BROAD_MATCHES` matches: ranked by the signals and date, not BM25. */
  broad: boolean;
}

/**
 * The pool a search reranks: the best `POOL` by bm25 (title weighted `weights.title`) and the best
 * holding the typed sequence as a phrase, each with its signals; for a broad search, the newest
 * matches, title matches and phrase matches (see `BROAD_MATCHES`). Exported for the quality
 * bench, which tries weights on its tuning queries.
 */
export function searchCandidates(
  scope: Pick<Scope, 'prepare'>,
  request: SearchRequest,
  weights: RankWeights = RANK_WEIGHTS,
): CandidatePool {
  const filtered = hasFilters(request);
  const base = { ...(filtered ? filterValues(request) : {}), titleWeight: weights.title };
  const match = ftsExpression(request.terms);
  const ids = (sql: string, params: object) =>
    new Set((scope.prepare(sql).all(params) as Array<{ id: number }>).map((r) => r.id));

  // How many match, up to COUNT_LIMIT (and, for a broad search, how far back its lists read).
  const newestOf = (cap: number) =>
    scope
      .prepare(
        `SELECT COUNT(*) AS n, MIN(id) AS floor FROM
           (SELECT f.rowid AS id ${from(filtered)} ORDER BY f.rowid DESC LIMIT @cap)`,
      )
      .get({ ...base, match, cap }) as { n: number; floor: number | null };
  const counted = newestOf(COUNT_LIMIT + 1);
  const total = Math.min(counted.n, COUNT_LIMIT);
  const totalExact = counted.n <= COUNT_LIMIT;
  const pool = new Map<number, number>();
  if (total === 0) return { total, totalExact, candidates: [], pool, broad: false };
  const broad =
    counted.n > BROAD_MATCHES ||
    [...request.terms.include, ...request.terms.exclude].some((p) => {
      const probe =
        'SELECT COUNT(*) AS n FROM (SELECT 1 FROM story_search WHERE story_search MATCH ? LIMIT ?)';
      return (scope.prepare(probe).get(phrase(p), COMMON_PHRASE + 1) as { n: number }).n > COMMON_PHRASE;
    });

  // Stories holding the typed words side by side, newest first (a phrase query ranked by bm25
  // would read every story holding its words, common ones included, for its IDF).
  const sequence = hasSequence(request.terms) ? `(${match}) AND ${phrase(request.terms.sequence)}` : null;
  // Newest first, over the newest BROAD_WINDOW matches at most for a broad search.
  const newest = `SELECT f.rowid AS id ${from(filtered)} AND f.rowid >= @floor ORDER BY f.rowid DESC LIMIT @limit`;
  const at = { ...base, floor: broad ? (newestOf(BROAD_WINDOW).floor ?? 0) : 0, limit: POOL };
  const inPhrase = sequence ? ids(newest, { ...at, match: sequence }) : new Set<number>();
  if (broad) {
    for (const id of ids(newest, { ...at, match })) pool.set(id, 0);
    for (const id of ids(newest, { ...at, match: titleExpression(request.terms) })) pool.set(id, 0);
    for (const id of inPhrase) pool.set(id, 0);
  } else {
    const top = `SELECT f.rowid AS id, ${RANK} AS rank ${from(filtered)} ORDER BY rank LIMIT @limit`;
    for (const r of scope.prepare(top).all({ ...base, match, limit: POOL }) as Array<{
      id: number;
      rank: number;
    }>) {
      pool.set(r.id, -r.rank);
    }
    // Those below the bm25 pool enter it at its weakest relevance (their bm25 is at most that),
    // with the bonus.
    const weakest = Math.min(...pool.values());
    for (const id of inPhrase) if (!pool.has(id)) pool.set(id, weakest);
  }
  const titles = scope
    .prepare('SELECT id, title FROM stories WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify([...pool.keys()])) as Array<{ id: number; title: string }>;
  const inTitle = new Set(titles.filter((t) => allInTitle(t.title, request.terms.include)).map((t) => t.id));
  const candidates = [...pool].map(
    ([id, relevance]): Candidate => ({ id, relevance, phrase: inPhrase.has(id), inTitle: inTitle.has(id) }),
  );
  return { total, totalExact, candidates, pool, broad };
}

function hitsFor(scope: Scope, ids: number[], match: string): SearchHit[] {
  if (ids.length === 0) return [];
  const rows = scope
    .prepare(
      `SELECT ${HIT_COLUMNS} FROM story_search f JOIN stories s ON s.id = f.rowid
       WHERE story_search MATCH @match AND f.rowid IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ match, ids: JSON.stringify(ids) }) as HitRow[];
  return hitsInOrder(ids, rows);
}
