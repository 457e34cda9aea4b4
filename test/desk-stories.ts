/** Helpers for the desk's story tests: a small archive and an editor's or reader's API token. */
import type { StoryInput } from '../src/articles/model.js';
import type { Services } from '../src/services.js';

export function deskInput(
  id: string,
  title: string,
  section = 'world',
  more: Partial<StoryInput> = {},
): StoryInput {
  return {
    source: 'wire',
    externalId: id,
    section,
    title,
    dateline: null,
    publishedAt: `2026-01-0${id}`,
    url: null,
    tags: [],
    paragraphs: [`${title}: the first paragraph of story ${id}.`, `The second paragraph of story ${id}.`],
    pinnedRelated: [],
    ...more,
  };
}

/** Three stories (world, world, business); returns their ids and slugs in that order. */
export async function deskArchive(services: Services): Promise<Array<{ id: number; slug: string }>> {
  await services.pipeline.saveStories([
    deskInput('1', 'Rain floods the valley'),
    deskInput('2', 'Snow closes the pass'),
    deskInput('3', 'Markets rise on trade news', 'business'),
  ]);
  const out = [];
  for (const id of ['1', '2', '3']) {
    const story = (await services.store.stories.findStoryByExternalId('wire', id))!;
    out.push({ id: story.id, slug: story.slug });
  }
  return out;
}

/** An API token of the account `email` (registered already). */
export async function tokenOf(services: Services, email: string): Promise<string> {
  const user = await services.store.accounts.findUserByEmail(email);
  if (!user) throw new Error(`no user ${email}`);
  return services.learner.accounts.createToken(user.id);
}
