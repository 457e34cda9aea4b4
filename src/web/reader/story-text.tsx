/**
 * The story body with reader markup, rendered on the server so the browser never tokenizes:
 * every sentence is a `.s` span (read aloud highlights it; the vocabulary list jumps to it) and
 * every word a `.w` span carrying what the client needs without asking: the dictionary entry to
 * open (`data-k`), its band level for exam marking (`data-r`, 1 = 中考 … 9 = rarer than GRE),
 * and a phrase it belongs to (`data-ph`). Proper nouns get `.pn` and are never marked.
 *
 * Keyboard: the body is one tab stop (roving tabindex); arrows move between words.
 */
import type { ComponentChildren } from 'preact';
import type { Dictionary } from '../../dictionary/index.js';
import { type AnalyzedText, analyzeText } from '../../text/analyze.js';
import { bandLevel } from '../../text/bands.js';

/** One paragraph, analysed. */
export interface ReadableParagraph {
  text: string;
  analysis: AnalyzedText;
}

export function analyzeParagraphs(paragraphs: string[], dictionary: Dictionary): ReadableParagraph[] {
  return paragraphs.map((text) => ({
    text,
    analysis: analyzeText(text, dictionary, { lineBreaks: 'every' }),
  }));
}

/** Sentence ids run through the whole story: `s0`, `s1`, … */
export function StoryText({ paragraphs }: { paragraphs: ReadableParagraph[] }) {
  let sentenceNumber = 0;
  let firstWord = true;
  return (
    <div class="story-body reader" lang="en" data-mark="0">
      {paragraphs.map(({ text, analysis }) => {
        const phraseOf = new Map<number, string>();
        for (const phrase of analysis.phrases) {
          for (let i = phrase.tokenStart; i < phrase.tokenEnd; i++) phraseOf.set(i, phrase.entryKey);
        }
        const sentences = analysis.sentences.length > 0 ? analysis.sentences : [];
        const children: ComponentChildren[] = [];
        let covered = 0;
        for (const sentence of sentences) {
          if (sentence.start > covered) children.push(text.slice(covered, sentence.start));
          const parts: ComponentChildren[] = [];
          let plain = '';
          for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
            const token = analysis.tokens[i]!;
            if (token.kind !== 'word') {
              plain += token.text;
              continue;
            }
            if (plain) parts.push(plain);
            plain = '';
            parts.push(
              <span
                class={token.properNoun ? 'w pn' : 'w'}
                tabIndex={firstWord ? 0 : -1}
                data-k={token.entryKey ?? undefined}
                data-r={token.band && !token.properNoun ? bandLevel(token.band) : undefined}
                data-ph={phraseOf.get(i)}
              >
                {token.text}
              </span>,
            );
            firstWord = false;
          }
          if (plain) parts.push(plain);
          children.push(
            <span class="s" id={`s${sentenceNumber}`}>
              {parts}
            </span>,
          );
          sentenceNumber++;
          covered = sentence.end;
        }
        if (covered < text.length) children.push(text.slice(covered));
        return <p>{children}</p>;
      })}
    </div>
  );
}
