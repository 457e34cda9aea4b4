import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Band } from './bands.js';
import {
  bandForScore,
  estimateLevel,
  HARD_WINDOW,
  isTooShortToRate,
  LEVEL_FEATURES,
  LEVEL_MODEL,
  type LevelFeatures,
  type LevelInput,
  type LevelToken,
  levelFeatures,
  MIN_SENTENCES_TO_RATE,
  MIN_WORDS_TO_RATE,
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

/** Frequency rank and Oxford 3000 membership the fake dictionary gives a lemma. */
function facts(lemma: string | null, band: Band | null): Pick<LevelToken, 'rank' | 'oxford'> {
  if (lemma === null) return { rank: 0, oxford: false };
  return band === 'zk' || band === 'gk' ? { rank: 300, oxford: true } : { rank: 12_000, oxford: false };
}

/** Analysed tokens without a dictionary: lemma = lower case, band from `HARD`, names from `NAMES`. */
function tokensOf(text: string): LevelToken[] {
  const tokens = tokenize(text);
  const out: LevelToken[] = [];
  splitSentences(tokens).forEach((sentence, sentenceIndex) => {
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      const t = tokens[i];
      if (!t || t.kind === 'space') continue;
      const word = t.kind === 'word';
      const lemma = word ? t.text.toLowerCase() : null;
      const band = lemma === null ? null : HARD.has(lemma) ? 'cet6' : 'zk';
      out.push({
        text: t.text,
        kind: t.kind,
        sentenceIndex,
        lemma,
        band,
        properNoun: word && NAMES.has(t.text),
        ...facts(lemma, band),
      });
    }
  });
  return out;
}

/** A text for the estimator, no phrases. */
function analyse(text: string): LevelInput {
  return { tokens: tokensOf(text), phrases: [] };
}

function word(text: string, sentenceIndex: number, band: Band | null = 'zk', properNoun = false): LevelToken {
  const lemma = text.toLowerCase();
  return { text, kind: 'word', sentenceIndex, lemma, band, properNoun, ...facts(lemma, band) };
}

function punct(text: string, sentenceIndex: number): LevelToken {
  return {
    text,
    kind: 'punct',
    sentenceIndex,
    lemma: null,
    band: null,
    properNoun: false,
    rank: 0,
    oxford: false,
  };
}

const features = (tokens: LevelToken[], phrases = 0): LevelFeatures =>
  levelFeatures({ tokens, phrases: new Array(phrases).fill(null) });

describe('vocabularyProfile', () => {
  it('shares running words by band, leaving out names and numbers', () => {
    const profile = vocabularyProfile(
      tokensOf('Lavrov met Kerry in Geneva on 21 March to discuss a ceasefire.'),
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
    const profile = vocabularyProfile(tokensOf('An envoy stipulated reciprocal tariffs.'));
    const sum = Object.values(profile.bands).reduce((a, b) => a + b, 0) + profile.unknown;
    expect(sum).toBeCloseTo(1);
    expect(Object.keys(profile.bands)).toHaveLength(13);
    const empty = vocabularyProfile([]);
    expect(empty.runningWords).toBe(0);
    expect(Object.values(empty.bands).every((v) => v === 0)).toBe(true);
  });
});

describe('levelFeatures', () => {
  it('counts hard lemmas used once apart from hard lemmas used again (topic words)', () => {
    // 5 running words: envoy twice (hard, repeated), tariffs once (hard), the, left (中考)
    const f = features([
      word('envoy', 0, 'cet6'),
      word('the', 0),
      word('envoy', 0, 'cet6'),
      word('tariffs', 0, 'gre'),
      word('left', 0),
    ]);
    expect(f.onceHardShare).toBeCloseTo(1 / 5);
    expect(f.repeatedHardShare).toBeCloseTo(1 / 5);
    expect(f.lexicalVariety).toBeCloseTo(4 / 5);
    // 高考 words are not hard
    expect(features([word('market', 0, 'gk'), word('the', 0)]).onceHardShare).toBe(0);
  });

  it('averages over windows so a long text is not harder for being long', () => {
    // The same 50-word paragraph repeated: the shares are the same at 1× and 10× the window length.
    const paragraph = Array.from({ length: 50 }, (_, i) =>
      word(i % 5 === 0 ? `hard${i}` : `easy${i % 7}`, 0, i % 5 === 0 ? 'gre' : 'zk'),
    );
    const copies = (n: number): LevelToken[] =>
      Array.from({ length: n }, () => paragraph)
        .flat()
        .flatMap((t, k) => {
          const sentence = Math.floor(k / 10);
          const w = { ...t, sentenceIndex: sentence };
          return k % 10 === 9 ? [w, punct('.', sentence)] : [w];
        });
    const longer = copies((10 * HARD_WINDOW) / 50);
    const once = copies(HARD_WINDOW / 50);
    for (const key of LEVEL_FEATURES) {
      expect(features(longer)[key], key).toBeCloseTo(features(once)[key], 6);
    }
  });

  it('measures the share of words that are names, numbers and punctuation aside', () => {
    const tokens = [
      word('Lavrov', 0, 'top5k', true),
      word('met', 0),
      word('Kerry', 0, null, true),
      word('today', 0),
    ];
    expect(features(tokens).nameShare).toBeCloseTo(2 / 4);
    expect(features([]).nameShare).toBe(0);
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
    expect(features(tokens).sentenceLength).toBeCloseTo(Math.sqrt((2 * 2 + 4 * 4) / 2));
  });

  it('counts -ing, -ed and -ly words but not short look-alikes', () => {
    const f = features([
      word('rising', 0),
      word('king', 0),
      word('agreed', 0),
      word('red', 0),
      word('largely', 0),
      word('fly', 0),
    ]);
    expect(f.suffixShare).toBeCloseTo(3 / 6);
  });

  it('measures words between punctuation marks, brackets, prepositions and phrases', () => {
    // "The envoy , who spoke in Geneva ( a city ) , left ." → chunks: 2, 4, 2, 1 words
    const tokens = [
      word('The', 0),
      word('envoy', 0, 'cet6'),
      punct(',', 0),
      word('who', 0),
      word('spoke', 0),
      word('in', 0),
      word('Geneva', 0, null, true),
      punct('(', 0),
      word('a', 0),
      word('city', 0),
      punct(')', 0),
      punct(',', 0),
      word('left', 0),
      punct('.', 0),
    ];
    const f = features(tokens, 2);
    expect(f.wordsPerChunk).toBeCloseTo(9 / 4);
    expect(f.bracketShare).toBeCloseTo(1 / 9);
    expect(f.phraseDensity).toBeCloseTo(2 / 9);
    expect(f.prepositionShare).toBeCloseTo(1 / 8); // `in`, among 8 running words (Geneva is a name)
    expect(f.nonCoreShare).toBeCloseTo(1 / 8); // `envoy`
  });

  it('takes the median log frequency rank of each window, unknown words at the cap', () => {
    const common = word('the', 0); // rank 300
    const unknown = { ...word('gTLDs', 0, null), rank: 0 };
    expect(features([common, common, unknown]).medianLogRank).toBeCloseTo(Math.log(300));
    expect(features([unknown, unknown, common]).medianLogRank).toBeCloseTo(Math.log(30_000));
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

  it('weighs the difficulty features up and clamps every correction to its fitted range', () => {
    const difficulty: (keyof LevelFeatures)[] = [
      'sentenceLength',
      'lexicalVariety',
      'suffixShare',
      'onceHardShare',
      'nonCoreShare',
      'phraseDensity',
      'prepositionShare',
    ];
    for (const key of difficulty) expect(LEVEL_MODEL.weights[key], key).toBeGreaterThan(0);
    for (const key of LEVEL_FEATURES) {
      const range = LEVEL_MODEL.correctionRange[key];
      expect(range !== undefined, key).toBe((LEVEL_MODEL.weights[key] ?? 0) < 0);
      if (range) expect(range[1], key).toBeGreaterThanOrEqual(range[0]);
    }
    expect(LEVEL_MODEL.intermediateAdvanced).toBeGreaterThan(LEVEL_MODEL.elementaryIntermediate);
  });

  it('never lets a correction take off more than at the edge of its fitted range', () => {
    // A list of company names is not rated A1 for being all names.
    const base = features(tokensOf('The envoy met the press in Geneva and spoke of tariffs.'));
    const [, top] = LEVEL_MODEL.correctionRange.nameShare ?? [0, 1];
    expect(rawScore({ ...base, nameShare: 0.9 })).toBeCloseTo(rawScore({ ...base, nameShare: top }));
    expect(rawScore({ ...base, nameShare: 0.9 })).toBeLessThan(rawScore({ ...base, nameShare: 0 }));
  });
});

describe('estimateLevel', () => {
  const easy =
    'The man went to the shop. He got some milk and bread. Then he went home and had tea with his wife. ' +
    'It was a cold day. The wind was strong and the sky was grey. His wife made soup for them. ' +
    'They sat by the fire and ate it. Then they went to bed.';
  const hard =
    'Notwithstanding unprecedented macroeconomic volatility, multilateral deliberations in Geneva stipulated a reciprocal moratorium on tariffs, which the envoy, speaking to Lavrov, described as a ceasefire. ' +
    'Delegations reiterated their commitment to an incremental, verifiable dismantling of subsidies, notwithstanding considerable scepticism among legislators. ' +
    'Analysts contend that the arrangement, however ambiguous, constitutes a prerequisite for subsequent negotiations on sovereign indebtedness.';

  it('rates wire-style prose above a plain story', () => {
    const a = estimateLevel(analyse(easy));
    const b = estimateLevel(analyse(hard));
    expect(a.score).toBeLessThan(b.score as number);
    expect(['A1', 'A2']).toContain(a.band);
    expect(['C1', 'C2']).toContain(b.band);
    expect(b.readability.fleschKincaidGrade).toBeGreaterThan(a.readability.fleschKincaidGrade);
  });

  it(`does not rate a text of fewer than ${MIN_SENTENCES_TO_RATE} sentences or ${MIN_WORDS_TO_RATE} running words`, () => {
    const sentence = (n: number) => `Then ${Array.from({ length: n - 1 }, () => 'word').join(' ')}.`;
    const short = [
      '',
      '2016 -- 300,000',
      'Lavrov Kerry',
      'The cat sat on the mat.',
      'Talks will resume soon.',
      // Two long sentences: enough words, too few sentences.
      `${sentence(30)} ${sentence(30)}`,
      // Four sentences, 41 words of which 39 running words (names are not).
      `${sentence(13)} ${sentence(13)} Lavrov, Kerry. ${sentence(13)}`,
    ];
    for (const text of short) {
      const level = estimateLevel(analyse(text));
      expect(level.score, text).toBeNull();
      expect(level.band, text).toBeNull();
      expect(Object.values(level.features).every(Number.isFinite)).toBe(true);
    }
    // Three sentences of 40 running words are rated.
    const rated = estimateLevel(analyse(`${sentence(14)} ${sentence(13)} ${sentence(13)}`));
    expect(rated.profile.runningWords).toBe(MIN_WORDS_TO_RATE);
    expect(rated.band).toBe(bandForScore(rated.score as number));
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
        const lemma = t.kind === 'word' ? t.text.toLowerCase() : null;
        return { ...t, sentenceIndex, lemma, ...facts(lemma, t.band) };
      });
    });

  it('never returns NaN and keeps every share in 0–1, on any tokens', () => {
    fc.assert(
      fc.property(tokenList, (tokens) => {
        const level = estimateLevel({ tokens, phrases: [] });
        const numbers = [...Object.values(level.features), ...Object.values(level.readability)];
        const shares = [level.profile.offList, level.profile.unknown, ...Object.values(level.profile.bands)];
        const rated = !isTooShortToRate(level.profile, level.readability);
        return (
          numbers.every(Number.isFinite) &&
          shares.every((s) => s >= 0 && s <= 1) &&
          (rated
            ? level.score !== null &&
              level.score >= SCORE_MIN &&
              level.score <= SCORE_MAX &&
              level.band === bandForScore(level.score)
            : level.score === null && level.band === null)
        );
      }),
    );
  });

  it('never falls when a word used once becomes harder vocabulary', () => {
    // (A word used again is a topic word: its repeats count as a correction, see level.ts.)
    fc.assert(
      fc.property(tokenList, fc.nat(), (tokens, pick) => {
        const words = tokens.filter(
          (t) =>
            t.kind === 'word' &&
            !t.properNoun &&
            t.band === 'zk' &&
            tokens.filter((u) => u.kind === 'word' && !u.properNoun && u.lemma === t.lemma).length === 1,
        );
        const target = words[pick % Math.max(1, words.length)];
        if (!target) return true;
        const harder = tokens.map((t) => (t === target ? { ...t, band: 'gre' as const } : t));
        return rawScore(features(harder)) >= rawScore(features(tokens)) - 1e-12;
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
        return rawScore(features(joined)) >= rawScore(features(tokens)) - 1e-12;
      }),
    );
  });
});
