/**
 * Accounts: registering, checking a login, sessions, personal API tokens, passwords. The rules
 * live here; the web layer (`web/auth/`) and the CLI (`lingwire user`) only call them. Nothing
 * here ever logs or returns a password, a session secret after it was handed out, or a token
 * after `createToken`.
 */
import { type Clock, systemClock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { Store } from '../store/types.js';
import { ROLES, type Role, type Session, type User } from './model.js';
import {
  DEFAULT_SCRYPT_COST,
  hashPassword,
  newSecret,
  type ScryptCost,
  secretHash,
  verifyPassword,
} from './secrets.js';

/** Options of `AccountService`. */
export interface AccountOptions {
  clock?: Clock;
  /** How long a session lasts, in days. Default 30. */
  sessionDays?: number;
  /** scrypt's cost (tests use a cheap one). Default `DEFAULT_SCRYPT_COST`. */
  scryptCost?: ScryptCost;
}

/** Shortest and longest password accepted. */
export const PASSWORD_LENGTH = { min: 8, max: 200 } as const;

/** Prefix of personal API tokens, so one pasted into the wrong place is recognisable. */
const TOKEN_PREFIX = 'lw_';
/** 为我推荐 feed tokens: told apart from API tokens at a glance. */
const FEED_TOKEN_PREFIX = 'lwf_';

/** A lower-cased, trimmed email, or `BAD_INPUT`. */
export function normalizeEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (value.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    throw new AppError('BAD_INPUT', `"${email.slice(0, 80)}" is not an email address.`);
  }
  return value;
}

/** `BAD_INPUT` unless `password` has an acceptable length. */
export function checkPassword(password: string): void {
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max) {
    throw new AppError(
      'BAD_INPUT',
      `A password has ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters.`,
    );
  }
}

/** `BAD_INPUT` unless `role` is one of the roles. */
export function parseRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new AppError('BAD_INPUT', `A role is one of ${ROLES.join(', ')}, not "${role}".`);
  }
  return role as Role;
}

/** A session just started: the secret goes into the cookie, and is not kept anywhere. */
export interface StartedSession {
  secret: string;
  session: Session;
}

export class AccountService {
  private readonly clock: Clock;
  private readonly sessionMs: number;
  private readonly cost: ScryptCost;
  /** Compared against when an email has no account, so a login takes as long either way. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly store: Store,
    options: AccountOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.sessionMs = (options.sessionDays ?? 30) * 86_400_000;
    this.cost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
  }

  private now(): string {
    return this.clock().toISOString();
  }

  /** Creates an account; `USER_EXISTS` when the email has one, `BAD_INPUT` for a bad email or password. */
  async register(email: string, password: string, role: Role = 'reader'): Promise<User> {
    const address = normalizeEmail(email);
    checkPassword(password);
    const passwordHash = await hashPassword(password, this.cost);
    return this.store.accounts.createUser({ email: address, passwordHash, role }, this.now());
  }

  /** The account `email` and `password` open; null otherwise, after the same work either way. */
  async verifyLogin(email: string, password: string): Promise<User | null> {
    let address: string;
    try {
      address = normalizeEmail(email);
    } catch {
      return null;
    }
    const record = await this.store.accounts.findUserByEmail(address);
    if (!record) {
      this.dummyHash ??= hashPassword('no account has this password', this.cost);
      await verifyPassword(password, await this.dummyHash);
      return null;
    }
    if (!(await verifyPassword(password, record.passwordHash))) return null;
    const { passwordHash: _, ...user } = record;
    return user;
  }

  /** Starts a session for `userId` (and sweeps expired ones). */
  async startSession(userId: number): Promise<StartedSession> {
    const now = this.clock();
    const secret = newSecret();
    const session: Session = {
      idHash: secretHash(secret),
      userId,
      csrfToken: newSecret(),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.sessionMs).toISOString(),
    };
    await this.store.accounts.deleteExpiredSessions(session.createdAt);
    await this.store.accounts.createSession(session);
    return { secret, session };
  }

  /** The session and account of a cookie's secret; null when unknown, expired or revoked. */
  async sessionFor(secret: string): Promise<{ user: User; session: Session } | null> {
    const session = await this.store.accounts.findSession(secretHash(secret), this.now());
    if (!session) return null;
    const user = await this.userById(session.userId);
    return user ? { user, session } : null;
  }

  async endSession(secret: string): Promise<void> {
    await this.store.accounts.deleteSession(secretHash(secret));
  }

  async userById(id: number): Promise<User | null> {
    const record = await this.store.accounts.findUserById(id);
    if (!record) return null;
    const { passwordHash: _, ...user } = record;
    return user;
  }

  /** The account a personal API token opens; null when unknown or revoked. */
  async userForToken(token: string): Promise<User | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const id = await this.store.accounts.findUserIdByToken(secretHash(token));
    return id === null ? null : this.userById(id);
  }

  /** The account of `email`, or `USER_NOT_FOUND`. */
  async userByEmail(email: string): Promise<User> {
    const address = normalizeEmail(email);
    const record = await this.store.accounts.findUserByEmail(address);
    if (!record) throw new AppError('USER_NOT_FOUND', `There is no account with the email ${address}.`);
    const { passwordHash: _, ...user } = record;
    return user;
  }

  listUsers(): Promise<User[]> {
    return this.store.accounts.listUsers();
  }

  /** Sets a new password and ends every session of the account but `keepSession` (by its hash). */
  async setPassword(userId: number, password: string, keepSession?: string): Promise<void> {
    checkPassword(password);
    const hash = await hashPassword(password, this.cost);
    if (!(await this.store.accounts.setPassword(userId, hash))) {
      throw new AppError('USER_NOT_FOUND', 'That account no longer exists.');
    }
    const keep = keepSession ? await this.store.accounts.findSession(keepSession, this.now()) : null;
    await this.store.accounts.deleteSessionsOf(userId);
    if (keep) await this.store.accounts.createSession(keep);
  }

  /** A learner's own change: the current password must be right (`LOGIN_FAILED` otherwise). */
  async changePassword(user: User, current: string, next: string, keepSession?: string): Promise<void> {
    const record = await this.store.accounts.findUserById(user.id);
    if (!record || !(await verifyPassword(current, record.passwordHash))) {
      throw new AppError('LOGIN_FAILED', 'The current password is not right.');
    }
    await this.setPassword(user.id, next, keepSession);
  }

  /** A new personal API token for the account; returned once, stored only as its hash. */
  async createToken(userId: number): Promise<string> {
    const token = `${TOKEN_PREFIX}${newSecret()}`;
    await this.store.accounts.createApiToken(userId, secretHash(token), this.now());
    return token;
  }

  /**
   * A new secret for the learner's 为我推荐 feed URL, replacing the one they had (whose URL then
   * stops working); returned once, stored only as its hash.
   */
  async createFeedToken(userId: number): Promise<string> {
    const token = `${FEED_TOKEN_PREFIX}${newSecret()}`;
    await this.store.accounts.setFeedToken(userId, secretHash(token), this.now());
    return token;
  }

  /** Whether `token` is the feed token of account `userId` (another account's token is not). */
  async feedTokenOpens(userId: number, token: string): Promise<boolean> {
    if (!token.startsWith(FEED_TOKEN_PREFIX) || token.length > 200) return false;
    return (await this.store.accounts.findUserIdByFeedToken(secretHash(token))) === userId;
  }

  /** When the learner's feed token was made; null when they have none. */
  feedTokenCreatedAt(userId: number): Promise<string | null> {
    return this.store.accounts.feedTokenCreatedAt(userId);
  }

  /** Revokes the learner's feed token; whether there was one. */
  async revokeFeedToken(userId: number): Promise<boolean> {
    return (await this.store.accounts.deleteFeedTokenOf(userId)) > 0;
  }

  /** Revokes every token (API and feed) and session of the account. */
  async revoke(userId: number): Promise<{ tokens: number; sessions: number; feedTokens: number }> {
    const tokens = await this.store.accounts.deleteApiTokensOf(userId);
    const sessions = await this.store.accounts.deleteSessionsOf(userId);
    const feedTokens = await this.store.accounts.deleteFeedTokenOf(userId);
    return { tokens, sessions, feedTokens };
  }

  /** Deletes the account and everything in it. */
  async deleteAccount(userId: number): Promise<void> {
    await this.store.accounts.deleteUser(userId);
  }
}

export { DEFAULT_SCRYPT_COST };
