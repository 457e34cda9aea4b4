/**
 * Atom 1.0 (RFC 4287) feeds of the site and of each section: every entry carries the whole story
 * (`content type="html"`: the dateline, the paragraphs and the source credit the story page shows),
 * its original as `link rel="via"`, its author and licence. Written by hand: the format is small,
 * and every text goes through `xml()`, which also drops characters XML 1.0 forbids.
 */
import { renderToString } from 'preact-render-to-string';
import { formatDateline } from '../../articles/dateline.js';
import type { StoryView } from '../../articles/model.js';
import { storyPath } from '../paths.js';
import { StoryCredit } from './story-credit.js';

/** Escapes text for XML content and attribute values, dropping characters XML 1.0 does not allow. */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** An RFC 3339 date-time, as Atom requires: a bare date is read as midnight UTC. */
export function atomDate(iso: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace(/\.000Z$/, 'Z');
}

/** The story's whole text as HTML, with its dateline and the credit the page shows. */
export function storyHtml(story: StoryView): string {
  const dateline = story.dateline ? `${formatDateline(story.dateline)} -- ` : '';
  return renderToString(
    <>
      {story.paragraphs.map((p, i) => (
        <p>{i === 0 ? `${dateline}${p}` : p}</p>
      ))}
      <StoryCredit story={story} />
    </>,
  );
}

export interface AtomFeedProps {
  /** The feed's own absolute URL: its `id` and `rel="self"`. */
  feedUrl: string;
  /** The page the feed follows (home or section page), absolute. */
  pageUrl: string;
  siteUrl: string;
  title: string;
  subtitle: string;
  stories: StoryView[];
  /** The publisher, as `<author>` of the feed. */
  siteName: string;
}

/** Changes only when a story in it changes, so the bytes (and ETag) are stable between renders. */
function feedUpdated(stories: StoryView[]): string {
  const newest = stories.reduce<string | null>(
    (max, s) => (max === null || s.updatedAt > max ? s.updatedAt : max),
    null,
  );
  return atomDate(newest ?? '1970-01-01T00:00:00Z');
}

function entry(story: StoryView, siteUrl: string): string {
  const url = `${siteUrl}${storyPath(story.slug)}`;
  const section = story.section;
  return [
    '  <entry>',
    `    <id>${xml(url)}</id>`,
    `    <title type="text">${xml(`${section.nameZh}:${story.title}`)}</title>`,
    `    <link rel="alternate" type="text/html" href="${xml(url)}"/>`,
    story.url && /^https?:\/\//i.test(story.url) ? `    <link rel="via" href="${xml(story.url)}"/>` : '',
    story.publishedAt ? `    <published>${atomDate(story.publishedAt)}</published>` : '',
    `    <updated>${atomDate(story.updatedAt)}</updated>`,
    story.author ? `    <author><name>${xml(story.author)}</name></author>` : '',
    `    <category term="${xml(section.slug)}" label="${xml(section.nameEn ? `${section.nameZh} ${section.nameEn}` : section.nameZh)}"/>`,
    story.license ? `    <rights>${xml(story.license)}</rights>` : '',
    `    <content type="html" xml:lang="${xml(story.language ?? 'en')}">${xml(storyHtml(story))}</content>`,
    '  </entry>',
  ]
    .filter(Boolean)
    .join('\n');
}

export function atomFeed(props: AtomFeedProps): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${xml(props.feedUrl)}</id>`,
    `  <title type="text">${xml(props.title)}</title>`,
    `  <subtitle type="text">${xml(props.subtitle)}</subtitle>`,
    `  <updated>${feedUpdated(props.stories)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(props.feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(props.pageUrl)}"/>`,
    `  <author><name>${xml(props.siteName)}</name><uri>${xml(props.siteUrl)}/</uri></author>`,
    '  <generator>lingwire</generator>',
    ...props.stories.map((story) => entry(story, props.siteUrl)),
    '</feed>',
    '',
  ].join('\n');
}
