/**
 * A learner's personal Atom feed of 为我推荐: each entry a story in their range, its lead and their
 * figures (share of words known, new words). Rendered per request for one learner, never cached.
 */
import type { StoryForMe } from '../../learner/for-me.js';
import { storyPath } from '../paths.js';
import { atomDate, xml } from './atom-feed.js';

export interface ForMeFeedProps {
  feedUrl: string;
  pageUrl: string;
  siteUrl: string;
  siteName: string;
  stories: StoryForMe[];
  /** When the list was made: the feed's `updated` when it is empty. */
  now: string;
}

export function forMeFeed(props: ForMeFeedProps): string {
  const dates = props.stories.map((s) => atomDate(s.publishedAt ?? s.createdAt));
  const updated = [...dates].sort().at(-1) ?? atomDate(props.now);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${xml(props.feedUrl)}</id>`,
    `  <title type="text">为我推荐 Stories for me · ${xml(props.siteName)}</title>`,
    '  <subtitle type="text">按你认识的词挑选的最新文章 The newest stories pitched at the words you know</subtitle>',
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(props.feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(props.pageUrl)}"/>`,
    `  <author><name>${xml(props.siteName)}</name><uri>${xml(props.siteUrl)}/</uri></author>`,
    '  <generator>lingwire</generator>',
    ...props.stories.map((story, i) => {
      const url = `${props.siteUrl}${storyPath(story.slug)}`;
      const figures = `认识 ${Math.round(story.knownShare * 100)}% · 生词 ${story.unknownLemmas} 个 (known ${(story.knownShare * 100).toFixed(1)} %, ${story.unknownLemmas} new words)`;
      return [
        '  <entry>',
        `    <id>${xml(url)}</id>`,
        `    <title type="text">${xml(story.title)}</title>`,
        `    <link rel="alternate" type="text/html" href="${xml(url)}"/>`,
        story.publishedAt ? `    <published>${atomDate(story.publishedAt)}</published>` : '',
        `    <updated>${dates[i]}</updated>`,
        story.section
          ? `    <category term="${xml(story.section.slug)}" label="${xml(story.section.nameZh)}"/>`
          : '',
        `    <summary type="text">${xml(`${figures}\n${story.lead}`)}</summary>`,
        '  </entry>',
      ]
        .filter(Boolean)
        .join('\n');
    }),
    '</feed>',
    '',
  ].join('\n');
}
