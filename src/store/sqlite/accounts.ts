/** Accounts, sessions and API tokens on SQLite (rows in `../learner-rows.ts`). No change tags. */
import { AppError } from '../../core/errors.js';
import {
  publicUser,
  type SessionRow,
  sessionOf,
  type UserRow,
  userExistsMessage,
  userOf,
} from '../learner-rows.js';
import type { AccountRepo } from '../types.js';
import type { Scope } from './scope.js';

const isUniqueViolation = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

/** The account repository of `scope`. */
export function sqliteAccountRepo(scope: Scope): AccountRepo {
  const findUser = (method: string, where: string, value: unknown) =>
    scope.read(method, () => {
      const row = scope.prepare(`SELECT * FROM users WHERE ${where}`).get(value) as UserRow | undefined;
      return row ? userOf(row) : null;
    });
  return {
    createUser(user, now) {
      return scope.write('accounts.createUser', () => {
        try {
          const row = scope
            .prepare(
              'INSERT INTO users (email, password_hash, role, created_at) VALUES (?, ?, ?, ?) RETURNING *',
            )
            .get(user.email, user.passwordHash, user.role, now) as UserRow;
          return publicUser(userOf(row));
        } catch (error) {
          if (isUniqueViolation(error)) throw new AppError('USER_EXISTS', userExistsMessage(user.email));
          throw error;
        }
      });
    },
    async findUserById(id) {
      return findUser('accounts.findUserById', 'id = ?', id);
    },
    async findUserByEmail(email) {
      return findUser('accounts.findUserByEmail', 'email = ?', email);
    },
    async listUsers() {
      return scope.read('accounts.listUsers', () =>
        (scope.prepare('SELECT * FROM users ORDER BY id').all() as UserRow[]).map((row) =>
          publicUser(userOf(row)),
        ),
      );
    },
    setRole(userId, role) {
      return scope.write(
        'accounts.setRole',
        () => scope.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, userId).changes > 0,
      );
    },
    setPassword(userId, passwordHash) {
      return scope.write(
        'accounts.setPassword',
        () =>
          scope.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId).changes >
          0,
      );
    },
    deleteUser(userId) {
      return scope.write(
        'accounts.deleteUser',
        () => scope.prepare('DELETE FROM users WHERE id = ?').run(userId).changes > 0,
      );
    },
    async createSession(session) {
      await scope.write('accounts.createSession', () =>
        scope
          .prepare(
            'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(session.idHash, session.userId, session.csrfToken, session.createdAt, session.expiresAt),
      );
    },
    async findSession(idHash, now) {
      return scope.read('accounts.findSession', () => {
        const row = scope
          .prepare('SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?')
          .get(idHash, now) as SessionRow | undefined;
        return row ? sessionOf(row) : null;
      });
    },
    deleteSession(idHash) {
      return scope.write(
        'accounts.deleteSession',
        () => scope.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash).changes > 0,
      );
    },
    deleteSessionsOf(userId) {
      return scope.write(
        'accounts.deleteSessionsOf',
        () => scope.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes,
      );
    },
    deleteExpiredSessions(now) {
      return scope.write(
        'accounts.deleteExpiredSessions',
        () => scope.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes,
      );
    },
    async createApiToken(userId, tokenHash, now) {
      await scope.write('accounts.createApiToken', () =>
        scope
          .prepare('INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)')
          .run(userId, tokenHash, now),
      );
    },
    async findUserIdByToken(tokenHash) {
      return scope.read('accounts.findUserIdByToken', () => {
        const row = scope.prepare('SELECT user_id FROM api_tokens WHERE token_hash = ?').get(tokenHash) as
          | { user_id: number }
          | undefined;
        return row ? row.user_id : null;
      });
    },
    deleteApiTokensOf(userId) {
      return scope.write(
        'accounts.deleteApiTokensOf',
        () => scope.prepare('DELETE FROM api_tokens WHERE user_id = ?').run(userId).changes,
      );
    },
    async setFeedToken(userId, tokenHash, now) {
      await scope.write('accounts.setFeedToken', () =>
        scope
          .prepare(
            `INSERT INTO feed_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)
             ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
          )
          .run(userId, tokenHash, now),
      );
    },
    async findUserIdByFeedToken(tokenHash) {
      return scope.read('accounts.findUserIdByFeedToken', () => {
        const row = scope.prepare('SELECT user_id FROM feed_tokens WHERE token_hash = ?').get(tokenHash) as
          | { user_id: number }
          | undefined;
        return row ? row.user_id : null;
      });
    },
    async feedTokenCreatedAt(userId) {
      return scope.read('accounts.feedTokenCreatedAt', () => {
        const row = scope.prepare('SELECT created_at FROM feed_tokens WHERE user_id = ?').get(userId) as
          | { created_at: string }
          | undefined;
        return row ? row.created_at : null;
      });
    },
    deleteFeedTokenOf(userId) {
      return scope.write(
        'accounts.deleteFeedTokenOf',
        () => scope.prepare('DELETE FROM feed_tokens WHERE user_id = ?').run(userId).changes,
      );
    },
  };
}
