/** A story slot with its score. */
export interface Candidate {
  slot: number;
  score: number;
}

/**
 * About the `k` best of `slots[0..count)` by `scores[slot]`, unordered: every slot scoring above the
 * k-th best bucket of a 256-bucket histogram (so between k and k plus one bucket's worth). Two
 * sequential passes and no heap: on a large archive the candidate set runs to tens of thousands and
 * a heap per slot was the slowest step of a query.
 */
export function bestSlots(slots: Int32Array, count: number, scores: Float32Array, k: number): Candidate[] {
  if (count <= k) return Array.from(slots.subarray(0, count), (slot) => ({ slot, score: scores[slot]! }));
  let max = 0;
  for (let i = 0; i < count; i++) max = Math.max(max, scores[slots[i]!]!);
  const buckets = new Int32Array(256);
  const scale = max > 0 ? 255.999 / max : 0;
  for (let i = 0; i < count; i++) buckets[Math.floor(scores[slots[i]!]! * scale)]!++;
  let kept = 0;
  let bucket = 255;
  while (bucket > 0 && kept + buckets[bucket]! < k) kept += buckets[bucket--]!;
  const threshold = bucket / scale;
  const out: Candidate[] = [];
  for (let i = 0; i < count; i++) {
    const score = scores[slots[i]!]!;
    if (score >= threshold) out.push({ slot: slots[i]!, score });
  }
  // Many equal scores can crowd one bucket; then sort and cut to k.
  return out.length > 2 * k ? out.sort((a, b) => b.score - a.score).slice(0, k) : out;
}
