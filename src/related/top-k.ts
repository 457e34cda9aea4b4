/** A story slot with its score. */
export interface Candidate {
  slot: number;
  score: number;
}

/**
 * The `k` best of `slots` by `scores[slot]`, best first, with a size-k min-heap over typed arrays:
 * O(n log k) and no allocation per slot (the candidate sets of a large archive run to tens of thousands).
 */
export function topSlots(slots: readonly number[], scores: Float32Array, k: number): Candidate[] {
  const size = Math.min(k, slots.length);
  if (size <= 0) return [];
  const heapSlots = new Int32Array(size);
  const heapScores = new Float32Array(size);
  let n = 0;
  const siftDown = (from: number) => {
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < n && heapScores[left]! < heapScores[least]!) least = left;
      if (right < n && heapScores[right]! < heapScores[least]!) least = right;
      if (least === i) return;
      const s = heapSlots[i]!;
      const v = heapScores[i]!;
      heapSlots[i] = heapSlots[least]!;
      heapScores[i] = heapScores[least]!;
      heapSlots[least] = s;
      heapScores[least] = v;
      i = least;
    }
  };
  for (const slot of slots) {
    const score = scores[slot]!;
    if (n < size) {
      let i = n++;
      heapSlots[i] = slot;
      heapScores[i] = score;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heapScores[parent]! <= heapScores[i]!) break;
        const s = heapSlots[i]!;
        const v = heapScores[i]!;
        heapSlots[i] = heapSlots[parent]!;
        heapScores[i] = heapScores[parent]!;
        heapSlots[parent] = s;
        heapScores[parent] = v;
        i = parent;
      }
    } else if (score > heapScores[0]!) {
      heapSlots[0] = slot;
      heapScores[0] = score;
      siftDown(0);
    }
  }
  const out: Candidate[] = [];
  for (let i = 0; i < n; i++) out.push({ slot: heapSlots[i]!, score: heapScores[i]! });
  return out.sort((a, b) => b.score - a.score);
}
