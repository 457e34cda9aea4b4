/**
 * The JSON API's shapes, in one place: how a section, a story in a list, a whole story and an
 * error look (camelCase everywhere; every nullable field present as null), as functions that build
 * them and as JSON schemas. The schemas serve three ends: Fastify serialises responses with them
 * (fast-json-stringify), `@fastify/swagger` puts them in `/api/openapi.json`, and the reference
 * page at `/api/docs` is rendered from that document. Other JSON routes (search) reuse
 * `storyRowJson` and `STORY_ROW_SCHEMA`, so a story row looks the same wherever it appears.
 */
import type { Section, StorySummary, StoryView } from '../articles/model.js';
import type { RelatedEntry } from '../articles/reading.js';
import { storyJson } from '../articles/story-records.js';
import { storyPath } from './paths.js';

const nullable = (type: string) => ({ type: [type, 'null'] });
const string = { type: 'string' };
const integer = { type: 'integer' };

export const SECTION_SCHEMA = {
  type: 'object',
  description: 'A section (栏目), named in Chinese first.',
  properties: {
    id: integer,
    slug: { type: 'string', description: 'URL part: `world` in `/sections/world`.' },
    nameZh: { type: 'string', description: 'Chinese name: `国际英语新闻`.' },
    nameEn: { type: 'string', description: "English name, '' when none was given." },
  },
  required: ['id', 'slug', 'nameZh', 'nameEn'],
} as const;

const DATELINE_SCHEMA = {
  type: ['object', 'null'],
  description: 'The wire dateline (`MOSCOW, Feb. 21 (Xinhua)`), or null.',
  properties: {
    place: string,
    month: nullable('integer'),
    day: nullable('integer'),
    agency: nullable('string'),
    dateText: nullable('string'),
  },
} as const;

/** A story in a list (`/api/stories`, and search results). */
export const STORY_ROW_SCHEMA = {
  type: 'object',
  description: 'A story in a list: no body.',
  properties: {
    id: integer,
    slug: string,
    title: string,
    section: SECTION_SCHEMA,
    publishedAt: { type: ['string', 'null'], description: 'ISO 8601 date or date-time; null when undated.' },
    createdAt: { type: 'string', description: 'ISO 8601 date-time when first stored.' },
    updatedAt: { type: 'string', description: 'ISO 8601 date-time of the last change.' },
    dateline: DATELINE_SCHEMA,
    lead: { type: 'string', description: 'The first paragraph, shortened.' },
    levelBand: { type: ['string', 'null'], description: '`A1` … `C2`; null when not analysed.' },
    levelScore: { type: ['number', 'null'], description: '0–6, higher is harder.' },
    levelUnrated: {
      type: 'boolean',
      description: 'True when the story was analysed but is too short to rate (no band then).',
    },
    path: { type: 'string', description: 'The story page: `/stories/<slug>`.' },
  },
  required: ['id', 'slug', 'title', 'section', 'publishedAt', 'createdAt', 'updatedAt', 'path'],
} as const;

export function sectionJson(section: Section) {
  return { id: section.id, slug: section.slug, nameZh: section.nameZh, nameEn: section.nameEn };
}

export function storyRowJson(story: StorySummary) {
  return {
    id: story.id,
    slug: story.slug,
    title: story.title,
    section: sectionJson(story.section),
    publishedAt: story.publishedAt,
    createdAt: story.createdAt,
    updatedAt: story.updatedAt,
    dateline: story.dateline,
    lead: story.lead,
    levelBand: story.levelBand,
    levelScore: story.levelScore,
    levelUnrated: story.levelUnrated,
    path: storyPath(story.slug),
  };
}

const anyObject = { type: 'object', additionalProperties: true };

/** A whole story (`/api/stories/:ref`). */
export const STORY_SCHEMA = {
  type: 'object',
  description: 'A whole story with its provenance and level.',
  properties: {
    id: integer,
    slug: string,
    source: { type: 'string', description: "Where the story came from; '' when unknown." },
    externalId: { type: 'string', description: "The source's id for the story." },
    section: SECTION_SCHEMA,
    title: string,
    dateline: DATELINE_SCHEMA,
    publishedAt: nullable('string'),
    url: { type: ['string', 'null'], description: 'The original, when known.' },
    tags: { type: 'array', items: string },
    paragraphs: { type: 'array', items: string, description: 'The body, one paragraph an item.' },
    pinnedRelated: {
      type: 'array',
      items: { type: 'object', properties: { sectionName: string, title: string } },
    },
    level: {
      ...anyObject,
      type: ['object', 'null'],
      description: 'Level (score 0–6, band A1–C2) with its vocabulary profile and readability.',
    },
    author: nullable('string'),
    license: nullable('string'),
    feed: { type: ['string', 'null'], description: 'The feed it came in through.' },
    fetchedAt: nullable('string'),
    language: { type: ['string', 'null'], description: 'ISO 639-1.' },
    textFrom: { type: ['string', 'null'], enum: ['feed', 'page', 'summary', null] },
    createdAt: string,
    updatedAt: string,
    path: string,
  },
  required: ['id', 'slug', 'section', 'title', 'paragraphs', 'path'],
} as const;

export function storyApiJson(story: StoryView) {
  return { ...storyJson(story), section: sectionJson(story.section), path: storyPath(story.slug) };
}

export const RELATED_ENTRY_SCHEMA = {
  type: 'object',
  description: "An entry of a story's 相关文章 list.",
  properties: {
    sectionName: string,
    title: string,
    slug: { type: ['string', 'null'], description: 'Null while no stored story has a pinned title.' },
    storyId: nullable('integer'),
    kind: { type: 'string', enum: ['pinned', 'computed'] },
    score: { type: ['number', 'null'], description: "The engine's similarity; null for pins." },
    path: nullable('string'),
  },
} as const;

export function relatedEntryJson(entry: RelatedEntry) {
  return { ...entry, path: entry.slug ? storyPath(entry.slug) : null };
}

/** Every error the API sends. `code` is stable; `message` is for a person. */
export const ERROR_SCHEMA = {
  type: 'object',
  description: 'An error: a stable code to match on and a sentence for a person.',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string', description: 'Stable: `BAD_INPUT`, `STORY_NOT_FOUND`, `NOT_FOUND`…' },
        message: string,
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const;

/** A dictionary entry (`/api/lookup`); a name the dictionary lacks has only `query`, `word` and `name`. */
export const LOOKUP_SCHEMA = {
  type: 'object',
  description: 'An ECDICT entry as seen from the form looked up.',
  properties: {
    query: { type: 'string', description: 'The form as asked.' },
    word: { type: 'string', description: 'The spelling found.' },
    lemma: { type: 'string', description: 'The headword whose entry fills the fields.' },
    inflection: { type: 'array', items: string },
    phonetic: string,
    translations: {
      type: 'array',
      description: 'Chinese meanings, one line per part of speech (the asked part of speech first).',
      items: { type: 'object', properties: { pos: string, text: string } },
    },
    definition: string,
    forms: anyObject,
    exams: { type: 'array', items: string },
    examNames: { type: 'array', items: string, description: 'The exams in Chinese: 四级, 六级…' },
    band: string,
    collins: integer,
    oxford: { type: 'boolean' },
    bnc: integer,
    frq: integer,
    ownSense: { ...anyObject, type: ['object', 'null'] },
    name: {
      type: ['object', 'null'],
      description:
        'Null for an ordinary word; for a name, its kind and Chinese name (`Syria` → place, 叙利亚).',
      properties: {
        kind: { type: 'string', description: '`person`, `place`, `organization` or `unknown`.' },
        zh: { type: ['string', 'null'], description: 'The Chinese name, null when the dictionary has none.' },
      },
    },
  },
} as const;

/** The error responses a route may give, for its `response` schema. */
export function errorResponses(...statuses: number[]): Record<number, typeof ERROR_SCHEMA> {
  return Object.fromEntries(statuses.map((status) => [status, ERROR_SCHEMA]));
}
