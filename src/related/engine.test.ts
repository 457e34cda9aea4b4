import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NEW_COFFEE_STORY, STORIES } from '../../test/fixtures/related/stories.js';
import { RelatedIndex } from './engine.js';
import { isNearDuplicate, sketch } from './near-duplicates.js';
import { storyTerms } from './story-terms.js';

const subjectOf = new Map(STORIES.map((s) => [s.id, s.subject]));
const ids = (list: { id: string }[] | null) => (list ?? []).map((r) => r.id);

function buildIndex(options: ConstructorParameters<typeof RelatedIndex>[0] = {}): RelatedIndex {
  const index = new RelatedIndex({ limit: 4, ...options });
  index.addAll(STORIES);
  return index;
}

function areNearDuplicates(a: string, b: string): boolean {
  const story = (id: string) => STORIES.find((s) => s.id === id)!;
  return isNearDuplicate(sketch(storyTerms(story(a)).words), sketch(storyTerms(story(b)).words));
}

describe('RelatedIndex', () => {
  it('lists stories on the same subject first', () => {
    const index = buildIndex();
    for (const story of STORIES) {
      const top = ids(index.related(story.id)).slice(0, 2);
      expect(
        top.map((id) => subjectOf.get(id)),
        story.id,
      ).toEqual([story.subject, story.subject]);
    }
  });

  it('never lists the story itself', () => {
    const index = buildIndex({ limit: 20 });
    for (const story of STORIES) expect(ids(index.related(story.id))).not.toContain(story.id);
  });

  it('recognises the re-sent editions of a wire story as near-duplicates', () => {
    const index = buildIndex();
    expect(index.nearDuplicatesOf('rates-1').sort()).toEqual(['rates-1b', 'rates-1c']);
    expect(index.nearDuplicatesOf('rates-2')).toEqual([]);
  });

  it('never lists a near-duplicate of the story', () => {
    const index = buildIndex({ limit: 20 });
    expect(ids(index.related('rates-1'))).not.toContain('rates-1b');
    expect(ids(index.related('rates-1'))).not.toContain('rates-1c');
    expect(ids(index.related('rates-1b'))).not.toContain('rates-1');
  });

  it('never lists two near-duplicates of each other', () => {
    const index = buildIndex({ limit: 20 });
    for (const story of ['rates-2', 'rates-3']) {
      const editions = ids(index.related(story)).filter((id) => id.startsWith('rates-1'));
      expect(editions.length, story).toBe(1);
    }
  });

  it('puts a new story into an older story’s list when it is that story’s best match', () => {
    const index = buildIndex();
    expect(ids(index.related('coffee-1'))).not.toContain(NEW_COFFEE_STORY.id);
    const { related, affected } = index.add(NEW_COFFEE_STORY);
    expect(related[0]?.id).toBe('coffee-1');
    expect(affected).toContain('coffee-1');
    expect(ids(index.related('coffee-1'))[0]).toBe(NEW_COFFEE_STORY.id);
    expect(index.affectedBy(NEW_COFFEE_STORY.id)).toContain('coffee-1');
  });

  it('gives a new story the list it would get once added', () => {
    const index = buildIndex();
    const before = ids(index.relatedForNew(NEW_COFFEE_STORY));
    expect(ids(index.add(NEW_COFFEE_STORY).related)).toEqual(before);
  });

  it('takes a removed story out of every list', () => {
    const index = buildIndex();
    const holders = STORIES.filter((s) => ids(index.related(s.id)).includes('coffee-2')).map((s) => s.id);
    expect(holders.length).toBeGreaterThan(0);
    expect(index.remove('coffee-2').sort()).toEqual(holders.sort());
    for (const story of STORIES) expect(ids(index.related(story.id))).not.toContain('coffee-2');
    expect(index.related('coffee-2')).toBeNull();
  });

  it('reloads exported stories and latent space without the text, with the same lists', () => {
    const index = buildIndex({ latentMinStories: 5, latentDims: 4 });
    const model = index.exportModel();
    expect(model?.dims).toBe(4);
    const copy = new RelatedIndex({ limit: 4, latentMinStories: 5, latentDims: 4 });
    copy.importModel(model!);
    for (const story of STORIES) copy.importStory(JSON.parse(JSON.stringify(index.exportStory(story.id))));
    copy.rebuild();
    for (const story of STORIES)
      expect(ids(copy.related(story.id)), story.id).toEqual(ids(index.related(story.id)));
  });

  it('prefers a story published close in time only when recency is switched on', () => {
    const plain = buildIndex({ limit: 20 });
    const recent = buildIndex({ limit: 20, recencyWeight: 1 });
    const rank = (index: RelatedIndex) => ids(index.related('rates-2')).indexOf('rates-3');
    const dated = (index: RelatedIndex) =>
      ids(index.related('rates-2')).findIndex((id) => id.startsWith('rates-1'));
    expect(rank(plain) - dated(plain)).toBeLessThanOrEqual(rank(recent) - dated(recent));
    expect(dated(recent)).toBe(0);
  });
});

describe('RelatedIndex invariants (property)', () => {
  const word = fc.constantFrom(
    'coffee',
    'bean',
    'harvest',
    'bank',
    'rate',
    'inflation',
    'goal',
    'club',
    'match',
    'phone',
    'chip',
    'battery',
    'market',
    'price',
    'farm',
    'league',
    'screen',
    'loan',
    'crop',
    'striker',
  );
  const text = fc.array(word, { minLength: 3, maxLength: 40 }).map((w) => w.join(' '));
  const story = fc.record({ title: text, body: text });

  it('lists are short enough, sorted by score, without the story or near-duplicate pairs', () => {
    fc.assert(
      fc.property(
        fc.array(story, { minLength: 2, maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        (texts, limit) => {
          const index = new RelatedIndex({ limit, latentMinStories: 8, latentDims: 4 });
          const stories = texts.map((t, i) => ({ id: `s${i}`, ...t }));
          index.addAll(stories.slice(0, -1));
          index.add(stories[stories.length - 1]!);
          const sketches = new Map(stories.map((s) => [s.id, sketch(storyTerms(s).words)]));
          for (const s of stories) {
            const list = index.related(s.id)!;
            expect(list.length).toBeLessThanOrEqual(limit);
            expect(ids(list)).not.toContain(s.id);
            for (let i = 1; i < list.length; i++)
              expect(list[i]!.score).toBeLessThanOrEqual(list[i - 1]!.score);
            for (const r of list)
              expect(isNearDuplicate(sketches.get(s.id)!, sketches.get(r.id)!)).toBe(false);
            for (let i = 0; i < list.length; i++) {
              for (let j = i + 1; j < list.length; j++) {
                expect(isNearDuplicate(sketches.get(list[i]!.id)!, sketches.get(list[j]!.id)!)).toBe(false);
              }
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('fixture sanity', () => {
  it('has the near-duplicates the tests rely on, and no others', () => {
    expect(areNearDuplicates('rates-1', 'rates-1b')).toBe(true);
    expect(areNearDuplicates('rates-1', 'rates-2')).toBe(false);
  });
});
