/**
 * The editors' desk shell: the site's layout (same stylesheet, header and account links), a desk
 * navigation bar, and `noindex`. Desk pages are per-user and never cached (`no-store`), so a form
 * may carry the session's CSRF token in a hidden `_csrf` field (`CsrfField`).
 */
import type { ComponentChildren } from 'preact';
import type { Role } from '../../../learner/model.js';
import { type DeskArea, deskPath } from '../../paths.js';
import { Layout, type SiteChrome } from '../layout.js';

/** What every desk page knows about who is looking. */
export interface DeskViewer {
  email: string;
  role: Role;
  /** The session's CSRF token for forms (empty for Bearer requests, which never render forms). */
  csrf: string;
}

const AREAS: { area: DeskArea; zh: string; en: string; admin?: boolean }[] = [
  { area: 'stories', zh: '文章', en: 'Stories' },
  { area: 'inbox', zh: '待分类', en: 'Unsorted' },
  { area: 'sections', zh: '栏目', en: 'Sections' },
  { area: 'feeds', zh: '订阅源', en: 'Feeds' },
  { area: 'users', zh: '用户', en: 'Users', admin: true },
];

export interface DeskLayoutProps {
  chrome: SiteChrome;
  viewer: DeskViewer;
  /** `<title>` (the desk's name is added). */
  title: string;
  /** This page's path. */
  path: string;
  /** The area marked current in the desk navigation (none on the desk's front page). */
  area?: DeskArea;
  /** Scripts for this page (files under `src/web/client/`, versioned URLs). */
  scripts?: string[];
  children: ComponentChildren;
}

export function DeskLayout({ chrome, viewer, title, path, area, scripts = [], children }: DeskLayoutProps) {
  return (
    <Layout
      chrome={chrome}
      title={`${title} · 编辑台 Desk`}
      description="lingwire 编辑台"
      path={path}
      head={<meta name="robots" content="noindex, nofollow" />}
    >
      <div class="desk">
        <nav class="desk-nav" aria-label="编辑台 Desk">
          <a href={deskPath()} aria-current={area === undefined ? 'page' : undefined}>
            编辑台 Desk
          </a>
          {AREAS.filter((a) => !a.admin || viewer.role === 'admin').map((a) => (
            <a href={deskPath(a.area)} aria-current={a.area === area ? 'page' : undefined}>
              {a.zh} <span lang="en">{a.en}</span>
            </a>
          ))}
          <span class="desk-viewer">
            {viewer.email} ({viewer.role})
          </span>
        </nav>
        {children}
      </div>
      {scripts.map((src) => (
        <script src={src} defer />
      ))}
    </Layout>
  );
}

/** The hidden CSRF field every desk form carries. */
export function CsrfField({ viewer }: { viewer: DeskViewer }) {
  return <input type="hidden" name="_csrf" value={viewer.csrf} />;
}
