/**
 * The part-of-speech data and the measures the POS benches and the model training share: reading
 * the UD English Web Treebank (CoNLL-U, `../shared/data/pos/`), the sealed split, folds by
 * document, and the content-word accuracy.
 *
 * Data: Universal Dependencies English Web Treebank, dev split (CC BY-SA 4.0).
 *
 * The sealed split: every fifth document (in file order, so every genre is in it) is held out. It
 * was fixed before any feature was tried, and no choice (features, epochs) was made looking at it;
 * features were chosen on cross-validation inside the other four fifths.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lexicon } from '../src/text/lexicon.js';
import { isUpos, posClassOf, type Upos } from '../src/text/pos.js';
import type { TaggedSentence } from '../src/text/pos-tagger.js';

export const EWT_DEV = resolve(
  fileURLToPath(import.meta.url),
  '../../../shared/data/pos/en_ewt-ud-dev.conllu',
);

/** One treebank sentence: its text, its words with offsets into the text, their gold tags. */
export interface GoldSentence {
  doc: number;
  text: string;
  forms: string[];
  starts: number[];
  tags: Upos[];
}

/** Read a CoNLL-U file (multi-word token lines skipped: their parts carry the tags). */
export function readConllu(path: string): GoldSentence[] {
  const out: GoldSentence[] = [];
  let doc = -1;
  let current: GoldSentence | null = null;
  let at = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('# newdoc')) doc++;
    else if (line.startsWith('# text = ')) {
      current = { doc: Math.max(doc, 0), text: line.slice(9), forms: [], starts: [], tags: [] };
      at = 0;
    } else if (line.trim() === '') {
      if (current && current.forms.length > 0) out.push(current);
      current = null;
    } else if (current && !line.startsWith('#')) {
      const cols = line.split('\t');
      if (!/^\d+$/.test(cols[0] ?? '')) continue;
      const form = cols[1] as string;
      const tag = cols[3] as string;
      const found = current.text.indexOf(form, at);
      const start = found >= 0 ? found : at;
      current.forms.push(form);
      current.starts.push(start);
      current.tags.push(isUpos(tag) ? tag : 'X');
      at = start + form.length;
    }
  }
  if (current && current.forms.length > 0) out.push(current);
  return out;
}

/** Sentences with hints from `lexicon`, ready for `trainPosModel` / `tagWords`. */
export function withHints(sentences: readonly GoldSentence[], lexicon: Lexicon): TaggedSentence[] {
  return sentences.map((s) => ({
    words: s.forms.map((text) => ({ text, hint: lexicon.wordInfo(text)?.posHint ?? 0 })),
    tags: s.tags,
  }));
}

/** Whether a sentence is in the sealed split (never looked at while choosing). */
export function isSealed(s: GoldSentence): boolean {
  return s.doc % 5 === 4;
}

/** Fold of a sentence for k-fold cross-validation by document. */
export function foldOf(s: GoldSentence, k: number): number {
  return Math.floor(s.doc / 5) % k;
}

/** Counts for the content-word measure: gold NOUN/VERB/AUX/ADJ/ADV words and how many got the right class. */
export interface ContentScore {
  total: number;
  right: number;
  /** All words and all right (full UPOS accuracy). */
  allTotal: number;
  allRight: number;
}

export function emptyScore(): ContentScore {
  return { total: 0, right: 0, allTotal: 0, allRight: 0 };
}

/**
 * Add one word to a score. The measure: of the words whose gold tag is NOUN, VERB, AUX, ADJ or ADV,
 * the share whose predicted coarse class (noun, verb with AUX, adjective, adverb) is the gold one;
 * a gold NOUN tagged PROPN is wrong, as a name's popup is handled apart.
 */
export function scoreWord(score: ContentScore, gold: Upos, predicted: Upos | null): void {
  score.allTotal++;
  if (gold === predicted) score.allRight++;
  if (gold === 'PROPN') return;
  const goldClass = posClassOf(gold);
  if (goldClass === 'other') return;
  score.total++;
  if (predicted !== 'PROPN' && predicted !== null && posClassOf(predicted) === goldClass) score.right++;
}

export function addScores(a: ContentScore, b: ContentScore): ContentScore {
  return {
    total: a.total + b.total,
    right: a.right + b.right,
    allTotal: a.allTotal + b.allTotal,
    allRight: a.allRight + b.allRight,
  };
}

export const share = (right: number, total: number) => (total === 0 ? 0 : right / total);
