import { describe, expect, it } from 'vitest';
import { hintOfEcdictPos, isUpos, POS_HINT, posClassOf, posClassOfEcdictLabel } from './pos.js';
import {
  type PosWord,
  posModelFromJson,
  posModelToJson,
  type TaggedSentence,
  tagWords,
  trainPosModel,
} from './pos-tagger.js';

const N = POS_HINT.noun | POS_HINT.known;
const V = POS_HINT.verb | POS_HINT.known;
const NV = N | V;
const D = POS_HINT.det | POS_HINT.known;

function sentence(pairs: [string, number, string][]): TaggedSentence {
  return {
    words: pairs.map(([text, hint]) => ({ text, hint })),
    tags: pairs.map(([, , tag]) => tag) as TaggedSentence['tags'],
  };
}

/** A toy language where `run`/`walk` are nouns after `the` and verbs after a noun. */
const TRAIN = [
  sentence([
    ['the', D, 'DET'],
    ['dog', N, 'NOUN'],
    ['runs', NV, 'VERB'],
  ]),
  sentence([
    ['the', D, 'DET'],
    ['run', NV, 'NOUN'],
    ['ended', V, 'VERB'],
  ]),
  sentence([
    ['the', D, 'DET'],
    ['cat', N, 'NOUN'],
    ['walks', NV, 'VERB'],
  ]),
  sentence([
    ['the', D, 'DET'],
    ['walk', NV, 'NOUN'],
    ['ended', V, 'VERB'],
  ]),
];

describe('the part-of-speech tagger', () => {
  it('learns from context and hints, and tags words it never saw by their hints', () => {
    const model = trainPosModel(TRAIN, { epochs: 10 });
    const words: PosWord[] = [
      { text: 'the', hint: D },
      { text: 'bird', hint: N },
      { text: 'sings', hint: NV },
    ];
    expect(tagWords(words, model)).toEqual(['DET', 'NOUN', 'VERB']);
    expect(tagWords([], model)).toEqual([]);
  });

  it('is deterministic and survives a JSON round trip with the same tags', () => {
    const a = trainPosModel(TRAIN, { epochs: 5, seed: 3 });
    const b = posModelFromJson(
      JSON.parse(JSON.stringify(posModelToJson(trainPosModel(TRAIN, { epochs: 5, seed: 3 })))),
    );
    for (const s of TRAIN) expect(tagWords(s.words, b)).toEqual(tagWords(s.words, a));
    expect(() => posModelFromJson({ format: 'x' } as never)).toThrow(
      /pos model: not a lingwire-pos-perceptron-1/,
    );
  });
});

describe('parts of speech', () => {
  it.each([
    ['vt.', 'verb'],
    ['vi.', 'verb'],
    ['n.', 'noun'],
    ['a.', 'adj'],
    ['adj.', 'adj'],
    ['ad.', 'adv'],
    ['adv.', 'adv'],
    ['prep.', 'other'],
    ['[计]', null],
    ['', null],
  ])('ECDICT %s → %s', (label, cls) => {
    expect(posClassOfEcdictLabel(label)).toBe(cls);
  });

  it('reads combined labels and maps UPOS to classes', () => {
    expect(hintOfEcdictPos('vt.vi.') & POS_HINT.verb).toBeTruthy();
    expect(hintOfEcdictPos('vt.&n.') & POS_HINT.noun).toBeTruthy();
    expect(posClassOf('AUX')).toBe('verb');
    expect(posClassOf('PROPN')).toBe('noun');
    expect(posClassOf('ADP')).toBe('other');
    expect(isUpos('VERB')).toBe(true);
    expect(isUpos('VB')).toBe(false);
  });
});
