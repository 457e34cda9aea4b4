/** 栏目 Sections on the desk: create, rename, reorder, merge. */
import type { SectionWithCount } from '../../../desk/index.js';
import { deskActionPath, deskPath, sectionPath } from '../../paths.js';
import type { SiteChrome } from '../layout.js';
import { CsrfField, DeskLayout, type DeskViewer } from './layout.js';

export interface SectionsViewProps {
  chrome: SiteChrome;
  viewer: DeskViewer;
  sections: SectionWithCount[];
  /** What was just done (post/redirect/get). */
  done?: string;
}

export function SectionsView({ chrome, viewer, sections, done }: SectionsViewProps) {
  return (
    <DeskLayout
      chrome={chrome}
      viewer={viewer}
      title="栏目 Sections"
      path={deskPath('sections')}
      area="sections"
    >
      <h1>
        栏目 <span lang="en">Sections</span>
      </h1>
      {done && (
        <p class="desk-done" role="status">
          {done}
        </p>
      )}
      <p>
        改地址（slug）或合并后，旧地址会永久跳转到新栏目。{' '}
        <span lang="en">After a slug change or a merge, the old address redirects (301) to the section.</span>
      </p>
      <ol class="desk-sections">
        {sections.map((s, i) => (
          <li data-section={s.slug}>
            <h2>
              <a href={sectionPath(s.slug)}>{s.nameZh}</a> <span lang="en">{s.nameEn}</span> ({s.stories})
            </h2>
            <form method="post" action={deskActionPath('sections', s.id)} class="desk-inline">
              <CsrfField viewer={viewer} />
              <label>
                中文名 <input name="nameZh" value={s.nameZh} required maxLength={40} />
              </label>{' '}
              <label>
                English <input name="nameEn" value={s.nameEn} maxLength={60} lang="en" />
              </label>{' '}
              <label>
                slug{' '}
                <input
                  name="slug"
                  value={s.slug}
                  required
                  maxLength={40}
                  pattern="[a-z0-9-]+"
                  readOnly={s.fixed}
                />
              </label>{' '}
              <button type="submit">改名 Rename</button>
            </form>
            <form method="post" action={deskActionPath('sections', s.id, 'move')} class="desk-inline">
              <CsrfField viewer={viewer} />
              <button type="submit" name="direction" value="up" disabled={i === 0}>
                上移 Up
              </button>{' '}
              <button type="submit" name="direction" value="down" disabled={i === sections.length - 1}>
                下移 Down
              </button>
            </form>
            {!s.fixed && (
              <form method="post" action={deskActionPath('sections', s.id, 'merge')} class="desk-inline">
                <CsrfField viewer={viewer} />
                <label>
                  合并到 <span lang="en">Merge into</span>{' '}
                  <select name="into">
                    {sections
                      .filter((o) => o.id !== s.id)
                      .map((o) => (
                        <option value={String(o.id)}>
                          {o.nameZh} {o.nameEn}
                        </option>
                      ))}
                  </select>
                </label>{' '}
                <button type="submit">合并 Merge</button>
              </form>
            )}
          </li>
        ))}
      </ol>
      <h2>
        新建栏目 <span lang="en">New section</span>
      </h2>
      <form method="post" action={deskPath('sections')}>
        <CsrfField viewer={viewer} />
        <label>
          中文名 <input name="nameZh" required maxLength={40} />
        </label>{' '}
        <label>
          English <input name="nameEn" maxLength={60} lang="en" />
        </label>{' '}
        <label>
          slug <input name="slug" required maxLength={40} pattern="[a-z0-9-]+" placeholder="world" />
        </label>{' '}
        <button type="submit">新建 Create</button>
      </form>
    </DeskLayout>
  );
}
