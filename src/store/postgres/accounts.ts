/** Accounts, sessions and API tokens on PostgreSQL (rows in `../learner-rows.ts`). No change tags. */
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

/** The account repository of `scope`. */
export function postgresAccountRepo(scope: Scope): AccountRepo {
  const findUser = async (method: string, where: string, value: unknown) => {
    const [row] = await scope.read<UserRow>(method, `SELECT * FROM users WHERE ${where}`, [value]);
    return row ? userOf(row) : null;
  };
  const count = async (method: string, sql: string, params: unknown[]) =>
    scope.write(method, async (query) => (await query(`${sql} RETURNING 1`, params)).length);
  return {
    createUser(user, now) {
      return scope.write('accounts.createUser', async (query) => {
        const [row] = await query<UserRow>(
          `INSERT INTO users (email, password_hash, role, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (email) DO NOTHING RETURNING *`,
          [user.email, user.passwordHash, user.role, now],
        );
        if (!row) throw new AppError('USER_EXISTS', userExistsMessage(user.email));
        return publicUser(userOf(row));
      });
    },
    findUserById(id) {
      return findUser('accounts.findUserById', 'id = $1', id);
    },
    findUserByEmail(email) {
      return findUser('accounts.findUserByEmail', 'email = $1', email);
    },
    async listUsers() {
      const rows = await scope.read<UserRow>('accounts.listUsers', 'SELECT * FROM users ORDER BY id');
      return rows.map((row) => publicUser(userOf(row)));
    },
    async setRole(userId, role) {
      return (
        (await count('accounts.setRole', 'UPDATE users SET role = $1 WHERE id = $2', [role, userId])) > 0
      );
    },
    async setPassword(userId, passwordHash) {
      return (
        (await count('accounts.setPassword', 'UPDATE users SET password_hash = $1 WHERE id = $2', [
          passwordHash,
          userId,
        ])) > 0
      );
    },
    async deleteUser(userId) {
      return (await count('accounts.deleteUser', 'DELETE FROM users WHERE id = $1', [userId])) > 0;
    },
    async createSession(session) {
      await scope.write('accounts.createSession', (query) =>
        query(
          'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
          [session.idHash, session.userId, session.csrfToken, session.createdAt, session.expiresAt],
        ),
      );
    },
    async findSession(idHash, now) {
      const [row] = await scope.read<SessionRow>(
        'accounts.findSession',
        'SELECT * FROM sessions WHERE id_hash = $1 AND expires_at > $2',
        [idHash, now],
      );
      return row ? sessionOf(row) : null;
    },
    async deleteSession(idHash) {
      return (await count('accounts.deleteSession', 'DELETE FROM sessions WHERE id_hash = $1', [idHash])) > 0;
    },
    deleteSessionsOf(userId) {
      return count('accounts.deleteSessionsOf', 'DELETE FROM sessions WHERE user_id = $1', [userId]);
    },
    deleteExpiredSessions(now) {
      return count('accounts.deleteExpiredSessions', 'DELETE FROM sessions WHERE expires_at <= $1', [now]);
    },
    async createApiToken(userId, tokenHash, now) {
      await scope.write('accounts.createApiToken', (query) =>
        query('INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)', [
          userId,
          tokenHash,
          now,
        ]),
      );
    },
    async findUserIdByToken(tokenHash) {
      const [row] = await scope.read<{ user_id: number }>(
        'accounts.findUserIdByToken',
        'SELECT user_id FROM api_tokens WHERE token_hash = $1',
        [tokenHash],
      );
      return row ? Number(row.user_id) : null;
    },
    deleteApiTokensOf(userId) {
      return count('accounts.deleteApiTokensOf', 'DELETE FROM api_tokens WHERE user_id = $1', [userId]);
    },
    async setFeedToken(userId, tokenHash, now) {
      await scope.write('accounts.setFeedToken', (query) =>
        query(
          `INSERT INTO feed_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)
           ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
          [userId, tokenHash, now],
        ),
      );
    },
    async findUserIdByFeedToken(tokenHash) {
      const [row] = await scope.read<{ user_id: number }>(
        'accounts.findUserIdByFeedToken',
        'SELECT user_id FROM feed_tokens WHERE token_hash = $1',
        [tokenHash],
      );
      return row ? Number(row.user_id) : null;
    },
    async feedTokenCreatedAt(userId) {
      const [row] = await scope.read<{ created_at: string }>(
        'accounts.feedTokenCreatedAt',
        'SELECT created_at FROM feed_tokens WHERE user_id = $1',
        [userId],
      );
      return row ? row.created_at : null;
    },
    deleteFeedTokenOf(userId) {
      return count('accounts.deleteFeedTokenOf', 'DELETE FROM feed_tokens WHERE user_id = $1', [userId]);
    },
  };
}
