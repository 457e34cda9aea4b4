import type { Section } from '../../articles/model.js';
import { feedPath, rssPath, sectionFeedPath, sectionRssPath } from '../paths.js';
import { SITE_NAME } from './layout.js';

/** `<link rel="alternate">` to the site's Atom and RSS feeds, and the section's first when on one. */
export function FeedLinks({ section }: { section?: Section }) {
  const title = section && `${section.nameZh}${section.nameEn ? ` ${section.nameEn}` : ''} · ${SITE_NAME}`;
  return (
    <>
      {section && (
        <link
          rel="alternate"
          type="application/atom+xml"
          title={title}
          href={sectionFeedPath(section.slug)}
        />
      )}
      <link rel="alternate" type="application/atom+xml" title={SITE_NAME} href={feedPath()} />
      {section && (
        <link rel="alternate" type="application/rss+xml" title={title} href={sectionRssPath(section.slug)} />
      )}
      <link rel="alternate" type="application/rss+xml" title={SITE_NAME} href={rssPath()} />
    </>
  );
}
