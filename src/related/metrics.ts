/**
 * Ranking quality with binary relevance, as the related-stories benchmark reports it.
 * `relevant[i]` says whether the i-th returned story is relevant (shares a label with the query).
 */

/** Share of the first k positions holding a relevant story (a short list counts its gaps as misses). */
export function precisionAt(relevant: readonly boolean[], k: number): number {
  if (k <= 0) return 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, relevant.length); i++) if (relevant[i]) hits++;
  return hits / k;
}

/**
 * Normalised discounted cumulative gain at k: DCG of the list over the DCG of an ideal list, which
 * holds min(k, totalRelevant) relevant stories first. 0 when nothing relevant exists.
 */
export function ndcgAt(relevant: readonly boolean[], k: number, totalRelevant: number): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, relevant.length); i++) if (relevant[i]) dcg += 1 / Math.log2(i + 2);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, totalRelevant); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}
