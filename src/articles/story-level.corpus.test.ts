/**
 * The shipped level model on real text, through the same path as import and `lingwire analyze`
 * (`readJsonl` → `analyzeStory`). Needs `shared/data/news/freely-licensed.jsonl` (CI has it;
 * skipped without). These are regression guards for the whole chain — tokenizer, dictionary
 * facts, tagger, phrases, features, constants — not the held-out figure: `bench/levels.ts` measures
 * that by nested cross-validation (82.8 %). The model was fitted on these texts, so a broken
 * feature or a dictionary change shows up here as a drop well below what the bench last printed
 * in-sample (87.3 % of texts at their bands, 124 of 125 articles ordered).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NEWS_DIR } from '../../test/shared-data.js';
import { openDictionary } from '../dictionary/index.js';
import { readJsonl } from '../ingest/sources/jsonl.js';
import { analyzeStory } from './story-level.js';

const CORPUS = join(NEWS_DIR, 'freely-licensed.jsonl');
const LEVELS = ['elementary', 'intermediate', 'advanced'];
/** OneStopEnglish level → the bands the site shows for it (the model's boundaries sit at A2|B1 and B1|B2). */
const BANDS_OF_LEVEL = [['A1', 'A2'], ['B1'], ['B2', 'C1', 'C2']];

describe.skipIf(!existsSync(CORPUS))('story levels on OneStopEnglish (../shared)', () => {
  const dictionary = openDictionary();
  afterAll(() => dictionary.close());

  async function rated() {
    const labels = new Map<string, { group: string; level: number }>();
    for (const line of readFileSync(CORPUS, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id: string; source?: string; group?: string; level?: string };
      const level = LEVELS.indexOf(r.level ?? '');
      if (r.source?.startsWith('OneStopEnglish') && r.group && level >= 0) {
        labels.set(r.id, { group: r.group, level });
      }
    }
    const out: { group: string; level: number; score: number | null; band: string | null }[] = [];
    for await (const record of readJsonl(CORPUS)) {
      if (!record.ok) continue;
      const label = labels.get(record.story.externalId ?? '');
      if (!label) continue;
      const { level } = analyzeStory(record.story.paragraphs, dictionary);
      out.push({ ...label, score: level.score, band: level.band });
    }
    return out;
  }

  it('shows most texts at the band of their written level, and orders the versions of almost every article', async () => {
    const texts = await rated();
    expect(texts.length).toBeGreaterThan(350);
    const right = texts.filter((t) => t.band !== null && BANDS_OF_LEVEL[t.level]?.includes(t.band)).length;
    expect(right / texts.length).toBeGreaterThan(0.82);

    const groups = new Map<string, (number | null)[]>();
    for (const t of texts) {
      const scores = groups.get(t.group) ?? [];
      scores[t.level] = t.score;
      groups.set(t.group, scores);
    }
    const complete = [...groups.values()].filter((s) =>
      [0, 1, 2].every((l) => s[l] !== undefined && s[l] !== null),
    );
    const ordered = complete.filter(
      (s) => (s[0] as number) < (s[1] as number) && (s[1] as number) < (s[2] as number),
    );
    expect(ordered.length / complete.length).toBeGreaterThan(0.95);
  }, 120_000);
});
