/**
 * `lingwire user add|list|password|token|revoke`: learner and staff accounts for operators.
 * Passwords come from standard input with `--password-stdin` (first line), or are asked for
 * without echo on a terminal; they are never taken as an argument (it would land in the shell's
 * history and the process list) and never printed.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import { parseRole } from '../../learner/accounts.js';
import { withServices } from '../../services.js';
import type { CommandEnv } from '../command-env.js';

/** Where passwords come from (tests hand in their own). */
export interface PasswordInput {
  /** Standard input, all of it. */
  readStdin(): Promise<string>;
  /** Asks on the terminal without echo; null when there is no terminal. */
  ask(prompt: string): Promise<string | null>;
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function askSilently(prompt: string): Promise<string | null> {
  if (!process.stdin.isTTY) return Promise.resolve(null);
  process.stderr.write(prompt);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

export const processPasswordInput: PasswordInput = { readStdin: readAll, ask: askSilently };

async function passwordFrom(input: PasswordInput, fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) return (await input.readStdin()).split(/\r?\n/)[0] ?? '';
  const first = await input.ask('Password: ');
  if (first === null) {
    throw new AppError('USAGE', 'no terminal to ask for the password on; pipe it in with --password-stdin.');
  }
  const second = await input.ask('Password again: ');
  if (second !== first) throw new AppError('USAGE', 'the two passwords differ; nothing was changed.');
  return first;
}

export function registerUser(
  program: Command,
  env: CommandEnv,
  input: PasswordInput = processPasswordInput,
): void {
  const user = program.command('user').description('learner and staff accounts');

  user
    .command('add')
    .description('create an account')
    .argument('<email>', 'its email (the login)')
    .option('--role <role>', 'reader, editor or admin', 'reader')
    .option('--password-stdin', 'read the password from standard input (first line)')
    .action(async (email: string, opts: { role: string; passwordStdin?: boolean }) => {
      const role = parseRole(opts.role);
      const password = await passwordFrom(input, opts.passwordStdin);
      await withServices(env.config(), async (services) => {
        const created = await services.learner.accounts.register(email, password, role);
        env.output.out(`added user ${created.id} ${created.email} (${created.role})`);
      });
    });

  user
    .command('list')
    .description('every account: id, email, role, created')
    .option('--json', 'one JSON array')
    .action(async (opts: { json?: boolean }) => {
      await withServices(env.config(), async (services) => {
        const users = await services.learner.accounts.listUsers();
        if (opts.json) return env.output.out(JSON.stringify(users));
        for (const u of users) env.output.out(`${u.id}\t${u.email}\t${u.role}\t${u.createdAt}`);
      });
    });

  user
    .command('password')
    .description("set an account's password (ends its sessions)")
    .argument('<email>')
    .option('--password-stdin', 'read the password from standard input (first line)')
    .action(async (email: string, opts: { passwordStdin?: boolean }) => {
      const password = await passwordFrom(input, opts.passwordStdin);
      await withServices(env.config(), async (services) => {
        const found = await services.learner.accounts.userByEmail(email);
        await services.learner.accounts.setPassword(found.id, password);
        env.output.out(`password set for ${found.email}; its sessions were ended`);
      });
    });

  user
    .command('token')
    .description('create a personal API token (printed once: keep it; only its hash is stored)')
    .argument('<email>')
    .action(async (email: string) => {
      await withServices(env.config(), async (services) => {
        const found = await services.learner.accounts.userByEmail(email);
        env.output.out(await services.learner.accounts.createToken(found.id));
      });
    });

  user
    .command('revoke')
    .description('revoke every API token, session and 为我推荐 feed token of an account')
    .argument('<email>')
    .action(async (email: string) => {
      await withServices(env.config(), async (services) => {
        const found = await services.learner.accounts.userByEmail(email);
        const { tokens, sessions, feedTokens } = await services.learner.accounts.revoke(found.id);
        env.output.out(
          `revoked ${tokens} token(s), ${sessions} session(s) and ${feedTokens} feed token(s) of ${found.email}`,
        );
      });
    });
}
