import type { Story } from '../../articles/model.js';
import { chineseDate } from './dates.js';

/** Only http(s) addresses become links: a feed's or file's URL is someone else's input. */
export function webUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export const LINK_REL = 'nofollow noopener noreferrer';

/**
 * Where a story came from, as the story page credits it: the source with a link to the original,
 * the author, the licence, the feed, when it was fetched and its language, each where known.
 */
export function StoryCredit({ story }: { story: Story }) {
  const url = webUrl(story.url);
  const license = story.license;
  const licenseUrl = webUrl(license);
  const feedUrl = webUrl(story.feed);
  const sourceName = story.source || (url ? new URL(url).hostname : '');
  if (!sourceName && !url && !story.author && !license && !story.feed) return null;
  return (
    <div class="credit">
      {(sourceName || url) && (
        <p class="credit-source">
          来源 Source:{' '}
          {url ? (
            <a href={url} rel={LINK_REL} lang="en">
              {sourceName || url}
            </a>
          ) : (
            <span lang="en">{sourceName}</span>
          )}
          {url && (
            <>
              {' '}
              (
              <a href={url} rel={LINK_REL}>
                原文 original
              </a>
              )
            </>
          )}
        </p>
      )}
      {story.author && (
        <p class="credit-author">
          作者 By: <span lang="en">{story.author}</span>
        </p>
      )}
      {license && (
        <p class="credit-license">
          许可 Licence:{' '}
          {licenseUrl ? (
            <a href={licenseUrl} rel={`license ${LINK_REL}`} lang="en">
              {licenseUrl}
            </a>
          ) : (
            <span lang="en">{license}</span>
          )}
        </p>
      )}
      {story.feed && (
        <p class="credit-feed">
          订阅源 Feed:{' '}
          {feedUrl ? (
            <a href={feedUrl} rel={LINK_REL} lang="en">
              {feedUrl}
            </a>
          ) : (
            <span lang="en">{story.feed}</span>
          )}
          {story.fetchedAt && <> · 获取于 {chineseDate(story.fetchedAt)}</>}
        </p>
      )}
      {story.language && story.language !== 'en' && (
        <p class="credit-language">
          语言 Language: <span lang="en">{story.language}</span>
        </p>
      )}
      {story.textFrom === 'summary' && (
        <p class="credit-summary">
          仅摘要 Summary only: the original page could not be fetched; read the whole story at the source.
        </p>
      )}
    </div>
  );
}
