/**
 * 为我推荐: the newest stories pitched at a learner, by the share of their running words (by
 * lemma; names and numbers left out) the learner knows or ignores, and their count of lemmas the
 * learner does not know. Every story's lemmas come from its stored analysis (worked out once at
 * import), loaded once per process into `StoryLemmaIndex`; stories stored later are added when the
 * store's change token moves (checked at most every `refreshMs`). A story whose text changed is
 * picked up at the next start; a deleted one is skipped when its row is not found.
 */
import { leadOf } from '../articles/lead.js';
import type { Story } from '../articles/model.js';
import { decodeAnalysis, type StoryAnalysis } from '../articles/story-analysis.js';
import type { Store } from '../store/types.js';
import type { WordStatusName } from './model.js';
import { type StoryFit, StoryLemmaIndex } from './story-lemma-index.js';

/** Fields per word in `StoryAnalysis.words` (see `articles/story-analysis.ts`). */
const WORD_FIELDS = 7;
const MARKABLE = /\p{L}/u;

/** The lemma of every running word of an analysis: names (proper nouns) and numbers left out. */
export function runningLemmas(analysis: StoryAnalysis): string[] {
  const out: string[] = [];
  const { words, keys } = analysis;
  for (let i = 0; i < words.length; i += WORD_FIELDS) {
    const lemma = words[i + 3]! >= 0 ? keys[words[i + 3]!] : undefined;
    if (!lemma || (words[i + 5]! & 1) === 1 || !MARKABLE.test(lemma)) continue;
    out.push(lemma);
  }
  return out;
}

/** A story row of `/api/me/for-me`: as `/api/stories` gives it, with the learner's figures. */
export interface StoryForMe {
  id: number;
  slug: string;
  title: string;
  section: { id: number; slug: string; nameZh: string; nameEn: string } | null;
  publishedAt: string | null;
  createdAt: string;
  lead: string;
  levelBand: string | null;
  levelScore: number | null;
  knownShare: number;
  unknownLemmas: number;
}

/** Stories listed per page of the store while loading. */
const PAGE = 1000;
const KNOWN: readonly WordStatusName[] = ['known', 'ignored'];
/** Learners whose known lemmas are kept in memory. */
const KNOWN_CACHE_SIZE = 200;

export class ForMeService {
  private index: StoryLemmaIndex | null = null;
  private loading: Promise<StoryLemmaIndex> | null = null;
  private token = '';
  private checkedAt = 0;
  /** Learners' known lemmas by id, with the words version they were read at (most recent last). */
  private readonly knownCache = new Map<number, { version: number; lemmas: string[]; flags?: Uint8Array }>();

  constructor(
    private readonly store: Store,
    private readonly options: { refreshMs?: number; now?: () => number } = {},
  ) {}

  /** The index, loaded on first use and topped up with stories stored since. */
  async storyIndex(): Promise<StoryLemmaIndex> {
    if (!this.index) {
      this.loading ??= this.load().catch((error: unknown) => {
        this.loading = null; // the next request tries again
        throw error;
      });
      this.index = await this.loading;
      return this.index;
    }
    const now = (this.options.now ?? Date.now)();
    if (
      now - this.checkedAt >= (this.options.refreshMs ?? 30_000) &&
      this.store.changeToken() !== this.token
    ) {
      this.checkedAt = now;
      this.token = this.store.changeToken();
      await this.addNewest(this.index);
    }
    return this.index;
  }

  private async load(): Promise<StoryLemmaIndex> {
    const index = new StoryLemmaIndex();
    this.token = this.store.changeToken();
    this.checkedAt = (this.options.now ?? Date.now)();
    for (let offset = 0; ; offset += PAGE) {
      const rows = await this.store.stories.listStories({ limit: PAGE, offset });
      for (const row of rows) await this.indexStory(index, row.id, row.publishedAt ?? row.createdAt);
      if (rows.length < PAGE) break;
    }
    return index;
  }

  /** Adds the newest stories until one already indexed (new stories sort first). */
  private async addNewest(index: StoryLemmaIndex): Promise<void> {
    for (let offset = 0; ; offset += PAGE) {
      const rows = await this.store.stories.listStories({ limit: PAGE, offset });
      for (const row of rows) {
        if (index.has(row.id)) return;
        await this.indexStory(index, row.id, row.publishedAt ?? row.createdAt);
      }
      if (rows.length < PAGE) return;
    }
  }

  private async indexStory(index: StoryLemmaIndex, id: number, sortKey: string): Promise<void> {
    const analysis = decodeAnalysis((await this.store.analysis.findStoryAnalysis(id))?.data);
    index.add(id, sortKey, analysis ? runningLemmas(analysis) : []);
  }

  /** Every lemma the learner knows or ignores (kept until their statuses change). */
  async knownLemmas(userId: number): Promise<string[]> {
    const version = await this.store.learning.wordsVersion(userId);
    const cached = this.knownCache.get(userId);
    if (cached?.version === version) return cached.lemmas;
    const out: string[] = [];
    for (const status of KNOWN) {
      for (let offset = 0; ; offset += 10_000) {
        const page = await this.store.learning.findWordStatuses(userId, { status, limit: 10_000, offset });
        for (const w of page) out.push(w.lemma);
        if (page.length < 10_000) break;
      }
    }
    this.knownCache.delete(userId);
    this.knownCache.set(userId, { version, lemmas: out });
    if (this.knownCache.size > KNOWN_CACHE_SIZE)
      this.knownCache.delete(this.knownCache.keys().next().value as number);
    return out;
  }

  /** The newest stories with a known share in [min, max] for the learner, at most `limit`. */
  async list(
    userId: number,
    query: { min: number; max: number; limit: number; offset: number },
  ): Promise<StoryForMe[]> {
    const [index, known] = await Promise.all([this.storyIndex(), this.knownLemmas(userId)]);
    // The flags cover the lemmas indexed when they were made: remade when the index has grown.
    const entry = this.knownCache.get(userId);
    let flags = entry?.lemmas === known ? entry.flags : undefined;
    if (!flags || flags.length !== index.lemmaCount) {
      flags = index.knownFlags(known);
      if (entry?.lemmas === known) entry.flags = flags;
    }
    const fits = index.newestInRange(flags, query.min, query.max, query.limit, query.offset);
    const rows = await Promise.all(fits.map((fit) => this.storyRow(fit)));
    return rows.filter((row): row is StoryForMe => row !== null);
  }

  private async storyRow(fit: StoryFit): Promise<StoryForMe | null> {
    const story: Story | null = await this.store.stories.findStoryById(fit.id);
    // An editor may have taken it off the site since the index was made.
    if (story?.status !== 'published') return null;
    const section = await this.store.sections.findSectionById(story.sectionId);
    return {
      id: story.id,
      slug: story.slug,
      title: story.title,
      section: section && {
        id: section.id,
        slug: section.slug,
        nameZh: section.nameZh,
        nameEn: section.nameEn,
      },
      publishedAt: story.publishedAt,
      createdAt: story.createdAt,
      lead: leadOf(story.paragraphs[0] ?? '', 160),
      levelBand: story.levelOverride ?? story.level?.band ?? null,
      levelScore: story.level?.score ?? null,
      knownShare: Math.round(fit.knownShare * 10_000) / 10_000,
      unknownLemmas: fit.unknownLemmas,
    };
  }
}
