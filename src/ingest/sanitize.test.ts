import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, htmlToParagraphs, htmlToPlainText, sanitizeHtml } from './sanitize.js';

/** Hostile inputs written for this test: each tries a different way to run code or load something. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror="alert(1)">',
  '<img src="javascript:alert(1)">',
  '<img src="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="jav&#x09;ascript:alert(1)">click</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">click</a>',
  '<a href=" javascript:alert(1)">click</a>',
  '<a href="vbscript:msgbox(1)">click</a>',
  '<a href="data:text/html,<script>alert(1)</script>">click</a>',
  '<p onclick="alert(1)" onmouseover="alert(2)" style="background:url(javascript:alert(3))">text</p>',
  '<iframe src="https://evil.example/"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="evil.swf"></object><embed src="evil.swf">',
  '<form action="https://evil.example/"><input name="password"><button>Go</button></form>',
  '<svg onload="alert(1)"><script>alert(2)</script></svg>',
  '<math><mtext><script>alert(1)</script></mtext></math>',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<!--<script>alert(1)</script>-->',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<template><script>alert(1)</script></template>',
  '<div style="width: expression(alert(1))">x</div>',
  '<a href="//evil.example/path" target="_blank">protocol-relative</a>',
  '<video src="x" onerror="alert(1)"></video><audio src=x onerror=alert(1)>',
  '<details open ontoggle="alert(1)">x</details>',
  '<body onload="alert(1)">x</body>',
  '<textarea><script>alert(1)</script></textarea>',
];

const FORBIDDEN = [
  /<script/i,
  /<style/i,
  /<iframe/i,
  /<form/i,
  /<input/i,
  /<object/i,
  /<embed/i,
  /<svg/i,
  /<math/i,
  /<link/i,
  /<meta/i,
  /<base/i,
  /\son[a-z]+\s*=/i,
  /javascript:/i,
  /vbscript:/i,
  /data:/i,
  /style=/i,
  /srcdoc/i,
];

describe('sanitizeHtml', () => {
  it.each(HOSTILE)('leaves nothing that runs or loads: %s', (html) => {
    const clean = sanitizeHtml(html, 'https://news.example.com/story');
    for (const pattern of FORBIDDEN) expect(clean).not.toMatch(pattern);
  });

  it('survives every hostile fixture mixed into ordinary text, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.constantFrom(...HOSTILE), fc.constantFrom('<p>Hello</p>', 'plain & text', '<b>')),
          { maxLength: 8 },
        ),
        (parts) => {
          const clean = sanitizeHtml(parts.join(''), 'https://news.example.com/');
          return FORBIDDEN.every((pattern) => !pattern.test(clean));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps text-level markup, and links and images with absolute http(s) URLs', () => {
    expect(
      sanitizeHtml(
        '<p class="x" id="y">A <a href="/more" title="More">link</a> and <img src="pic.jpg" alt="A pic" srcset="a.jpg 2x"></p>',
        'https://news.example.com/2024/story',
      ),
    ).toBe(
      '<p>A <a href="https://news.example.com/more" title="More">link</a> and <img src="https://news.example.com/2024/pic.jpg" alt="A pic" /></p>',
    );
  });

  it('drops relative URLs when there is no base, and images with no usable source', () => {
    expect(sanitizeHtml('<a href="/x">x</a><img src="/y.png">')).toBe('<a>x</a>');
  });

  it('uses the real image of a lazy-loading page', () => {
    expect(
      sanitizeHtml('<img src="data:image/gif;base64,R0lGOD" data-src="/real.jpg">', 'https://a.example/'),
    ).toBe('<img src="https://a.example/real.jpg" />');
  });
});

describe('htmlToParagraphs', () => {
  it.each([
    ['<p>One</p><p>Two <b>bold</b></p>', ['One', 'Two bold']],
    ['First line<br>Second line<br/><br/>Third', ['First line', 'Second line', 'Third']],
    ['<div>Block<p>Inner</p>Tail</div>', ['Block', 'Inner', 'Tail']],
    ['<ul><li>a</li><li>b</li></ul>', ['a', 'b']],
    [
      '<figure><img src="https://x/p.jpg"><figcaption>Photo: Agency</figcaption></figure><p>Story.</p>',
      ['Story.'],
    ],
    ['<p>Text</p><aside>Related: other story</aside><nav>Home | World</nav>', ['Text']],
    ['<p>Keep</p><script>var x = 1;</script><style>p{}</style>', ['Keep']],
    ['<p>  spaced \n\t out  </p>', ['spaced out']],
    ['<p>AT&amp;T &eacute;t&eacute;</p>', ['AT&T été']],
    ['', []],
  ])('%s', (html, paragraphs) => {
    expect(htmlToParagraphs(html)).toEqual(paragraphs);
  });
});

describe('htmlToPlainText and countWords', () => {
  it('flattens markup to one line', () => {
    expect(htmlToPlainText('<p>Two</p><p>lines</p>')).toBe('Two lines');
    expect(htmlToPlainText('No markup  here')).toBe('No markup here');
  });
  it('counts words with letters or digits', () => {
    expect(countWords('One, two — 3 and… “four”')).toBe(5);
  });
});
