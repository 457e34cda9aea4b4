/** `lingwire user …`: accounts from the command line, passwords from stdin, tokens printed once. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config.js';
import { withServices } from '../../services.js';
import { type PasswordInput, registerUser } from './user.js';

const dir = mkdtempSync(join(tmpdir(), 'lingwire-user-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(dbPath: string, stdin = '', terminal: string[] | null = null) {
  const out: string[] = [];
  const err: string[] = [];
  const input: PasswordInput = {
    readStdin: async () => stdin,
    ask: async () => (terminal ? (terminal.shift() ?? '') : null),
  };
  const program = new Command('lingwire').exitOverride();
  registerUser(
    program,
    {
      config: () => ({ ...DEFAULT_CONFIG, dbPath }),
      output: { out: (l) => out.push(l), err: (l) => err.push(l) },
    },
    input,
  );
  for (const c of program.commands) c.exitOverride();
  return {
    out,
    run: (...argv: string[]) => program.parseAsync(argv, { from: 'user' }),
  };
}

describe('lingwire user', () => {
  const db = join(dir, 'site.db');

  it('adds accounts with a role, lists them, and never prints a password', async () => {
    const add = cli(db, 'first password\nignored line\n');
    await add.run('user', 'add', 'Ed@Example.com', '--role', 'editor', '--password-stdin');
    expect(add.out).toEqual([expect.stringMatching(/^added user \d+ ed@example\.com \(editor\)$/)]);
    await cli(db, 'reader password\n').run('user', 'add', 'ann@example.com', '--password-stdin');
    const list = cli(db);
    await list.run('user', 'list', '--json');
    expect(JSON.parse(list.out[0]!)).toEqual([
      expect.objectContaining({ email: 'ed@example.com', role: 'editor' }),
      expect.objectContaining({ email: 'ann@example.com', role: 'reader' }),
    ]);
    expect(list.out.join('\n')).not.toMatch(/password|scrypt/);
    await withServices({ ...DEFAULT_CONFIG, dbPath: db }, async (s) => {
      expect(await s.learner.accounts.verifyLogin('ed@example.com', 'first password')).not.toBeNull();
    });
    await expect(
      cli(db, 'x'.repeat(10)).run('user', 'add', 'ann@example.com', '--password-stdin'),
    ).rejects.toMatchObject({ code: 'USER_EXISTS' });
    await expect(
      cli(db, 'long enough').run('user', 'add', 'x@example.com', '--role', 'boss'),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
  });

  it('asks twice on a terminal, and refuses without one unless --password-stdin', async () => {
    await expect(cli(db).run('user', 'add', 'nobody@example.com')).rejects.toMatchObject({ code: 'USAGE' });
    await expect(
      cli(db, '', ['one password', 'another one']).run('user', 'add', 'typo@example.com'),
    ).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('differ') });
    await cli(db, '', ['same password', 'same password']).run('user', 'add', 'tty@example.com');
    await withServices({ ...DEFAULT_CONFIG, dbPath: db }, async (s) => {
      expect(await s.learner.accounts.verifyLogin('tty@example.com', 'same password')).not.toBeNull();
    });
  });

  it('prints a token once that opens the account, until revoked with the feed token; a new password ends sessions', async () => {
    const token = cli(db);
    await token.run('user', 'token', 'ann@example.com');
    const printed = token.out[0]!;
    let feed = { id: 0, token: '' };
    expect(printed).toMatch(/^lw_[A-Za-z0-9_-]{43}$/);
    await withServices({ ...DEFAULT_CONFIG, dbPath: db }, async (s) => {
      expect((await s.learner.accounts.userForToken(printed))?.email).toBe('ann@example.com');
      const ann = await s.learner.accounts.userByEmail('ann@example.com');
      await s.learner.accounts.startSession(ann.id);
      feed = { id: ann.id, token: await s.learner.accounts.createFeedToken(ann.id) };
      expect(await s.learner.accounts.feedTokenOpens(ann.id, feed.token)).toBe(true);
    });
    const password = cli(db, 'a new password\n');
    await password.run('user', 'password', 'ann@example.com', '--password-stdin');
    expect(password.out).toEqual(['password set for ann@example.com; its sessions were ended']);
    const revoke = cli(db);
    await revoke.run('user', 'revoke', 'ann@example.com');
    expect(revoke.out).toEqual(['revoked 1 token(s), 0 session(s) and 1 feed token(s) of ann@example.com']);
    await withServices({ ...DEFAULT_CONFIG, dbPath: db }, async (s) => {
      expect(await s.learner.accounts.userForToken(printed)).toBeNull();
      expect(await s.learner.accounts.feedTokenOpens(feed.id, feed.token)).toBe(false);
      expect(await s.learner.accounts.verifyLogin('ann@example.com', 'a new password')).not.toBeNull();
    });
    await expect(cli(db).run('user', 'token', 'ghost@example.com')).rejects.toMatchObject({
      code: 'USER_NOT_FOUND',
    });
  });
});
