/**
 * The desk's story API shapes (issue #15), in the style of `api-shapes.ts`: builders and the JSON
 * schemas Fastify serialises with and `/api/openapi.json` documents. A story as an editor sees it
 * is the public story (`STORY_SCHEMA`) with its status, level override and pins.
 */

import type { StoryView } from '../articles/model.js';
import { STORY_STATUSES } from '../articles/model.js';
import type { PinState } from '../editing/stories.js';
import { EDITABLE_FIELDS } from '../editing/story-changes.js';
import type { FieldChange, StoryEdit } from '../store/types.js';
import { CEFR_BANDS } from '../text/level.js';
import { STORY_SCHEMA, storyApiJson } from './api-shapes.js';

const ID = { type: 'integer', minimum: 1, maximum: 2_147_483_647 } as const;

/** `PATCH /api/stories/:id`: any of these, at least one. */
export const STORY_PATCH_SCHEMA = {
  type: 'object',
  description: 'The fields to change; every field left out stays as it is. The permalink never changes.',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 500 },
    section: { type: 'string', minLength: 1, maxLength: 100, description: "A section's slug (`world`)." },
    dateline: {
      type: ['string', 'null'],
      maxLength: 200,
      description: '`MOSCOW, Feb. 21 (Xinhua)`; null: none.',
    },
    paragraphs: {
      type: 'array',
      items: { type: 'string', maxLength: 200_000 },
      minItems: 1,
      maxItems: 1000,
      description:
        'The body, one string a paragraph; analysed again (level, reader markup, related stories).',
    },
    tags: { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 50 },
    level: {
      type: ['string', 'null'],
      enum: [...CEFR_BANDS, null],
      description: "An editor's level in place of the computed one; null: the computed level again.",
    },
    source: { type: 'string', maxLength: 200, description: 'The source credited (`xinhua`).' },
    license: { type: ['string', 'null'], maxLength: 1000 },
    pinned: {
      type: 'array',
      items: ID,
      maxItems: 20,
      description: 'Related stories pinned by id, shown first in 相关文章.',
    },
    status: { type: 'string', enum: [...STORY_STATUSES] },
    publishedAt: {
      type: ['string', 'null'],
      maxLength: 40,
      description: 'ISO 8601 date or date-time (`2026-02-21`); null: undated.',
    },
  },
} as const;

const FIELD_CHANGE_SCHEMA = {
  type: 'object',
  properties: {
    field: { type: 'string', enum: [...EDITABLE_FIELDS] },
    before: { description: 'The value before (as in the PATCH body).' },
    after: { description: 'The value after.' },
  },
  required: ['field', 'before', 'after'],
} as const;

const PIN_SCHEMA = {
  type: 'object',
  properties: {
    id: ID,
    title: { type: ['string', 'null'] },
    slug: { type: ['string', 'null'] },
    missing: { type: 'boolean', description: 'True when the id points to no story the public sees.' },
  },
  required: ['id', 'title', 'slug', 'missing'],
} as const;

/** A story as the desk sees it: the public shape, its status, level override and pins. */
export const DESK_STORY_SCHEMA = {
  ...STORY_SCHEMA,
  description: 'A story as an editor sees it.',
  properties: {
    ...STORY_SCHEMA.properties,
    status: { type: 'string', enum: [...STORY_STATUSES] },
    levelOverride: { type: ['string', 'null'], description: "The editor's level, or null." },
    pinned: { type: 'array', items: PIN_SCHEMA },
  },
} as const;

export function deskStoryJson(story: StoryView, pins: PinState[]) {
  return { ...storyApiJson(story), status: story.status, levelOverride: story.levelOverride, pinned: pins };
}

/** What `PATCH /api/stories/:id` answers: the story after, and what changed. */
export const EDIT_RESULT_SCHEMA = {
  type: 'object',
  properties: {
    story: DESK_STORY_SCHEMA,
    changes: { type: 'array', items: FIELD_CHANGE_SCHEMA, description: 'Empty: nothing changed.' },
  },
  required: ['story', 'changes'],
} as const;

export function editResultJson(story: StoryView, pins: PinState[], changes: FieldChange[]) {
  return { story: deskStoryJson(story, pins), changes };
}

const HISTORY_ENTRY_SCHEMA = {
  type: 'object',
  properties: {
    id: ID,
    actor: { type: 'string', description: "An editor's email, or `cli` for the operator." },
    at: { type: 'string', format: 'date-time' },
    action: { type: 'string', enum: ['edit', 'delete'] },
    changes: { type: 'array', items: FIELD_CHANGE_SCHEMA },
  },
  required: ['id', 'actor', 'at', 'action', 'changes'],
} as const;

/** `GET /api/stories/:id/history`. */
export const HISTORY_SCHEMA = {
  type: 'object',
  properties: { id: ID, history: { type: 'array', items: HISTORY_ENTRY_SCHEMA } },
  required: ['id', 'history'],
} as const;

export function historyJson(id: number, edits: StoryEdit[]) {
  return {
    id,
    history: edits.map(({ id: entryId, actor, at, action, changes }) => ({
      id: entryId,
      actor,
      at,
      action,
      changes,
    })),
  };
}
