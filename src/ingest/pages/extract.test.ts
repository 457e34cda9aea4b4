import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/shared-data.js';
import { extractArticle, extractArticleFromBytes } from './extract.js';

const PAGE = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'pages', 'news-article.html'), 'utf8');
const URL_ = 'https://courier.example.com/news/river-town-rebuilds?utm_source=feed';

describe('extractArticle', () => {
  const article = extractArticle(PAGE, URL_);

  it('keeps the story as paragraphs, first to last', () => {
    expect(article.paragraphs[0]).toMatch(/^Six months after the river burst its banks/);
    expect(article.paragraphs.at(-1)).toMatch(/^The town will hold a festival/);
    expect(article.paragraphs).toHaveLength(5);
  });

  it.each([
    'World news and analysis',
    'Advertisement',
    'Share this story',
    'Photo: Courier staff',
    'it breaks my heart',
    'Other towns along the river',
    'Copyright The Example Courier',
    'TRACKER TEXT',
    'tracker',
  ])('drops boilerplate: %s', (text) => {
    expect(article.paragraphs.join('\n')).not.toContain(text);
  });

  it('reads title, byline, date, site name, language and canonical URL from the metadata', () => {
    expect(article).toMatchObject({
      title: 'River town rebuilds after the flood',
      byline: 'Mary Fields',
      published: '2024-03-05T08:15:00.000Z',
      siteName: 'The Example Courier',
      lang: 'en-GB',
      url: 'https://courier.example.com/news/river-town-rebuilds',
    });
  });

  it('keeps images only in the sanitised HTML, with absolute URLs', () => {
    expect(article.html).toContain('src="https://courier.example.com/images/flood.jpg"');
    expect(article.html).not.toMatch(/<script|onerror|class=/);
  });

  it('decodes a page by its <meta charset>', () => {
    const latin1 = Buffer.from(
      PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace('Six months', 'Café: six months'),
      'latin1',
    );
    expect(extractArticleFromBytes(latin1, URL_, null).paragraphs[0]).toMatch(/^Café: six months/);
  });

  it('says so when a page has no article text', () => {
    expect(() => extractArticle('<html><body><nav><a href="/">Home</a></nav></body></html>', URL_)).toThrow(
      /no article text/,
    );
  });
});
