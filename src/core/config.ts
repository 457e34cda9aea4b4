/**
 * Settings with their defaults in one place. The CLI and the environment fill a `Config`; nothing
 * reads `process.env` anywhere else.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (where package.json is), whether running from `src/` or compiled `dist/`. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Config {
  /** SQLite database file. Default `./data/lingwire.db` (relative to the working directory); env `LINGWIRE_DB`. */
  dbPath: string;
  /** Port the web server listens on. Default 3000; env `PORT`. Range 0–65535 (0: any free port). */
  port: number;
  /** Address to listen on. Default `127.0.0.1`; env `HOST` (use `0.0.0.0` to serve other machines). */
  host: string;
  /** Public address of the site, for absolute links (OpenGraph, canonical). Default none; env `LINGWIRE_PUBLIC_URL`. */
  publicUrl: string | null;
  /** Log level for the server: `fatal`…`trace`, or `silent`. Default `info`; env `LOG_LEVEL`. */
  logLevel: string;
}

export const DEFAULT_CONFIG: Config = {
  dbPath: 'data/lingwire.db',
  port: 3000,
  host: '127.0.0.1',
  publicUrl: null,
  logLevel: 'info',
};

/** Defaults, overridden by the environment. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    dbPath: env.LINGWIRE_DB || DEFAULT_CONFIG.dbPath,
    port: env.PORT ? Number(env.PORT) : DEFAULT_CONFIG.port,
    host: env.HOST || DEFAULT_CONFIG.host,
    publicUrl: env.LINGWIRE_PUBLIC_URL?.replace(/\/+$/, '') || DEFAULT_CONFIG.publicUrl,
    logLevel: env.LOG_LEVEL || DEFAULT_CONFIG.logLevel,
  };
}
