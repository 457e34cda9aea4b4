/**
 * What the domain asks of storage, as narrow async interfaces. Only the composition root
 * (`cli/context.ts`, test setup) picks an adapter; domain code sees these types and nothing else,
 * so the SQLite adapter and a later PostgreSQL one are interchangeable. Methods read as questions
 * and return null (not an error) when nothing is there.
 */
import type { Dateline, PinnedLink, Section, Story, StoryLevel } from '../articles/model.js';

/** A story's fields as the service writes them. */
export interface StoryRecord {
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
}

/** A story in a list, without its body. */
export interface StoryListRow {
  id: number;
  slug: string;
  title: string;
  sectionId: number;
  publishedAt: string | null;
  createdAt: string;
  dateline: Dateline | null;
  /** The first body paragraph. */
  firstParagraph: string;
  levelBand: string | null;
  levelScore: number | null;
}

/** Which stories a list shows: newest first. */
export interface ListQuery {
  /** Only this section; all sections when absent. */
  sectionId?: number;
  /** 1–1000. */
  limit: number;
  /** ≥ 0. */
  offset: number;
}

export interface SectionRepo {
  findSectionBySlug(slug: string): Promise<Section | null>;
  findSectionByNameZh(nameZh: string): Promise<Section | null>;
  findSectionById(id: number): Promise<Section | null>;
  /** All sections, in the order of their newest story (sections without stories last). */
  listSections(): Promise<Section[]>;
  createSection(section: Omit<Section, 'id'>): Promise<Section>;
}

export interface StoryRepo {
  findStoryById(id: number): Promise<Story | null>;
  findStoryBySlug(slug: string): Promise<Story | null>;
  findStoryByExternalId(source: string, externalId: string): Promise<Story | null>;
  /** Stories whose title key is one of `keys`, newest first; used to resolve pinned links. */
  findStoriesByTitleKeys(
    keys: string[],
  ): Promise<Array<{ id: number; slug: string; titleKey: string; sectionId: number }>>;
  isSlugTaken(slug: string): Promise<boolean>;
  insertStory(record: StoryRecord, now: string): Promise<Story>;
  /** Replaces every field but id, slug and createdAt. */
  updateStory(id: number, record: StoryRecord, now: string): Promise<Story>;
  deleteStory(id: number): Promise<boolean>;
  listStories(query: ListQuery): Promise<StoryListRow[]>;
  countStories(sectionId?: number): Promise<number>;
  /** Every story, oldest first, in batches: for export. */
  iterateStories(batchSize?: number): AsyncIterable<Story>;
}

/** An entry of a stored related list, with what a page shows of the story. */
export interface RelatedRow {
  id: number;
  slug: string;
  title: string;
  sectionId: number;
  externalId: string;
  score: number;
}

/**
 * Storage for the related-stories engine. Engine state is opaque text to the store (the engine
 * owns its format), so the engine can change without a migration.
 */
export interface RelatedRepo {
  saveRelatedVector(storyId: number, data: string): Promise<void>;
  /** Every saved vector, in story id order. */
  iterateRelatedVectors(batchSize?: number): AsyncIterable<{ storyId: number; data: string }>;
  countRelatedVectors(): Promise<number>;
  /** Stories that have no saved vector (stored before related lists, or with `--no-related`). */
  findStoryIdsWithoutVector(): Promise<number[]>;
  /** Replaces a story's list (best first). */
  replaceRelatedList(storyId: number, entries: Array<{ relatedId: number; score: number }>): Promise<void>;
  findRelatedList(storyId: number): Promise<RelatedRow[]>;
  /** Every stored list as story id → related ids and scores, best first (loading the engine). */
  findAllRelatedLists(): Promise<Map<number, Array<{ relatedId: number; score: number }>>>;
  saveRelatedModel(data: string, stories: number, now: string): Promise<void>;
  findRelatedModel(): Promise<{ data: string; stories: number } | null>;
  /** Drops every vector, list and model (before a full rebuild). */
  clearRelated(): Promise<void>;
}

/** The repositories as seen inside one transaction. */
export interface StoreTx {
  sections: SectionRepo;
  stories: StoryRepo;
  related: RelatedRepo;
}

export interface Store extends StoreTx {
  /** Human-readable adapter name for logs: `sqlite:/path/to/db`. */
  readonly description: string;
  /**
   * Runs `work` in one transaction: all of its writes land, or none do (it rolls back when
   * `work` throws). Transactions are serialised.
   */
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * A token that changes whenever stored content changes, in this process or any other writing
   * to the same database. Page caches compare it on every request, so it is synchronous and cheap:
   * SQLite reads `PRAGMA data_version`; a PostgreSQL adapter would keep a counter moved by
   * LISTEN/NOTIFY.
   */
  changeToken(): string;
  close(): Promise<void>;
}
