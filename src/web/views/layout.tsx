/**
 * The page shell: Chinese interface (`lang="zh-CN"`), English story text marked `lang="en"` where
 * it appears. Views are pure functions of their props; preact-render-to-string escapes every
 * string, so no view concatenates HTML by hand.
 */
import type { ComponentChildren } from 'preact';
import type { Section } from '../../articles/model.js';
import { loginPath, registerPath, sectionPath } from '../paths.js';

export interface SiteChrome {
  /** Stylesheet URL with its content hash, so it can be cached for a year. */
  stylesheet: string;
  /** Sections for the navigation bar. */
  sections: Section[];
  /** Absolute site address for canonical and OpenGraph URLs (never the request's Host). */
  publicUrl: string;
  /**
   * Versioned URL of `account.js`, which fills the header's account links for a logged-in learner
   * (email, due reviews) from JSON, so every cached page stays the same for everyone. Absent: none.
   */
  accountScript?: string;
}

export interface LayoutProps {
  chrome: SiteChrome;
  /** Full `<title>`; the site name is appended. */
  title: string;
  description: string;
  /** This page's path, for canonical and og:url. */
  path: string;
  ogType?: 'website' | 'article';
  /** The section this page belongs to (slug), marked `aria-current` in the navigation. */
  currentSection?: string;
  /** Whether this page is that section's own page (`aria-current="page"`), not a story in it. */
  isSectionPage?: boolean;
  /** Extra `<head>` elements (rel=prev/next…). */
  head?: ComponentChildren;
  children: ComponentChildren;
}

export const SITE_NAME = 'lingwire 英语新闻';

export function Layout({
  chrome,
  title,
  description,
  path,
  ogType = 'website',
  currentSection,
  isSectionPage = false,
  head,
  children,
}: LayoutProps) {
  const fullTitle = `${title} · ${SITE_NAME}`;
  const absolute = `${chrome.publicUrl}${path}`;
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description} />
        <meta property="og:site_name" content={SITE_NAME} />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={description} />
        <meta property="og:type" content={ogType} />
        <meta property="og:url" content={absolute} />
        <meta name="twitter:card" content="summary" />
        <meta name="twitter:title" content={title} />
        <meta name="twitter:description" content={description} />
        <link rel="canonical" href={absolute} />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={chrome.stylesheet} />
        {head}
      </head>
      <body>
        <a class="skip" href="#main">
          跳到正文
        </a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="/">
              lingwire <span class="brand-zh">英语新闻</span>
            </a>
            {chrome.sections.length > 0 && (
              <nav class="sections-nav" aria-label="栏目 Sections">
                {chrome.sections.map((s) => (
                  <a
                    href={sectionPath(s.slug)}
                    aria-current={s.slug === currentSection ? (isSectionPage ? 'page' : 'true') : undefined}
                  >
                    {s.nameZh}
                  </a>
                ))}
              </nav>
            )}
            <form class="site-search" action="/search" method="get" aria-label="搜索 Search">
              <input type="search" name="q" lang="en" aria-label="搜索 Search" placeholder="搜索 Search" />
              <button type="submit">搜索</button>
            </form>
            <nav class="account-nav" aria-label="账号 Account" data-account>
              <a href={loginPath()}>登录</a> <a href={registerPath()}>注册</a>
            </nav>
          </div>
        </header>
        <main id="main">{children}</main>
        <footer class="site-footer">
          <p>
            lingwire · 为中文读者准备的英语新闻 ·{' '}
            <span lang="en">English news for Chinese-speaking learners</span> ·{' '}
            <a href="/about">关于 About</a>
          </p>
        </footer>
        {chrome.accountScript && <script src={chrome.accountScript} defer />}
      </body>
    </html>
  );
}

/** A section's two names, Chinese first, English beside it when it has one. */
export function SectionName({ section, link = true }: { section: Section; link?: boolean }) {
  const zh = link ? <a href={sectionPath(section.slug)}>{section.nameZh}</a> : section.nameZh;
  return (
    <>
      {zh}
      {section.nameEn && (
        <>
          {' '}
          <span class="name-en" lang="en">
            {section.nameEn}
          </span>
        </>
      )}
    </>
  );
}
