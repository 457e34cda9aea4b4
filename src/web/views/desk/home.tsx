/** The desk's front page: where each kind of editing work is. */

import { deskPath } from '../../paths.js';
import type { SiteChrome } from '../layout.js';
import { DeskLayout, type DeskViewer } from './layout.js';

export function DeskHomeView({ chrome, viewer }: { chrome: SiteChrome; viewer: DeskViewer }) {
  return (
    <DeskLayout chrome={chrome} viewer={viewer} title="编辑台 Desk" path={deskPath()}>
      <h1>
        编辑台 <span lang="en">Editors' desk</span>
      </h1>
      <ul class="desk-areas">
        <li>
          <a href={deskPath('stories')}>文章 Stories</a>: 查找、编辑、改栏目、撤下或删除文章。 Find, edit,
          re-section, unpublish or delete stories.
        </li>
        <li>
          <a href={deskPath('inbox')}>待分类 Unsorted</a>: 分类器拿不准的文章，一键归入栏目。 Stories the
          classifier was unsure of; file each with one click.
        </li>
        <li>
          <a href={deskPath('sections')}>栏目 Sections</a>: 新建、改名、排序、合并。 Create, rename, reorder,
          merge.
        </li>
        <li>
          <a href={deskPath('feeds')}>订阅源 Feeds</a>: 添加（先预览）、暂停、立即抓取。 Add (with a preview),
          pause, poll now.
        </li>
        {viewer.role === 'admin' && (
          <li>
            <a href={deskPath('users')}>用户 Users</a>: 邀请编辑、改角色、撤销令牌。 Invite editors, change
            roles, revoke tokens.
          </li>
        )}
      </ul>
    </DeskLayout>
  );
}
