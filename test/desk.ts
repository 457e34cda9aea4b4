/**
 * Helpers for the editors' desk tests: a site whose classifier has been trained on filed sports
 * and business stories, with stories it was unsure of in 待分类 (put there by the real pipeline).
 */
import type { StoryInput } from '../src/articles/model.js';
import { seededRandom } from '../src/core/random.js';
import type { Services } from '../src/services.js';

const TOPICS = {
  sports:
    'match goal striker league coach season team cup penalty referee stadium fans keeper midfield champions'.split(
      ' ',
    ),
  business:
    'shares profit market investors bank inflation company earnings prices economy bonds revenue merger dividend'.split(
      ' ',
    ),
};
const COMMON = 'said week people year new time plan city report told'.split(' ');

const words = (random: () => number, pool: string[], n: number) =>
  Array.from({ length: n }, () => pool[Math.floor(random() * pool.length)]).join(' ');

/** An even mix of both topics: a story nobody could file with confidence. */
const both = (n: number, shift: number) =>
  Array.from(
    { length: n },
    (_, i) => `${TOPICS.sports[(i + shift) % 14]} ${TOPICS.business[(i + shift) % 14]}`,
  ).join(' ');

/** Story `n` about `topic` (or both), in `section` (null: for the classifier). */
export function topicStory(
  n: number,
  topic: 'sports' | 'business' | 'both',
  section: string | null,
): StoryInput {
  const random = seededRandom(n * 7919 + 1);
  const pool = topic === 'both' ? [] : TOPICS[topic];
  const mixed = [...pool, ...COMMON];
  return {
    source: 'test',
    externalId: `s${n}`,
    section,
    title: topic === 'both' ? `Unclear story ${n}` : `Story ${n} ${words(random, pool, 3)}`,
    dateline: null,
    publishedAt: null,
    url: null,
    tags: [],
    paragraphs:
      topic === 'both'
        ? [both(14, n), both(14, n + 3)]
        : [words(random, mixed, 12), words(random, mixed, 12), words(random, mixed, 12)],
    pinnedRelated: [],
    language: 'en',
  };
}

/**
 * 20 filed sports and 20 filed business stories (the classifier trains on them), then `unclear`
 * stories the classifier puts in 待分类. Returns the unclear stories' ids.
 */
export async function seedInbox(services: Services, unclear = 1): Promise<number[]> {
  await services.pipeline.saveStories(
    Array.from({ length: 40 }, (_, i) =>
      topicStory(i, i % 2 ? 'business' : 'sports', i % 2 ? 'business' : 'sports'),
    ),
  );
  await services.pipeline.saveStories(
    Array.from({ length: unclear }, (_, i) => topicStory(100 + i, 'both', null)),
  );
  const ids: number[] = [];
  for (let i = 0; i < unclear; i++) {
    const story = await services.store.stories.findStoryByExternalId('test', `s${100 + i}`);
    const section = story && (await services.store.sections.findSectionById(story.sectionId));
    if (section?.slug !== 'unsorted') throw new Error(`story s${100 + i} is in ${section?.slug}, not 待分类`);
    ids.push(story!.id);
  }
  return ids;
}
