/** The desk's story list: filters, search, pagination and bulk actions; and the delete confirmation. */
import { type Section, STORY_STATUSES, type Story, type StoryStatus } from '../../../articles/model.js';
import { CEFR_BANDS } from '../../../text/level.js';
import { deskStoriesBulkPath, deskStoriesPath, deskStoryPath, storyPath } from '../../paths.js';
import type { SiteChrome } from '../layout.js';
import { CsrfField, DeskLayout, type DeskViewer } from './layout.js';

export const STATUS_NAMES: Record<StoryStatus, string> = {
  published: '已发布 published',
  draft: '草稿 draft',
  unpublished: '已撤下 unpublished',
};

/** The list's filters as the query string carries them (all optional text). */
export interface DeskStoryFilters {
  q?: string;
  section?: string;
  source?: string;
  feed?: string;
  status?: string;
  from?: string;
  to?: string;
  level?: string;
  confidence?: string;
}

export interface DeskStoryRow {
  story: Story;
  section: Section | undefined;
  /** The classifier's confidence when it filed the story, else null. */
  confidence: number | null;
}

export interface DeskStoriesProps {
  chrome: SiteChrome;
  viewer: DeskViewer;
  filters: DeskStoryFilters;
  sections: Section[];
  rows: DeskStoryRow[];
  total: number;
  page: number;
  pageCount: number;
  /** What the last action did, shown once. */
  notice?: string;
}

function Filters({ filters, sections }: { filters: DeskStoryFilters; sections: Section[] }) {
  return (
    <form class="desk-filters" method="get" action={deskStoriesPath()} aria-label="筛选 Filters">
      <label>
        标题 Title
        <input type="search" name="q" value={filters.q ?? ''} />
      </label>
      <label>
        栏目 Section
        <select name="section">
          <option value="">全部 all</option>
          {sections.map((s) => (
            <option value={s.slug} selected={filters.section === s.slug}>
              {s.nameZh}
            </option>
          ))}
        </select>
      </label>
      <label>
        状态 Status
        <select name="status">
          <option value="">全部 all</option>
          {STORY_STATUSES.map((s) => (
            <option value={s} selected={filters.status === s}>
              {STATUS_NAMES[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        难度 Level
        <select name="level">
          <option value="">全部 all</option>
          {CEFR_BANDS.map((b) => (
            <option value={b} selected={filters.level === b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <label>
        来源 Source
        <input type="text" name="source" value={filters.source ?? ''} size={10} />
      </label>
      <label>
        订阅源 Feed URL
        <input type="text" name="feed" value={filters.feed ?? ''} size={14} />
      </label>
      <label>
        从 From
        <input type="date" name="from" value={filters.from ?? ''} />
      </label>
      <label>
        到 To
        <input type="date" name="to" value={filters.to ?? ''} />
      </label>
      <label>
        分类置信度低于 Confidence below
        <input type="number" name="confidence" min="0" max="1" step="0.05" value={filters.confidence ?? ''} />
      </label>
      <button type="submit">筛选 Filter</button>
    </form>
  );
}

export function DeskStoriesView(props: DeskStoriesProps) {
  const { chrome, viewer, filters, sections, rows, total, page, pageCount, notice } = props;
  return (
    <DeskLayout chrome={chrome} viewer={viewer} title="文章 Stories" path={deskStoriesPath()} area="stories">
      <h1>
        文章 <span lang="en">Stories</span>
      </h1>
      {notice && (
        <p class="desk-notice" role="status">
          {notice}
        </p>
      )}
      <Filters filters={filters} sections={sections} />
      <p>
        共 {total} 篇 · {total} stories
      </p>
      <form method="post" action={deskStoriesBulkPath()}>
        <CsrfField viewer={viewer} />
        <table class="desk-table">
          <thead>
            <tr>
              <th scope="col">选 Pick</th>
              <th scope="col">标题 Title</th>
              <th scope="col">栏目 Section</th>
              <th scope="col">状态 Status</th>
              <th scope="col">难度 Level</th>
              <th scope="col">来源 Source</th>
              <th scope="col">日期 Date</th>
              <th scope="col">置信度 Confidence</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ story, section, confidence }) => (
              <tr>
                <td>
                  <input
                    type="checkbox"
                    name="ids"
                    value={String(story.id)}
                    aria-label={`选择 ${story.title}`}
                  />
                </td>
                <td>
                  <a href={deskStoryPath(story.id)}>{story.title}</a>{' '}
                  {story.status === 'published' && (
                    <a href={storyPath(story.slug)} class="desk-public">
                      ↗
                    </a>
                  )}
                </td>
                <td>{section?.nameZh ?? ''}</td>
                <td>{STATUS_NAMES[story.status]}</td>
                <td>{story.levelOverride ?? story.level?.band ?? '—'}</td>
                <td>{story.source}</td>
                <td>{story.publishedAt?.slice(0, 10) ?? '—'}</td>
                <td>{confidence === null ? '—' : confidence.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div class="desk-bulk">
          <label>
            批量操作 With the chosen stories
            <select name="action">
              <option value="resection">改栏目 Move to section</option>
              <option value="unpublish">撤下 Unpublish</option>
              <option value="publish">发布 Publish</option>
              <option value="delete">删除 Delete…</option>
            </select>
          </label>
          <label>
            目标栏目 Section
            <select name="section">
              {sections.map((s) => (
                <option value={s.slug}>{s.nameZh}</option>
              ))}
            </select>
          </label>
          <button type="submit">执行 Apply</button>
        </div>
      </form>
      <nav class="pager" aria-label="分页 Pages">
        {page > 1 && <a href={deskStoriesPath({ ...filters, page: page - 1 })}>← 上一页 Previous</a>}{' '}
        <span>
          {page} / {pageCount}
        </span>{' '}
        {page < pageCount && <a href={deskStoriesPath({ ...filters, page: page + 1 })}>下一页 Next →</a>}
      </nav>
    </DeskLayout>
  );
}

/** The confirmation step before stories are deleted for good. */
export function DeskDeleteConfirmView({
  chrome,
  viewer,
  stories,
  action,
  cancel,
}: {
  chrome: SiteChrome;
  viewer: DeskViewer;
  stories: Story[];
  /** Where the confirming form posts. */
  action: string;
  /** Where "cancel" leads. */
  cancel: string;
}) {
  return (
    <DeskLayout chrome={chrome} viewer={viewer} title="确认删除 Confirm delete" path={action} area="stories">
      <h1>
        确认删除 <span lang="en">Delete for good?</span>
      </h1>
      <p>
        以下 {stories.length} 篇文章将被永久删除，无法恢复（编辑记录保留）。 These stories will be deleted for
        good (their history stays). To only take them off the site, unpublish them instead.
      </p>
      <ul>
        {stories.map((s) => (
          <li>{s.title}</li>
        ))}
      </ul>
      <form method="post" action={action}>
        <CsrfField viewer={viewer} />
        <input type="hidden" name="action" value="delete" />
        <input type="hidden" name="confirm" value="yes" />
        {stories.map((s) => (
          <input type="hidden" name="ids" value={String(s.id)} />
        ))}
        <button type="submit">确认删除 Delete</button> <a href={cancel}>取消 Cancel</a>
      </form>
    </DeskLayout>
  );
}
