/**
 * Accounts on the desk (admins only): invite an editor, change a role, revoke every session and
 * token of an account.
 *
 * **Invitations** create the account with a temporary password of 16 random characters, shown to
 * the admin once (it is stored only as its scrypt hash) to hand to the person, who logs in and
 * changes it on their account page. No email is sent: lingwire sends no mail.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../core/errors.js';
import type { AccountService } from '../learner/accounts.js';
import type { Role, User } from '../learner/model.js';
import type { Store } from '../store/types.js';

/** A temporary password: 16 characters from an alphabet without look-alikes (about 90 bits). */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}

export class UserDesk {
  constructor(
    private readonly store: Store,
    private readonly accounts: AccountService,
  ) {}

  list(): Promise<User[]> {
    return this.store.accounts.listUsers();
  }

  /** Creates an account with `role` and a temporary password, returned once. `USER_EXISTS`. */
  async invite(email: string, role: Role): Promise<{ user: User; password: string }> {
    const password = temporaryPassword();
    const user = await this.accounts.register(email, password, role);
    return { user, password };
  }

  /** Changes `userId`'s role; an admin cannot take the admin role from themselves (the site would lose its last admin). */
  async setRole(actor: User, userId: number, role: Role): Promise<User> {
    if (actor.id === userId && role !== 'admin') {
      throw new AppError('BAD_INPUT', 'You cannot take the admin role from yourself; ask another admin.');
    }
    if (!(await this.store.accounts.setRole(userId, role))) {
      throw new AppError('USER_NOT_FOUND', `There is no account ${userId}.`);
    }
    return (await this.accounts.userById(userId))!;
  }

  /** Ends every session and deletes every API token of `userId`. */
  async revoke(userId: number): Promise<{ tokens: number; sessions: number }> {
    if (!(await this.accounts.userById(userId)))
      throw new AppError('USER_NOT_FOUND', `There is no account ${userId}.`);
    return this.accounts.revoke(userId);
  }
}
