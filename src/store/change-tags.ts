import { createHash } from 'node:crypto';

/**
 * The change tags the store records with every write (see `ChangeRepo` in `types.ts`), built in
 * one place so that what an adapter records and what a cache listens for cannot drift apart.
 */

/** A story's own fields (title, body, section, level, analysis) changed, or it was added or deleted. */
export const storyTag = (id: number) => `story:${id}`;
/** A story's stored 相关文章 list changed. */
export const relatedTag = (storyId: number) => `related:${storyId}`;
/** The stories listed in a section changed (added, removed, re-sectioned, retitled…). */
export const sectionTag = (id: number) => `section:${id}`;
/** A story with this title key appeared, changed or went (pinned links resolve by title). */
export const titleTag = (key: string) => `title:${key}`;
/** A story of this family (`Story.group` of `source`) was added or changed: its versions link to each other. */
export const familyTag = (source: string, group: string) =>
  `family:${createHash('sha1').update(`${source}\n${group}`).digest('hex').slice(0, 16)}`;
/** Any story list across sections (the front page). */
export const STORIES_TAG = 'stories';
/** Section names or their order (every page's navigation). */
export const SECTIONS_TAG = 'sections';
/** Everything: drop every cache. */
export const ALL_TAG = 'all';
/** The related engine's fitted model was replaced (a rebuild): writers reload their index. */
export const RELATED_MODEL_TAG = 'related-model';
