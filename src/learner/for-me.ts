/**
 * 为我推荐: the newest stories pitched at a learner, by the share of their running words (by
 * lemma; names and numbers left out) the learner knows or ignores, and their count of lemmas the
 * learner does not know. Every story's lemmas come from its stored analysis (worked out once at
 * import), loaded once per process into `StoryLemmaIndex` (in a worker thread when `loadIndex`
 * is given: `serve` does, see `for-me-index.ts`); stories stored later are added when the store's
 * change token moves (checked at most every `refreshMs`), and sealed into postings of their own in
 * batches, after the request (`StoryLemmaIndex.seal`). A story whose text changed is picked up
 * at the next start; a deleted one is skipped when its row is not found.
 */
import { leadOf } from '../articles/lead.js';
import type { Story } from '../articles/model.js';
import type { Store } from '../store/types.js';
import { indexStory, loadInWorker, loadStoryLemmaIndex } from './for-me-index.js';
import type { WordStatusName } from './model.js';
import { type IndexExport, type KnownTotals, type StoryFit, StoryLemmaIndex } from './story-lemma-index.js';

export { runningLemmas } from './for-me-index.js';

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

/** Stories listed per page of the store while topping up. */
const PAGE = 1000;
/** Stories waiting outside the postings that make the index seal them, after the request. */
const SEAL_AT = 500;
const KNOWN: readonly WordStatusName[] = ['known', 'ignored'];
/** Learners whose known lemmas are kept in memory. */
const KNOWN_CACHE_SIZE = 200;

/** A learner's known (or ignored) lemmas as of a words version, and as flags over an index. */
interface KnownLemmas {
  version: number;
  lemmas: Set<string>;
  flags?: Uint8Array;
  /** The index `flags` number lemmas by. */
  flagsOf?: StoryLemmaIndex;
  /** Known words and lemmas per story of `flagsOf`, kept up to date with `flags`. */
  totals?: KnownTotals;
}

export class ForMeService {
  private index: StoryLemmaIndex | null = null;
  private loading: Promise<StoryLemmaIndex> | null = null;
  private token = '';
  private checkedAt = 0;
  private sealing = false;
  /** Learners' known lemmas by id, with the words version they are as of (most recent last). */
  private readonly knownCache = new Map<number, KnownLemmas>();
  /** Where the index was last loaded: a worker thread, or this thread (for tests and operators). */
  readonly stats: { loadedIn: 'worker' | 'thread' | null } = { loadedIn: null };

  constructor(
    private readonly store: Store,
    private readonly options: {
      refreshMs?: number;
      now?: () => number;
      /** Stories added since the last seal that make the index seal them (default 500). */
      sealAt?: number;
      /** Builds the index elsewhere (a worker thread); else it is built on this thread. */
      loadIndex?: (() => Promise<IndexExport>) | null;
      warn?: (line: string) => void;
    } = {},
  ) {}

  /**
   * Starts loading the index now, in a worker thread with its own connection to `dbPath` when that
   * can be done (`serve` calls this at start on a site with learners), so the web thread never
   * builds it: requests meanwhile wait for it without holding up anything else.
   */
  warm(dbPath: string): Promise<StoryLemmaIndex> {
    this.useWorker(dbPath);
    return this.storyIndex();
  }

  /**
   * Loads the index, when it is first needed, in a worker thread with its own connection to
   * `dbPath` (when that can be done), not on this thread: `serve` calls it at start on every site,
   * so the first learner of a site that had none does not hold up every other request while the
   * archive's analyses are read (14 s on this machine at 68,000 stories).
   */
  useWorker(dbPath: string): void {
    if (!this.index && !this.loading && this.options.loadIndex === undefined) {
      this.options.loadIndex = loadInWorker(dbPath);
    }
  }

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
      this.sealLater(this.index);
    }
    return this.index;
  }

  /**
   * Seals the stories added since the index's postings were made into postings of their own once
   * there are enough of them (a few ms; lists scan them one by one until then), after this turn of
   * the event loop, so no request waits for it.
   */
  private sealLater(index: StoryLemmaIndex): void {
    if (this.sealing || index.pendingCount < (this.options.sealAt ?? SEAL_AT)) return;
    this.sealing = true;
    setImmediate(() => {
      this.sealing = false;
      index.seal();
    });
  }

  private async load(): Promise<StoryLemmaIndex> {
    // The token before loading: what is stored meanwhile is added at the next check.
    this.token = this.store.changeToken();
    this.checkedAt = (this.options.now ?? Date.now)();
    const { loadIndex } = this.options;
    if (loadIndex) {
      try {
        const index = StoryLemmaIndex.fromExport(await loadIndex());
        this.stats.loadedIn = 'worker';
        return index;
      } catch (error) {
        // The thread could not do it (a dist/ from another version, say): this thread still can.
        (this.options.warn ?? ((line: string) => process.stderr.write(`${line}\n`)))(
          `为我推荐: building the index in a worker thread failed (${(error as Error).message}); building it here`,
        );
      }
    }
    this.stats.loadedIn = 'thread';
    return loadStoryLemmaIndex(this.store);
  }

  /** Adds the newest stories until one already indexed (new stories sort first). */
  private async addNewest(index: StoryLemmaIndex): Promise<void> {
    for (let offset = 0; ; offset += PAGE) {
      const rows = await this.store.stories.listStories({ limit: PAGE, offset });
      for (const row of rows) {
        if (index.has(row.id)) return;
        await indexStory(this.store, index, row.id, row.publishedAt ?? row.createdAt);
      }
      if (rows.length < PAGE) return;
    }
  }

  /**
   * Every lemma the learner knows or ignores, kept in memory: read whole the first time, then
   * brought up to date with only the statuses changed since (`findStatusesChangedAfter`).
   */
  private async knownEntry(userId: number): Promise<KnownLemmas> {
    // The version first: a change made after it is read again next time (applying it twice is harmless).
    const version = await this.store.learning.wordsVersion(userId);
    let entry = this.knownCache.get(userId);
    if (entry && entry.version < version) {
      for (const w of await this.store.learning.findStatusesChangedAfter(userId, entry.version)) {
        const known = KNOWN.includes(w.status);
        if (known) entry.lemmas.add(w.lemma);
        else entry.lemmas.delete(w.lemma);
        const id = entry.flagsOf?.lemmaId(w.lemma);
        if (!entry.flags || id === undefined || id >= entry.flags.length) continue;
        if ((entry.flags[id] === 1) === known) continue;
        entry.flags[id] = known ? 1 : 0;
        // Only the stories using this lemma change.
        if (entry.totals) entry.flagsOf?.applyChange(entry.totals, id, known);
      }
      entry.version = version;
    } else if (!entry || entry.version !== version) {
      // One query of bare strings: 30,000 lemmas in about 10 ms (pages of status rows took 70).
      entry = { version, lemmas: new Set(await this.store.learning.findLemmasWithStatus(userId, KNOWN)) };
    }
    this.knownCache.delete(userId);
    this.knownCache.set(userId, entry);
    if (this.knownCache.size > KNOWN_CACHE_SIZE)
      this.knownCache.delete(this.knownCache.keys().next().value as number);
    return entry;
  }

  /** Every lemma the learner knows or ignores. */
  async knownLemmas(userId: number): Promise<string[]> {
    return [...(await this.knownEntry(userId)).lemmas];
  }

  /** The newest stories with a known share in [min, max] for the learner, at most `limit`. */
  async list(
    userId: number,
    query: { min: number; max: number; limit: number; offset: number },
  ): Promise<StoryForMe[]> {
    const [index, known] = await Promise.all([this.storyIndex(), this.knownEntry(userId)]);
    // The flags cover the lemmas indexed when they were made: remade when the index has grown.
    if (!known.flags || known.flagsOf !== index || known.flags.length !== index.lemmaCount) {
      known.flags = index.knownFlags(known.lemmas);
      known.flagsOf = index;
      known.totals = undefined;
    }
    if (!known.totals || !index.isCurrent(known.totals)) known.totals = index.knownTotals(known.flags);
    const fits = index.newestInRange(
      known.flags,
      query.min,
      query.max,
      query.limit,
      query.offset,
      known.totals,
    );
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
