/**
 * RSS 2.0 feeds beside the Atom ones (`atom-feed.tsx`), for readers that only take RSS: the same
 * stories, whole (`content:encoded`: the dateline, the paragraphs and the source credit the story
 * page shows; `description` the first paragraph as plain text), each with its `guid` permalink,
 * RFC 822 `pubDate`, section `category`, `dc:creator` and the licence (`creativeCommons:license`
 * for a URL, else `dc:rights`), and the channel's own
 * address as `atom:link rel="self"` (the RSS Advisory Board's recommendation).
 */
import type { StoryView } from '../../articles/model.js';
import { storyPath } from '../paths.js';
import { storyHtml, xml } from './atom-feed.js';

export interface RssFeedProps {
  /** The feed's own absolute URL (`atom:link rel="self"`). */
  feedUrl: string;
  /** The page the feed follows (home or section page), absolute: the channel's `link`. */
  pageUrl: string;
  siteUrl: string;
  title: string;
  description: string;
  stories: StoryView[];
}

/** An RFC 822 date-time (`Wed, 02 Dec 2026 13:20:12 GMT`); a bare date is midnight UTC. */
export function rssDate(iso: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : date.toUTCString();
}

/** The newest change of a story in the feed, so the bytes (and ETag) are stable between renders. */
function lastBuild(stories: StoryView[]): string {
  const newest = stories.reduce<string | null>(
    (max, s) => (max === null || s.updatedAt > max ? s.updatedAt : max),
    null,
  );
  return rssDate(newest ?? '1970-01-01T00:00:00Z');
}

function item(story: StoryView, siteUrl: string): string {
  const url = `${siteUrl}${storyPath(story.slug)}`;
  const section = story.section;
  const label = section.nameEn ? `${section.nameZh} ${section.nameEn}` : section.nameZh;
  return [
    '    <item>',
    `      <title>${xml(`${section.nameZh}:${story.title}`)}</title>`,
    `      <link>${xml(url)}</link>`,
    `      <guid isPermaLink="true">${xml(url)}</guid>`,
    `      <pubDate>${rssDate(story.publishedAt ?? story.createdAt)}</pubDate>`,
    story.author ? `      <dc:creator>${xml(story.author)}</dc:creator>` : '',
    `      <category domain="${xml(`${siteUrl}/sections/${section.slug}`)}">${xml(label)}</category>`,
    story.license && /^https?:\/\//i.test(story.license)
      ? `      <creativeCommons:license>${xml(story.license)}</creativeCommons:license>`
      : story.license
        ? `      <dc:rights>${xml(story.license)}</dc:rights>`
        : '',
    `      <description>${xml(story.paragraphs[0] ?? '')}</description>`,
    `      <content:encoded>${xml(storyHtml(story))}</content:encoded>`,
    '    </item>',
  ]
    .filter(Boolean)
    .join('\n');
}

export function rssFeed(props: RssFeedProps): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:creativeCommons="http://backend.userland.com/creativeCommonsRssModule">',
    '  <channel>',
    `    <title>${xml(props.title)}</title>`,
    `    <link>${xml(props.pageUrl)}</link>`,
    `    <description>${xml(props.description)}</description>`,
    '    <language>zh-cn</language>',
    `    <lastBuildDate>${lastBuild(props.stories)}</lastBuildDate>`,
    '    <generator>lingwire</generator>',
    '    <docs>https://www.rssboard.org/rss-specification</docs>',
    `    <atom:link href="${xml(props.feedUrl)}" rel="self" type="application/rss+xml"/>`,
    ...props.stories.map((story) => item(story, props.siteUrl)),
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
