import { describe, expect, it } from 'vitest';
import { classifierTokens, foldPlural, HEADLINE_WEIGHT, termCounts } from './features.js';

describe('classifier terms', () => {
  it('folds regular plurals onto their singular and leaves -ss, -us, -is words and short words alone', () => {
    expect(
      ['stories', 'matches', 'games', 'businesses', 'taxes', 'wishes', 'shares'].map(foldPlural),
    ).toEqual(['story', 'match', 'game', 'business', 'tax', 'wish', 'share']);
    expect(['business', 'bonus', 'crisis', 'gas', 'its', 'film'].map(foldPlural)).toEqual([
      'business',
      'bonus',
      'crisis',
      'gas',
      'its',
      'film',
    ]);
    expect(classifierTokens("The club's matches and the match")).toEqual(['club', 'match', 'match']);
  });

  it('counts the title and the lead paragraph three times, the rest of the body once', () => {
    expect(HEADLINE_WEIGHT).toBe(3);
    const counts = termCounts({
      title: 'Cup match',
      paragraphs: ['Two matches were played.', 'The match ended late.', 'Fans left.'],
    });
    expect(counts.get('match')).toBe(3 + 3 + 1);
    expect(counts.get('cup')).toBe(3);
    expect(counts.get('played')).toBe(3);
    expect(counts.get('ended')).toBe(1);
    expect(counts.get('fan')).toBe(1);
  });

  it('pairs adjacent words within a paragraph, never across two, with the same weights', () => {
    const counts = termCounts(
      { title: 'Box office', paragraphs: ['Record box office.', 'Office party.'] },
      'words+pairs',
    );
    expect(counts.get('box office')).toBe(3 + 3);
    expect(counts.get('record box')).toBe(3);
    expect(counts.get('office party')).toBe(1);
    expect(counts.has('office office')).toBe(false);
  });
});
