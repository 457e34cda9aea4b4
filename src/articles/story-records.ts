/**
 * The shapes a story takes between the model and the outside world, and the conversions between
 * them, in one place: the record the store writes (`StoryRecord`), the JSON the API and
 * `lingwire show --json` print (`storyJson`), and the JSON Lines record `lingwire export` writes and
 * `lingwire import` reads back (`storyToJsonl`). Row ↔ record conversions that depend on a
 * database's columns live in each store adapter.
 */
import { formatDateline } from './dateline.js';
import type {
  Dateline,
  PinnedLink,
  Provenance,
  SectionFiling,
  Story,
  StoryLevel,
  StoryRef,
  StoryView,
} from './model.js';
import { titleKey } from './slug.js';

/** A story's fields as the publishing service writes them. */
export interface StoryRecord extends Provenance {
  slug: string;
  source: string;
  externalId: string;
  sectionId: number;
  title: string;
  /** Normalised title (`titleKey`), for resolving pinned links by title. */
  titleKey: string;
  dateline: Dateline | null;
  publishedAt: string | null;
  url: string | null;
  tags: string[];
  paragraphs: string[];
  pinnedRelated: PinnedLink[];
  level: StoryLevel | null;
  /** Story family and this version's level in it (see `Story`). */
  group: string | null;
  groupLevel: string | null;
}

/** The stored fields of a story, to write it back with a change. */
export function recordOf(story: Story): StoryRecord {
  return {
    slug: story.slug,
    source: story.source,
    externalId: story.externalId,
    sectionId: story.sectionId,
    title: story.title,
    titleKey: titleKey(story.title),
    dateline: story.dateline,
    publishedAt: story.publishedAt,
    url: story.url,
    tags: story.tags,
    paragraphs: story.paragraphs,
    pinnedRelated: story.pinnedRelated,
    level: story.level,
    ...provenanceOf(story),
    group: story.group,
    groupLevel: story.groupLevel,
  };
}

/** The provenance fields of a story or record. */
export function provenanceOf(from: Provenance): Provenance {
  return {
    author: from.author,
    license: from.license,
    feed: from.feed,
    fetchedAt: from.fetchedAt,
    language: from.language,
    textFrom: from.textFrom,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether writing `record` over `story` would change anything a reader or the API sees. When it
 * was fetched is left out: polling a feed again must not rewrite every story it still lists.
 */
export function sameContent(story: Story, record: StoryRecord): boolean {
  return (
    story.sectionId === record.sectionId &&
    story.title === record.title &&
    story.publishedAt === record.publishedAt &&
    story.url === record.url &&
    same(story.dateline, record.dateline) &&
    same(story.tags, record.tags) &&
    same(story.paragraphs, record.paragraphs) &&
    same(story.pinnedRelated, record.pinnedRelated) &&
    same(story.level, record.level) &&
    story.author === record.author &&
    story.license === record.license &&
    story.feed === record.feed &&
    story.language === record.language &&
    story.textFrom === record.textFrom &&
    story.group === record.group &&
    story.groupLevel === record.groupLevel
  );
}

/** A story as the JSON API and `lingwire show --json` give it (the web adds its `path`). */
export function storyJson(story: StoryView) {
  return {
    id: story.id,
    slug: story.slug,
    source: story.source,
    externalId: story.externalId,
    section: { slug: story.section.slug, nameZh: story.section.nameZh, nameEn: story.section.nameEn },
    title: story.title,
    dateline: story.dateline,
    publishedAt: story.publishedAt,
    url: story.url,
    tags: story.tags,
    paragraphs: story.paragraphs,
    pinnedRelated: story.pinnedRelated,
    level: story.level,
    ...provenanceOf(story),
    group: story.group,
    groupLevel: story.groupLevel,
    duplicateOf: story.duplicateOf,
    createdAt: story.createdAt,
    updatedAt: story.updatedAt,
  };
}

/**
 * A story as one JSON Lines record that `lingwire import` reads back into the same story, with how
 * its section was chosen (`section_source`, `section_confidence`) when that is known, for a copy
 * the canonical story's external id (`duplicateOf`, see `Story.duplicateOf`), and the stories an
 * editor pinned by source and id (`pinned`: ids are the database's own).
 */
export function storyToJsonl(
  story: StoryView,
  filing: SectionFiling | null = null,
  duplicateOf: string | null = null,
  /** The stories `story.pinnedIds` name, in order (a deleted one left out). */
  pinned: StoryRef[] = [],
): string {
  return JSON.stringify({
    id: story.externalId,
    source: story.source || undefined,
    // The Chinese name, not the slug: a new database recreates the section with its real name.
    section: story.section.nameZh,
    title: story.title,
    date: story.publishedAt ?? undefined,
    dateline: story.dateline ? formatDateline(story.dateline) : undefined,
    url: story.url ?? undefined,
    tags: story.tags.length > 0 ? story.tags : undefined,
    body: story.paragraphs,
    related:
      story.pinnedRelated.length > 0
        ? story.pinnedRelated.map((l) => (l.sectionName ? `${l.sectionName}:${l.title}` : l.title))
        : undefined,
    author: story.author ?? undefined,
    license: story.license ?? undefined,
    feed: story.feed ?? undefined,
    fetched_at: story.fetchedAt ?? undefined,
    language: story.language ?? undefined,
    text_from: story.textFrom ?? undefined,
    // null: the story sits in the default section and nobody chose it; read back as such.
    section_source: filing?.source ?? null,
    section_confidence: filing?.confidence ?? null,
    group: story.group ?? undefined,
    level: story.groupLevel ?? undefined,
    duplicate_of: duplicateOf ?? undefined,
    // An editor's decisions, so a site rebuilt from its export hides what was hidden.
    status: story.status === 'published' ? undefined : story.status,
    level_override: story.levelOverride ?? undefined,
    pinned: pinned.length > 0 ? pinned.map((p) => ({ source: p.source, id: p.externalId })) : undefined,
  });
}
