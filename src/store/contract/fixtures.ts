/**
 * What the store contract needs from an adapter, and the records its tests store. Not a test file:
 * `store-contract.ts` composes the parts and adapters call it from theirs.
 */
import { afterEach } from 'vitest';
import type { Section } from '../../articles/model.js';
import type { Store, StoreTx, StoryRecord } from '../types.js';

/** Adapter settings the contract needs to reach cases that would otherwise take 50,000 writes. */
export interface StoreContractOptions {
  /** Change-log entries kept after a prune. Default the adapter's (50,000). */
  changeLogKeep?: number;
  /** Prune once every this many change-log entries. Default the adapter's (500). */
  changeLogPruneEvery?: number;
}

/** How the contract opens stores of the adapter under test. */
export interface StoreContractAdapter {
  /** Shown in the test titles: `sqlite (in memory)`. */
  name: string;
  /** Opens a store on a fresh, empty database. */
  open(options?: StoreContractOptions): Promise<Store>;
  /**
   * Opens two connections to one fresh database, as two processes would (the web server and
   * `lingwire import`): each must notice what the other commits.
   */
  openTwo(options?: StoreContractOptions): Promise<[Store, Store]>;
  /**
   * Waits until what other connections committed before the call has reached `store`'s change
   * token, for adapters that learn of it asynchronously (PostgreSQL's LISTEN/NOTIFY). Absent: the
   * token is current at once (SQLite's `data_version`).
   */
  settle?(store: Store): Promise<void>;
}

/** Creation time of the stories the contract stores. */
export const NOW = '2026-01-02T03:04:05.000Z';
/** A later time, for updates. */
export const LATER = '2026-02-03T04:05:06.000Z';

/** A level as the estimator writes it. */
export const LEVEL = {
  score: 3.5,
  band: 'B2',
  runningWords: 10,
  bands: { zk: 1 },
  offList: 0,
  fleschKincaid: 9,
  colemanLiau: 10,
};

/** A complete story record; `overrides` picks the section and whatever the test is about. */
export function record(overrides: Partial<StoryRecord> & { sectionId: number }): StoryRecord {
  return {
    slug: 'a-story',
    source: 'wire',
    externalId: 'a-1',
    title: 'A story',
    titleKey: 'a story',
    dateline: { place: 'GENEVA', month: 3, day: 3, agency: 'Xinhua', dateText: 'March 3' },
    publishedAt: null,
    url: null,
    tags: ['one'],
    paragraphs: ['First.', 'Second.'],
    pinnedRelated: [{ sectionName: '欧美文化', title: 'Other' }],
    level: null,
    author: null,
    license: null,
    feed: null,
    fetchedAt: null,
    language: null,
    textFrom: null,
    group: null,
    groupLevel: null,
    ...overrides,
  };
}

/** Creates section `slug` (its Chinese name derived from it). */
export function addSection(store: StoreTx, slug: string): Promise<Section> {
  return store.sections.createSection({ slug, nameZh: `栏目${slug}`, nameEn: slug });
}

/** Stores story number `n` (slug `s<n>`, external id `<n>`, title key `story <n>`) and returns its id. */
export async function addStory(
  store: StoreTx,
  sectionId: number,
  n: number,
  overrides: Partial<StoryRecord> = {},
): Promise<number> {
  const story = await store.stories.insertStory(
    record({
      sectionId,
      slug: `s${n}`,
      externalId: `${n}`,
      title: `Story ${n}`,
      titleKey: `story ${n}`,
      ...overrides,
    }),
    NOW,
  );
  return story.id;
}

/** Opens stores for the tests of one `describe` and closes them after each test. */
export function useStores(adapter: StoreContractAdapter): StoreContractAdapter {
  const opened: Store[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  return {
    name: adapter.name,
    settle: adapter.settle,
    async open(options) {
      const store = await adapter.open(options);
      opened.push(store);
      return store;
    },
    async openTwo(options) {
      const pair = await adapter.openTwo(options);
      opened.push(...pair);
      return pair;
    },
  };
}

/** A password hash of the right shape for stored accounts (contract tests never log in). */
export const HASH = 'scrypt$16384$8$1$c2FsdA$a2V5';

/** Two accounts, ann (a reader) and bob (`bobRole`), created at `at`: the learner contracts' users. */
export async function twoUsers(store: Store, at = NOW, bobRole: 'reader' | 'editor' = 'reader') {
  const ann = await store.accounts.createUser(
    { email: 'ann@example.com', passwordHash: HASH, role: 'reader' },
    at,
  );
  const bob = await store.accounts.createUser(
    { email: 'bob@example.com', passwordHash: HASH, role: bobRole },
    at,
  );
  return { ann, bob };
}

/** A promise the test settles when it chooses (a transaction held open, say). */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
