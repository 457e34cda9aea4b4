import type { Section } from '../../articles/model.js';
import { feedPath, sectionFeedPath } from '../paths.js';
import { SITE_NAME } from './layout.js';

/** `<link rel="alternate">` to the site's Atom feed, and the section's first when on one. */
export function FeedLinks({ section }: { section?: Section }) {
  return (
    <>
      {section && (
        <link
          rel="alternate"
          type="application/atom+xml"
          title={`${section.nameZh}${section.nameEn ? ` ${section.nameEn}` : ''} · ${SITE_NAME}`}
          href={sectionFeedPath(section.slug)}
        />
      )}
      <link rel="alternate" type="application/atom+xml" title={SITE_NAME} href={feedPath()} />
    </>
  );
}
