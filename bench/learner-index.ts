/**
 * 为我推荐's index alone at real sizes, no database or HTTP: 100,000 synthetic stories (250–450
 * running words drawn Zipf-like from 40,000 lemma numbers) and a learner who knows the 30,000 most
 * frequent. Times summing the learner's totals from the postings, the list with totals kept (the
 * typical range, which stops at 20 stories, and a range no story fits), and the list right after a
 * frequent word changed, beside the previous way measured in this run: every story's distinct
 * lemmas scanned against the learner's flags on each request (one contiguous pass).
 *
 *   npx tsx bench/learner-index.ts [--stories 100000] [--known 30000]
 */
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { seededRandom } from '../src/core/random.js';
import { StoryLemmaIndex } from '../src/learner/story-lemma-index.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const STORIES = arg('stories', 100_000);
const KNOWN = arg('known', 30_000);
const VOCAB = 40_000;
const RUNS = 30;

function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`;
}

const random = seededRandom(14);
const draw = () => Math.min(VOCAB - 1, Math.floor(Math.exp(random() * Math.log(VOCAB))) - 1);
const names = Array.from({ length: VOCAB }, (_, i) => `w${i}`);

const index = new StoryLemmaIndex();
// The previous layout: each story's distinct lemmas and counts end to end, newest first.
const flatLemmas: number[] = [];
const flatCounts: number[] = [];
const starts: number[] = [0];
const running: number[] = [];
let t0 = performance.now();
for (let n = 0; n < STORIES; n++) {
  const words = Array.from({ length: 250 + Math.floor(random() * 200) }, draw);
  index.add(
    n + 1,
    new Date(Date.UTC(2016, 0, 1) + n * 3_600_000).toISOString(),
    words.map((w) => names[w]!),
  );
}
index.compact();
console.log(`index of ${STORIES} stories built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
// The same stories again for the baseline (same seed), newest first.
const random2 = seededRandom(14);
const draw2 = () => Math.min(VOCAB - 1, Math.floor(Math.exp(random2() * Math.log(VOCAB))) - 1);
const perStory: Array<Map<number, number>> = [];
for (let n = 0; n < STORIES; n++) {
  const counts = new Map<number, number>();
  const length = 250 + Math.floor(random2() * 200);
  for (let i = 0; i < length; i++) {
    const w = draw2();
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  perStory.push(counts);
}
for (let n = STORIES - 1; n >= 0; n--) {
  let r = 0;
  for (const [w, c] of perStory[n]!) {
    flatLemmas.push(w);
    flatCounts.push(c);
    r += c;
  }
  starts.push(flatLemmas.length);
  running.push(r);
}
perStory.length = 0;
const lemmas = Int32Array.from(flatLemmas);
const counts = Uint16Array.from(flatCounts);
const startsA = Uint32Array.from(starts);
const knownNumbers = Array.from({ length: KNOWN }, (_, i) => i);
const baselineFlags = new Uint8Array(VOCAB);
for (const w of knownNumbers) baselineFlags[w] = 1;

const flags = index.knownFlags(knownNumbers.map((w) => names[w]!));
const timeIt = (work: () => unknown) => {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t0 = performance.now();
    work();
    out.push(performance.now() - t0);
  }
  return out;
};
const previous = (min: number, max: number) => {
  let found = 0;
  for (let s = 0; s < running.length; s++) {
    let k = 0;
    for (let i = startsA[s]!; i < startsA[s + 1]!; i++) if (baselineFlags[lemmas[i]!] === 1) k += counts[i]!;
    const share = k / running[s]!;
    if (share >= min && share <= max && ++found >= 20) break;
  }
  return found;
};
console.log(`learner: ${KNOWN} known lemmas (the most frequent of ${VOCAB})`);
// Where the time of a slow sum goes: garbage collection (pauses observed meanwhile) or the
// machine's other work (wall time well above this process's CPU time).
const gcPauses: number[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push(entry.duration);
});
gcObserver.observe({ entryTypes: ['gc'] });
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
const totalsTimes = timeIt(() => index.knownTotals(flags));
const totalsWall = performance.now() - wallBefore;
const totalsCpu = process.cpuUsage(cpuBefore);
await new Promise((resolve) => setTimeout(resolve, 10));
gcObserver.disconnect();
console.log(
  `learner's totals summed from the postings (first list, or after new stories): ${stats(totalsTimes)}`,
);
console.log(
  `  ${RUNS} sums: wall ${totalsWall.toFixed(0)} ms, CPU ${((totalsCpu.user + totalsCpu.system) / 1000).toFixed(0)} ms; garbage collection meanwhile ${gcPauses.length} pauses, ${gcPauses.reduce((a, b) => a + b, 0).toFixed(1)} ms (longest ${Math.max(0, ...gcPauses).toFixed(1)} ms); ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} load`,
);
const totals = index.knownTotals(flags);
console.log(
  `list with kept totals, 90–98 %:       ${stats(timeIt(() => index.newestInRange(flags, 0.9, 0.98, 20, 0, totals)))}`,
);
console.log(
  `list with kept totals, no story fits: ${stats(timeIt(() => index.newestInRange(flags, 0, 0.0001, 20, 0, totals)))}`,
);
// A word changes (a frequent one: many stories use it), then the list.
let flip = 0;
const afterChange = timeIt(() => {
  const id = index.lemmaId(names[flip % 50]!)!;
  const nowKnown = flags[id] !== 1;
  flags[id] = nowKnown ? 1 : 0;
  index.applyChange(totals, id, nowKnown);
  flip++;
  return index.newestInRange(flags, 0, 0.0001, 20, 0, totals);
});
console.log(`a frequent word changed, then the list (no story fits): ${stats(afterChange)}`);
console.log(`previous scan, 90–98 %:     ${stats(timeIt(() => previous(0.9, 0.98)))}`);
console.log(`previous scan, no story fits: ${stats(timeIt(() => previous(0, 0.0001)))}`);
const beginner = index.knownFlags(knownNumbers.slice(0, 500).map((w) => names[w]!));
console.log(
  `a beginner (500 known): totals summed afresh, then the list (no story fits): ${stats(timeIt(() => index.newestInRange(beginner, 0.999, 1, 20)))}`,
);
// New stories wait in the pending list; compacting folds them into the postings.
for (let n = STORIES; n < STORIES + 2000; n++) {
  const words = Array.from({ length: 250 + Math.floor(random() * 200) }, draw);
  index.add(
    n + 1,
    new Date(Date.UTC(2016, 0, 1) + n * 3_600_000).toISOString(),
    words.map((w) => names[w]!),
  );
}
const withPending = index.knownTotals(flags);
console.log(
  `2,000 stories pending: the list with kept totals, no story fits: ${stats(timeIt(() => index.newestInRange(flags, 0, 0.0001, 20, 0, withPending)))}`,
);
// What the web thread does after topping up (sealing them into a segment of their own), against
// rebuilding every story's postings (what a list did before when 2,000 were pending).
const sealTimes: number[] = [];
const afterSeal: number[] = [];
for (let i = 0; i < 10; i++) {
  for (let n = 0; n < 500; n++) {
    const words = Array.from({ length: 250 + Math.floor(random() * 200) }, draw);
    const id = STORIES + 2000 + i * 500 + n + 1;
    index.add(
      id,
      new Date(Date.UTC(2016, 0, 1) + id * 3_600_000).toISOString(),
      words.map((w) => names[w]!),
    );
  }
  t0 = performance.now();
  index.seal();
  sealTimes.push(performance.now() - t0);
  t0 = performance.now();
  index.newestInRange(flags, 0, 0.0001, 20, 0, index.knownTotals(flags));
  afterSeal.push(performance.now() - t0);
}
console.log(
  `sealing 500 new stories into a segment (10 times; ${index.segmentCount} segments): ${stats(sealTimes)}`,
);
console.log(`  then the learner's totals afresh and the list (no story fits): ${stats(afterSeal)}`);
const compactTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  index.compact();
  compactTimes.push(performance.now() - t0);
}
console.log(`compacting ${index.size} stories' postings (the old way, on a list): ${stats(compactTimes)}`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB (both layouts held)`);
