/**
 * Search on PostgreSQL: `stories.search_document` (migration 6), a generated `tsvector` of the
 * title (weight A) and the text (weight B) under the `english` configuration (Snowball stemmer),
 * with a GIN index. The same steps as SQLite's (`sqlite/search.ts`): count, the best `POOL` by
 * `ts_rank_cd` (title weighted as `RANK_WEIGHTS.title`), the best `POOL` holding the typed
 * sequence as a phrase, then the shared rerank; snippets from `ts_headline`, for the page only.
 * Closeness of the words is in `ts_rank_cd` itself (cover density).
 */
import {
  type Candidate,
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
  type SearchHit,
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

async function search(scope: Scope, request: SearchRequest): Promise<{ hits: SearchHit[]; total: number }> {
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

  const [count] = await scope.read<{ n: number }>(
    'search.searchStories',
    `${q} SELECT COUNT(*)::integer AS n FROM stories s, q WHERE ${where}`,
    params,
  );
  const total = count!.n;
  if (total === 0) return { hits: [], total };

  const candidates = `${q} SELECT s.id, ts_rank_cd(${WEIGHTS}, s.search_document, q.query) AS relevance,
      (q.seq <> ''::tsquery AND s.search_document @@ q.seq) AS phrase,
      (ts_filter(s.search_document, '{a}') @@ q.words) AS in_title
    FROM stories s, q WHERE ${where}`;
  type Row = { id: number; relevance: number; phrase: boolean; in_title: boolean };
  const top = await scope.read<Row>(
    'search.searchStories',
    `${candidates} ORDER BY relevance DESC, s.id DESC LIMIT ${POOL}`,
    params,
  );
  const pool = new Map(top.map((r) => [r.id, r]));
  if (hasSequence(request.terms)) {
    const phrased = await scope.read<Row>(
      'search.searchStories',
      `${candidates} AND s.search_document @@ q.seq ORDER BY relevance DESC, s.id DESC LIMIT ${POOL}`,
      params,
    );
    for (const r of phrased) if (!pool.has(r.id)) pool.set(r.id, r);
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
    const deeper = await scope.read<{ id: number }>(
      'search.searchStories',
      `${candidates} AND NOT (s.id = ANY($${n + 1}::integer[]))
       ORDER BY relevance DESC, s.id DESC LIMIT $${n + 2} OFFSET $${n + 3}`,
      [
        ...params,
        [...pool.keys()],
        offset + limit - Math.max(offset, ranked.length),
        Math.max(0, offset - ranked.length),
      ],
    );
    ids = [...ids, ...deeper.map((r) => r.id)];
  }
  if (ids.length === 0) return { hits: [], total };

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
  return { hits: hitsInOrder(ids, rows), total };
}
