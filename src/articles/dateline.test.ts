import { describe, expect, it } from 'vitest';
import { formatDateline, parseDatelineField, splitDateline, takeDateline } from './dateline.js';

describe('splitDateline', () => {
  const cases: Array<[string, string, number | null, number | null, string | null, string | null, string]> = [
    // paragraph, place, month, day, agency, dateText, rest
    [
      'MOSCOW, Feb. 21 (Xinhua) -- Officials met on Sunday.',
      'MOSCOW',
      2,
      21,
      'Xinhua',
      'Feb. 21',
      'Officials met on Sunday.',
    ],
    [
      'WASHINGTON, March 3 (Reuters) - The Senate voted.',
      'WASHINGTON',
      3,
      3,
      'Reuters',
      'March 3',
      'The Senate voted.',
    ],
    [
      'UNITED NATIONS, Jan. 5 (Xinhua) -- The council met.',
      'UNITED NATIONS',
      1,
      5,
      'Xinhua',
      'Jan. 5',
      'The council met.',
    ],
    ['BEIJING, Feb. 21 (Xinhua) -- Trade rose.', 'BEIJING', 2, 21, 'Xinhua', 'Feb. 21', 'Trade rose.'],
    ['LONDON, Sept. 30 (AP) — Rain fell.', 'LONDON', 9, 30, 'AP', 'Sept. 30', 'Rain fell.'],
    ['ST. LOUIS, Aug. 2 (Reuters) -- Prices fell.', 'ST. LOUIS', 8, 2, 'Reuters', 'Aug. 2', 'Prices fell.'],
    ['KABUL, Dec. 12 -- A blast was heard.', 'KABUL', 12, 12, null, 'Dec. 12', 'A blast was heard.'],
    ['NEW YORK (Reuters) - Stocks rose.', 'NEW YORK', null, null, 'Reuters', null, 'Stocks rose.'],
    [
      'GENEVA, Oct. 7, 2016 (Xinhua) -- Talks resumed.',
      'GENEVA',
      10,
      7,
      'Xinhua',
      'Oct. 7, 2016',
      'Talks resumed.',
    ],
    ['SALVADOR, Feb 26 - Showers continued.', 'SALVADOR', 2, 26, null, 'Feb 26', 'Showers continued.'],
    ['Nov. 4 saw no trades.', '', null, null, null, null, ''],
  ];
  it.each(cases)('%s', (paragraph, place, month, day, agency, dateText, rest) => {
    const result = splitDateline(paragraph);
    if (!place) {
      expect(result).toBeNull();
      return;
    }
    expect(result).toEqual({ dateline: { place, month, day, agency, dateText }, rest });
  });

  it.each([
    'However, March 3 was the day the talks ended -- everyone agreed.',
    'He said, Feb. 21 would be the deadline.',
    'The talks (held in secret) -- went on.',
    'Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State John Kerry met.',
    'MOSCOW, Feb. 21 (Xinhua)',
  ])('leaves an ordinary sentence alone: %s', (paragraph) => {
    expect(splitDateline(paragraph)).toBeNull();
  });
});

describe('parseDatelineField', () => {
  it('parses a dateline without its dash', () => {
    expect(parseDatelineField('SALVADOR, Feb 26')).toEqual({
      place: 'SALVADOR',
      month: 2,
      day: 26,
      agency: null,
      dateText: 'Feb 26',
    });
  });
  it('keeps an unrecognised dateline as the place', () => {
    expect(parseDatelineField('somewhere in the hills')?.place).toBe('somewhere in the hills');
  });
  it('returns null for blank text', () => {
    expect(parseDatelineField('  ')).toBeNull();
  });
});

describe('formatDateline', () => {
  it('shows place, date and agency', () => {
    const parsed = splitDateline('MOSCOW, Feb. 21 (Xinhua) -- x');
    expect(parsed && formatDateline(parsed.dateline)).toBe('MOSCOW, Feb. 21 (Xinhua)');
  });
});

describe('takeDateline', () => {
  it('takes a dateline standing on its own line', () => {
    expect(takeDateline(['MOSCOW, Feb. 21 (Xinhua) --', 'Talks went on.'])).toEqual({
      dateline: { place: 'MOSCOW', month: 2, day: 21, agency: 'Xinhua', dateText: 'Feb. 21' },
      paragraphs: ['Talks went on.'],
    });
  });
  it('takes it off the first paragraph', () => {
    expect(takeDateline(['KABUL, Dec. 12 -- A blast.', 'More.']).paragraphs).toEqual(['A blast.', 'More.']);
  });
  it('leaves a story without one alone', () => {
    expect(takeDateline(['No dateline here.'])).toEqual({
      dateline: null,
      paragraphs: ['No dateline here.'],
    });
  });
});
