import { describe, expect, it } from 'vitest';
import { parseFeed, parseFeedText } from './parse.js';

const URL_ = 'https://news.example.com/feeds/world.xml';

function rss(items: string, channelExtra = '', namespaces = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" ${namespaces}>
<channel><title>World</title><link>https://news.example.com/</link>${channelExtra}${items}</channel></rss>`;
}

const parse = (text: string, url: string | null = URL_) => parseFeedText(text, url);

describe('RSS 2.0 and 0.9x', () => {
  it('reads entries in document order, content:encoded as full text', () => {
    const feed = parse(
      rss(`
      <item><title>First</title><link>https://news.example.com/1</link><guid>id-1</guid>
        <description>Short summary.</description>
        <content:encoded><![CDATA[<p>Para one.</p><p>Para <b>two</b>.</p>]]></content:encoded></item>
      <item><title>Second</title><link>https://news.example.com/2</link><description>Only a summary.</description></item>`),
    );
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('World');
    expect(feed.entries.map((e) => e.title)).toEqual(['First', 'Second']);
    expect(feed.entries[0]).toMatchObject({ id: 'id-1', text: 'Para one.\nPara two.', summaryOnly: false });
    expect(feed.entries[1]).toMatchObject({
      id: 'https://news.example.com/2',
      text: 'Only a summary.',
      summaryOnly: true,
    });
    expect(feed.entries[0]!.html).toBe('<p>Para one.</p><p>Para <b>two</b>.</p>');
  });

  it('reads RSS 0.91', () => {
    const feed = parse(`<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>
      <item><title>Item</title><link>http://old.example.com/a</link><description>Text &amp; more</description></item></channel></rss>`);
    expect(feed.entries[0]).toMatchObject({
      title: 'Item',
      link: 'http://old.example.com/a',
      text: 'Text & more',
    });
  });

  it.each([
    ['<title>AT&amp;amp;T &lt;b&gt;wins&lt;/b&gt;</title>', 'AT&T wins'],
    ['<title><![CDATA[Q&A: <i>Why</i> now?]]></title>', 'Q&A: Why now?'],
    ['<title>Caf&#233; &#x263A; prices</title>', 'Café ☺ prices'],
    ['<title>  Spread\n  over   lines </title>', 'Spread over lines'],
    ['<title>5 &lt; 6</title>', '5 < 6'],
  ])('stores the title %s as plain text', (title, expected) => {
    expect(parse(rss(`<item>${title}<link>https://x.example/1</link></item>`)).entries[0]!.title).toBe(
      expected,
    );
  });

  it('resolves relative links against the feed URL and xml:base', () => {
    const feed = parse(
      rss(`<item><title>A</title><link>/2024/story-a</link>
        <description>&lt;p&gt;See &lt;a href="more.html"&gt;more&lt;/a&gt;&lt;/p&gt;</description></item>
      <item xml:base="https://cdn.example.org/base/"><title>B</title><link>story-b</link></item>`),
    );
    expect(feed.entries[0]!.link).toBe('https://news.example.com/2024/story-a');
    // Content links resolve against the document's base (xml:base, else the feed URL), as XML says.
    expect(feed.entries[0]!.html).toContain('href="https://news.example.com/feeds/more.html"');
    expect(feed.entries[1]!.link).toBe('https://cdn.example.org/base/story-b');
  });

  it('takes a permalink guid as the link when there is no <link>', () => {
    const feed = parse(rss('<item><title>G</title><guid>https://news.example.com/g</guid></item>'));
    expect(feed.entries[0]!.link).toBe('https://news.example.com/g');
    const notPermalink = parse(
      rss('<item><title>G</title><guid isPermaLink="false">https://x/g</guid></item>'),
    );
    expect(notPermalink.entries[0]!.link).toBeNull();
  });

  it('lists enclosures once each, from <enclosure> and Media RSS', () => {
    const feed = parse(
      rss(
        `<item><title>Pod</title>
        <enclosure url="https://cdn.example.com/ep1.mp3" length="123456" type="audio/mpeg"/>
        <media:content url="https://cdn.example.com/ep1.mp3" type="audio/mpeg"/>
        <media:group><media:content url="/img/ep1.jpg" type="image/jpeg"/></media:group></item>`,
        '',
        'xmlns:media="http://search.yahoo.com/mrss/"',
      ),
    );
    expect(feed.entries[0]!.enclosures).toEqual([
      { url: 'https://cdn.example.com/ep1.mp3', type: 'audio/mpeg', length: 123456 },
      { url: 'https://news.example.com/img/ep1.jpg', type: 'image/jpeg', length: null },
    ]);
  });

  it('reads author from author, dc:creator, with the e-mail form reduced to the name', () => {
    const feed = parse(
      rss(`<item><title>a</title><author>jane@example.com (Jane Roe)</author></item>
      <item><title>b</title><dc:creator>John Doe</dc:creator></item>`),
    );
    expect(feed.entries.map((e) => e.author)).toEqual(['Jane Roe', 'John Doe']);
  });

  it('reads namespaces by URI, whatever the prefix', () => {
    const feed = parseFeedText(
      `<rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
       <item><title>x</title><c:encoded>&lt;p&gt;Full text.&lt;/p&gt;</c:encoded></item></channel></rss>`,
      URL_,
    );
    expect(feed.entries[0]).toMatchObject({ text: 'Full text.', summaryOnly: false });
  });

  it('takes an entry licence, else the feed copyright', () => {
    const feed = parse(
      rss(
        `<item><title>a</title><cc:license>https://creativecommons.org/licenses/by/4.0/</cc:license></item>
         <item><title>b</title></item>`,
        '<copyright>© Example News</copyright>',
        'xmlns:cc="http://backend.userland.com/creativeCommonsRssModule"',
      ),
    );
    expect(feed.entries.map((e) => e.license)).toEqual([
      'https://creativecommons.org/licenses/by/4.0/',
      '© Example News',
    ]);
  });
});

describe('dates', () => {
  it.each([
    ['<pubDate>Wed, 02 Oct 2002 13:00:00 EST</pubDate>', '2002-10-02T18:00:00.000Z'],
    ['<pubDate>Wed, 02 Oct 2002 08:00:00 PST</pubDate>', '2002-10-02T16:00:00.000Z'],
    ['<pubDate>2 Oct 2002 13:00 +0200</pubDate>', '2002-10-02T11:00:00.000Z'],
    ['<pubDate>Wed, 02 Oct 2002 13:00:00 UTC</pubDate>', '2002-10-02T13:00:00.000Z'],
    ['<dc:date>2002-10-02T13:00:00.123+05:30</dc:date>', '2002-10-02T07:30:00.123Z'],
    ['<dc:date>2002-10-02T13:00:00</dc:date>', '2002-10-02T13:00:00.000Z'],
    ['<dc:date>2002-10-02</dc:date>', '2002-10-02T00:00:00.000Z'],
    ['<pubDate>sometime last week</pubDate>', null],
    ['<pubDate>Mon, 30 Feb 2004 10:00:00 GMT</pubDate>', null],
  ])('%s → %s', (date, expected) => {
    expect(parse(rss(`<item><title>t</title>${date}</item>`)).entries[0]!.published).toBe(expected);
  });
});

describe('Atom 1.0', () => {
  const atom = (entry: string, feedAttrs = '') => `<?xml version="1.0"?>
    <feed xmlns="http://www.w3.org/2005/Atom" ${feedAttrs}><title type="html">Atom &amp;lt;News&amp;gt;</title>
    <link href="https://atom.example.com/"/><id>urn:feed</id>${entry}</feed>`;

  it('reads content of type text, html and xhtml', () => {
    const feed = parse(
      atom(`<entry><title>Text</title><id>urn:1</id><content type="text">Plain &lt;not a tag&gt;</content></entry>
        <entry><title type="html">&lt;em&gt;Html&lt;/em&gt;</title><id>urn:2</id><content type="html">&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;</content></entry>
        <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">X<b>html</b></div></title><id>urn:3</id>
          <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Three</p><p>Four &amp; five</p></div></content></entry>`),
    );
    expect(feed.title).toBe('Atom <News>');
    expect(feed.entries.map((e) => [e.title, e.text])).toEqual([
      ['Text', 'Plain <not a tag>'],
      ['Html', 'One\nTwo'],
      ['Xhtml', 'Three\nFour & five'],
    ]);
    expect(feed.entries.every((e) => !e.summaryOnly)).toBe(true);
  });

  it('reads a summary-only entry, published before updated, the alternate link, and xml:base', () => {
    const feed = parse(
      atom(
        `<entry xml:base="/section/"><title>S</title><id>urn:s</id>
          <link rel="self" href="https://atom.example.com/api/s"/>
          <link rel="alternate" type="text/html" href="story-s"/>
          <link rel="enclosure" href="s.mp3" type="audio/mpeg" length="42"/>
          <link rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/"/>
          <updated>2024-05-02T10:00:00Z</updated><published>2024-05-01T09:30:15.5-04:00</published>
          <author><name>Ann Writer</name></author>
          <summary type="html">&lt;p&gt;Just the start.&lt;/p&gt;</summary></entry>`,
        'xml:base="https://atom.example.com/base/"',
      ),
    );
    expect(feed.entries[0]).toMatchObject({
      link: 'https://atom.example.com/section/story-s',
      published: '2024-05-01T13:30:15.500Z',
      author: 'Ann Writer',
      text: 'Just the start.',
      summaryOnly: true,
      license: 'https://creativecommons.org/licenses/by-sa/4.0/',
      enclosures: [{ url: 'https://atom.example.com/section/s.mp3', type: 'audio/mpeg', length: 42 }],
    });
  });

  it('reads an Atom feed written with a prefix', () => {
    const feed = parse(`<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>P</a:title>
      <a:entry><a:title>E</a:title><a:link href="https://p.example/e"/><a:id>urn:e</a:id></a:entry></a:feed>`);
    expect(feed.entries[0]).toMatchObject({ title: 'E', link: 'https://p.example/e', id: 'urn:e' });
  });
});

describe('RSS 1.0 (RDF)', () => {
  it('reads items beside the channel, with dc:date and rdf:about', () => {
    const feed = parse(`<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
        xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://rdf.example.com/"><title>RDF news</title><link>https://rdf.example.com/</link></channel>
      <item rdf:about="https://rdf.example.com/1"><title>One</title><link>https://rdf.example.com/1</link>
        <dc:date>2003-12-13T18:30:02Z</dc:date><description>First.</description></item>
      <item rdf:about="https://rdf.example.com/2"><title>Two</title><link>https://rdf.example.com/2</link></item>
      </rdf:RDF>`);
    expect(feed.format).toBe('rdf');
    expect(feed.title).toBe('RDF news');
    expect(feed.entries.map((e) => [e.title, e.id, e.published])).toEqual([
      ['One', 'https://rdf.example.com/1', '2003-12-13T18:30:02.000Z'],
      ['Two', 'https://rdf.example.com/2', null],
    ]);
  });
});

describe('JSON Feed 1.1', () => {
  it('reads items, authors, html and text content, attachments', () => {
    const feed = parse(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON news',
        home_page_url: 'https://json.example.com/',
        items: [
          {
            id: 1,
            url: '/posts/1',
            title: 'Hello &amp; welcome',
            content_html: '<p>Full <em>html</em>.</p><script>alert(1)</script>',
            date_published: '2024-01-02T03:04:05+08:00',
            authors: [{ name: 'Li Wei' }],
            attachments: [
              { url: 'https://json.example.com/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 9 },
            ],
          },
          { id: '2', url: 'https://json.example.com/posts/2', content_text: 'Line one.\nLine two.' },
          { id: '3', url: 'https://json.example.com/posts/3', summary: 'Only a summary.' },
        ],
      }),
    );
    expect(feed.format).toBe('json');
    expect(feed.entries[0]).toMatchObject({
      id: '1',
      title: 'Hello & welcome',
      link: 'https://news.example.com/posts/1',
      text: 'Full html.',
      published: '2024-01-01T19:04:05.000Z',
      author: 'Li Wei',
      summaryOnly: false,
      enclosures: [{ url: 'https://json.example.com/a.mp3', type: 'audio/mpeg', length: 9 }],
    });
    expect(feed.entries[1]).toMatchObject({ text: 'Line one.\nLine two.', summaryOnly: false });
    expect(feed.entries[2]).toMatchObject({ text: 'Only a summary.', summaryOnly: true });
  });
});

describe('encodings', () => {
  const latin1Feed = (declaration: string) =>
    Buffer.concat([
      Buffer.from(`<?xml version="1.0"${declaration}?><rss version="2.0"><channel><title>`),
      Buffer.from([0x43, 0x61, 0x66, 0xe9]), // "Café" in ISO-8859-1
      Buffer.from('</title></channel></rss>'),
    ]);

  it('decodes a declared ISO-8859-1 feed', () => {
    expect(parseFeed({ body: latin1Feed(' encoding="ISO-8859-1"'), url: URL_ }).title).toBe('Café');
  });

  it('decodes by the HTTP charset when the document declares nothing', () => {
    expect(parseFeed({ body: latin1Feed(''), url: URL_, charset: 'iso-8859-1' }).title).toBe('Café');
  });

  it('reads undeclared bytes that are not UTF-8 as windows-1252', () => {
    expect(parseFeed({ body: latin1Feed(''), url: URL_ }).title).toBe('Café');
  });

  it('prefers the declaration when a UTF-8 header does not fit the bytes', () => {
    expect(parseFeed({ body: latin1Feed(' encoding="ISO-8859-1"'), url: URL_, charset: 'utf-8' }).title).toBe(
      'Café',
    );
  });

  it('decodes windows-1251', () => {
    const body = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>'),
      Buffer.from([0xcd, 0xee, 0xe2, 0xee, 0xf1, 0xf2, 0xe8]), // Новости
      Buffer.from('</title></channel></rss>'),
    ]);
    expect(parseFeed({ body, url: URL_ }).title).toBe('Новости');
  });

  it('drops a UTF-8 byte-order mark', () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(rss('<item><title>Ü</title></item>')),
    ]);
    expect(parseFeed({ body, url: URL_ }).entries[0]!.title).toBe('Ü');
  });

  it('reads a feed with a stray byte or blank lines before <?xml', () => {
    expect(parse(`\n\n${rss('<item><title>A</title></item>')}`).entries).toHaveLength(1);
    expect(parse(`x${rss('<item><title>A</title></item>')}`).entries).toHaveLength(1);
  });
});

describe('not a feed', () => {
  it.each([
    ['<!doctype html><html><body>Hi</body></html>', /is not a feed/],
    ['<?xml version="1.0"?><opml><body/></opml>', /root element is <opml>/],
    ['{"hello": "world"}', /not a JSON Feed/],
    ['{not json', /not valid JSON/],
  ])('%s', (text, message) => {
    expect(() => parse(text)).toThrow(message);
    try {
      parse(text);
    } catch (error) {
      expect((error as { code: string }).code).toBe('NOT_A_FEED');
    }
  });
});
