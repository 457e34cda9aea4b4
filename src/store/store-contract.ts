/**
 * What every store adapter must do, as one test suite: the complete specification of
 * `store/types.ts`. The SQLite adapter (`sqlite/store.test.ts`) and the PostgreSQL one
 * (`postgres/store.test.ts`, when `TEST_DATABASE_URL` is set) run it, each with its own `StoreContractAdapter`. Not a test file itself: adapters call
 * `describeStoreContract` from theirs. The parts live in `contract/`, one per repository.
 */
import { describe } from 'vitest';
import { analysisAndMetaContract } from './contract/analysis-meta.js';
import { changesContract } from './contract/changes.js';
import { deskContract } from './contract/desk.js';
import { feedsContract } from './contract/feeds.js';
import { filingContract } from './contract/filing.js';
import type { StoreContractAdapter } from './contract/fixtures.js';
import { learnersContract } from './contract/learners.js';
import { progressContract } from './contract/progress.js';
import { relatedContract } from './contract/related.js';
import { reviewsContract } from './contract/reviews.js';
import { searchContract } from './contract/search.js';
import { sectionsContract } from './contract/sections.js';
import { storiesContract } from './contract/stories.js';
import { storyEditsContract } from './contract/story-edits.js';
import { storyGroupsContract } from './contract/story-groups.js';
import { transactionsContract } from './contract/transactions.js';

export { record, type StoreContractAdapter, type StoreContractOptions } from './contract/fixtures.js';

export function describeStoreContract(adapter: StoreContractAdapter): void {
  describe(`${adapter.name}: store contract`, () => {
    sectionsContract(adapter);
    storiesContract(adapter);
    storyGroupsContract(adapter);
    storyEditsContract(adapter);
    relatedContract(adapter);
    analysisAndMetaContract(adapter);
    transactionsContract(adapter);
    changesContract(adapter);
    feedsContract(adapter);
    filingContract(adapter);
    searchContract(adapter);
    learnersContract(adapter);
    deskContract(adapter);
    progressContract(adapter);
    reviewsContract(adapter);
  });
}
