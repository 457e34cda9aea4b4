/**
 * Every parser lingwire runs on someone else's text, under fast-check: the seed text format, the
 * JSON Lines reader (lines as bytes, records, fields), datelines, dates, feeds (RSS, Atom, JSON
 * Feed), search queries, the tokenizer and sentences. Each throws nothing but its documented
 * error, keeps its promises about what it returns, and takes no super-linear time on long input
 * (`scaling.ts`). The tokenizer's and sentences' tiling properties live beside them in `src/text/`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDatelineField, splitDateline, takeDateline } from '../../src/articles/dateline.js';
import { parseSeedText } from '../../src/articles/seed-format.js';
import { isAppError } from '../../src/core/errors.js';
import { parseDate } from '../../src/ingest/dates.js';
import { parseFeed, parseFeedText } from '../../src/ingest/feeds/parse.js';
import { readJsonl, splitParagraphs } from '../../src/ingest/sources/jsonl.js';
import { readLines } from '../../src/ingest/sources/lines.js';
import { MAX_QUERY_PARTS, parseQuery } from '../../src/search/query.js';
import { sentencesOf } from '../../src/text/sentences.js';
import { tokenize } from '../../src/text/tokenize.js';
import { expectLinear, repeated } from './scaling.js';

const dir = mkdtempSync(join(tmpdir(), 'lingwire-properties-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `parse`; an error must be an AppError with one of `codes`. */
function onlyDocumented(codes: string[], parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    if (!isAppError(error) || !codes.includes(error.code)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
  }
}

/** Text made of pieces that matter to a parser, mixed with anything at all. */
function textFrom(pieces: string[], maxLength = 40): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc
      .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength })
      .map((a) => a.join('')),
  );
}

/** Shapes worth repeating for the timing checks: 1–4 pieces, plus the ones given. */
function units(pieces: string[]): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
}

const TIMING_RUNS = 6;

const SEED_PIECES = [
  '国际英语新闻:',
  '：',
  ':',
  '\n',
  '\r\n',
  ' ',
  '相关文章',
  '- ',
  '欧美文化:',
  'Title',
  'MOSCOW, Feb. 21 (Xinhua) -- ',
  '\uFEFF',
  'A',
  '\t',
];
const DATELINE_PIECES = [
  'MOSCOW',
  'ST. LOUIS',
  ', ',
  'Feb.',
  'March',
  ' 21',
  ', 2016',
  ' (Xinhua)',
  ' (',
  ')',
  ' -- ',
  '-',
  '—',
  ' ',
  'A',
  'a',
  "'",
  '/',
];
const QUERY_PIECES = [
  '"',
  '“',
  '”',
  '-',
  ' ',
  'the',
  'Syria',
  'cease-fire',
  'U.S.',
  '-"',
  '国',
  '\u0301',
  '０',
];
const TEXT_PIECES = [
  'U.S.',
  "n't",
  "'s",
  'Mr.',
  'Feb.',
  '.',
  '. ',
  '?',
  '!',
  '"',
  '“',
  '”',
  '(',
  ')',
  '\n',
  '\n\n',
  '  ',
  'A',
  'a',
  '1',
  '-',
  '--',
  'http://a.b/c',
  ':',
  '…',
  '国',
  '😀',
];
const DATE_PIECES = [
  '2016',
  '-',
  '02',
  'T',
  ':',
  'Z',
  '+08:00',
  'Mon',
  ', ',
  '21 Feb 2016',
  ' 08:15:00',
  ' GMT',
  ' PM',
  '.',
  ' ',
];
const XML_PIECES = [
  '<?xml version="1.0"?>',
  '<rss version="2.0">',
  '<rss',
  '<feed xmlns="http://www.w3.org/2005/Atom">',
  '<feed',
  '<channel>',
  '<item>',
  '</item>',
  '<entry>',
  '<title>',
  '</title>',
  '<description>',
  '<![CDATA[',
  ']]>',
  '<content type="xhtml">',
  '<div xmlns="http://www.w3.org/1999/xhtml">',
  '<p>',
  '</p>',
  '<a href="javascript:x">',
  '&amp;',
  '&lt;',
  '&#',
  '&nbsp;',
  '<!--',
  '-->',
  ' xmlns:a="',
  '"',
  '>',
  '<',
  '</channel></rss>',
  '<link>',
  'http://a.example/',
  '<pubDate>',
  'Mon, 21 Feb 2016 08:15:00 GMT',
];

describe('the seed text format', () => {
  it('reads any text as a story or refuses it with INVALID_STORY naming the file', () => {
    fc.assert(
      fc.property(textFrom(SEED_PIECES), (text) => {
        onlyDocumented(['INVALID_STORY'], () => {
          const story = parseSeedText(text, 'story.txt');
          expect(story.title).not.toBe('');
          expect(story.paragraphs.length).toBeGreaterThan(0);
          for (const p of story.paragraphs) expect(p).not.toMatch(/\n/);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('takes linear time on long input', () => {
    const seed = (unit: string) => (chars: number) => `标题:Title\n${repeated(unit)(chars)}`;
    fc.assert(
      fc.property(units(SEED_PIECES), (unit) => {
        expectLinear(`parseSeedText(${JSON.stringify(unit)})`, seed(unit), (text) =>
          onlyDocumented(['INVALID_STORY'], () => parseSeedText(text, 'x')),
        );
      }),
      { numRuns: TIMING_RUNS, examples: [['\n  '], [' :'], ['MOSCOW, Feb. 21 (Xinhua) -- ']] },
    );
  }, 120_000);
});

describe('JSON Lines', () => {
  it('splits any bytes into the lines they hold, refusing a long line or bad UTF-8 as a record, never throwing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r')),
          {
            maxLength: 20,
          },
        ),
        fc.uint8Array({ maxLength: 4 }),
        fc.integer({ min: 1, max: 7 }),
        async (parts, junk, chunk) => {
          const text = parts.join('');
          const bytes = Buffer.concat([Buffer.from(text), Buffer.from(junk)]);
          const chunks = [];
          for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
          const lines = [];
          for await (const line of readLines(Readable.from(chunks), 24)) lines.push(line);
          const expected = bytes.toString('latin1').split('\n');
          if (expected.at(-1) === '') expected.pop();
          expect(lines.map((l) => l.lineNumber)).toEqual(expected.map((_, i) => i + 1));
          for (const line of lines) {
            if (line.ok) {
              expect(Buffer.byteLength(line.text)).toBeLessThanOrEqual(24);
              expect(line.text).not.toContain('\n');
            } else expect(line.message).toMatch(/limit is 24|not valid UTF-8/);
          }
          if (junk.length === 0) {
            const whole = text.split('\n');
            if (whole.at(-1) === '') whole.pop();
            // The limit counts a line's CR, which is not part of its text.
            const fits = whole.map((l) => (Buffer.byteLength(l) <= 24 ? l.replace(/\r$/, '') : null));
            expect(lines.map((l) => (l.ok ? l.text : null))).toEqual(fits);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  const story = fc.record(
    {
      id: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.array(fc.string())),
      title: fc.oneof(textFrom(TEXT_PIECES), fc.constant(''), fc.integer()),
      body: fc.oneof(
        textFrom(TEXT_PIECES),
        fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 4 }),
        fc.object(),
      ),
      date: fc.oneof(
        fc.string(),
        fc.constant('2016-02-30'),
        fc.constant('2016-02-21T08:00:00Z'),
        fc.integer(),
      ),
      url: fc.oneof(fc.webUrl(), fc.string(), fc.constant('javascript:alert(1)')),
      dateline: fc.oneof(textFrom(DATELINE_PIECES), fc.integer()),
      related: fc.oneof(fc.array(fc.oneof(fc.string(), fc.object())), fc.string()),
      tags: fc.oneof(fc.array(fc.string()), fc.array(fc.integer()), fc.string()),
      language: fc.oneof(fc.constantFrom('en', 'zh-Hans', 'EN', ''), fc.string()),
      level: fc.string(),
      group: fc.oneof(fc.string(), fc.integer()),
      text_from: fc.oneof(fc.constantFrom('feed', 'page', 'summary'), fc.string()),
    },
    { requiredKeys: [] },
  );

  it('reads any file as stories or bad records at file:line, never throwing', async () => {
    let files = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            story.map((s) => JSON.stringify(s)),
            fc.jsonValue().map((v) => JSON.stringify(v)),
            fc.string({ unit: 'binary', maxLength: 60 }),
            fc.constant(''),
          ),
          { maxLength: 8 },
        ),
        async (lines) => {
          const path = join(dir, `${files++}.jsonl`);
          writeFileSync(path, lines.join('\n'));
          let records = 0;
          for await (const record of readJsonl(path)) {
            records++;
            if (record.ok) {
              expect(record.story.title.trim()).not.toBe('');
              expect(record.story.paragraphs.length).toBeGreaterThan(0);
              if (record.story.url) expect(record.story.url).toMatch(/^https?:\/\//);
            } else expect(record.message.startsWith(`${record.where}: `)).toBe(true);
            if (!record.ok)
              expect(record.where).toMatch(new RegExp(`^${path.replace(/[.\\]/g, '\\$&')}:\\d+$`));
          }
          const written = lines.join('\n').split('\n');
          expect(records).toBe(
            written.map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '').length,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('splits a body into paragraphs without blank ones, in linear time', () => {
    fc.assert(
      fc.property(textFrom(TEXT_PIECES), (body) => {
        for (const p of splitParagraphs(body)) {
          expect(p.trim()).toBe(p);
          expect(p).not.toBe('');
          expect(p).not.toMatch(/\s\s|\n/);
        }
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(units(['\n', '\n\n', '  ', '\t', 'a', '\r\n', ' \n', '\n  a']), (unit) => {
        expectLinear(`splitParagraphs(${JSON.stringify(unit)})`, repeated(unit), splitParagraphs);
      }),
      { numRuns: TIMING_RUNS },
    );
  });
});

describe('datelines', () => {
  it('never throw; a dateline taken off a paragraph leaves the rest of it', () => {
    fc.assert(
      fc.property(textFrom(DATELINE_PIECES), textFrom(TEXT_PIECES), (dateline, text) => {
        const paragraph = `${dateline}${text}`;
        const split = splitDateline(paragraph);
        if (split) {
          expect(paragraph.endsWith(split.rest)).toBe(true);
          expect(split.rest).not.toBe('');
          expect(split.dateline.place).not.toBe('');
        }
        const field = parseDatelineField(dateline);
        if (dateline.trim().replace(/[-—–\s]+$/, '') !== '') expect(field?.place).toBeTruthy();
        const taken = takeDateline([paragraph, text]);
        expect(taken.paragraphs.length).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 1000 },
    );
  });

  it('take linear time on long input', () => {
    fc.assert(
      fc.property(units(DATELINE_PIECES), (unit) => {
        expectLinear(`datelines(${JSON.stringify(unit)})`, repeated(unit), (text) => {
          splitDateline(text);
          parseDatelineField(text);
          takeDateline([text, 'x']);
        });
      }),
      { numRuns: TIMING_RUNS, examples: [['A, '], ['MOSCOW (']] },
    );
  });
});

describe('feed and page dates', () => {
  it('are an ISO date JavaScript reads, or null, for any text, in linear time', () => {
    fc.assert(
      fc.property(textFrom(DATE_PIECES), (text) => {
        const date = parseDate(text);
        if (date !== null) expect(Number.isNaN(Date.parse(date))).toBe(false);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(units(DATE_PIECES), (unit) => {
        expectLinear(`parseDate(${JSON.stringify(unit)})`, repeated(unit), parseDate);
      }),
      { numRuns: TIMING_RUNS },
    );
  });
});

describe('feeds', () => {
  const xml = textFrom(XML_PIECES, 60);
  const jsonFeed = fc
    .record(
      {
        items: fc.oneof(fc.array(fc.object()), fc.jsonValue()),
        title: fc.jsonValue(),
        home_page_url: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((f) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', ...f }));

  it('are read, or refused with NOT_A_FEED, whatever the bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          xml.map((t) => Buffer.from(t)),
          jsonFeed.map((t) => Buffer.from(t)),
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
        ),
        fc.constantFrom(null, 'utf-8', 'windows-1252', 'x-unknown'),
        (body, charset) => {
          onlyDocumented(['NOT_A_FEED'], () => {
            const feed = parseFeed({ body, url: 'http://feeds.example/rss', charset });
            for (const entry of feed.entries) expect(entry.link ?? 'http://').toMatch(/^https?:\/\//);
          });
        },
      ),
      { numRuns: 800 },
    );
  });

  it('take linear time on long input', () => {
    const wrapped = (unit: string) => (chars: number) =>
      `<rss version="2.0"><channel><title>x</title><item><title>t</title><description>${repeated(unit)(chars)}</description></item></channel></rss>`;
    fc.assert(
      fc.property(units(XML_PIECES), fc.boolean(), (unit, wrap) => {
        expectLinear(
          `parseFeedText(${JSON.stringify(unit)})`,
          wrap ? wrapped(unit) : repeated(unit),
          (text) => onlyDocumented(['NOT_A_FEED'], () => parseFeedText(text, 'http://feeds.example/')),
          // Item text goes through the sanitiser and linkedom: smaller sizes keep the test short.
          wrap ? 32_000 : 400_000,
        );
      }),
      // `<rss` repeated took 28 s at 160,000 characters (the root element's regex backtracked).
      {
        numRuns: TIMING_RUNS,
        examples: [
          ['<rss', false],
          ['<feed', false],
          ['&amp;', true],
        ],
      },
    );
  });
});

describe('search queries', () => {
  it('never throw: a query to run, within the limits, or a message', () => {
    fc.assert(
      fc.property(textFrom(QUERY_PIECES, 80), (raw) => {
        const result = parseQuery(raw);
        if (!result.ok) {
          expect(result.message).toMatch(/\.$/);
          return;
        }
        const { include, exclude } = result.query;
        expect(include.length).toBeGreaterThan(0);
        expect(include.length + exclude.length).toBeLessThanOrEqual(MAX_QUERY_PARTS);
        for (const phrase of [...include, ...exclude]) {
          expect(phrase.length).toBeGreaterThan(0);
          for (const token of phrase) expect(token).toBe(token.toLowerCase());
        }
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(units(QUERY_PIECES), (unit) => {
        expectLinear(`parseQuery(${JSON.stringify(unit)})`, repeated(unit), parseQuery);
      }),
      { numRuns: TIMING_RUNS },
    );
  });
});

describe('the tokenizer and sentences', () => {
  it('take linear time on long input', () => {
    fc.assert(
      fc.property(units(TEXT_PIECES), (unit) => {
        expectLinear(`tokenize(${JSON.stringify(unit)})`, repeated(unit), tokenize, 100_000);
        expectLinear(`sentencesOf(${JSON.stringify(unit)})`, repeated(unit), sentencesOf, 100_000);
      }),
      { numRuns: TIMING_RUNS, examples: [['"'], ['a:'], ['\n  a'], ['U.S.a']] },
    );
  }, 180_000);
});
