/**
 * The story's vocabulary list: each word worth learning once, in order of first appearance, with
 * phonetic and the first Chinese meaning of the part of speech it has where it first appears
 * (*implemented* → `vt. 实现`, not ECDICT's first line `n. 工具`), linked to that sentence. A select above
 * it (client side) hides the bands below the one chosen; without JavaScript every word shows.
 */
import type { ReaderParagraph } from '../../articles/story-analysis.js';
import type { Dictionary } from '../../dictionary/index.js';
import { LEVEL_NAMES } from '../../text/bands.js';
import type { Upos } from '../../text/pos.js';
import { contentPos } from './story-text.js';

/** Lowest band level listed: 中考 and 高考 words (levels 1–2) are left out. */
export const VOCABULARY_MIN_LEVEL = 3;
/** The band the list starts at until the reader picks another: CET-6 and above. */
export const VOCABULARY_DEFAULT_LEVEL = 4;

/**
 * How both level selectors name a level: "X以上" includes X (四级以上 marks and lists 四级 words
 * too); 9, the words on no list and rarer than 20,000, is 超纲词.
 */
export function levelChoice(level: number): string {
  return level >= 9 ? `${LEVEL_NAMES[9]}词` : `${LEVEL_NAMES[level]}以上`;
}

export interface VocabularyItem {
  entryKey: string;
  written: string;
  level: number;
  phonetic: string;
  meaning: string;
  sentenceId: string;
  /** Part of speech where the word first appears (orders the popup's meanings too); null if none. */
  pos: Upos | null;
}

export function collectVocabulary(paragraphs: ReaderParagraph[], dictionary: Dictionary): VocabularyItem[] {
  const seen = new Set<string>();
  const items: VocabularyItem[] = [];
  for (const { sentences } of paragraphs) {
    for (const sentence of sentences) {
      for (const word of sentence.words) {
        if (word.properNoun || !word.entryKey || word.level < VOCABULARY_MIN_LEVEL || seen.has(word.entryKey))
          continue;
        seen.add(word.entryKey);
        const entry = dictionary.lookup(word.entryKey, { pos: word.pos });
        if (!entry) continue;
        const first = entry.translations[0];
        items.push({
          entryKey: word.entryKey,
          written: entry.lemma,
          level: word.level,
          phonetic: entry.phonetic,
          meaning: first ? `${first.pos ? `${first.pos} ` : ''}${first.text}` : '',
          sentenceId: `s${sentence.index}`,
          pos: contentPos(word.pos),
        });
      }
    }
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
                {levelChoice(level)}
              </option>
            ))}
          </select>
        </label>{' '}
        <span class="vocab-count" />
      </p>
      <ol class="vocab-list" data-min={String(VOCABULARY_MIN_LEVEL)}>
        {items.map((item) => (
          <li data-r={String(item.level)}>
            <a
              href={`#${item.sentenceId}`}
              class="vocab-word"
              lang="en"
              data-k={item.entryKey}
              data-p={item.pos ?? undefined}
            >
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
