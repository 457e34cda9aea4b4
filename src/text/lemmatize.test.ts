import { describe, expect, it } from 'vitest';
import { lemmaCandidates, normalizeWord } from './lemmatize.js';

describe('lemmaCandidates', () => {
  it.each([
    ['studies', 'study'],
    ['carried', 'carry'],
    ['stopped', 'stop'],
    ['planning', 'plan'],
    ['hoped', 'hope'],
    ['making', 'make'],
    ['dying', 'die'],
    ['watches', 'watch'],
    ['wolves', 'wolf'],
    ['chairmen', 'chairman'],
    ['happier', 'happy'],
    ['biggest', 'big'],
    ['larger', 'large'],
    ['bolstering', 'bolster'],
    ['ceasefires', 'ceasefire'],
  ])('%s has the candidate %s', (form, lemma) => {
    expect(lemmaCandidates(form)).toContain(lemma);
  });

  it('puts the likelier spelling first', () => {
    expect(lemmaCandidates('hoping')[0]).toBe('hope');
    expect(lemmaCandidates('studies')[0]).toBe('study');
    expect(lemmaCandidates('added')[0]).toBe('add');
  });

  it('never proposes the word itself and leaves short words alone', () => {
    expect(lemmaCandidates('news')).not.toContain('news');
    expect(lemmaCandidates('is')).toEqual([]);
  });

  it('normalises case and typographic apostrophes', () => {
    expect(normalizeWord('Russia’s')).toBe("russia's");
  });
});
