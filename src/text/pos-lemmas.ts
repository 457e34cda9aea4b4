/**
 * Tags an analysed text's tokens with their part of speech (`pos-tagger.ts`) and lets the lemma
 * follow it where an inflected form is also a word of its own:
 * - *meeting* as a NOUN is `meeting` (会议), as a VERB `meet`; *said* as an ADJ is `said`;
 * - *found* as a VERB is `find` ("they found it"), except after `to`, a modal or `do`, where only a
 *   base form can stand: "to found a company" → `found` (建立).
 * The lexicon says which forms have such a sense (`WordInfo.ownEntryKey`, `ownPosHint`). Band,
 * rank and the Oxford mark stay the lemma's, so the level model sees what it was fitted on.
 */

import { normalizeWord } from './lemmatize.js';
import type { Lexicon, WordInfo } from './lexicon.js';
import { POS_HINT, posClassOf, type Upos } from './pos.js';
import { type TaggedPiece, type TokenPiece, tokenPieces } from './pos-pieces.js';
import { type PosModel, type PosWord, tagWords } from './pos-tagger.js';
import type { Sentence } from './sentences.js';
import type { Token } from './tokenize.js';

/** Words after which a verb is in its base form (`to found`, `will found`, `did not found`). */
const BASE_FORM_BEFORE = new Set([
  'to',
  'will',
  'would',
  'shall',
  'should',
  'can',
  'could',
  'may',
  'might',
  'must',
  'do',
  'does',
  'did',
  "'ll",
]);

/** What this module reads and sets on an analysed token (`PosTarget` has it all). */
export interface PosTarget extends Token {
  pos: Upos | null;
  entryKey: string | null;
  lemma: string | null;
  /** The word pieces the tagger read, when there are several (`it` + `'s`; `well` + `known`). */
  parts?: TaggedPiece[];
}

/** A token's pieces as handed to the tagger: where they start in `words`, and which is the head. */
interface Placed {
  index: number;
  info: WordInfo | null;
  first: number;
  pieces: TokenPiece[];
  head: number;
}

const CLASS_BITS: Readonly<Record<string, number>> = {
  noun: POS_HINT.noun,
  verb: POS_HINT.verb,
  adj: POS_HINT.adj,
  adv: POS_HINT.adv,
};

/**
 * Sets `pos` on every non-space token (sentence by sentence) and moves the lemma and entry of
 * inflected forms with a sense of their own to that sense when the tag asks for it.
 */
export function tagPartsOfSpeech(
  tokens: PosTarget[],
  sentences: readonly Sentence[],
  lexicon: Lexicon,
  model: PosModel,
  lookupForm: (token: Token) => string,
): void {
  for (const sentence of sentences) {
    const placed: Placed[] = [];
    const words: PosWord[] = [];
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      const token = tokens[i] as PosTarget;
      if (token.kind === 'space') continue;
      if (token.kind !== 'word') {
        placed.push({ index: i, info: null, first: words.length, pieces: [], head: 0 });
        words.push({ text: token.text, hint: 0 });
        continue;
      }
      const form = lookupForm(token);
      const info = lexicon.wordInfo(form);
      // The tagger reads the pieces it was trained on (`pos-pieces.ts`): `it` + `'s`, `well` + `-` + `known`.
      const { pieces, head } = tokenPieces(token, form);
      placed.push({ index: i, info, first: words.length, pieces, head });
      pieces.forEach((piece, j) => {
        const hint =
          pieces.length === 1 || (j === head && piece.text === form)
            ? (info?.posHint ?? 0)
            : piece.word
              ? (lexicon.wordInfo(piece.text)?.posHint ?? 0)
              : 0;
        words.push({ text: piece.text, hint });
      });
    }
    const tags = tagWords(words, model);
    for (const { index, info, first, pieces, head } of placed) {
      const token = tokens[index] as PosTarget;
      const k = first + head;
      const tag = tags[k] as Upos;
      token.pos = tag;
      if (pieces.filter((p) => p.word).length > 1) {
        token.parts = pieces.flatMap((piece, j) =>
          piece.word
            ? [
                {
                  text: token.text.slice(piece.start - token.start, piece.end - token.start),
                  start: piece.start,
                  end: piece.end,
                  pos: tags[first + j] as Upos,
                  ...(piece.clitic ? { clitic: true as const } : {}),
                },
              ]
            : [],
        );
      } else if (token.parts) {
        delete token.parts;
      }
      if (token.kind !== 'word' || token.entryKey === null) continue;
      if (!info?.ownEntryKey || !info.ownPosHint) continue;
      const bit = CLASS_BITS[posClassOf(tag)] ?? 0;
      if (!(info.ownPosHint & bit)) continue;
      if (bit === POS_HINT.verb && !afterBaseFormWord(words, k)) continue;
      token.entryKey = info.ownEntryKey;
      token.lemma = normalizeWord(info.ownEntryKey);
    }
  }
}

/** Is word `k` right after `to`, a modal or `do` (allowing a `not` in between)? */
function afterBaseFormWord(words: readonly PosWord[], k: number): boolean {
  let j = k - 1;
  const prev = () => normalizeWord((words[j] as PosWord).text);
  if (j >= 0 && (prev() === 'not' || prev() === "n't" || prev() === 'never')) j--;
  if (j < 0) return false;
  const word = prev();
  // A contraction arrives as its base and clitic (`didn't` → `did` + `n't`), so it is covered by the set.
  return BASE_FORM_BEFORE.has(word);
}
