/** A story's copies and family on the desk: choose the canonical copy, join or split family versions. */
import type { CopiesView } from '../../../desk/index.js';
import { deskActionPath, deskCopiesPath, storyPath } from '../../paths.js';
import type { SiteChrome } from '../layout.js';
import { CsrfField, DeskLayout, type DeskViewer } from './layout.js';

export interface CopiesPageProps {
  chrome: SiteChrome;
  viewer: DeskViewer;
  view: CopiesView;
  done?: string;
}

export function CopiesPage({ chrome, viewer, view, done }: CopiesPageProps) {
  const { story, canonical, copies, family } = view;
  const group = [canonical, ...copies];
  return (
    <DeskLayout
      chrome={chrome}
      viewer={viewer}
      title={`副本 Copies: ${story.title}`}
      path={deskCopiesPath(story.id)}
      area="stories"
    >
      <h1>
        副本与版本 <span lang="en">Copies and versions</span>: {story.title}
      </h1>
      {done && (
        <p class="desk-done" role="status">
          {done}
        </p>
      )}
      <h2>
        副本 <span lang="en">Copies</span> ({copies.length})
      </h2>
      <p>
        读者只看到主文章；副本的地址跳到它。{' '}
        <span lang="en">Readers see the canonical story; a copy's URL leads to it.</span>
      </p>
      <ol class="desk-copies">
        {group.map((s) => (
          <li data-story={s.id}>
            <a href={storyPath(s.slug)}>{s.title}</a> · {s.source || '?'} · #{s.id}{' '}
            {s.id === canonical.id ? (
              <strong class="desk-badge">主文章 canonical</strong>
            ) : (
              <form method="post" action={deskActionPath('stories', s.id, 'canonical')} class="desk-inline">
                <CsrfField viewer={viewer} />
                <input type="hidden" name="back" value={String(story.id)} />
                <button type="submit">设为主文章 Make canonical</button>
              </form>
            )}
          </li>
        ))}
      </ol>
      <h2>
        同一文章的不同难度版本 <span lang="en">Level versions (family)</span>
      </h2>
      {family.length === 0 ? (
        <p class="desk-empty">不属于任何系列。 In no family.</p>
      ) : (
        <ol class="desk-family">
          {family.map((m) => (
            <li data-story={m.id}>
              <a href={storyPath(m.slug)}>{m.title}</a> · {m.groupLevel ?? '—'} · #{m.id}{' '}
              <form method="post" action={deskActionPath('stories', m.id, 'split')} class="desk-inline">
                <CsrfField viewer={viewer} />
                <input type="hidden" name="back" value={String(story.id)} />
                <button type="submit">移出系列 Split out</button>
              </form>
            </li>
          ))}
        </ol>
      )}
      <form method="post" action={deskActionPath('stories', canonical.id, 'join')}>
        <CsrfField viewer={viewer} />
        <input type="hidden" name="back" value={String(story.id)} />
        <label>
          把文章（编号）加入这个系列 <span lang="en">Join story (id) to this family</span>{' '}
          <input name="with" required pattern="[1-9][0-9]*" inputMode="numeric" size={8} />
        </label>{' '}
        <label>
          它的难度 <span lang="en">its level</span>{' '}
          <input name="level" pattern="[a-z][a-z0-9-]*" placeholder="elementary" size={12} />
        </label>{' '}
        <button type="submit">加入 Join</button>
      </form>
    </DeskLayout>
  );
}
