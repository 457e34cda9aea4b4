/**
 * What the domain asks of storage, as narrow async interfaces. Only the composition root
 * (`services.ts`, test setup) picks an adapter; domain code sees these types and nothing else,
 * so the SQLite and PostgreSQL adapters are interchangeable. Methods read as questions
 * and return null (not an error) when nothing is there.
 */
import type { Dateline, Section, SectionFiling, Story, StoryStatus } from '../articles/model.js';
import type { StoryRecord } from '../articles/story-records.js';
import type { Feed, FeedSettings, FeedState, NewFeed } from '../ingest/polling/model.js';
import type { StoryEditRepo } from './edit-types.js';
import type { AccountRepo, LearningRepo } from './learner-types.js';

export type { EditorialFields, FieldChange, StoryEdit, StoryEditRepo } from './edit-types.js';
export type { AccountRepo, LearningRepo } from './learner-types.js';

export type { StoryRecord };

/** A story in a list, without its body. */
export interface StoryListRow {
  id: number;
  slug: string;
  title: string;
  sectionId: number;
  publishedAt: string | null;
  createdAt: string;
  /** ISO 8601 date-time of the last change. */
  updatedAt: string;
  dateline: Dateline | null;
  /** The first body paragraph. */
  firstParagraph: string;
  levelBand: string | null;
  levelScore: number | null;
  /** A level was worked out and the story is too short to rate (band and score null). */
  levelUnrated: boolean;
}

/**
 * Which stories a list shows; every field absent means no restriction, except that lists and
 * counts show canonical stories only (`duplicate_of IS NULL`: copies of a story are reached
 * through it) unless `includeCopies`.
 */
export interface StoryFilter {
  /** Copies too (editors' views). Default false. */
  includeCopies?: boolean;
  /** Only this section. */
  sectionId?: number;
  /** Only this source (`Story.source`), exactly. */
  source?: string;
  /** Published on or after this ISO 8601 date (`2016-02-21`); undated stories are left out. */
  from?: string;
  /** Published before this ISO 8601 date (exclusive: the day after an inclusive `to`); undated left out. */
  toBefore?: string;
  /** Only these level bands (`B1`, `B2`); stories without a level are left out. */
  levelBands?: readonly string[];
  /** Only stories of this status, or `any`. Default `published`: the public sees nothing else. */
  status?: StoryStatus | 'any';
  /** Only stories that came in through this feed URL (`Story.feed`), exactly. */
  feed?: string;
  /** Only stories whose title contains this text, case aside (the desk's search). */
  titleContains?: string;
  /** Only stories the classifier filed with a confidence below this (0–1). */
  confidenceBelow?: number;
}

/** Which stories a list shows: newest first (undated stories after the dated ones). */
export interface ListQuery extends StoryFilter {
  /** 1–1000. */
  limit: number;
  /** ≥ 0. */
  offset: number;
}

/** The sections (栏目) stories are filed under. */
export interface SectionRepo {
  findSectionBySlug(slug: string): Promise<Section | null>;
  findSectionByNameZh(nameZh: string): Promise<Section | null>;
  findSectionById(id: number): Promise<Section | null>;
  /**
   * All sections in their stable order: by position, then creation order. It does not move when a
   * story arrives, so the site navigation stays where readers expect it.
   */
  listSections(): Promise<Section[]>;
  /** Adds a section after the existing ones; a redirect from its slug is dropped. Change tag: `sections`. */
  createSection(section: Omit<Section, 'id'>): Promise<Section>;
  /**
   * Renames a section (names, slug, any of them). A slug change leaves the old slug redirecting to
   * the section (`findSectionRedirect`) and moves feeds that name the old slug or Chinese name to
   * the new ones. Null when there is no such section; `SECTION_EXISTS` when another section has
   * the slug or Chinese name. Change tags: `sections`, `section:<id>`.
   */
  updateSection(id: number, changes: Partial<Omit<Section, 'id'>>): Promise<Section | null>;
  /** Puts the sections `ids` first, in that order (navigation order); the others follow as they were. Change tag: `sections`. */
  reorderSections(ids: readonly number[]): Promise<void>;
  /**
   * Moves every story of section `fromId` into `intoId`, deletes `fromId`, and leaves its slug
   * (and every slug that redirected to it) redirecting to `intoId`; feeds naming it move too.
   * `SECTION_NOT_FOUND` when either is missing, `BAD_INPUT` when they are the same. Change tags:
   * `sections`, `stories`, both `section:<id>`, and `story:<id>` of every story moved.
   */
  mergeSections(fromId: number, intoId: number): Promise<void>;
  /** The section an old slug (renamed or merged away) now leads to; null when none. */
  findSectionRedirect(slug: string): Promise<Section | null>;
}

/** A version of a story family (the same article at several levels), as its page links it. */
export interface FamilyMember {
  id: number;
  slug: string;
  title: string;
  /** The version's level as the source gives it (`elementary`…); null when it gave none. */
  groupLevel: string | null;
}

/**
 * Duplicate groups and story families. A canonical story has `duplicate_of IS NULL`; each copy
 * names its canonical story (never another copy: there are no chains). Everything readers browse
 * (lists, counts, search, 相关文章) shows canonical stories only: filter on `duplicate_of IS NULL`.
 */
export interface StoryGroupRepo {
  /** The first stored story (lowest id) with exactly this URL, or null. */
  findStoryByUrl(url: string): Promise<Story | null>;
  /**
   * Records story `id` as a copy of `canonicalId` (or of its canonical story, when that is itself a
   * copy); copies of `id` move to the same canonical story. `STORY_NOT_FOUND` when either story
   * is missing, `BAD_INPUT` when they are the same group. Change tags: those of every story whose
   * standing changed (`story:`, `section:`, `title:`, `stories`) and `related:<x>` for every list
   * holding one of them.
   */
  markDuplicate(id: number, canonicalId: number): Promise<void>;
  /**
   * Makes story `id` the canonical story of its group (an editor's choice): the old canonical
   * story and the other copies become its copies. Nothing changes when it already is canonical.
   * `STORY_NOT_FOUND` when there is no such story. Change tags as `markDuplicate`.
   */
  setCanonical(id: number): Promise<void>;
  /** The copies of a canonical story, oldest first. */
  findCopies(canonicalId: number): Promise<Story[]>;
  /**
   * The canonical versions of the family `group` of `source`, in id order (callers order them by
   * level: `articles/families.ts`).
   */
  findFamily(source: string, group: string): Promise<FamilyMember[]>;
}

/**
 * The stories. Writes record change tags (see `ChangeRepo`) themselves, so no caller can forget
 * to invalidate a page.
 */
export interface StoryRepo extends StoryGroupRepo, StoryEditRepo {
  findStoryById(id: number): Promise<Story | null>;
  findStoryBySlug(slug: string): Promise<Story | null>;
  findStoryByExternalId(source: string, externalId: string): Promise<Story | null>;
  /** Stories whose title key is one of `keys`, newest first; used to resolve pinned links. */
  findStoriesByTitleKeys(
    keys: string[],
  ): Promise<Array<{ id: number; slug: string; titleKey: string; sectionId: number }>>;
  isSlugTaken(slug: string): Promise<boolean>;
  /** Change tags: `story:<id>`, `section:<sectionId>`, `title:<titleKey>`, `stories`. */
  insertStory(record: StoryRecord, now: string): Promise<Story>;
  /**
   * Replaces every field but id, slug and createdAt; `STORY_NOT_FOUND` when there is no such story.
   * Change tags: `story:<id>`, `stories`, and `section:`/`title:` of both the old and the new row.
   */
  updateStory(id: number, record: StoryRecord, now: string): Promise<Story>;
  /**
   * Deletes a story with its vector, lists and analysis; false when there was none. Change tags:
   * `story:<id>`, `section:<sectionId>`, `title:<titleKey>`, `stories`, and `related:<x>` for every
   * story x whose related list contained it.
   */
  deleteStory(id: number): Promise<boolean>;
  listStories(query: ListQuery): Promise<StoryListRow[]>;
  /** Canonical stories (copies are not counted), in one section or all. */
  countStories(sectionId?: number): Promise<number>;
  /** How many stories `listStories` would list with this filter, on every page together. */
  countFilteredStories(filter: StoryFilter): Promise<number>;
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
  /** The related story's source, family (`Story.group`) and canonical story (null: it is canonical). */
  source: string;
  group: string | null;
  duplicateOf: number | null;
  /** The related story's status: 相关文章 shows published stories only (the engine keeps them all). */
  status: StoryStatus;
}

/**
 * Storage for the related-stories engine. Engine state is opaque text to the store (the engine
 * owns its format), so the engine can change without a migration.
 */
export interface RelatedRepo {
  /** Saves (or replaces) a story's engine state. No change tag: pages do not show it. */
  saveRelatedVector(storyId: number, data: string): Promise<void>;
  /** Every saved vector, in story id order. */
  iterateRelatedVectors(batchSize?: number): AsyncIterable<{ storyId: number; data: string }>;
  countRelatedVectors(): Promise<number>;
  /** Stories that have no saved vector (stored before related lists, or with `--no-related`). */
  findStoryIdsWithoutVector(): Promise<number[]>;
  /** Replaces a story's list (best first). Change tag `related:<storyId>`, only when the list differs. */
  replaceRelatedList(storyId: number, entries: Array<{ relatedId: number; score: number }>): Promise<void>;
  findRelatedList(storyId: number): Promise<RelatedRow[]>;
  /** Every stored list as story id → related ids and scores, best first (loading the engine). */
  findAllRelatedLists(): Promise<Map<number, Array<{ relatedId: number; score: number }>>>;
  /** A story's saved engine state; null when it has none. */
  findRelatedVector(storyId: number): Promise<string | null>;
  /** Saves the fitted model and the archive size it was fitted on. Change tag: `related-model`. */
  saveRelatedModel(data: string, stories: number, now: string): Promise<void>;
  findRelatedModel(): Promise<{ data: string; stories: number } | null>;
  /** Drops every vector, list and model (before a full rebuild). Change tag: `all`. */
  clearRelated(): Promise<void>;
}

/**
 * A story's stored analysis (what `lingwire analyze` works out), kept so a page need not compute
 * it again. The data is opaque text to the store; `version` is the analyser's, so stories an older
 * analyser worked on can be found and done again.
 */
export interface AnalysisRepo {
  /** Saves (or replaces) a story's analysis; `STORY_NOT_FOUND` when there is no such story. Change tag: `story:<storyId>`. */
  saveStoryAnalysis(storyId: number, version: number, data: string): Promise<void>;
  findStoryAnalysis(storyId: number): Promise<{ version: number; data: string } | null>;
  /** Stories with no analysis or one of another version, in id order. */
  findStoryIdsWithoutAnalysis(version: number): Promise<number[]>;
}

/**
 * How each story's section was chosen (`SectionFiling`), and the section classifier's fitted
 * model. The model is opaque text to the store (the classifier owns its format).
 */
export interface FilingRepo {
  /**
   * Records how a story's section was chosen, replacing what was recorded; null forgets it (the
   * story sits in the default section by default). `STORY_NOT_FOUND` when there is no such story.
   * Change tag: `story:<storyId>`.
   */
  saveFiling(storyId: number, filing: SectionFiling | null): Promise<void>;
  /** The recorded filings of `storyIds` (stories without one are absent from the map). */
  findFilings(storyIds: readonly number[]): Promise<Map<number, SectionFiling>>;
  /** How many stories of each section an editor or a feed filed (the classifier's training set), by section id. */
  countFiledStories(): Promise<Array<{ sectionId: number; stories: number }>>;
  /** The newest `limit` stories an editor or a feed filed in a section, newest first: training text. */
  findFiledStories(
    sectionId: number,
    limit: number,
  ): Promise<Array<{ id: number; title: string; paragraphs: string[] }>>;
  /** Saves the fitted model and how many filed stories it was trained on. No change tag: no page shows it. */
  saveSectionModel(data: string, trainedOn: number): Promise<void>;
  findSectionModel(): Promise<{ data: string; trainedOn: number; updatedAt: string } | null>;
}

/** Small operator state by key, such as the writer's heartbeat. Records no change tag. */
export interface MetaRepo {
  findMeta(key: string): Promise<string | null>;
  /** Saves (or replaces) the value of `key`, stamping when. */
  saveMeta(key: string, value: string): Promise<void>;
}

/**
 * Feed subscriptions and their polling state. No write records a change tag: no public page
 * shows feeds, so polling leaves every cached page warm. Removing a feed leaves its stories.
 */
export interface FeedRepo {
  findFeedById(id: number): Promise<Feed | null>;
  findFeedByUrl(url: string): Promise<Feed | null>;
  /** Every feed, in id order. */
  listFeeds(): Promise<Feed[]>;
  /** Feeds not paused whose `nextPollAt` is at or before `now`, the longest overdue first. */
  findDueFeeds(now: string): Promise<Feed[]>;
  /** Adds a subscription with `initialFeedState(now)`; `FEED_EXISTS` when its URL is already subscribed. */
  createFeed(feed: NewFeed, now: string): Promise<Feed>;
  /** Replaces a feed's state (and its title when `title` is given); false when there is no such feed. */
  saveFeedState(id: number, state: FeedState, title?: string): Promise<boolean>;
  /** Deletes a subscription (its stories stay); false when there was none. */
  deleteFeed(id: number): Promise<boolean>;
  /** Changes an editor's settings of a feed (a paused feed is never due); null when there is no such feed. */
  updateFeedSettings(id: number, settings: Partial<FeedSettings>): Promise<Feed | null>;
}

/**
 * The change log: every committed write transaction (and every write call made outside one)
 * appends one entry holding the de-duplicated tags of what it changed, so a page cache in any
 * process can drop exactly the pages that show those things. Tags: `story:<id>`,
 * `section:<id>`, `title:<titleKey>`, `related:<storyId>`, `related-model`, `stories` (any list of
 * stories), `sections` (the section list) and `all` (drop everything); `change-tags.ts` builds
 * them. The newest 50,000 entries are kept
 * (a few hundred more between prunes).
 */
export interface ChangeRepo {
  /** The sequence number of the newest entry; 0 when nothing was ever written. */
  latestChange(): Promise<number>;
  /**
   * The tags of every entry after `seq` (sorted, de-duplicated) and the newest sequence number;
   * `{ latest: seq, tags: [] }` when nothing changed. Null when entries after `seq` may have been
   * pruned, or `seq` is beyond the newest (another database's history): drop every cache then.
   */
  findChangesSince(seq: number): Promise<{ latest: number; tags: string[] } | null>;
}

// Full-text search as the store answers it (both adapters: SQLite FTS5, PostgreSQL tsvector), so
// the page, the JSON API and the CLI rank alike. The query arrives parsed (`search/query.ts`): the
// store never reads what a person typed.
/** A parsed query: each entry a phrase of one or more lower-case tokens (see `search/query.ts`). */
export interface SearchTerms {
  /** Every phrase must be in the title or text (stemmed). Never empty. */
  include: string[][];
  /** Stories containing any of these phrases are left out. */
  exclude: string[][];
  /** Every included token in the order typed, common words too: side by side ranks higher. */
  sequence: string[];
}

/** A search with its filters and page. */
export interface SearchRequest {
  terms: SearchTerms;
  /** Only this section. */
  sectionId?: number;
  /** Only stories dated on or after this day (`YYYY-MM-DD`; the publication date, else when stored). */
  from?: string;
  /** Only stories dated on or before this day (`YYYY-MM-DD`). */
  to?: string;
  /** Only stories of this source (exactly as stored). */
  source?: string;
  /** Only stories of these level bands (`B1`, `B2`). */
  levels?: readonly string[];
  /** 1–100. */
  limit: number;
  /** ≥ 0. */
  offset: number;
}

/** One result: the story as lists show it, its external id, and a snippet of its text. */
export interface SearchHit extends StoryListRow {
  source: string;
  externalId: string;
  /**
   * Plain text around the best match with each matched word between `\uE000` and `\uE001`
   * (`SNIPPET_OPEN`, `SNIPPET_CLOSE`); the web escapes the text and turns them into `<mark>`.
   */
  snippet: string;
}

/** Marks around matched words in snippets. */
export const SNIPPET_OPEN = '\uE000';
export const SNIPPET_CLOSE = '\uE001';

/** A page of results, best first, and how many stories matched in all. */
export interface SearchPage {
  hits: SearchHit[];
  /** Matches counted, at most `COUNT_LIMIT` (10,000). */
  total: number;
  /** False when more than `total` stories match (the count stopped at its limit). */
  totalExact: boolean;
}

/**
 * The search index, kept up to date by the stores' own story writes (SQLite: triggers in the
 * same transaction; PostgreSQL: a generated column), so an insert, an update, a delete, a copy
 * or a restore can never leave it behind. Ranking: BM25-like relevance with title matches
 * weighted above text matches, raised for stories that hold the query's words side by side.
 */
export interface SearchRepo {
  searchStories(request: SearchRequest): Promise<SearchPage>;
  /** Rebuilds the index from the stories (`lingwire search --rebuild`); returns the stories indexed. No change tag. */
  rebuildSearchIndex(): Promise<number>;
}

/**
 * The repositories as seen inside one transaction. They are bound to it: once it has committed or
 * rolled back, calling any of them fails with `STORE_MISUSE`.
 */
export interface StoreTx {
  sections: SectionRepo;
  stories: StoryRepo;
  related: RelatedRepo;
  analysis: AnalysisRepo;
  meta: MetaRepo;
  feeds: FeedRepo;
  filing: FilingRepo;
  /** Full-text search over titles and texts (`SearchRepo`). */
  search: SearchRepo;
  /** Learner accounts, sessions and API tokens (`learner-types.ts`). */
  accounts: AccountRepo;
  /** Learners' word statuses, 生词本 and reviews (`learner-types.ts`). */
  learning: LearningRepo;
  /**
   * The change log as committed: inside a transaction it shows what others committed before it
   * began (a writer catching up on them), not the transaction's own entry, which lands at commit.
   */
  readonly changes: ChangeRepo;
}

/**
 * A store: the repositories for work outside a transaction (each write call commits on its own,
 * with its change-log entry), the change log, and transactions. Calling the store's own
 * repositories from inside a transaction's work fails with `STORE_MISUSE` (on PostgreSQL they
 * would run on another connection and not see the transaction's writes); other async contexts,
 * such as a web request served meanwhile, may use them. A busy database fails with `STORE_BUSY`.
 */
export interface Store extends StoreTx {
  /** Human-readable adapter name for logs, never a password: `sqlite:/path/to/db`, `postgres://user@host:5432/db`. */
  readonly description: string;
  /** The change log, for precise page-cache invalidation across processes. */
  readonly changes: ChangeRepo;
  /**
   * Runs `work` in one transaction with repositories of its own: all of its writes land, with one
   * change-log entry, or none do (it rolls back when `work` throws). Transactions are serialised,
   * and do not nest: calling `transaction` from inside one fails with `STORE_MISUSE`.
   */
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * A token that changes whenever stored content changes, in this process or any other writing
   * to the same database. Page caches compare it on every request, so it is synchronous and cheap,
   * and ask `changes.findChangesSince` what changed when it moves. SQLite reads
   * `PRAGMA data_version` plus a count of this connection's writes; PostgreSQL keeps a counter
   * moved by LISTEN/NOTIFY (it may lag another process's commit by a notification's travel).
   */
  changeToken(): string;
  /**
   * Odd while a transaction is open whose writes this store's own reads already see, and moved
   * at its start and at its end. SQLite has one connection, so a page rendered while an async
   * transaction is open can show rows that it later rolls back (and a rollback records nothing in
   * the change log); PostgreSQL reads on other connections, which never see them, so its mark
   * stays 0. A cache may keep what it read only if the mark was even before the read and is the
   * same after it.
   */
  transactionMark(): number;
  close(): Promise<void>;
}
