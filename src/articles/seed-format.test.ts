import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_STORY_PATH } from '../../test/shared-data.js';
import { formatDateline } from './dateline.js';
import { formatSeedText, parseSeedText, splitSectionTitle } from './seed-format.js';

describe('splitSectionTitle', () => {
  it.each([
    ['国际英语新闻:Talks resume in Geneva', '国际英语新闻', 'Talks resume in Geneva'],
    ['欧美文化：Full-width colon works too', '欧美文化', 'Full-width colon works too'],
    ['No section here', null, 'No section here'],
    ['Flood warnings issued: agency', null, 'Flood warnings issued: agency'],
    [
      '欧美文化:Rooms see more patients in 1st year of pandemic: CNN',
      '欧美文化',
      'Rooms see more patients in 1st year of pandemic: CNN',
    ],
    ['BBC news: English prefix is not a section', null, 'BBC news: English prefix is not a section'],
  ])('%s', (line, section, title) => {
    expect(splitSectionTitle(line)).toEqual({ section, title });
  });
});

const written = [
  '国际英语新闻:Ministers talk by phone about a truce',
  'GENEVA, March 3 (Xinhua) -- Two foreign ministers spoke by phone on Sunday about a truce.',
  '',
  '"We are close," one of them said.',
  '相关文章',
  '- 欧美文化:Parliament opens new session',
  '- 欧美文化:Ports reopen after storm: officials',
  '',
].join('\n');

describe('parseSeedText', () => {
  it('reads section, title, dateline, paragraphs and related links', () => {
    const story = parseSeedText(written, 'written.txt');
    expect(story.section).toBe('国际英语新闻');
    expect(story.title).toBe('Ministers talk by phone about a truce');
    expect(story.dateline).toEqual({
      place: 'GENEVA',
      month: 3,
      day: 3,
      agency: 'Xinhua',
      dateText: 'March 3',
    });
    expect(story.paragraphs).toEqual([
      'Two foreign ministers spoke by phone on Sunday about a truce.',
      '"We are close," one of them said.',
    ]);
    expect(story.pinnedRelated).toEqual([
      { sectionName: '欧美文化', title: 'Parliament opens new session' },
      { sectionName: '欧美文化', title: 'Ports reopen after storm: officials' },
    ]);
  });

  it('puts a title without a section prefix in no section', () => {
    const story = parseSeedText('Storm hits coast\nThe storm hit the coast.\n', 'x.txt');
    expect(story.section).toBeNull();
    expect(story.dateline).toBeNull();
    expect(story.paragraphs).toEqual(['The storm hit the coast.']);
  });

  it.each([
    ['', 'x.txt: the file is empty'],
    ['\n\n', 'x.txt: the file is empty'],
    ['国际英语新闻:\nbody', 'x.txt:1: the title after "国际英语新闻:" is empty'],
    ['国际英语新闻:Title only\n', 'x.txt: the story "Title only" has no body text'],
    ['国际英语新闻:T\nbody\n相关文章\n- 欧美文化:\n', 'x.txt:4: a related entry has no title'],
  ])('rejects %j with a message naming file and line', (text, message) => {
    expect(() => parseSeedText(text, 'x.txt')).toThrow(message);
  });

  it('round-trips through formatSeedText', () => {
    const story = parseSeedText(written, 'written.txt');
    const again = parseSeedText(
      formatSeedText({
        sectionName: story.section ?? '',
        title: story.title,
        datelineText: story.dateline && formatDateline(story.dateline),
        paragraphs: story.paragraphs,
        pinnedRelated: story.pinnedRelated,
      }),
      'again.txt',
    );
    expect(again).toEqual(story);
  });
});

describe.skipIf(!existsSync(SEED_STORY_PATH))('the seed page (../shared)', () => {
  it('parses into the fields the page shows', () => {
    const story = parseSeedText(readFileSync(SEED_STORY_PATH, 'utf8'), SEED_STORY_PATH);
    expect(story.section).toBe('国际英语新闻');
    expect(story.title).toBe('Lavrov, Kerry discuss conditions for hostilities cessation in Syria');
    expect(story.dateline).toMatchObject({ place: 'MOSCOW', month: 2, day: 21, agency: 'Xinhua' });
    expect(story.paragraphs).toHaveLength(7);
    expect(story.paragraphs[0]).toMatch(/^Russian Foreign Minister Sergei Lavrov/);
    expect(story.pinnedRelated).toHaveLength(10);
    expect(story.pinnedRelated.every((l) => l.sectionName === '欧美文化')).toBe(true);
    expect(story.pinnedRelated[0]?.title).toBe(
      'Emergency rooms see more gun violence victims in U.S. in 1st year of pandemic: CNN',
    );
  });
});
