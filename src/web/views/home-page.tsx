import type { Section, StorySummary } from '../../articles/model.js';
import { sectionPath } from '../paths.js';
import { FeedLinks } from './feed-links.js';
import { Layout, SectionName, type SiteChrome } from './layout.js';
import { StoryList } from './story-list.js';

export interface HomeProps {
  chrome: SiteChrome;
  groups: Array<{ section: Section; stories: StorySummary[] }>;
}

export function HomePageView({ chrome, groups }: HomeProps) {
  if (groups.length === 0) return <EmptySite chrome={chrome} />;
  return (
    <Layout
      chrome={chrome}
      title="最新英语新闻 Latest news"
      description="为学英语的中文读者准备的英语新闻，按栏目分类。English news for Chinese-speaking learners, by section."
      path="/"
      head={<FeedLinks />}
    >
      <h1 class="page-title">
        最新英语新闻{' '}
        <span class="name-en" lang="en">
          Latest news
        </span>
      </h1>
      {groups.map(({ section, stories }) => (
        <section class="section-group" aria-label={section.nameZh}>
          <h2>
            <SectionName section={section} />
          </h2>
          <StoryList stories={stories} />
          <p class="more">
            <a href={sectionPath(section.slug)}>
              更多 {section.nameZh} <span lang="en">More</span> →
            </a>
          </p>
        </section>
      ))}
    </Layout>
  );
}

/** What a new site shows: how to add stories, in Chinese and English. */
function EmptySite({ chrome }: { chrome: SiteChrome }) {
  return (
    <Layout
      chrome={chrome}
      title="还没有文章 No stories yet"
      description="lingwire 还没有文章：用命令行导入。"
      path="/"
    >
      <section class="empty">
        <h1>
          还没有文章{' '}
          <span class="name-en" lang="en">
            No stories yet
          </span>
        </h1>
        <p>这个网站还是空的。在服务器上用命令行导入文章，刷新本页即可看到：</p>
        <p lang="en">
          This site has no stories yet. Import some with the command line, then reload this page:
        </p>
        <pre>
          <code>
            {[
              '# 一篇纯文本文章（第一行 栏目:标题） / one story in text format (first line SECTION:Title)',
              'npx lingwire import story.txt',
              '',
              '# JSON Lines，每行一篇 / JSON Lines, one story per line',
              'npx lingwire import stories.jsonl',
              '',
              '# 整个文件夹 / a whole folder',
              'npx lingwire import ./stories/',
            ].join('\n')}
          </code>
        </pre>
        <p>
          更多说明见 <code>npx lingwire import --help</code>。 <span lang="en">See</span>{' '}
          <code>npx lingwire import --help</code> <span lang="en">for the formats.</span>
        </p>
      </section>
    </Layout>
  );
}
