import type { ComponentChildren } from 'preact';
import { Layout, type SiteChrome } from './layout.js';

/** 404s and other errors: a Chinese heading, the English beside it, a way home. */
export function MessagePageView({
  chrome,
  path,
  titleZh,
  titleEn,
  detail,
  children,
}: {
  chrome: SiteChrome;
  path: string;
  titleZh: string;
  titleEn: string;
  detail: string;
  /** More help under the message (the 404 page's search box and newest stories). */
  children?: ComponentChildren;
}) {
  return (
    <Layout chrome={chrome} title={`${titleZh} ${titleEn}`} description={detail} path={path}>
      <section class="message">
        <h1>
          {titleZh}{' '}
          <span class="name-en" lang="en">
            {titleEn}
          </span>
        </h1>
        <p>{detail}</p>
        <p>
          <a href="/">回到首页 Back to the front page</a>
        </p>
        {children}
      </section>
    </Layout>
  );
}
