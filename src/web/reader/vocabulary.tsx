/**
 * The story's vocabulary list: each word worth learning once, in order of first appearance, with
 * phonetic and first Chinese meaning, linked to the sentence it first appears in. A select above
 * it (client side) hides the bands below the one chosen; without JavaScript every word shows.
 */
import type { Dictionary } from '../../dictionary/index.js';
import { bandLevel, LEVEL_NAMES } from '../../text/bands.js';
import type { ReadableParagraph } from './story-text.js';

/** Lowest band level listed: 中考 and 高考 words (levels 1–2) are left out. */
export const VOCABULARY_MIN_LEVEL = 3;
/** The band the list starts at until the reader picks another: CET-6 and above. */
export const VOCABULARY_DEFAULT_LEVEL = 4;

export interface VocabularyItem {
  entryKey: string;
  written: string;
  level: number;
  phonetic: string;
  meaning: string;
  sentenceId: string;
}

export function collectVocabulary(paragraphs: ReadableParagraph[], dictionary: Dictionary): VocabularyItem[] {
  const seen = new Set<string>();
  const items: VocabularyItem[] = [];
  let sentenceBase = 0;
  for (const { analysis } of paragraphs) {
    for (const token of analysis.tokens) {
      if (token.kind !== 'word' || token.properNoun || !token.entryKey || !token.band) continue;
      const level = bandLevel(token.band);
      if (level < VOCABULARY_MIN_LEVEL || seen.has(token.entryKey)) continue;
      seen.add(token.entryKey);
      const entry = dictionary.lookup(token.entryKey);
      if (!entry) continue;
      const first = entry.translations[0];
      items.push({
        entryKey: token.entryKey,
        written: entry.lemma,
        level,
        phonetic: entry.phonetic,
        meaning: first ? `${first.pos ? `${first.pos} ` : ''}${first.text}` : '',
        sentenceId: `s${sentenceBase + token.sentenceIndex}`,
      });
    }
    sentenceBase += analysis.sentences.length;
  }
  return items;
}

export function VocabularyList({ items }: { items: VocabularyItem[] }) {
  if (items.length === 0) return null;
  return (
    <section class="vocab" aria-labelledby="vocab-heading">
      <h2 id="vocab-heading">
        生词表{' '}
        <span class="name-en" lang="en">
          Vocabulary
        </span>
      </h2>
      <p class="vocab-controls">
        <label>
          显示{' '}
          <select class="vocab-level" aria-label="生词表显示的最低级别">
            {[3, 4, 5, 6, 7, 8, 9].map((level) => (
              <option value={String(level)} selected={level === VOCABULARY_DEFAULT_LEVEL}>
                {LEVEL_NAMES[level]}及以上
              </option>
            ))}
          </select>
        </label>{' '}
        <span class="vocab-count" />
      </p>
      <ol class="vocab-list" data-min={String(VOCABULARY_MIN_LEVEL)}>
        {items.map((item) => (
          <li data-r={String(item.level)}>
            <a href={`#${item.sentenceId}`} class="vocab-word" lang="en" data-k={item.entryKey}>
              {item.written}
            </a>{' '}
            {item.phonetic && <span class="phonetic">/{item.phonetic}/</span>}{' '}
            <span class="meaning">{item.meaning}</span>{' '}
            <span class={`band band-${item.level}`}>{LEVEL_NAMES[item.level]}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
