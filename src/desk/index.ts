/**
 * The editors' desk (issue #15), as domain services: the 待分类 inbox, copies and families,
 * sections, feeds and accounts. The web's desk pages and JSON API call these; they see the
 * storage only through `store/types.ts`.
 */
import type { Clock } from '../core/clock.js';
import type { AccountService } from '../learner/accounts.js';
import type { Store } from '../store/types.js';
import { CopiesDesk } from './copies.js';
import { FeedDesk } from './feeds.js';
import { Inbox } from './inbox.js';
import { SectionDesk } from './sections.js';
import { UserDesk } from './users.js';

export interface DeskServices {
  inbox: Inbox;
  copies: CopiesDesk;
  sections: SectionDesk;
  feeds: FeedDesk;
  users: UserDesk;
}

export interface DeskOptions {
  accounts: AccountService;
  /** The operator's fetch allow-list (`Config.fetchHosts`). */
  fetchHosts: readonly string[] | null;
  clock?: Clock;
}

export function deskServices(store: Store, options: DeskOptions): DeskServices {
  const clock = options.clock ?? (() => new Date());
  return {
    inbox: new Inbox(store, clock),
    copies: new CopiesDesk(store, clock),
    sections: new SectionDesk(store),
    feeds: new FeedDesk(store, { fetchHosts: options.fetchHosts, clock }),
    users: new UserDesk(store, options.accounts),
  };
}

export type { CopiesDesk, CopiesView } from './copies.js';
export type { FeedDesk } from './feeds.js';
export type { Inbox, InboxPage, InboxStory } from './inbox.js';
export type { SectionDesk, SectionWithCount } from './sections.js';
export type { UserDesk } from './users.js';
