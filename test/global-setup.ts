/**
 * Runs once before the test workers start: makes sure the ECDICT index exists (npm install builds
 * it; a fresh checkout without it builds it here, about 15 s), so parallel test files never race
 * to build it.
 */
import { ensureDictionary } from '../src/dictionary/index.js';

export default function setup(): void {
  const started = Date.now();
  const path = ensureDictionary();
  const ms = Date.now() - started;
  if (ms > 2000)
    console.log(`[lingwire tests] built the dictionary index ${path} in ${(ms / 1000).toFixed(1)} s`);
}
