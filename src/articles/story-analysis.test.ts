import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dictionary, openDictionary } from '../dictionary/index.js';
import { tokenize } from '../text/tokenize.js';
import {
  analysisFits,
  compactAnalysis,
  decodeAnalysis,
  encodeAnalysis,
  type ReaderParagraph,
  readerParagraphs,
} from './story-analysis.js';
import { analyzeStory } from './story-level.js';

let dictionary: Dictionary;
beforeAll(() => {
  dictionary = openDictionary();
});
afterAll(() => dictionary.close());

const STORY = [
  'MOSCOW -- Russian Foreign Minister Sergei Lavrov and John Kerry discussed the cessation of hostilities. Their efforts paid off.',
  'Lavrov said the talks went well.',
];

function stored(paragraphs: string[]) {
  return compactAnalysis(paragraphs, analyzeStory(paragraphs, dictionary).analysis);
}

/** Each paragraph rebuilt from its sentences' gaps and words must be the paragraph itself. */
function rebuild(paragraph: ReaderParagraph): string {
  let out = '';
  let at = 0;
  for (const sentence of paragraph.sentences) {
    expect(sentence.start).toBeGreaterThanOrEqual(at);
    for (const word of sentence.words) {
      expect(word.start).toBeGreaterThanOrEqual(at);
      expect(word.end).toBeLessThanOrEqual(sentence.end);
      out += paragraph.text.slice(at, word.end);
      at = word.end;
    }
    out += paragraph.text.slice(at, sentence.end);
    at = sentence.end;
  }
  return out + paragraph.text.slice(at);
}

describe('the analysis stored with a story', () => {
  it('lays back over its paragraphs: words, lemmas, entries, bands, names, phrases and story-wide sentence numbers', () => {
    const paragraphs = readerParagraphs(STORY, decodeAnalysis(encodeAnalysis(stored(STORY)))!);
    expect(paragraphs.map((p) => p.sentences.map((s) => s.index))).toEqual([[0, 1], [2]]);
    const words = paragraphs.flatMap((p) =>
      p.sentences.flatMap((s) => s.words.map((w) => ({ ...w, text: p.text.slice(w.start, w.end) }))),
    );
    const word = (text: string) => words.find((w) => w.text === text)!;
    expect(word('discussed')).toMatchObject({ entryKey: 'discuss', lemma: 'discuss', properNoun: false });
    expect(word('cessation').level).toBeGreaterThanOrEqual(3);
    expect(word('Lavrov').properNoun).toBe(true);
    expect(word('paid').phrase).toBe('pay off');
    // The second paragraph starts a sentence with a name met mid-sentence earlier: still a name.
    expect(words.filter((w) => w.text === 'Lavrov').every((w) => w.properNoun)).toBe(true);
    for (const p of paragraphs) expect(rebuild(p)).toBe(p.text);
  });

  it("keeps each word's part of speech, and the lemma that goes with it", () => {
    const story = [
      'The meeting was implemented. They found it.',
      'He wants to found a company after meeting them.',
    ];
    const paragraphs = readerParagraphs(story, decodeAnalysis(encodeAnalysis(stored(story)))!);
    const words = paragraphs.flatMap((p) =>
      p.sentences.flatMap((s) => s.words.map((w) => ({ text: p.text.slice(w.start, w.end), ...w }))),
    );
    expect(words.map((w) => [w.text, w.pos, w.lemma])).toEqual([
      ['The', 'DET', 'the'],
      ['meeting', 'NOUN', 'meeting'],
      ['was', 'AUX', 'be'],
      ['implemented', 'VERB', 'implement'],
      ['They', 'PRON', 'they'],
      ['found', 'VERB', 'find'],
      ['it', 'PRON', 'it'],
      ['He', 'PRON', 'he'],
      ['wants', 'VERB', 'want'],
      ['to', 'PART', 'to'],
      ['found', 'VERB', 'found'],
      ['a', 'DET', 'a'],
      ['company', 'NOUN', 'company'],
      ['after', 'SCONJ', 'after'],
      ['meeting', 'VERB', 'meet'],
      ['them', 'PRON', 'them'],
    ]);
  });

  it('is only laid over the text it was made from, by this version of the code', () => {
    const analysis = stored(STORY);
    expect(analysisFits(STORY, analysis)).toBe(true);
    expect(analysisFits([STORY[0]!, 'Lavrov said the talks went badly.'], analysis)).toBe(false);
    expect(analysisFits(STORY, { ...analysis, version: analysis.version + 1 })).toBe(false);
    expect(decodeAnalysis('{not json')).toBeNull();
    expect(decodeAnalysis(encodeAnalysis({ ...analysis, version: 0 }))).toBeNull();
    expect(decodeAnalysis(encodeAnalysis(analysis))).toEqual(analysis);
    expect(decodeAnalysis(null)).toBeNull();
  });

  it('tiles every paragraph exactly, whatever the text', () => {
    const piece = fc.constantFrom(
      'Kerry',
      'said',
      'U.S.',
      'cease-fire',
      "don't",
      '3.5',
      '--',
      '"',
      '. ',
      ', ',
      '  ',
      '中国',
      '(AP)',
      '!',
    );
    const paragraph = fc
      .array(piece, { minLength: 1, maxLength: 25 })
      .map((parts) => parts.join(' ').trim() || 'x');
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 4 }), (story) => {
        const paragraphs = readerParagraphs(story, stored(story));
        expect(paragraphs.map((p) => p.text)).toEqual(story);
        for (const p of paragraphs) {
          expect(rebuild(p)).toBe(p.text);
          // Every word of the paragraph, at its own offsets, and nothing else.
          const words = p.sentences.flatMap((s) => s.words.map((w) => p.text.slice(w.start, w.end)));
          expect(words).toEqual(
            tokenize(p.text)
              .filter((t) => t.kind === 'word')
              .map((t) => t.text),
          );
        }
        const indices = paragraphs.flatMap((p) => p.sentences.map((s) => s.index));
        expect(indices).toEqual(indices.map((_, i) => i));
      }),
      { numRuns: 150 },
    );
  });
});
