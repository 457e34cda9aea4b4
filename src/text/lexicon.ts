/**
 * What the text analysis asks of a dictionary. `text/` defines it and never opens a dictionary:
 * lingwire's ECDICT index (`dictionary/`) implements it, a test can hand in a `Map`-backed one.
 */

import type { Band } from './bands.js';

/** What the text analysis needs to know about a word, cheaply (no entry text). */
export interface WordInfo {
  /** Headword of the lemma's entry (`discuss`, `Russia`): what a reader opens. */
  entryKey: string;
  /** Lower-case lemma (`discuss`, `russia`). */
  lemma: string;
  /** Vocabulary band of the lemma; null when the lexicon has none. */
  band: Band | null;
  /** The headword is capitalised (`Russia`, `Munich`, `UN`): a name. */
  nameLike: boolean;
  /** General vocabulary: the word or its lemma is on an exam list, has Collins stars or the Oxford mark. */
  general: boolean;
  /** The lemma's frequency rank, 1 = most frequent; 0 when unknown. */
  rank: number;
  /** The lemma is in the Oxford 3000 core vocabulary. */
  oxford: boolean;
  /**
   * What the lexicon says the written form can be, as `POS_HINT` bits (`pos.ts`): the parts of
   * speech its entries list and which inflection it is. Absent or 0 when the lexicon has no idea.
   */
  posHint?: number;
  /**
   * The headword of the written form's own entry when it is an inflected form with a sense of its
   * own (`meeting` 会议 beside `meet`, `found` 建立 beside `find`); absent otherwise.
   */
  ownEntryKey?: string;
  /** `POS_HINT` bits of that own sense's lines (`meeting` → noun); absent without `ownEntryKey`. */
  ownPosHint?: number;
}

/** A node of a phrase trie: children by next word, and the phrase ending here if any. */
export interface PhraseNode {
  /** Next words (lower-case; `one's` and `oneself` stand for any possessive / reflexive). */
  next: Map<string, PhraseNode>;
  /** Key of a phrase that ends at this node (`pay off`), with its headword. */
  phrase?: { key: string; word: string };
}

/** A dictionary as the text analysis sees it. Implementations should cache: both are called per token. */
export interface Lexicon {
  /** Facts about a written form (`Discussed`, `Russia's`, `cease-fire`), or `null` if unknown. */
  wordInfo(word: string): WordInfo | null;
  /** Trie of the phrases whose first word is `first` (lower case), or `undefined` if none start with it. */
  phrasesStartingWith(first: string): PhraseNode | undefined;
}
