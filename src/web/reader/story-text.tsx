/**
 * The story body with reader markup, rendered on the server from the analysis stored with the
 * story (`articles/story-analysis.ts`), so the browser never tokenizes and a page view never
 * analyses: every sentence is a `.s` span (read aloud highlights it; the vocabulary list jumps to
 * it) and every word a `.w` span carrying what the client needs without asking: the dictionary
 * entry to open (`data-k`), its band level for exam marking (`data-r`, 1 = 中考 … 9 = rarer than
 * GRE), a phrase it belongs to (`data-ph`), and its part of speech in the sentence when it is a
 * noun, verb, adjective or adverb (`data-p`, a UPOS tag: the popup asks for that part of speech's
 * meanings first). Proper nouns get `.pn` and are never marked; a name gets its kind (`data-n`:
 * person, place, organization, unknown; see `names.ts`), and the popup shows it as a name.
 *
 * Keyboard: the body is one tab stop (roving tabindex); arrows move between words.
 */
import type { ComponentChildren } from 'preact';
import type { ReaderParagraph, ReaderWord } from '../../articles/story-analysis.js';
import type { NameKind } from '../../text/names.js';
import { posClassOf, type Upos } from '../../text/pos.js';

/** The tag worth sending with a lookup: a content word's (NOUN, VERB, AUX, ADJ, ADV); null otherwise. */
export function contentPos(pos: Upos | null): Upos | null {
  return pos !== null && pos !== 'PROPN' && posClassOf(pos) !== 'other' ? pos : null;
}

/** Sentence ids run through the whole story: `s0`, `s1`, … */
export function StoryText({
  paragraphs,
  names,
}: {
  paragraphs: ReaderParagraph[];
  names?: ReadonlyMap<ReaderWord, NameKind>;
}) {
  let firstWord = true;
  return (
    <div class="story-body reader" lang="en" data-mark="0">
      {paragraphs.map(({ text, sentences }) => {
        const children: ComponentChildren[] = [];
        let covered = 0;
        for (const sentence of sentences) {
          if (sentence.start > covered) children.push(text.slice(covered, sentence.start));
          const parts: ComponentChildren[] = [];
          let at = sentence.start;
          for (const word of sentence.words) {
            if (word.start > at) parts.push(text.slice(at, word.start));
            parts.push(
              <span
                class={word.properNoun ? 'w pn' : 'w'}
                tabIndex={firstWord ? 0 : -1}
                data-k={word.entryKey ?? undefined}
                data-r={word.level > 0 && !word.properNoun ? word.level : undefined}
                data-ph={word.phrase ?? undefined}
                data-p={contentPos(word.pos) ?? undefined}
                data-n={names?.get(word)}
              >
                {text.slice(word.start, word.end)}
              </span>,
            );
            firstWord = false;
            at = word.end;
          }
          if (sentence.end > at) parts.push(text.slice(at, sentence.end));
          children.push(
            <span class="s" id={`s${sentence.index}`}>
              {parts}
            </span>,
          );
          covered = sentence.end;
        }
        if (covered < text.length) children.push(text.slice(covered));
        return <p>{children}</p>;
      })}
    </div>
  );
}
