/**
 * The publishing model. Plain types only: this module imports nothing, so every other module
 * (store adapters, web views, importers) can depend on it without cycles.
 */

/** A section of the site, named in Chinese first (国际英语新闻) with an English name beside it. */
export interface Section {
  id: number;
  /** URL part, ASCII, stable once created: `world` in `/sections/world`. */
  slug: string;
  /** The Chinese name as the site shows it: `国际英语新闻`. */
  nameZh: string;
  /** The English name shown beside it: `International News`. Empty when nobody has given one. */
  nameEn: string;
}

/** Month as 1–12. */
export type Month = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;

/**
 * The dateline a wire story opens with: `MOSCOW, Feb. 21 (Xinhua) --`.
 * Wire datelines carry no year; the year, when known, comes from the story's publication date.
 */
export interface Dateline {
  /** `MOSCOW`, `UNITED NATIONS`; as written. */
  place: string;
  /** 1–12, or null when the dateline names no date. */
  month: number | null;
  /** 1–31, or null. */
  day: number | null;
  /** `Xinhua`, `Reuters`; null when the dateline names no agency. */
  agency: string | null;
  /** The date exactly as written (`Feb. 21`, `March 3`), for display; null when absent. */
  dateText: string | null;
}

/** An editor-pinned related link, as the seed's `相关文章` lists them: a section name and a title. */
export interface PinnedLink {
  /** The section name as written in the link (`欧美文化`). */
  sectionName: string;
  title: string;
}

/**
 * How hard a story is for a learner, computed when it is stored (`text/level.ts`): a continuous
 * score and its CEFR-like band, with the vocabulary profile and readability behind them.
 */
export interface StoryLevel {
  /** 0–6, higher is harder; band boundaries at 1, 2, … 5. Null: too short to rate (`text/level.ts#isTooShortToRate`). */
  score: number | null;
  /** `A1` … `C2`; null when the story is too short to rate (shown as 太短，无法评级). */
  band: string | null;
  /** Running words (names and numbers excluded). */
  runningWords: number;
  /** Share of running words in each vocabulary band (`zk` … `gre`, `top2k` … `rare`), 0–1. */
  bands: Record<string, number>;
  /** Share of running words on no exam list and outside the 20,000 most frequent words, 0–1. */
  offList: number;
  /** Flesch–Kincaid grade (US school grade). */
  fleschKincaid: number;
  /** Coleman–Liau index (US school grade). */
  colemanLiau: number;
  /** `LEVEL_MODEL_VERSION` of the model that worked it out; absent for levels stored before versions. */
  model?: number;
}

/**
 * Whether the public sees a story: `published` (the default), `draft` (not yet shown) or
 * `unpublished` (taken down). Only published stories are listed, searched, related or served.
 */
export type StoryStatus = 'published' | 'draft' | 'unpublished';

export const STORY_STATUSES: readonly StoryStatus[] = ['published', 'draft', 'unpublished'];

/** A stored story. */
export interface Story extends Provenance {
  id: number;
  slug: string;
  /** Where the story came from (`xinhua`, a feed URL…); '' when unknown. Unique with externalId. */
  source: string;
  /** The source's own id for the story; derived from the title when the source gave none. */
  externalId: string;
  sectionId: number;
  title: string;
  dateline: Dateline | null;
  /** ISO 8601 date or date-time; null when the source gave none. */
  publishedAt: string | null;
  url: string | null;
  tags: string[];
  /** Body paragraphs in order, the dateline already taken off the first one. */
  paragraphs: string[];
  pinnedRelated: PinnedLink[];
  /** Null when no dictionary was available to analyse the story. */
  level: StoryLevel | null;
  /** ISO 8601 date-time when first stored. */
  createdAt: string;
  /** ISO 8601 date-time of the last change. */
  updatedAt: string;
  /**
   * The canonical story's id when this story is a copy of it (the same story from another outlet,
   * grouped at import by the near-duplicate engine); null for a canonical story. Copies are not
   * listed, searched or related on their own; their URL leads to the canonical story.
   */
  duplicateOf: number | null;
  /** The family (the same article rewritten at several levels; JSON Lines `group`), with `source`. */
  group: string | null;
  /** This version's level within its family (JSON Lines `level`: `elementary`, `intermediate`…). */
  groupLevel: string | null;
  /** Whether the public sees it (an editor's choice; `published` unless one changed it). */
  status: StoryStatus;
  /**
   * An editor's band (`A1`…`C2`) in place of the computed one; null: the computed level stands.
   * `level.band` already shows it.
   */
  levelOverride: string | null;
  /** Related stories an editor pinned by id (shown first in 相关文章), in order; at most `MAX_PINS`. */
  pinnedIds: number[];
}

/**
 * Where a story's text came from: `feed` (the feed's full content), `page` (the linked page,
 * extracted), `summary` (only the feed's summary: the linked page could not be fetched).
 */
export type TextFrom = 'feed' | 'page' | 'summary';

/**
 * Where a story came from, as the story page credits it. Every field is null when the source
 * did not say (a file without them).
 */
export interface Provenance {
  /** The author's name as the source gives it. */
  author: string | null;
  /** A licence URL or statement (JSON Lines `license`, a feed's `<rights>`/`<copyright>`). */
  license: string | null;
  /** The URL of the feed the story came in through. */
  feed: string | null;
  /** ISO 8601 date-time when lingwire fetched it from the web. */
  fetchedAt: string | null;
  /** ISO 639-1 code of the text (`en`), detected when stored; null when too short to tell. */
  language: string | null;
  /** Where the text came from; null for files. */
  textFrom: TextFrom | null;
}

/**
 * Who chose a story's section: `editor` (the file or person importing named it), `feed` (the
 * feed's subscription names it), `classifier` (filed automatically; 待分类 when unsure).
 */
export type SectionSource = 'editor' | 'feed' | 'classifier';

/** How a story's section was chosen; a story in the default section that nobody chose has none. */
export interface SectionFiling {
  source: SectionSource;
  /** The classifier's probability for the section it chose (0–1); null for `editor` and `feed`. */
  confidence: number | null;
}

/** A story with its section, as the pages and the API show it. */
export interface StoryView extends Story {
  section: Section;
}

/** A story in a list: no body. */
export interface StorySummary {
  id: number;
  slug: string;
  title: string;
  section: Section;
  publishedAt: string | null;
  createdAt: string;
  /** ISO 8601 date-time of the last change. */
  updatedAt: string;
  dateline: Dateline | null;
  /** The first paragraph, shortened, for list entries and meta descriptions. */
  lead: string;
  /** `A1` … `C2`, or null when not analysed or too short to rate. */
  levelBand: string | null;
  levelScore: number | null;
  /** Analysed and too short to rate: lists say 太短，无法评级 instead of a band. */
  levelUnrated: boolean;
}

/**
 * A story as an importer hands it to the article service: validated, not yet stored.
 * Section is named by slug or Chinese name; the service finds or creates it.
 */
export interface StoryInput {
  source: string;
  /** null: the service derives one from the title, so that re-importing updates instead of duplicating. */
  externalId: string | null;
  /** Slug or Chinese name; null for the default section. */
  section: string | null;
  title: string;
  dateline: Dateline | null;
  publishedAt: string | null;
  url: string | null;
  tags: string[];
  paragraphs: string[];
  pinnedRelated: PinnedLink[];
  /** Provenance (see `Provenance`); each absent field is null. `language` absent: detected when stored. */
  author?: string | null;
  license?: string | null;
  feed?: string | null;
  fetchedAt?: string | null;
  language?: string | null;
  textFrom?: TextFrom | null;
  /** Story family (JSON Lines `group`) and this version's level in it (`level`); absent: none. */
  group?: string | null;
  groupLevel?: string | null;
  /**
   * Who named `section`, when it is given: default `editor` (a file), `feed` for a subscription's
   * section. An export read back carries the stored filing (`section_source`, `section_confidence`).
   */
  sectionFiling?: SectionFiling | null;
  /**
   * An editor's decisions carried by an export (JSON Lines `status`, `level_override`): absent,
   * the import leaves them as they are (a new story is published with its computed level).
   */
  status?: StoryStatus;
  levelOverride?: string | null;
  /**
   * The related stories an editor pinned (`Story.pinnedIds`), named by source and external id as
   * an export writes them (JSON Lines `pinned`): resolved once the whole batch is stored, so a pin
   * may name a story later in the file. Absent: the import leaves the pins as they are.
   */
  pinnedStories?: StoryRef[];
}

/** Most related stories an editor may pin on one story. */
export const MAX_PINS = 20;

/** A story named the way it is across databases: its source and its id there. */
export interface StoryRef {
  source: string;
  externalId: string;
}
