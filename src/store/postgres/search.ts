/**
 * Search on PostgreSQL: `stories.search_document` (migration 6), a generated `tsvector` of the
 * title (weight A) and the text (weight B) under the `english` configuration (Snowball stemmer),
 * with a GIN index. The same steps as SQLite's (`sqlite/search.ts`): count (up to `COUNT_LIMIT`),
 * the best `POOL` by `ts_rank_cd` (title weighted as `RANK_WEIGHTS.title`), the best `POOL`
 * holding the typed sequence as a phrase, then the shared rerank; a broad search (over
 * `BROAD_MATCHES`) the same three newest-first lists as SQLite's, with no ranking function;
 * snippets from `ts_headline`, for the page only.
 * Closeness of the words is in `ts_rank_cd` itself (cover density).
 */
import {
  BROAD_MATCHES,
  BROAD_WINDOW,
  type Candidate,
  COUNT_LIMIT,
  FAMILY_KEY,
  filterValues,
  type HitRow,
  hasSequence,
  hitsInOrder,
  POOL,
  RANK_WEIGHTS,
  rerank,
  VISIBLE_STORIES,
} from '../search-ranking.js';
import {
  type SearchPage,
  type SearchRepo,
  type SearchRequest,
  SNIPPET_CLOSE,
  SNIPPET_OPEN,
} from '../types.js';
import type { Scope } from './scope.js';

/** ts_rank_cd weights {D, C, B, A}: the title (A) `RANK_WEIGHTS.title` times the text (B). */
const WEIGHTS = `'{0.1, 0.1, ${(1 / RANK_WEIGHTS.title).toFixed(4)}, 1.0}'`;

const HEADLINE = `StartSel="${SNIPPET_OPEN}", StopSel="${SNIPPET_CLOSE}", MaxFragments=1, MaxWords=40, MinWords=20, FragmentDelimiter=" … "`;

/** SQL building a tsquery from bound phrases: `$n` placeholders in the order of `params`. */
class QueryText {
  readonly params: unknown[] = [];
  phrase(tokens: readonly string[]): string {
    this.params.push(tokens.join(' '));
    return `phraseto_tsquery('english', $${this.params.length})`;
  }
  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

export function postgresSearchRepo(scope: Scope): SearchRepo {
  return {
    searchStories: (request) => search(scope, request),
    rebuildSearchIndex() {
      // The document is a generated column: only the index can be rebuilt.
      return scope.write('search.rebuildSearchIndex', async (query) => {
        await query('REINDEX INDEX stories_search');
        const [row] = await query<{ n: number }>('SELECT COUNT(*)::integer AS n FROM stories');
        return row!.n;
      });
    },
  };
}

async function search(scope: Scope, request: SearchRequest): Promise<SearchPage> {
  const t = new QueryText();
  const words = request.terms.include.map((p) => t.phrase(p)).join(' && ');
  const exclude = request.terms.exclude.map((p) => `!!${t.phrase(p)}`);
  const seq = hasSequence(request.terms) ? t.phrase(request.terms.sequence) : `''::tsquery`;
  const termParams = t.params.length;
  const f = filterValues(request);
  const where = `s.search_document @@ q.query
    AND (${t.bind(f.section)}::integer IS NULL OR s.section_id = ${t.bind(f.section)}::integer)
    AND (${t.bind(f.from)}::text IS NULL OR s.sort_at >= ${t.bind(f.from)}::text)
    AND (${t.bind(f.before)}::text IS NULL OR s.sort_at < ${t.bind(f.before)}::text)
    AND (${t.bind(f.source)}::text IS NULL OR s.source = ${t.bind(f.source)}::text)
    AND (${t.bind(f.levels)}::text IS NULL OR s.level_band IN (SELECT jsonb_array_elements_text(${t.bind(f.levels)}::jsonb)))
    AND ${VISIBLE_STORIES}`;
  const q = `WITH q AS (SELECT ${[words, ...exclude].join(' && ')} AS query, ${words} AS words, ${seq} AS seq)`;
  const params = t.params;
  const n = params.length;

  // How many match, up to COUNT_LIMIT (and, for a broad search, how far back its lists read).
  const newestOf = async (cap: number) =>
    (
      await scope.read<{ n: number; floor: number | null }>(
        'search.searchStories',
        `${q} SELECT COUNT(*)::integer AS n, MIN(id) AS floor FROM
           (SELECT s.id FROM stories s, q WHERE ${where} ORDER BY s.id DESC LIMIT ${cap}) m`,
        params,
      )
    )[0];
  const count = await newestOf(COUNT_LIMIT + 1);
  const total = Math.min(count!.n, COUNT_LIMIT);
  const totalExact = count!.n <= COUNT_LIMIT;
  if (total === 0) return { hits: [], total, totalExact };
  // Broad: ts_rank_cd would read (and detoast) every match's document. No IDF here, so unlike
  // SQLite a common word in a narrow search costs nothing extra.
  const broad = count!.n > BROAD_MATCHES;

  const signals = `(q.seq <> ''::tsquery AND s.search_document @@ q.seq) AS phrase,
      (ts_filter(s.search_document, '{a}') @@ q.words) AS in_title
    FROM stories s, q WHERE ${where}`;
  const candidates = `${q} SELECT s.id, ts_rank_cd(${WEIGHTS}, s.search_document, q.query) AS relevance, ${signals}`;
  type Row = { id: number; relevance: number; phrase: boolean; in_title: boolean };
  const pool = new Map<number, Row>();
  if (broad) {
    // The newest matches, the newest with every part in the title, the newest holding the typed
    // sequence, over the newest BROAD_WINDOW matches at most; ranked by the signals and date.
    const floor = (await newestOf(BROAD_WINDOW))!.floor ?? 0;
    const newest = (extra: string) =>
      scope.read<Row>(
        'search.searchStories',
        `${q} SELECT s.id, 0 AS relevance, ${signals} AND s.id >= $${n + 1} ${extra}
         ORDER BY s.id DESC LIMIT ${POOL}`,
        [...params, floor],
      );
    const lists = [
      await newest(''),
      await newest(`AND ts_filter(s.search_document, '{a}') @@ q.words`),
      hasSequence(request.terms) ? await newest('AND s.search_document @@ q.seq') : [],
    ];
    for (const r of lists.flat()) pool.set(r.id, r);
  } else {
    const top = await scope.read<Row>(
      'search.searchStories',
      `${candidates} ORDER BY relevance DESC, s.id DESC LIMIT ${POOL}`,
      params,
    );
    for (const r of top) pool.set(r.id, r);
    if (hasSequence(request.terms)) {
      const phrased = await scope.read<Row>(
        'search.searchStories',
        `${candidates} AND s.search_document @@ q.seq ORDER BY relevance DESC, s.id DESC LIMIT ${POOL}`,
        params,
      );
      for (const r of phrased) if (!pool.has(r.id)) pool.set(r.id, r);
    }
  }
  const ranked = rerank(
    [...pool.values()].map(
      (r): Candidate => ({
        id: r.id,
        relevance: Number(r.relevance),
        phrase: r.phrase,
        inTitle: r.in_title,
      }),
    ),
  );
  const { limit, offset } = request;
  let ids = ranked.slice(offset, offset + limit).map((c) => c.id);
  if (offset + limit > ranked.length && total > ranked.length) {
    // Past the pool: plain relevance order of the rest (newest first for a broad search).
    const deeper = await scope.read<{ id: number }>(
      'search.searchStories',
      `${broad ? `${q} SELECT s.id FROM stories s, q WHERE ${where}` : candidates}
       AND NOT (s.id = ANY($${n + 1}::integer[]))
       ORDER BY ${broad ? '' : 'relevance DESC, '}s.id DESC LIMIT $${n + 2} OFFSET $${n + 3}`,
      [
        ...params,
        [...pool.keys()],
        offset + limit - Math.max(offset, ranked.length),
        Math.max(0, offset - ranked.length),
      ],
    );
    ids = [...ids, ...deeper.map((r) => r.id)];
  }
  if (ids.length === 0) return { hits: [], total, totalExact };

  const rows = await scope.read<HitRow>(
    'search.searchStories',
    `${q} SELECT s.id, s.slug, s.title, s.section_id, s.published_at, s.created_at, s.updated_at, s.dateline_place,
       s.dateline_month, s.dateline_day, s.dateline_agency, s.dateline_text, s.level_band, s.level_score,
       s.paragraphs::jsonb ->> 0 AS first_paragraph, s.source, s.external_id, ${FAMILY_KEY} AS family,
       ts_headline('english',
         (SELECT string_agg(value, E'\\n') FROM jsonb_array_elements_text(s.paragraphs::jsonb)),
         q.query, $${termParams + 2}) AS snippet
     FROM stories s, q WHERE s.id = ANY($${termParams + 1}::integer[])`,
    [...params.slice(0, termParams), ids, HEADLINE],
  );
  return { hits: hitsInOrder(ids, rows), total, totalExact };
}
