/**
 * The desk's story pages (issue #15): `/desk/stories` (filters, search, pagination, bulk
 * re-section / unpublish / publish / delete with a confirmation step) and `/desk/stories/:id`
 * (every editable field, pins found by searching, status, history, delete). Forms post with the
 * session's `_csrf` (the desk's guard checks it) and answer with a redirect (post/redirect/get);
 * no script. Every change goes through `services.editing`, as the JSON API's do.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { StoryStatus } from '../../../articles/model.js';
import { AppError, isAppError } from '../../../core/errors.js';
import type { StoryChanges } from '../../../editing/story-changes.js';
import { dayAfter } from '../../../store/search-ranking.js';
import type { StoryFilter } from '../../../store/types.js';
import { currentUser } from '../../auth/guard.js';
import { deskStoriesBulkPath, deskStoriesPath, deskStoryActionPath, deskStoryPath } from '../../paths.js';
import { DeskDeleteConfirmView, DeskStoriesView, type DeskStoryFilters } from '../../views/desk/stories.js';
import { DeskStoryEditView } from '../../views/desk/story-edit.js';
import { type DeskRouteOptions, deskViewer, sendDeskPage } from './context.js';

const PAGE_SIZE = 50;
const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const DAY = { type: 'string', anyOf: [{ pattern: '^$' }, { pattern: '^\\d{4}-\\d{2}-\\d{2}$' }] } as const;
const ID_TEXT = { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } as const;
const ID_PARAMS = { type: 'object', properties: { id: ID_TEXT }, required: ['id'] } as const;

const LIST_QUERY = {
  type: 'object',
  properties: {
    q: text(200),
    section: text(100),
    source: text(200),
    feed: text(2000),
    status: { type: 'string', enum: ['', 'published', 'draft', 'unpublished'] },
    from: DAY,
    to: DAY,
    level: { type: 'string', enum: ['', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] },
    confidence: {
      type: 'string',
      anyOf: [{ pattern: '^$' }, { pattern: '^(0(\\.\\d{1,4})?|1(\\.0{1,4})?)$' }],
    },
    page: { type: 'integer', minimum: 1, maximum: 10_000 },
    done: { type: 'string', enum: ['resection', 'unpublish', 'publish', 'delete', 'none'] },
    n: { type: 'integer', minimum: 0, maximum: 10_000 },
  },
} as const;

type ListQuery = DeskStoryFilters & { page?: number; done?: string; n?: number };

const BULK_BODY = {
  type: 'object',
  properties: {
    _csrf: text(200),
    ids: { type: 'array', items: ID_TEXT, maxItems: PAGE_SIZE },
    action: { type: 'string', enum: ['resection', 'unpublish', 'publish', 'delete'] },
    section: text(100),
    confirm: { type: 'string', enum: ['yes'] },
  },
  required: ['action'],
} as const;

const EDIT_BODY = {
  type: 'object',
  properties: {
    _csrf: text(200),
    title: text(500),
    section: text(100),
    dateline: text(200),
    paragraphs: text(400_000),
    tags: text(5000),
    level: { type: 'string', enum: ['', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] },
    source: text(200),
    license: text(1000),
    status: { type: 'string', enum: ['published', 'draft', 'unpublished'] },
    publishedAt: text(40),
    pinned: text(500),
  },
  required: ['title', 'section', 'paragraphs', 'status'],
} as const;

type EditBody = Record<Exclude<keyof (typeof EDIT_BODY)['properties'], '_csrf'>, string | undefined>;

const PIN_BODY = {
  type: 'object',
  properties: { _csrf: text(200), pin: ID_TEXT },
  required: ['pin'],
} as const;

const DONE: Record<string, (n: number) => string> = {
  resection: (n) => `已把 ${n} 篇文章移到新栏目。 Moved ${n} stories.`,
  unpublish: (n) => `已撤下 ${n} 篇文章。 Unpublished ${n} stories.`,
  publish: (n) => `已发布 ${n} 篇文章。 Published ${n} stories.`,
  delete: (n) => `已删除 ${n} 篇文章。 Deleted ${n} stories.`,
  none: () => '没有选择文章。 No stories were chosen.',
};

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** The edit form's fields as `StoryChanges` (every field is sent; the service records only what changed). */
function changesOf(body: EditBody): StoryChanges {
  return {
    title: body.title ?? '',
    section: body.section ?? '',
    dateline: body.dateline || null,
    paragraphs: (body.paragraphs ?? '').split(/\r?\n\s*\r?\n/),
    tags: list(body.tags),
    level: body.level || null,
    source: body.source ?? '',
    license: body.license || null,
    status: body.status as StoryStatus,
    publishedAt: body.publishedAt || null,
    pinned: list(body.pinned).map(Number),
  };
}

export const deskStoryPages: FastifyPluginAsync<DeskRouteOptions> = async (app, { ctx, services }) => {
  const { editing, store } = services;

  async function filterOf(query: DeskStoryFilters): Promise<StoryFilter | null> {
    const filter: StoryFilter = { status: (query.status as StoryStatus) || 'any' };
    if (query.section) {
      const section = await store.sections.findSectionBySlug(query.section);
      if (!section) return null;
      filter.sectionId = section.id;
    }
    if (query.q?.trim()) filter.titleContains = query.q.trim();
    if (query.source) filter.source = query.source;
    if (query.feed) filter.feed = query.feed;
    if (query.from) filter.from = query.from;
    if (query.to) filter.toBefore = dayAfter(query.to);
    if (query.level) filter.levelBands = [query.level];
    if (query.confidence) filter.confidenceBelow = Number(query.confidence);
    return filter;
  }

  app.get<{ Querystring: ListQuery }>(
    deskStoriesPath(),
    { schema: { querystring: LIST_QUERY } },
    async (request, reply) => {
      const { page = 1, done, n = 0, ...filters } = request.query;
      const filter = await filterOf(filters);
      const total = filter ? await store.stories.countFilteredStories(filter) : 0;
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const listed = filter
        ? await store.stories.listStories({ ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
        : [];
      const sections = await store.sections.listSections();
      const filings = await store.filing.findFilings(listed.map((r) => r.id));
      const rows = [];
      for (const row of listed) {
        const story = await store.stories.findStoryById(row.id);
        if (!story) continue;
        const filing = filings.get(row.id);
        rows.push({
          story,
          section: sections.find((s) => s.id === story.sectionId),
          confidence: filing?.source === 'classifier' ? filing.confidence : null,
        });
      }
      return sendDeskPage(
        reply,
        <DeskStoriesView
          chrome={await ctx.chrome()}
          viewer={deskViewer(request)}
          filters={filters}
          sections={sections}
          rows={rows}
          total={total}
          page={page}
          pageCount={pageCount}
          notice={done ? DONE[done]?.(n) : undefined}
        />,
      );
    },
  );

  app.post<{ Body: { ids?: string[]; action: string; section?: string; confirm?: string } }>(
    deskStoriesBulkPath(),
    { schema: { body: BULK_BODY } },
    async (request, reply) => {
      const { ids = [], action, section, confirm } = request.body;
      const actor = currentUser(request).email;
      const storyIds = [...new Set(ids.map(Number))];
      if (storyIds.length === 0) return reply.redirect(deskStoriesPath({ done: 'none' }), 303);
      if (action === 'delete' && confirm !== 'yes') {
        const stories = [];
        for (const id of storyIds) {
          const story = await store.stories.findStoryById(id);
          if (story) stories.push(story);
        }
        return sendDeskPage(
          reply,
          <DeskDeleteConfirmView
            chrome={await ctx.chrome()}
            viewer={deskViewer(request)}
            stories={stories}
            action={deskStoriesBulkPath()}
            cancel={deskStoriesPath()}
          />,
        );
      }
      let n = 0;
      for (const id of storyIds) {
        try {
          if (action === 'delete') await editing.remove(id, actor);
          else if (action === 'resection') await editing.edit(id, { section: section ?? '' }, actor);
          else await editing.edit(id, { status: action === 'publish' ? 'published' : 'unpublished' }, actor);
          n++;
        } catch (error) {
          // A story deleted meanwhile is skipped; anything else (an unknown section) is the editor's to see.
          if (!(isAppError(error) && error.code === 'STORY_NOT_FOUND')) throw error;
        }
      }
      return reply.redirect(deskStoriesPath({ done: action, n }), 303);
    },
  );

  async function sendEditPage(
    request: Parameters<typeof deskViewer>[0],
    reply: Parameters<typeof sendDeskPage>[0],
    id: number,
    options: { pinQuery?: string; notice?: string; error?: string; status?: number },
  ) {
    const story = await store.stories.findStoryById(id);
    if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story ${id}.`);
    const pinQuery = options.pinQuery?.trim() ?? '';
    const found = pinQuery
      ? await store.stories.listStories({ titleContains: pinQuery, status: 'any', limit: 20, offset: 0 })
      : [];
    return sendDeskPage(
      reply,
      <DeskStoryEditView
        chrome={await ctx.chrome()}
        viewer={deskViewer(request)}
        story={story}
        sections={await store.sections.listSections()}
        pins={await editing.pins(story)}
        history={await editing.history(id)}
        pinQuery={pinQuery}
        pinResults={found.filter((r) => r.id !== id).map((r) => ({ id: r.id, title: r.title }))}
        notice={options.notice}
        error={options.error}
      />,
      options.status,
    );
  }

  app.get<{ Params: { id: string }; Querystring: { pinq?: string; done?: string } }>(
    '/desk/stories/:id',
    {
      schema: {
        params: ID_PARAMS,
        querystring: {
          type: 'object',
          properties: { pinq: text(200), done: { type: 'string', enum: ['saved'] } },
        },
      },
    },
    async (request, reply) =>
      sendEditPage(request, reply, Number(request.params.id), {
        pinQuery: request.query.pinq,
        notice: request.query.done === 'saved' ? '已保存。 Saved.' : undefined,
      }),
  );

  /** Runs an edit from a form; a refused value re-renders the page with the reason (400). */
  async function editFromForm(
    request: Parameters<typeof deskViewer>[0],
    reply: Parameters<typeof sendDeskPage>[0],
    id: number,
    changes: (story: { pinnedIds: number[] }) => StoryChanges,
  ) {
    const story = await store.stories.findStoryById(id);
    if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story ${id}.`);
    try {
      await editing.edit(id, changes(story), currentUser(request).email);
    } catch (error) {
      if (isAppError(error) && (error.code === 'INVALID_STORY' || error.code === 'SECTION_NOT_FOUND')) {
        return sendEditPage(request, reply, id, { error: error.message, status: 400 });
      }
      throw error;
    }
    return reply.redirect(`${deskStoryPath(id)}?done=saved`, 303);
  }

  app.post<{ Params: { id: string }; Body: EditBody }>(
    '/desk/stories/:id',
    { schema: { params: ID_PARAMS, body: EDIT_BODY } },
    async (request, reply) =>
      editFromForm(request, reply, Number(request.params.id), () => changesOf(request.body)),
  );

  app.post<{ Params: { id: string }; Body: { pin: string } }>(
    '/desk/stories/:id/pin',
    { schema: { params: ID_PARAMS, body: PIN_BODY } },
    async (request, reply) =>
      editFromForm(request, reply, Number(request.params.id), (story) => ({
        pinned: [...story.pinnedIds.filter((p) => p !== Number(request.body.pin)), Number(request.body.pin)],
      })),
  );

  app.post<{ Params: { id: string }; Body: { pin: string } }>(
    '/desk/stories/:id/unpin',
    { schema: { params: ID_PARAMS, body: PIN_BODY } },
    async (request, reply) =>
      editFromForm(request, reply, Number(request.params.id), (story) => ({
        pinned: story.pinnedIds.filter((p) => p !== Number(request.body.pin)),
      })),
  );

  app.post<{ Params: { id: string }; Body: { confirm?: string } }>(
    '/desk/stories/:id/delete',
    {
      schema: {
        params: ID_PARAMS,
        body: {
          type: 'object',
          properties: { _csrf: text(200), confirm: { type: 'string', enum: ['yes'] } },
        },
      },
    },
    async (request, reply) => {
      const id = Number(request.params.id);
      const story = await store.stories.findStoryById(id);
      if (!story) throw new AppError('STORY_NOT_FOUND', `There is no story ${id}.`);
      if (request.body?.confirm !== 'yes') {
        return sendDeskPage(
          reply,
          <DeskDeleteConfirmView
            chrome={await ctx.chrome()}
            viewer={deskViewer(request)}
            stories={[story]}
            action={deskStoryActionPath(id, 'delete')}
            cancel={deskStoryPath(id)}
          />,
        );
      }
      await editing.remove(id, currentUser(request).email);
      return reply.redirect(deskStoriesPath({ done: 'delete', n: 1 }), 303);
    },
  );
};
