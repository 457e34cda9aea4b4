/**
 * Every piece of HTML that comes in from a feed or a page goes through `sanitizeHtml`, an
 * allow-list (sanitize-html: a maintained allow-list sanitiser that runs on the server without
 * a DOM, unlike DOMPurify): text-level and block tags, links and images with absolute http(s)
 * URLs only, no `style`/`class`/`id`/event attributes. Script, style, iframe, object, embed,
 * form controls, SVG and MathML are dropped with their content; `javascript:`, `data:`,
 * `vbscript:` and protocol-relative URLs are dropped; relative URLs are resolved against the
 * document's base first, so a disguised scheme (`jav&#x09;ascript:`) is seen as the URL parser
 * sees it.
 *
 * What is stored is plain text: `htmlToParagraphs` turns sanitised HTML into paragraphs
 * (block elements and `<br>` end one), leaving out captions, figures' credits, navigation,
 * asides and whatever is not running text. Images are kept only in the sanitised HTML that
 * `preview` shows, never in the stored text.
 */
import { DOMParser } from 'linkedom';
import sanitize from 'sanitize-html';

const ALLOWED_TAGS = [
  'p',
  'br',
  'a',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'sub',
  'sup',
  'small',
  'mark',
  'abbr',
  'time',
  'span',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'nav',
  'blockquote',
  'q',
  'cite',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'figure',
  'figcaption',
  'img',
  'hr',
];

/** Dropped with everything inside them (not just the tags). */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'button',
  'select',
  'option',
  'textarea',
  'input',
  'svg',
  'math',
  'head',
  'title',
  'video',
  'audio',
  'canvas',
];

function absolute(url: string | undefined, base: string | null): string | null {
  if (!url) return null;
  try {
    const resolved = base ? new URL(url.trim(), base) : new URL(url.trim());
    return ['http:', 'https:', 'mailto:'].includes(resolved.protocol) ? resolved.href : null;
  } catch {
    return null;
  }
}

function withUrl(
  attribs: Record<string, string>,
  name: string,
  value: string | null,
): Record<string, string> {
  const out = { ...attribs };
  if (value) out[name] = value;
  else delete out[name];
  return out;
}

/**
 * Sanitises untrusted HTML. `base` (the item's or page's URL, `xml:base` applied) resolves
 * relative links and images; without it relative URLs are dropped.
 */
export function sanitizeHtml(html: string, base: string | null = null): string {
  return sanitize(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'width', 'height'],
      abbr: ['title'],
      time: ['datetime'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      blockquote: ['cite'],
      q: ['cite'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    allowVulnerableTags: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: withUrl(attribs, 'href', absolute(attribs.href, base)) }),
      img: (tagName, attribs) => {
        // Lazy-loading pages put the real image in data-src and a placeholder in src.
        const lazy = attribs['data-src'] ?? attribs['data-original'];
        const src = lazy && (!attribs.src || attribs.src.startsWith('data:')) ? lazy : attribs.src;
        const url = absolute(src, base);
        return { tagName, attribs: withUrl(attribs, 'src', url?.startsWith('http') ? url : null) };
      },
      blockquote: (tagName, attribs) => ({
        tagName,
        attribs: withUrl(attribs, 'cite', absolute(attribs.cite, base)),
      }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
}

/** Ends a paragraph. */
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'hr',
  'br',
  'address',
  'center',
]);

/** Not running text: left out of the stored paragraphs. */
const NOT_TEXT = new Set([
  ...DROPPED_WITH_CONTENT,
  'figcaption',
  'figure',
  'caption',
  'nav',
  'aside',
  'img',
  'picture',
]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

function parseFragment(html: string): DomNode {
  const document = new DOMParser().parseFromString(
    `<!doctype html><html><body>${html}</body></html>`,
    'text/html',
  );
  return document.body as unknown as DomNode;
}

/** Plain-text paragraphs of (sanitised or trusted) HTML, in order, whitespace collapsed. */
export function htmlToParagraphs(html: string): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeName.toLowerCase();
    if (NOT_TEXT.has(tag)) return;
    const block = BLOCK.has(tag);
    if (block) flush();
    // Read once: linkedom builds `childNodes` afresh on every access by walking the children,
    // so indexing it in the loop took quadratic time (a feed item of 6,400 "&amp;", one text
    // node each, took 31 s).
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) walk(children[i]!);
    if (block) flush();
  };
  walk(parseFragment(sanitizeHtml(html)));
  flush();
  return paragraphs;
}

/**
 * A title or name that may hold markup or entities (`AT&amp;T <b>wins</b>`) as one line of plain
 * text (`AT&T wins`). Text without `<` or `&` is only trimmed.
 */
export function htmlToPlainText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  return htmlToParagraphs(html).join(' ');
}

/** Counts words the way the 80-word rule for fetching a linked page does. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w)).length;
}
