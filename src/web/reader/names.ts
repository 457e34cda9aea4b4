/**
 * Which words of a story are names, and of what kind (`data-n` on the page: person, place,
 * organization, unknown). A word is a name when the analysis took it for one (`properNoun`) and the
 * tagger did not use it as an adjective, verb or adverb (`Russian` in "Russian President" is the
 * adjective 俄国的, looked up as a word but still never marked). The kind comes from the words around
 * it and from ECDICT (`text/names.ts`, `dictionary/names.ts`).
 */
import type { ReaderParagraph, ReaderWord } from '../../articles/story-analysis.js';
import { nameOfEntry } from '../../dictionary/names.js';
import type { Dictionary } from '../../dictionary/types.js';
import { type NameKind, nameKinds } from '../../text/names.js';

const NOT_A_NAME_USE = new Set(['ADJ', 'VERB', 'AUX', 'ADV']);

/** Whether the reader shows this word as a name. */
export function isNameWord(word: ReaderWord): boolean {
  return word.properNoun && !(word.pos !== null && NOT_A_NAME_USE.has(word.pos));
}

/** The kind of every name in the story, by word. */
export function storyNameKinds(
  paragraphs: readonly ReaderParagraph[],
  dictionary: Pick<Dictionary, 'lookup'>,
): Map<ReaderWord, NameKind> {
  const sentences = paragraphs.flatMap(({ text, sentences }) =>
    sentences.map((s) =>
      s.words.map((w) => ({ word: w, text: text.slice(w.start, w.end), name: isNameWord(w) })),
    ),
  );
  const entries = new Map<string, ReturnType<Dictionary['lookup']>>();
  const entryOf = (text: string) => {
    if (!entries.has(text)) entries.set(text, dictionary.lookup(text));
    return entries.get(text) ?? null;
  };
  const kinds = nameKinds(
    sentences,
    (text) => {
      const entry = entryOf(text);
      return entry ? (nameOfEntry(entry)?.kind ?? null) : null;
    },
    (text) => entryOf(text) !== null,
  );
  const out = new Map<ReaderWord, NameKind>();
  sentences.forEach((words, s) => {
    words.forEach(({ word }, i) => {
      const kind = kinds[s]?.[i];
      if (kind) out.set(word, kind);
    });
  });
  return out;
}
