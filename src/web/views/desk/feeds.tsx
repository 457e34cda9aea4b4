/** 订阅源 Feeds on the desk: the list with each feed's state and settings, adding after a preview. */
import type { Section } from '../../../articles/model.js';
import type { Feed } from '../../../ingest/polling/model.js';
import type { FeedPreview } from '../../../ingest/preview.js';
import { deskActionPath, deskFeedPreviewPath, deskPath } from '../../paths.js';
import type { SiteChrome } from '../layout.js';
import { CsrfField, DeskLayout, type DeskViewer } from './layout.js';

/** What the add form holds (also carried from the preview to the add). */
export interface FeedForm {
  url: string;
  section: string;
  language: 'en' | 'any';
  interval: number;
}

function SettingsFields({ sections, form }: { sections: Section[]; form: Omit<FeedForm, 'url'> }) {
  return (
    <>
      <label>
        栏目 <span lang="en">Section</span>{' '}
        <select name="section">
          <option value="" selected={form.section === ''}>
            （默认或自动分类） default / classifier
          </option>
          {sections.map((s) => (
            <option value={s.slug} selected={s.slug === form.section}>
              {s.nameZh} {s.nameEn}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        语言 <span lang="en">Language</span>{' '}
        <select name="language">
          <option value="en" selected={form.language === 'en'}>
            en: 只收英文 English only
          </option>
          <option value="any" selected={form.language === 'any'}>
            any: 全部 every language
          </option>
        </select>
      </label>{' '}
      <label>
        间隔（分钟） <span lang="en">Every (minutes)</span>{' '}
        <input name="interval" type="number" min={5} max={10080} value={String(form.interval)} required />
      </label>
    </>
  );
}

export interface FeedsViewProps {
  chrome: SiteChrome;
  viewer: DeskViewer;
  feeds: Feed[];
  sections: Section[];
  done?: string;
}

export function FeedsView({ chrome, viewer, feeds, sections, done }: FeedsViewProps) {
  return (
    <DeskLayout chrome={chrome} viewer={viewer} title="订阅源 Feeds" path={deskPath('feeds')} area="feeds">
      <h1>
        订阅源 <span lang="en">Feeds</span>
      </h1>
      {done && (
        <p class="desk-done" role="status">
          {done}
        </p>
      )}
      {feeds.length === 0 && <p class="desk-empty">还没有订阅源。 No feeds yet.</p>}
      <ol class="desk-feeds">
        {feeds.map((feed) => (
          <li data-feed={feed.id}>
            <h2>
              {feed.title || feed.url} {feed.paused && <span class="desk-badge">已暂停 paused</span>}
            </h2>
            <p class="desk-feed-url">{feed.url}</p>
            <dl class="desk-feed-state">
              <dt>上次成功 Last success</dt>
              <dd>{feed.state.lastSuccessAt ?? '从未 never'}</dd>
              <dt>上次错误 Last error</dt>
              <dd>{feed.state.lastError ?? '无 none'}</dd>
              <dt>条目 Items</dt>
              <dd>
                {feed.state.itemsSeen} seen, {feed.state.itemsStored} stored, {feed.state.itemsSkipped}{' '}
                skipped
              </dd>
              <dt>下次抓取 Next poll</dt>
              <dd>{feed.paused ? '—' : feed.state.nextPollAt}</dd>
            </dl>
            <form method="post" action={deskActionPath('feeds', feed.id)}>
              <CsrfField viewer={viewer} />
              <SettingsFields
                sections={sections}
                form={{
                  section: feed.section ?? '',
                  language: feed.language,
                  interval: feed.intervalMinutes,
                }}
              />{' '}
              <button type="submit">保存 Save</button>
            </form>
            <form
              method="post"
              action={deskActionPath('feeds', feed.id, feed.paused ? 'resume' : 'pause')}
              class="desk-inline"
            >
              <CsrfField viewer={viewer} />
              <button type="submit">{feed.paused ? '恢复 Resume' : '暂停 Pause'}</button>
            </form>{' '}
            {!feed.paused && (
              <form method="post" action={deskActionPath('feeds', feed.id, 'poll')} class="desk-inline">
                <CsrfField viewer={viewer} />
                <button type="submit">立即抓取 Poll now</button>
              </form>
            )}
          </li>
        ))}
      </ol>
      <h2>
        添加订阅源 <span lang="en">Add a feed</span>
      </h2>
      <p>先预览它会带来哪些文章，再确认添加。 Preview what it will bring in, then add it.</p>
      <form method="post" action={deskFeedPreviewPath()}>
        <CsrfField viewer={viewer} />
        <label>
          URL <input name="url" type="url" required size={50} />
        </label>{' '}
        <SettingsFields sections={sections} form={{ section: '', language: 'en', interval: 30 }} />{' '}
        <button type="submit">预览 Preview</button>
      </form>
    </DeskLayout>
  );
}

export interface FeedPreviewViewProps {
  chrome: SiteChrome;
  viewer: DeskViewer;
  form: FeedForm;
  preview: FeedPreview;
}

/** What a feed would bring in, with the button that adds it. */
export function FeedPreviewView({ chrome, viewer, form, preview }: FeedPreviewViewProps) {
  return (
    <DeskLayout
      chrome={chrome}
      viewer={viewer}
      title="预览 Preview"
      path={deskFeedPreviewPath()}
      area="feeds"
    >
      <h1>
        预览 <span lang="en">Preview</span>: {preview.title || form.url}
      </h1>
      <p>
        {preview.format} · {preview.entries.length} 条 entries · {form.url}
      </p>
      <ol class="desk-preview">
        {preview.entries.map((entry) => (
          <li>
            <h2>{entry.title}</h2>
            <p class="desk-note">
              {entry.published ?? '无日期 undated'} · {entry.language ?? '?'}
              {entry.fetchPage ? ' · 只有摘要，会抓取原文 summary only: the page will be fetched' : ''}
            </p>
            <p>{entry.text.slice(0, 300)}</p>
          </li>
        ))}
      </ol>
      <form method="post" action={deskPath('feeds')}>
        <CsrfField viewer={viewer} />
        <input type="hidden" name="url" value={form.url} />
        <input type="hidden" name="section" value={form.section} />
        <input type="hidden" name="language" value={form.language} />
        <input type="hidden" name="interval" value={String(form.interval)} />
        <button type="submit">添加这个订阅源 Add this feed</button>{' '}
        <a href={deskPath('feeds')}>取消 Cancel</a>
      </form>
    </DeskLayout>
  );
}
