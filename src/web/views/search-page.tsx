/**
 * The search page (`/search?q=…`): the form with the query and filters kept, then the results
 * (section-prefixed title, date, level band, the snippet with matched words in `<mark>`), a pager,
 * or a message saying what to do. Also the search form and newest stories the 404 page offers.
 */
import type { Section, StorySummary } from '../../articles/model.js';
import { lastPage, type SearchResult, totalText } from '../../search/service.js';
import { searchPath, storyPath } from '../paths.js';
import { DateOf } from './dates.js';
import { Layout, type SiteChrome } from './layout.js';
import { LevelBadge } from './level-badge.js';
import { StoryList } from './story-list.js';

/** The filters as the page received them (empty when absent). */
export interface SearchForm {
  q: string;
  section: string;
  from: string;
  to: string;
  source: string;
  level: string;
}

export interface SearchPageProps {
  chrome: SiteChrome;
  form: SearchForm;
  /** Absent before anything was asked. */
  outcome?:
    | {
        kind: 'results';
        results: SearchResult[];
        total: number;
        totalExact: boolean;
        page: number;
        limit: number;
      }
    | { kind: 'message'; message: string };
}

/** Level choices: the bands a learner picks between. */
const LEVEL_CHOICES: Array<[string, string]> = [
  ['', '所有难度 Any level'],
  ['A1,A2', '初级 A1–A2'],
  ['B1,B2', '中级 B1–B2'],
  ['C1,C2', '高级 C1–C2'],
];

export function SearchPageView({ chrome, form, outcome }: SearchPageProps) {
  const title = form.q ? `搜索“${form.q}” Search` : '搜索 Search';
  const pathOf = (page: number) => searchPath({ ...form, page: page > 1 ? page : undefined });
  return (
    <Layout
      chrome={chrome}
      title={title}
      description="搜索 lingwire 的英语新闻 Search the stories"
      path="/search"
    >
      <h1 class="page-title">
        搜索{' '}
        <span class="name-en" lang="en">
          Search
        </span>
      </h1>
      <SearchFormView form={form} sections={chrome.sections} />
      {outcome?.kind === 'message' && (
        <p class="search-message" role="status">
          {outcome.message}
        </p>
      )}
      {outcome?.kind === 'results' && <Results {...outcome} pathOf={pathOf} q={form.q} />}
    </Layout>
  );
}

function Results({
  results,
  total,
  totalExact,
  page,
  limit,
  pathOf,
  q,
}: {
  results: SearchResult[];
  total: number;
  totalExact: boolean;
  page: number;
  limit: number;
  pathOf: (page: number) => string;
  q: string;
}) {
  if (total === 0) {
    return (
      <p class="search-message" role="status">
        没有找到相关文章。{' '}
        <span lang="en">No stories match “{q}”: try fewer or other words, or fewer filters.</span>
      </p>
    );
  }
  const pages = lastPage({ total, totalExact, limit });
  const prev = page > 1 ? pathOf(page - 1) : null;
  const next = page < pages && results.length === limit ? pathOf(page + 1) : null;
  const count = totalText({ total, totalExact });
  // "第 3/100 页" only when the count is exact; past a capped count the last page is unknown.
  const of = totalExact ? `/${pages}` : '';
  return (
    <>
      <p class="count" role="status">
        找到 {count} 篇 · <span lang="en">{total === 1 ? '1 story' : `${count} stories`}</span>
        {(pages > 1 || page > 1) && ` · 第 ${page}${of} 页`}
      </p>
      <ol class="story-list search-results" start={(page - 1) * limit + 1}>
        {results.map((r) => (
          <li>
            <a class="story-link" href={storyPath(r.slug)}>
              <span class="result-section">{r.section.nameZh}</span>
              <span class="result-sep">:</span>
              <span lang="en">{r.title}</span>
            </a>
            <p class="story-meta">
              <LevelBadge band={r.levelBand} score={r.levelScore} /> <DateOf story={r} />
            </p>
            {/* Escaped by the search service; only <mark> is markup. */}
            <p class="snippet" lang="en" dangerouslySetInnerHTML={{ __html: r.snippet }} />
          </li>
        ))}
      </ol>
      {(prev || next) && (
        <nav class="pager" aria-label="分页">
          {prev ? (
            <a rel="prev" href={prev}>
              ← 上一页
            </a>
          ) : (
            <span />
          )}
          <span>
            {page}
            {of}
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
    </>
  );
}

function SearchFormView({ form, sections }: { form: SearchForm; sections: Section[] }) {
  const levels = LEVEL_CHOICES.some(([value]) => value === form.level)
    ? LEVEL_CHOICES
    : [...LEVEL_CHOICES, [form.level, form.level] as [string, string]];
  return (
    <form class="search-form" action="/search" method="get" aria-label="搜索 Search">
      <p class="search-line">
        <input
          type="search"
          name="q"
          value={form.q}
          lang="en"
          aria-label="搜索的词 Words to search for"
          placeholder={'ceasefire Syria, "cessation of hostilities", -sport'}
        />
        <button type="submit">搜索 Search</button>
      </p>
      <p class="search-filters">
        <label>
          栏目{' '}
          <select name="section">
            <option value="">所有栏目 All sections</option>
            {sections.map((s) => (
              <option value={s.slug} selected={s.slug === form.section}>
                {s.nameZh}
              </option>
            ))}
          </select>
        </label>
        <label>
          难度{' '}
          <select name="level">
            {levels.map(([value, label]) => (
              <option value={value} selected={value === form.level}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          从 <input type="date" name="from" value={form.from} />
        </label>
        <label>
          到 <input type="date" name="to" value={form.to} />
        </label>
        {form.source && <input type="hidden" name="source" value={form.source} />}
      </p>
      <p class="search-help">
        用引号搜短语，用减号排除词。 <span lang="en">Quotes for a phrase, -word to leave a word out.</span>
      </p>
    </form>
  );
}

/** What the 404 page offers: a search box and the newest stories. */
export function NotFoundHelp({ stories }: { stories: StorySummary[] }) {
  return (
    <>
      <form class="search-form" action="/search" method="get" aria-label="搜索 Search">
        <p class="search-line">
          <input type="search" name="q" lang="en" aria-label="搜索 Search" placeholder="搜索 Search" />
          <button type="submit">搜索 Search</button>
        </p>
      </form>
      {stories.length > 0 && (
        <>
          <h2>最新文章 Newest stories</h2>
          <StoryList stories={stories} />
        </>
      )}
    </>
  );
}
