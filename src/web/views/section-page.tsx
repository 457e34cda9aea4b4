import type { SectionPage } from '../../articles/reading.js';
import { sectionPath } from '../paths.js';
import { FeedLinks } from './feed-links.js';
import { Layout, SectionName, type SiteChrome } from './layout.js';
import { StoryList } from './story-list.js';

const pageHref = sectionPath;

export function SectionPageView({ chrome, page }: { chrome: SiteChrome; page: SectionPage }) {
  const { section } = page;
  const prev = page.page > 1 ? pageHref(section.slug, page.page - 1) : null;
  const next = page.page < page.pageCount ? pageHref(section.slug, page.page + 1) : null;
  const suffix = page.page > 1 ? ` · 第${page.page}页` : '';
  return (
    <Layout
      chrome={chrome}
      title={`${section.nameZh}${section.nameEn ? ` ${section.nameEn}` : ''}${suffix}`}
      description={`${section.nameZh}栏目的英语新闻，共${page.total}篇。${section.nameEn ? `${section.nameEn}: ` : ''}${page.total} stories.`}
      path={pageHref(section.slug, page.page)}
      currentSection={section.slug}
      isSectionPage
      head={
        <>
          <FeedLinks section={section} />
          {prev && <link rel="prev" href={prev} />}
          {next && <link rel="next" href={next} />}
        </>
      }
    >
      <h1 class="page-title">
        <SectionName section={section} link={false} />
      </h1>
      <p class="count">
        共 {page.total} 篇 · 第 {page.page}/{page.pageCount} 页
      </p>
      <StoryList stories={page.stories} />
      {page.pageCount > 1 && (
        <nav class="pager" aria-label="分页">
          {prev ? (
            <a rel="prev" href={prev}>
              ← 上一页
            </a>
          ) : (
            <span />
          )}
          <span>
            {page.page} / {page.pageCount}
          </span>
          {next ? (
            <a rel="next" href={next}>
              下一页 →
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </Layout>
  );
}
