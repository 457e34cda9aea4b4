import { describe, expect, it } from 'vitest';
import { splitParagraphs, storyFromJson } from './jsonl.js';

describe('splitParagraphs', () => {
  it.each([
    ['One.\n\nTwo\nstill two.', ['One.', 'Two still two.']],
    ['One.\nTwo.', ['One.', 'Two.']],
    [
      '    First para line one\nline two.\n    Second para.',
      ['First para line one line two.', 'Second para.'],
    ],
    ['  \n\n ', []],
    ['A.\nB.\n  Table row\nC.', ['A.', 'B.', 'Table row', 'C.']],
  ])('%j', (body, paragraphs) => {
    expect(splitParagraphs(body)).toEqual(paragraphs);
  });
});

describe('storyFromJson', () => {
  const base = { title: 'A title', body: 'A body.' };

  it('fills defaults for optional fields', () => {
    expect(storyFromJson(base)).toEqual({
      source: '',
      externalId: null,
      section: null,
      title: 'A title',
      dateline: null,
      publishedAt: null,
      url: null,
      tags: [],
      paragraphs: ['A body.'],
      pinnedRelated: [],
      author: null,
      license: null,
      feed: null,
      fetchedAt: null,
      textFrom: null,
    });
  });

  it('reads provenance, and "category" as "section"', () => {
    expect(
      storyFromJson({
        ...base,
        category: 'world',
        author: 'Mary Fields',
        license: 'CC BY 4.0',
        feed: 'https://news.example.com/feed.xml',
        fetched_at: '2026-01-02T03:04:05Z',
        language: 'en',
        text_from: 'summary',
      }),
    ).toMatchObject({
      section: 'world',
      author: 'Mary Fields',
      license: 'CC BY 4.0',
      feed: 'https://news.example.com/feed.xml',
      fetchedAt: '2026-01-02T03:04:05Z',
      language: 'en',
      textFrom: 'summary',
    });
    expect(storyFromJson({ ...base, section: 'sports', category: 'world' }).section).toBe('sports');
  });

  it('takes a dateline off the first paragraph', () => {
    const story = storyFromJson({ ...base, body: 'MOSCOW, Feb. 21 (Xinhua) -- Talks went on.' });
    expect(story.dateline?.place).toBe('MOSCOW');
    expect(story.paragraphs).toEqual(['Talks went on.']);
  });

  it('accepts numeric ids', () => {
    expect(storyFromJson({ ...base, id: 42 }).externalId).toBe('42');
  });

  it("reads pinned stories by source and id (the record's own source when none), and leaves them alone when absent", () => {
    const story = storyFromJson({
      ...base,
      source: 'wire',
      pinned: [{ source: 'courier', id: 'p2' }, { id: 7 }],
    });
    expect(story.pinnedStories).toEqual([
      { source: 'courier', externalId: 'p2' },
      { source: 'wire', externalId: '7' },
    ]);
    expect(storyFromJson({ ...base, pinned: [] }).pinnedStories).toEqual([]);
    expect(storyFromJson(base)).not.toHaveProperty('pinnedStories');
    expect(storyFromJson({ ...base, pinned: null })).not.toHaveProperty('pinnedStories');
  });

  it.each([
    [{ body: 'x' }, 'title', 'is required'],
    [{ title: '  ', body: 'x' }, 'title', 'must be a non-empty string'],
    [{ title: 't' }, 'body', 'is required'],
    [{ title: 't', body: 5 }, 'body', 'must be a string or an array of strings'],
    [{ title: 't', body: ['ok', 3] }, 'body[1]', 'must be a string'],
    [{ title: 't', body: '   ' }, 'body', 'has no text'],
    [{ ...base, date: '21/02/2016' }, 'date', 'must be an ISO 8601 date'],
    [{ ...base, date: '2016-13-45' }, 'date', 'must be an ISO 8601 date'],
    [{ ...base, date: '2016-02-30' }, 'date', 'must be an ISO 8601 date'],
    [{ ...base, url: 'ftp://x' }, 'url', 'must be an http or https URL'],
    [{ ...base, tags: 'a,b' }, 'tags', 'must be an array of strings'],
    [{ ...base, id: { x: 1 } }, 'id', 'must be a string or a number'],
    [{ ...base, section: 3 }, 'section', 'must be a string'],
    [{ ...base, related: [{ nope: 1 }] }, 'related[0]', 'must be "SECTION:Title"'],
    [[1, 2], '(line)', 'must be a JSON object'],
    [{ ...base, feed: 'javascript:alert(1)' }, 'feed', 'must be an http or https URL'],
    [{ ...base, fetched_at: 'yesterday' }, 'fetched_at', 'must be an ISO 8601 date'],
    [{ ...base, language: 'English' }, 'language', 'must be a language code'],
    [{ ...base, text_from: 'fax' }, 'text_from', 'must be one of feed, page, summary'],
    [{ ...base, author: 7 }, 'author', 'must be a string'],
    [{ ...base, pinned: 'p2' }, 'pinned', 'must be an array'],
    [{ ...base, pinned: ['p2'] }, 'pinned[0]', 'must be {"source", "id"}'],
    [{ ...base, pinned: [{ source: 'a' }] }, 'pinned[0].id', 'must be a non-empty string or a number'],
    [{ ...base, pinned: [{ source: 3, id: 'x' }] }, 'pinned[0].source', 'must be a string'],
    [{ ...base, pinned: Array.from({ length: 21 }, (_, i) => ({ id: i })) }, 'pinned', 'at most 20'],
  ])('rejects %j naming field %s', (value, field, message) => {
    expect(() => storyFromJson(value)).toThrow(message);
    try {
      storyFromJson(value);
    } catch (error) {
      expect((error as { field: string }).field).toBe(field);
    }
  });
});
