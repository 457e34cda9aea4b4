/** The desk's edit page of one story: every editable field, pinned related stories, status, history. */
import { formatDateline } from '../../../articles/dateline.js';
import { type Section, STORY_STATUSES, type Story } from '../../../articles/model.js';
import type { PinState } from '../../../editing/stories.js';
import type { StoryEdit } from '../../../store/types.js';
import { CEFR_BANDS } from '../../../text/level.js';
import {
  deskCopiesPath,
  deskStoriesPath,
  deskStoryActionPath,
  deskStoryPath,
  storyPath,
} from '../../paths.js';
import type { SiteChrome } from '../layout.js';
import { CsrfField, DeskLayout, type DeskViewer } from './layout.js';
import { STATUS_NAMES } from './stories.js';

export interface DeskStoryEditProps {
  chrome: SiteChrome;
  viewer: DeskViewer;
  story: Story;
  sections: Section[];
  pins: PinState[];
  history: StoryEdit[];
  /** The pin search's text and what it found. */
  pinQuery: string;
  pinResults: Array<{ id: number; title: string }>;
  notice?: string;
  error?: string;
}

const shown = (value: unknown) =>
  value === null || value === undefined ? '—' : Array.isArray(value) ? value.join(' · ') : String(value);

function History({ history }: { history: StoryEdit[] }) {
  if (history.length === 0) return <p>还没有修改。 No edits yet.</p>;
  return (
    <ol class="desk-history">
      {[...history].reverse().map((edit) => (
        <li>
          <time dateTime={edit.at}>{edit.at.replace('T', ' ').slice(0, 19)}</time> · {edit.actor} ·{' '}
          {edit.action === 'delete' ? '删除 deleted' : '修改 edited'}
          <ul>
            {edit.changes.map((c) => (
              <li>
                <code>{c.field}</code>: <del>{shown(c.before).slice(0, 300)}</del> →{' '}
                <ins>{shown(c.after).slice(0, 300)}</ins>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

export function DeskStoryEditView(props: DeskStoryEditProps) {
  const { chrome, viewer, story, sections, pins, history, pinQuery, pinResults, notice, error } = props;
  const path = deskStoryPath(story.id);
  return (
    <DeskLayout
      chrome={chrome}
      viewer={viewer}
      title={`编辑 Edit: ${story.title}`}
      path={path}
      area="stories"
    >
      <p>
        <a href={deskStoriesPath()}>← 文章 Stories</a>
      </p>
      <h1>{story.title}</h1>
      <p>
        {STATUS_NAMES[story.status]} · 链接 Permalink: <code>{storyPath(story.slug)}</code>
        {story.status === 'published' && (
          <>
            {' '}
            · <a href={storyPath(story.slug)}>查看 View</a>
          </>
        )}{' '}
        · <a href={deskCopiesPath(story.id)}>副本与不同难度版本 Copies and level versions</a>
      </p>
      {notice && (
        <p class="desk-notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="desk-error" role="alert">
          {error}
        </p>
      )}
      <form class="desk-form" method="post" action={deskStoryActionPath(story.id, 'edit')}>
        <CsrfField viewer={viewer} />
        <label>
          标题 Title
          <input type="text" name="title" value={story.title} required maxLength={500} />
        </label>
        <label>
          栏目 Section
          <select name="section">
            {sections.map((s) => (
              <option value={s.slug} selected={s.id === story.sectionId}>
                {s.nameZh} {s.nameEn && `(${s.nameEn})`}
              </option>
            ))}
          </select>
        </label>
        <label>
          电头 Dateline
          <input type="text" name="dateline" value={story.dateline ? formatDateline(story.dateline) : ''} />
        </label>
        <label>
          正文 Paragraphs（空行分段 a blank line between paragraphs）
          <textarea name="paragraphs" lang="en">
            {story.paragraphs.join('\n\n')}
          </textarea>
        </label>
        <label>
          标签 Tags（逗号分隔 comma-separated）
          <input type="text" name="tags" value={story.tags.join(', ')} />
        </label>
        <label>
          难度 Level（计算值 computed: {story.level?.band ?? '—'}）
          <select name="level">
            <option value="" selected={story.levelOverride === null}>
              按计算 computed
            </option>
            {CEFR_BANDS.map((b) => (
              <option value={b} selected={story.levelOverride === b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <label>
          来源 Source credit
          <input type="text" name="source" value={story.source} />
        </label>
        <label>
          许可 Licence
          <input type="text" name="license" value={story.license ?? ''} />
        </label>
        <label>
          状态 Status
          <select name="status">
            {STORY_STATUSES.map((s) => (
              <option value={s} selected={story.status === s}>
                {STATUS_NAMES[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          发布时间 Published at（ISO 8601，留空 undated）
          <input
            type="text"
            name="publishedAt"
            value={story.publishedAt ?? ''}
            placeholder="2026-02-21T08:00:00Z"
          />
        </label>
        <label>
          置顶相关文章 Pinned related（文章编号，逗号分隔 story ids, comma-separated）
          <input type="text" name="pinned" value={story.pinnedIds.join(', ')} />
        </label>
        <p>
          <button type="submit">保存 Save</button>
        </p>
      </form>

      <h2>置顶相关文章 Pinned related stories</h2>
      {pins.length === 0 ? (
        <p>没有 None.</p>
      ) : (
        <ul>
          {pins.map((pin) => (
            <li>
              #{pin.id}{' '}
              {pin.missing ? (
                <span class="desk-missing">
                  {pin.title ? `${pin.title}：未发布 not published` : '找不到这篇文章 points to no story'}
                </span>
              ) : (
                <a href={deskStoryPath(pin.id)}>{pin.title}</a>
              )}{' '}
              <form method="post" action={deskStoryActionPath(story.id, 'unpin')} class="inline-form">
                <CsrfField viewer={viewer} />
                <input type="hidden" name="pin" value={String(pin.id)} />
                <button type="submit">取消置顶 Unpin</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="get" action={path} aria-label="搜索文章来置顶 Find a story to pin">
        <label>
          搜索文章来置顶 Find a story to pin <input type="search" name="pinq" value={pinQuery} />
        </label>{' '}
        <button type="submit">搜索 Search</button>
      </form>
      {pinQuery && pinResults.length === 0 && <p>没有找到 Nothing found.</p>}
      <ul>
        {pinResults.map((found) => (
          <li>
            #{found.id} {found.title}{' '}
            <form method="post" action={deskStoryActionPath(story.id, 'pin')} class="inline-form">
              <CsrfField viewer={viewer} />
              <input type="hidden" name="pin" value={String(found.id)} />
              <button type="submit">置顶 Pin</button>
            </form>
          </li>
        ))}
      </ul>

      <h2>修改记录 History</h2>
      <History history={history} />

      <h2>删除 Delete</h2>
      <form method="post" action={deskStoryActionPath(story.id, 'delete')}>
        <CsrfField viewer={viewer} />
        <button type="submit">删除这篇文章… Delete this story…</button>
      </form>
    </DeskLayout>
  );
}
