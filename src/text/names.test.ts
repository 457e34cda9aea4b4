import { describe, expect, it } from 'vitest';
import { kindFromShape, type NameKind, nameKinds } from './names.js';

/** Words of a sentence; names are the words marked with a leading `*`. */
const sentence = (text: string) =>
  text.split(' ').map((w) => ({ text: w.replace(/^\*/, ''), name: w.startsWith('*') }));

const nothingKnown = () => null;

describe('nameKinds', () => {
  it('makes a run of names after a title one person', () => {
    const [kinds] = nameKinds([sentence('Foreign Minister *Sergei *Lavrov said')], nothingKnown);
    expect(kinds).toEqual([null, null, 'person', 'person', null]);
    const [secretary] = nameKinds([sentence('Secretary of State *John *Kerry')], nothingKnown);
    expect(secretary?.slice(3)).toEqual(['person', 'person']);
  });

  it('makes a name before an organization word an organization', () => {
    const [kinds] = nameKinds([sentence('the *Xinhua News Agency said')], nothingKnown);
    expect(kinds?.[1]).toBe('organization');
  });

  it("takes the dictionary's kind for the whole run, and the shape where the dictionary knows nothing", () => {
    const known = (text: string): NameKind | null => (text === 'Putin' ? 'person' : null);
    const [kinds] = nameKinds([sentence('*Vladimir *Putin and the *NBTX met in *Zarakov')], known);
    expect(kinds).toEqual(['person', 'person', null, null, 'organization', null, null, 'person']);
  });

  it("gives a run its surname's kind", () => {
    const [kinds] = nameKinds([sentence('said *Noam *Chomsky')], nothingKnown);
    expect(kinds).toEqual([null, 'person', 'person']);
  });

  it('keeps the kind the context gave for later mentions, and says unknown where nothing tells', () => {
    const kinds = nameKinds(
      [sentence('Secretary *Kerry arrived'), sentence('*Kerry and *Boris met *Tuesday')],
      nothingKnown,
      () => true,
    );
    expect(kinds[1]).toEqual(['person', null, 'unknown', null, 'unknown']);
  });

  it('calls a name after "in" a place when nothing else tells', () => {
    const [kinds] = nameKinds([sentence('talks in *Genf')], nothingKnown, () => true);
    expect(kinds?.[2]).toBe('place');
  });
});

describe('kindFromShape', () => {
  it.each([
    ['ISSG', 'organization'],
    ['Lavrov', 'person'],
    ['Zelensky', 'person'],
    ['Kovalenko', 'person'],
    ['Munich', null],
  ])('%s → %s', (word, kind) => {
    expect(kindFromShape(word)).toBe(kind);
  });
});
