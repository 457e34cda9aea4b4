import { leadOf } from '../../articles/lead.js';
import type { StoryPage } from '../../articles/reading.js';
import type { ReaderParagraph, ReaderWord } from '../../articles/story-analysis.js';
import type { NameKind } from '../../text/names.js';
import { sectionPath, storyPath } from '../paths.js';
import { STORY_BODY_MARKER } from '../reader/story-html.js';
import { StoryText } from '../reader/story-text.js';
import { levelChoice, type VocabularyItem, VocabularyList } from '../reader/vocabulary.js';
import { chineseDate, datelineDatetime } from './dates.js';
import { Layout, SITE_NAME, type SiteChrome } from './layout.js';
import { LevelLine } from './level-badge.js';
import { LevelsLegend } from './levels-legend.js';
import { StoryCredit } from './story-credit.js';
import { CopiesCredit, FamilyLinks } from './story-family.js';
import { JsonLd, newsArticle } from './structured-data.js';

/** The story analysed for the reader; null when no dictionary is available (plain text then). */
export interface ReaderData {
  paragraphs: ReaderParagraph[];
  /**
   * The body's inner HTML, built beforehand in slices (`reader/story-html.ts`): the view renders
   * `STORY_BODY_MARKER` and the route splices these bytes in its place. Absent: rendered here
   * from `paragraphs`.
   */
  body?: Buffer;
  vocabulary: VocabularyItem[];
  /** The kind of every name (`reader/names.ts`). */
  names: ReadonlyMap<ReaderWord, NameKind>;
  /** Versioned URLs of the reader scripts (`client/reader.js`, `reader-keys.js`, `reader-tools.js`). */
  scripts: string[];
}

/** The story as the seed shows it: `SECTION:Title`, dateline, paragraphs, then 相关文章. */
export function StoryPageView({
  chrome,
  page,
  reader,
}: {
  chrome: SiteChrome;
  page: StoryPage;
  reader: ReaderData | null;
}) {
  const { story, related } = page;
  const { dateline, section } = story;
  const description = leadOf(story.paragraphs[0] ?? story.title, 160);
  const url = `${chrome.publicUrl}${storyPath(story.slug)}`;
  return (
    <Layout
      chrome={chrome}
      title={`${section.nameZh}:${story.title}`}
      description={description}
      path={storyPath(story.slug)}
      ogType="article"
      currentSection={section.slug}
      head={
        <>
          {story.publishedAt && <meta property="article:published_time" content={story.publishedAt} />}
          <meta property="article:modified_time" content={story.updatedAt} />
          <meta property="article:section" content={section.nameZh} />
          <JsonLd data={newsArticle(story, url, { name: SITE_NAME, url: chrome.publicUrl }, description)} />
        </>
      }
    >
      <article class="story">
        <nav class="crumbs" aria-label="位置">
          <a href="/">首页</a> › <a href={sectionPath(section.slug)}>{section.nameZh}</a>
          {section.nameEn && (
            <span class="name-en" lang="en">
              {' '}
              {section.nameEn}
            </span>
          )}
        </nav>
        <h1 class="story-title">
          <a class="title-section" href={sectionPath(section.slug)}>
            {section.nameZh}
          </a>
          :<span lang="en">{story.title}</span>
        </h1>
        {(dateline || story.publishedAt) && (
          <p class="dateline" lang="en">
            {dateline && (
              <span class="dateline-text">
                <span class="place">{dateline.place}</span>
                {dateline.dateText && (
                  <>
                    , <time dateTime={datelineDatetime(dateline)}>{dateline.dateText}</time>
                  </>
                )}
                {dateline.agency && (
                  <>
                    {' '}
                    (<span class="agency">{dateline.agency}</span>)
                  </>
                )}
              </span>
            )}
            {story.publishedAt && (
              <time class="published" dateTime={story.publishedAt} lang="zh-CN">
                {chineseDate(story.publishedAt)}
              </time>
            )}
          </p>
        )}
        {story.level && <LevelLine level={story.level} />}
        <FamilyLinks family={page.family} />
        {story.level && <LevelsLegend />}
        {reader ? (
          <>
            <div class="reader-tools pending">
              <label>
                标出生词{' '}
                <select class="mark-level" aria-label="标出哪一级以上的词">
                  <option value="0">不标 None</option>
                  {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((level) => (
                    <option value={String(level)}>{levelChoice(level)}</option>
                  ))}
                </select>
              </label>
              <button type="button" class="read-aloud">
                ▶ 朗读 Read aloud
              </button>
            </div>
            {reader.body === undefined ? (
              <StoryText paragraphs={reader.paragraphs} names={reader.names} />
            ) : (
              <div
                class="story-body reader"
                lang="en"
                data-mark="0"
                // Replaced by `reader.body`, escaped exactly as StoryText would (story-html.test.tsx).
                dangerouslySetInnerHTML={{ __html: STORY_BODY_MARKER }}
              />
            )}
          </>
        ) : (
          <div class="story-body" lang={story.language ?? 'en'}>
            {story.paragraphs.map((p) => (
              <p>{p}</p>
            ))}
          </div>
        )}
        {(story.tags.length > 0 ||
          story.url ||
          story.source ||
          story.author ||
          story.license ||
          story.feed ||
          page.copies.length > 0) && (
          <footer class="story-footer">
            {story.tags.length > 0 && (
              <p class="tags">
                标签:{' '}
                {story.tags.map((t) => (
                  <span class="tag" lang="en">
                    {t}
                  </span>
                ))}
              </p>
            )}
            <StoryCredit story={story} />
            <CopiesCredit copies={page.copies} />
          </footer>
        )}
      </article>
      {reader && <VocabularyList items={reader.vocabulary} />}
      {reader?.scripts.map((src) => (
        <script src={src} defer />
      ))}
      {related.length > 0 && (
        <section class="related" aria-labelledby="related-heading">
          <h2 id="related-heading">相关文章</h2>
          <ul>
            {related.map((entry) => (
              <li>
                {entry.sectionName && (
                  <>
                    <span class="related-section">{entry.sectionName}</span>:
                  </>
                )}
                {entry.slug ? (
                  <a href={storyPath(entry.slug)} lang="en">
                    {entry.title}
                  </a>
                ) : (
                  <span lang="en">{entry.title}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
