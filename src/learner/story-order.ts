/** Helpers of `StoryLemmaIndex`: stories in newest-first order, and finding a lemma in a segment. */

/** Where `value` is in the ascending `sorted`; -1 when it is not. */
export function indexOf(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Story numbers, newest first (by sort key, then by id). */
export function newestFirst(
  ids: readonly number[],
  sortKeys: readonly string[],
  alive: readonly boolean[],
): number[] {
  const order: number[] = [];
  for (let s = 0; s < ids.length; s++) if (alive[s]) order.push(s);
  return order.sort((a, b) => compareNewest(a, b, sortKeys, ids));
}

function compareNewest(a: number, b: number, sortKeys: readonly string[], ids: readonly number[]): number {
  const ka = sortKeys[a]!;
  const kb = sortKeys[b]!;
  return ka < kb ? 1 : ka > kb ? -1 : ids[b]! - ids[a]!;
}

/** Puts story `s` into `order` (newest first) where it belongs. */
export function insertNewestFirst(
  order: number[],
  s: number,
  sortKeys: readonly string[],
  ids: readonly number[],
): void {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareNewest(order[mid]!, s, sortKeys, ids) < 0) lo = mid + 1;
    else hi = mid;
  }
  order.splice(lo, 0, s);
}
