import fc from 'fast-check';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { ReaderParagraph, ReaderWord } from '../../articles/story-analysis.js';
import { readerParagraphs } from '../../articles/story-analysis.js';
import { storyAnalyzer } from '../../articles/story-level.js';
import { openDictionary } from '../../dictionary/index.js';
import type { NameKind } from '../../text/names.js';
import { storyNameKinds } from './names.js';
import { storyBodyBytes } from './story-html.js';
import { StoryText } from './story-text.js';

const OPEN = '<div class="story-body reader" lang="en" data-mark="0">';

async function bothWays(
  paragraphs: ReaderParagraph[],
  sliceMs?: number,
  names?: ReadonlyMap<ReaderWord, NameKind>,
) {
  const preact = renderToString(<StoryText paragraphs={paragraphs} names={names} />);
  const sliced = `${OPEN}${(await storyBodyBytes(paragraphs, names, sliceMs)).toString('utf8')}</div>`;
  return { preact, sliced };
}

describe('storyBodyBytes', () => {
  it('renders real analysed text byte for byte as StoryText does, whatever the slicing', async () => {
    const dictionary = openDictionary();
    try {
      const analyze = storyAnalyzer(dictionary);
      const text = [
        'MOSCOW, Feb. 21 (Xinhua) -- Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State John Kerry discussed "conditions" for a cease-fire in Syria.',
        "The plan was implemented & paid off <quickly>; it's what they found.",
        'A third paragraph. Short one! Another? Yes.',
      ];
      const many = Array.from({ length: 40 }, (_, i) => `${text[i % 3]} (${i})`);
      for (const paragraphs of [text, many]) {
        const analysed = analyze(paragraphs);
        expect(analysed).not.toBeNull();
        const reader = readerParagraphs(paragraphs, analysed!.analysis);
        const names = storyNameKinds(reader, dictionary);
        expect(names.size).toBeGreaterThan(0);
        // sliceMs 0 yields after every paragraph: resuming must not repeat or drop markup.
        for (const sliceMs of [undefined, 0]) {
          const { preact, sliced } = await bothWays(reader, sliceMs, names);
          expect(sliced).toBe(preact);
          expect(sliced).toContain('data-n="person">Lavrov</span>');
        }
      }
    } finally {
      dictionary.close();
    }
  });

  it('escapes like preact for any text, keys and phrases (property test)', async () => {
    const word = fc.record({
      len: fc.integer({ min: 0, max: 4 }),
      gap: fc.integer({ min: 0, max: 2 }),
      entryKey: fc.option(fc.string({ maxLength: 6 })),
      level: fc.integer({ min: 0, max: 9 }),
      properNoun: fc.boolean(),
      pos: fc.constantFrom(null, 'NOUN', 'VERB', 'PROPN', 'DET', 'ADV'),
      phrase: fc.option(fc.string({ maxLength: 6 })),
    });
    const paragraph = fc.record({
      text: fc.string({ unit: fc.constantFrom('a', ' ', '"', '&', '<', '>', "'", '中', 'é'), maxLength: 60 }),
      words: fc.array(word, { maxLength: 12 }),
      cut: fc.integer({ min: 0, max: 5 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(paragraph, { maxLength: 4 }), async (raw) => {
        let index = 0;
        const paragraphs: ReaderParagraph[] = raw.map(({ text, words, cut }) => {
          // Words laid left to right inside the text, split into two sentences at `cut`.
          let at = 0;
          const laid = [];
          for (const w of words) {
            const start = Math.min(text.length, at + w.gap);
            const end = Math.min(text.length, start + w.len);
            laid.push({ ...w, start, end, lemma: null });
            at = end;
          }
          const first = laid.slice(0, cut);
          const second = laid.slice(cut);
          const mid = first.at(-1)?.end ?? 0;
          return {
            text,
            sentences: [
              { start: 0, end: mid, index: index++, words: first },
              { start: mid, end: text.length, index: index++, words: second },
            ],
          } as ReaderParagraph;
        });
        const { preact, sliced } = await bothWays(paragraphs, 0);
        expect(sliced).toBe(preact);
      }),
      { numRuns: 300 },
    );
  });
});
