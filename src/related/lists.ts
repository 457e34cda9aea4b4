/**
 * The cached related lists of the engine (`engine.ts`): building a story's list from its ranked
 * candidates, and letting a new story enter an existing list. Both keep the rule of
 * `near-duplicates.ts`: a story's near-duplicates never appear in its list, and a list never holds
 * two near-duplicates of each other (the better-ranked one stays).
 */

import { isNearDuplicate } from './near-duplicates.js';
import type { StoryRecord } from './story-vectors.js';
import type { Candidate } from './top-k.js';

/** A story's related list by slot, best first, with the scores. */
export interface CachedList {
  slots: number[];
  scores: number[];
}

/**
 * Best-first candidates → a list of at most `limit` without the story itself (`self` slot, -1 if
 * not stored, or the same id), ids in `exclude`, its near-duplicates or twin entries.
 */
export function listOf(
  record: StoryRecord,
  self: number,
  ranked: readonly Candidate[],
  records: readonly (StoryRecord | null)[],
  limit: number,
  exclude: ReadonlySet<string>,
): CachedList {
  const list: CachedList = { slots: [], scores: [] };
  for (const candidate of ranked) {
    if (list.slots.length >= limit) break;
    const other = records[candidate.slot];
    if (!other || candidate.slot === self || other.id === record.id || exclude.has(other.id)) continue;
    if (isNearDuplicate(record.sketch, other.sketch)) continue;
    if (list.slots.some((s) => isNearDuplicate((records[s] as StoryRecord).sketch, other.sketch))) continue;
    list.slots.push(candidate.slot);
    list.scores.push(candidate.score);
  }
  return list;
}

/**
 * Puts `slot` (score `score`) into `list`, the list of `owner`, where it ranks: displacing a
 * near-duplicate twin it beats, never entering beside its owner's near-duplicate. True if `list` changed.
 */
export function enterList(
  list: CachedList,
  owner: StoryRecord,
  slot: number,
  score: number,
  records: readonly (StoryRecord | null)[],
  limit: number,
): boolean {
  const record = records[slot] as StoryRecord;
  const full = list.slots.length >= limit;
  if (full && score <= (list.scores[list.scores.length - 1] as number)) return false;
  if (isNearDuplicate(owner.sketch, record.sketch)) return false;
  const twin = list.slots.findIndex((other) =>
    isNearDuplicate((records[other] as StoryRecord).sketch, record.sketch),
  );
  if (twin >= 0) {
    if ((list.scores[twin] as number) >= score) return false;
    list.slots.splice(twin, 1);
    list.scores.splice(twin, 1);
  }
  let at = list.scores.findIndex((s) => s < score);
  if (at < 0) at = list.scores.length;
  list.slots.splice(at, 0, slot);
  list.scores.splice(at, 0, score);
  list.slots.length = Math.min(list.slots.length, limit);
  list.scores.length = list.slots.length;
  return true;
}
