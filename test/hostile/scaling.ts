/**
 * "No super-linear time on long input", measured so that a loaded machine does not make it flaky:
 * the same input shape at n and 4n characters (n = 400,000 by default: both sizes well past V8's
 * small-string fast paths, whose cost per character jumps as strings grow), each timed as the best
 * of interleaved runs. Linear work grows about 4× (on a loaded machine, with the heap growing, up to
 * 30× was seen); the check fails above 32× three times in a row, and, what catches a quadratic
 * parser first, over half a second at n/16 or a second at n fails at once. Under 250 ms at 4n is too short to tell and too
 * short to matter. Every super-linear parser found so far failed the second rule by far (`<rss`
 * repeated: 28 s at 160,000 characters).
 */
import { expect } from 'vitest';

const FLOOR_MS = 250;
const FACTOR = 4;
const MAX_RATIO = 32;
const SMALL_BUDGET_MS = 1000;
const PROBE_BUDGET_MS = 500;

/** Each run reads a fresh copy: V8 caches the results of splitting the very same string. */
function bestOf(make: () => string, parse: (input: string) => unknown, reps: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < reps; i++) {
    const input = make();
    const started = performance.now();
    parse(input);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** `make(k)` builds an input of about `k` characters; `parse` reads it. */
export function expectLinear(
  what: string,
  make: (chars: number) => string,
  parse: (input: string) => unknown,
  chars = 400_000,
): void {
  // A quadratic parser shows at a sixteenth of n already; checked first, so it fails in a second
  // rather than after minutes at n.
  const probeMs = bestOf(() => make(Math.ceil(chars / 16)), parse, 1);
  if (probeMs > PROBE_BUDGET_MS) {
    expect.fail(`${what}: ${Math.ceil(chars / 16)} chars took ${probeMs.toFixed(0)} ms`);
  }
  const small = () => make(chars);
  const large = () => make(chars * FACTOR);
  let last = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    let smallMs = bestOf(small, parse, 2);
    if (smallMs > SMALL_BUDGET_MS) {
      expect.fail(`${what}: ${chars} chars took ${smallMs.toFixed(0)} ms`);
    }
    let largeMs = bestOf(large, parse, 1);
    // Interleaved, so a burst of load elsewhere hits both sizes alike.
    smallMs = Math.min(smallMs, bestOf(small, parse, 2));
    if (largeMs >= FLOOR_MS && largeMs >= smallMs * MAX_RATIO)
      largeMs = Math.min(largeMs, bestOf(large, parse, 1));
    if (largeMs < FLOOR_MS || largeMs < smallMs * MAX_RATIO) return;
    last = `${what}: ${chars} chars took ${smallMs.toFixed(1)} ms, ${chars * FACTOR} chars ${largeMs.toFixed(1)} ms (${(largeMs / smallMs).toFixed(0)}×; linear is about ${FACTOR}×)`;
  }
  expect.fail(last);
}

/** `unit` repeated to about `chars` characters. */
export function repeated(unit: string): (chars: number) => string {
  return (chars) => unit.repeat(Math.max(1, Math.ceil(chars / Math.max(1, unit.length))));
}
