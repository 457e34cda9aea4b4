import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Band } from '../dictionary/bands.js';
import {
  bandForScore,
  estimateLevel,
  HARD_TYPE_WINDOW,
  LEVEL_MODEL,
  type LevelToken,
  levelFeatures,
  rawScore,
  SCORE_AT_ELEMENTARY_INTERMEDIATE,
  SCORE_AT_INTERMEDIATE_ADVANCED,
  SCORE_MAX,
  SCORE_MIN,
  scoreFromRaw,
  vocabularyProfile,
} from './level.js';
import { splitSentences } from './sentences.js';
import { tokenize } from './tokenize.js';

/** Words the fake dictionary below puts beyond 中考; every other word is `zk`. */
const HARD = new Set([
  'notwithstanding',
  'unprecedented',
  'macroeconomic',
  'volatility',
  'deliberations',
  'multilateral',
  'stipulated',
  'moratorium',
  'reciprocal',
  'tariffs',
  'envoy',
  'ceasefire',
]);
const NAMES = new Set(['Lavrov', 'Kerry', 'Geneva']);

/** Analysed tokens without a dictionary: lemma = lower case, band from `HARD`, names from `NAMES`. */
function analyse(text: string): LevelToken[] {
  const tokens = tokenize(text);
  const out: LevelToken[] = [];
  splitSentences(tokens).forEach((sentence, sentenceIndex) => {
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      const t = tokens[i];
      if (!t || t.kind === 'space') continue;
      const word = t.kind === 'word';
      const lemma = word ? t.text.toLowerCase() : null;
      out.push({
        text: t.text,
        kind: t.kind,
        sentenceIndex,
        lemma,
        band: lemma === null ? null : HARD.has(lemma) ? 'cet6' : 'zk',
        properNoun: word && NAMES.has(t.text),
      });
    }
  });
  return out;
}

function word(text: string, sentenceIndex: number, band: Band | null = 'zk', properNoun = false): LevelToken {
  return { text, kind: 'word', sentenceIndex, lemma: text.toLowerCase(), band, properNoun };
}

describe('vocabularyProfile', () => {
  it('shares running words by band, leaving out names and numbers', () => {
    const profile = vocabularyProfile(
      analyse('Lavrov met Kerry in Geneva on 21 March to discuss a ceasefire.'),
    );
    // running: met in on March to discuss a ceasefire → 8 words, 1 of them cet6
    expect(profile.runningWords).toBe(8);
    expect(profile.bands.zk).toBeCloseTo(7 / 8);
    expect(profile.bands.cet6).toBeCloseTo(1 / 8);
    expect(profile.offList).toBe(0);
  });

  it('counts unknown and rare words as off all lists', () => {
    const profile = vocabularyProfile([
      word('the', 0),
      word('gTLDs', 0, null),
      word('temporao', 0, 'rare'),
      word('cat', 0),
    ]);
    expect(profile.unknown).toBeCloseTo(0.25);
    expect(profile.bands.rare).toBeCloseTo(0.25);
    expect(profile.offList).toBeCloseTo(0.5);
  });

  it('has every band, shares summing to 1, or all 0 when empty', () => {
    const profile = vocabularyProfile(analyse('An envoy stipulated reciprocal tariffs.'));
    const sum = Object.values(profile.bands).reduce((a, b) => a + b, 0) + profile.unknown;
    expect(sum).toBeCloseTo(1);
    expect(Object.keys(profile.bands)).toHaveLength(13);
    const empty = vocabularyProfile([]);
    expect(empty.runningWords).toBe(0);
    expect(Object.values(empty.bands).every((v) => v === 0)).toBe(true);
  });
});

describe('levelFeatures', () => {
  it('measures hard lemmas among distinct lemmas, not among running words', () => {
    // 4 running words, 3 distinct lemmas (envoy twice), 1 of them hard → 1/3 in one short window
    const f = levelFeatures([
      word('envoy', 0, 'cet6'),
      word('the', 0),
      word('envoy', 0, 'cet6'),
      word('left', 0),
    ]);
    expect(f.hardTypeShare).toBeCloseTo(1 / 4);
    expect(f.lexicalVariety).toBeCloseTo(3 / 4);
  });

  it('averages over windows so a long text is not harder for being long', () => {
    // The same 50-word paragraph repeated: the share is the same at 1× and 10× the window length.
    const paragraph = Array.from({ length: 50 }, (_, i) =>
      word(i % 5 === 0 ? `hard${i}` : `easy${i % 7}`, 0, i % 5 === 0 ? 'gre' : 'zk'),
    );
    const longer = Array.from({ length: (10 * HARD_TYPE_WINDOW) / 50 }, () => paragraph).flat();
    const once = Array.from({ length: HARD_TYPE_WINDOW / 50 }, () => paragraph).flat();
    expect(levelFeatures(longer).hardTypeShare).toBeCloseTo(levelFeatures(once).hardTypeShare, 6);
  });

  it('measures the share of words that are names, numbers and punctuation aside', () => {
    const tokens = [
      word('Lavrov', 0, 'top5k', true),
      word('met', 0),
      word('Kerry', 0, null, true),
      word('today', 0),
    ];
    expect(levelFeatures(tokens).nameShare).toBeCloseTo(2 / 4);
    expect(levelFeatures([]).nameShare).toBe(0);
  });

  it('takes the root-mean-square sentence length over all words, names included', () => {
    const tokens = [
      word('Lavrov', 0, 'top5k', true),
      word('spoke', 0),
      word('Talks', 1),
      word('went', 1),
      word('on', 1),
      word('today', 1),
    ];
    expect(levelFeatures(tokens).sentenceLength).toBeCloseTo(Math.sqrt((2 * 2 + 4 * 4) / 2));
  });

  it('counts -ing, -ed and -ly words but not short look-alikes', () => {
    const f = levelFeatures([
      word('rising', 0),
      word('king', 0),
      word('agreed', 0),
      word('red', 0),
      word('largely', 0),
      word('fly', 0),
    ]);
    expect(f.suffixShare).toBeCloseTo(3 / 6);
  });
});

describe('score and band', () => {
  it.each([
    [-1, 'A1'],
    [0, 'A1'],
    [0.999, 'A1'],
    [1, 'A2'],
    [1.999, 'A2'],
    [2, 'B1'],
    [2.999, 'B1'],
    [3, 'B2'],
    [4, 'C1'],
    [4.999, 'C1'],
    [5, 'C2'],
    [6, 'C2'],
    [Number.POSITIVE_INFINITY, 'C2'],
    [Number.NaN, 'A1'],
  ])('score %d is %s', (score, band) => {
    expect(bandForScore(score)).toBe(band);
  });

  it('puts the fitted level boundaries at A2|B1 and B1|B2', () => {
    expect(scoreFromRaw(LEVEL_MODEL.elementaryIntermediate)).toBeCloseTo(SCORE_AT_ELEMENTARY_INTERMEDIATE);
    expect(scoreFromRaw(LEVEL_MODEL.intermediateAdvanced)).toBeCloseTo(SCORE_AT_INTERMEDIATE_ADVANCED);
    expect(bandForScore(scoreFromRaw(LEVEL_MODEL.elementaryIntermediate))).toBe('B1');
    expect(bandForScore(scoreFromRaw(LEVEL_MODEL.intermediateAdvanced))).toBe('B2');
  });

  it('clamps the score and maps non-finite raw values to the minimum', () => {
    expect(scoreFromRaw(1e9)).toBe(SCORE_MAX);
    expect(scoreFromRaw(-1e9)).toBe(SCORE_MIN);
    expect(scoreFromRaw(Number.NaN)).toBe(SCORE_MIN);
  });

  it('weighs every difficulty feature up and only the name share (a correction) down', () => {
    const { nameShare, ...difficulty } = LEVEL_MODEL.weights;
    expect(Object.values(difficulty).every((w) => w > 0)).toBe(true);
    expect(nameShare).toBeLessThan(0);
    expect(LEVEL_MODEL.intermediateAdvanced).toBeGreaterThan(LEVEL_MODEL.elementaryIntermediate);
  });
});

describe('estimateLevel', () => {
  const easy =
    'The man went to the shop. He got some milk and bread. Then he went home and had tea with his wife.';
  const hard =
    'Notwithstanding unprecedented macroeconomic volatility, multilateral deliberations in Geneva stipulated a reciprocal moratorium on tariffs, which the envoy, speaking to Lavrov, described as a ceasefire.';

  it('rates wire-style prose above a plain story', () => {
    const a = estimateLevel(analyse(easy));
    const b = estimateLevel(analyse(hard));
    expect(a.score).toBeLessThan(b.score);
    expect(['A1', 'A2']).toContain(a.band);
    expect(['C1', 'C2']).toContain(b.band);
    expect(b.readability.fleschKincaidGrade).toBeGreaterThan(a.readability.fleschKincaidGrade);
  });

  it('is A1 with the minimum score for a story with no running words', () => {
    for (const text of ['', '2016 -- 300,000', 'Lavrov Kerry']) {
      const level = estimateLevel(analyse(text));
      expect(level.score).toBe(SCORE_MIN);
      expect(level.band).toBe('A1');
    }
  });

  const band: fc.Arbitrary<Band | null> = fc.constantFrom(
    'zk',
    'gk',
    'cet4',
    'cet6',
    'gre',
    'top5k',
    'rare',
    null,
  );
  const tokenList = fc
    .array(
      fc.record({
        text: fc.string({ minLength: 1, maxLength: 12 }),
        kind: fc.constantFrom('word', 'word', 'word', 'number', 'punct'),
        band,
        properNoun: fc.boolean(),
        next: fc.boolean(),
      }),
      { maxLength: 120 },
    )
    .map((items) => {
      let sentenceIndex = 0;
      return items.map(({ next, ...t }): LevelToken => {
        if (next) sentenceIndex += 1;
        return { ...t, sentenceIndex, lemma: t.kind === 'word' ? t.text.toLowerCase() : null };
      });
    });

  it('never returns NaN and keeps every share in 0–1, on any tokens', () => {
    fc.assert(
      fc.property(tokenList, (tokens) => {
        const level = estimateLevel(tokens);
        const numbers = [level.score, ...Object.values(level.features), ...Object.values(level.readability)];
        const shares = [level.profile.offList, level.profile.unknown, ...Object.values(level.profile.bands)];
        return (
          numbers.every(Number.isFinite) &&
          shares.every((s) => s >= 0 && s <= 1) &&
          level.score >= SCORE_MIN &&
          level.score <= SCORE_MAX &&
          level.band === bandForScore(level.score)
        );
      }),
    );
  });

  it('never falls when a lemma becomes harder vocabulary', () => {
    fc.assert(
      fc.property(tokenList, fc.nat(), (tokens, pick) => {
        const words = tokens.filter((t) => t.kind === 'word' && !t.properNoun && t.band === 'zk');
        const target = words[pick % Math.max(1, words.length)];
        if (!target) return true;
        const harder = tokens.map((t) => (t.lemma === target.lemma ? { ...t, band: 'gre' as const } : t));
        return rawScore(levelFeatures(harder)) >= rawScore(levelFeatures(tokens)) - 1e-12;
      }),
    );
  });

  it('never falls when two sentences are joined into one longer sentence', () => {
    fc.assert(
      fc.property(tokenList, fc.nat(), (tokens, pick) => {
        const last = tokens.at(-1)?.sentenceIndex ?? 0;
        if (last === 0) return true;
        const join = 1 + (pick % last); // sentence `join` becomes part of sentence `join - 1`
        const joined = tokens.map((t) =>
          t.sentenceIndex >= join ? { ...t, sentenceIndex: t.sentenceIndex - 1 } : t,
        );
        return rawScore(levelFeatures(joined)) >= rawScore(levelFeatures(tokens)) - 1e-12;
      }),
    );
  });
});
