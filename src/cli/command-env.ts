/**
 * What `main.ts` hands every command, and the option parsers commands share. Kept apart from
 * `main.ts` so commands never import the program that registers them (no import cycle).
 */
import { InvalidArgumentError } from 'commander';
import type { Config } from '../core/config.js';
import type { Output } from './output.js';

/** What every command gets: the resolved configuration (after global options) and where to write. */
export interface CommandEnv {
  config(): Config;
  output: Output;
}

/** Commander option parser for counts and limits: a whole number from 1, else a usage error. */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('must be a whole number from 1.');
  return n;
}
