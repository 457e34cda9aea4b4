/**
 * Settings with their defaults in one place. The CLI and the environment fill a `Config`; nothing
 * reads `process.env` anywhere else.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from './errors.js';

/** The package root (where package.json is), whether running from `src/` or compiled `dist/`. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Config {
  /**
   * Where the data lives: a SQLite file, or a PostgreSQL URL (`postgres://user:password@host:5432/db`,
   * also `postgresql://`) for several processes or machines on one database. Default
   * `./data/lingwire.db` (relative to the working directory); env `LINGWIRE_DATABASE_URL`, else
   * `LINGWIRE_DB`; the CLI's `--db` wins over both. Never print it: a URL may hold a password (a
   * store's `description` does not).
   */
  dbPath: string;
  /** Port the web server listens on. Default 3000; env `PORT`. Range 0–65535 (0: any free port). */
  port: number;
  /** Address to listen on. Default `127.0.0.1`; env `HOST` (use `0.0.0.0` to serve other machines). */
  host: string;
  /**
   * Public address of the site (`https://news.example`), for absolute links: canonical and
   * OpenGraph URLs, feeds, the sitemap. Default none: the listen address stands in, with a warning
   * at start. An `https:` address also turns HSTS on. Env `LINGWIRE_PUBLIC_URL`.
   */
  publicUrl: string | null;
  /**
   * Whether a reverse proxy in front is trusted: its `X-Forwarded-Proto` (https → HSTS) and
   * `X-Forwarded-For` are believed. Default false; env `LINGWIRE_TRUST_PROXY` (`1`, `true`).
   */
  trustProxy: boolean;
  /** Log level for the server: `fatal`…`trace`, or `silent`. Default `info`; env `LOG_LEVEL`. */
  logLevel: string;
  /**
   * Related stories: score bonus for stories published close together, a mild tie-breaker.
   * Default 0 (off: a 2016 story may point to a 2022 one); range 0–0.05; env `LINGWIRE_RELATED_RECENCY`.
   * After changing it, run `lingwire related --rebuild`.
   */
  relatedRecencyWeight: number;
  /**
   * Operator allow-list for fetching feeds and pages: host names and IP literals, matched exactly
   * (case-insensitive; no wildcards). Every other host is refused before any DNS lookup. Default
   * null (any public host); env `LINGWIRE_FETCH_HOSTS`, comma-separated (`feeds.bbci.co.uk,127.0.0.1`).
   */
  fetchHosts: readonly string[] | null;
  /**
   * The folder holding PostgreSQL's `pg_dump`, `pg_restore` and `psql`, for `lingwire backup` and
   * `restore` on PostgreSQL. Default null: the newest `/usr/lib/postgresql/<version>/bin`, then the
   * PATH; env `LINGWIRE_PG_BIN` (then only that folder is searched).
   */
  postgresBin: string | null;
}

export const DEFAULT_CONFIG: Config = {
  dbPath: 'data/lingwire.db',
  port: 3000,
  host: '127.0.0.1',
  publicUrl: null,
  trustProxy: false,
  logLevel: 'info',
  relatedRecencyWeight: 0,
  fetchHosts: null,
  postgresBin: null,
};

/** Defaults, overridden by the environment. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    dbPath: env.LINGWIRE_DATABASE_URL || env.LINGWIRE_DB || DEFAULT_CONFIG.dbPath,
    port: env.PORT ? Number(env.PORT) : DEFAULT_CONFIG.port,
    host: env.HOST || DEFAULT_CONFIG.host,
    publicUrl: publicUrlFrom(env.LINGWIRE_PUBLIC_URL),
    trustProxy: /^(1|true|yes)$/i.test(env.LINGWIRE_TRUST_PROXY ?? ''),
    logLevel: env.LOG_LEVEL || DEFAULT_CONFIG.logLevel,
    relatedRecencyWeight: recencyFrom(env.LINGWIRE_RELATED_RECENCY),
    fetchHosts: fetchHostsFrom(env.LINGWIRE_FETCH_HOSTS),
    postgresBin: env.LINGWIRE_PG_BIN || DEFAULT_CONFIG.postgresBin,
  };
}

/** `LINGWIRE_PUBLIC_URL`: an http(s) address without query or fragment; the trailing slash dropped. */
export function publicUrlFrom(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return DEFAULT_CONFIG.publicUrl;
  let url: URL | null = null;
  try {
    url = new URL(value.trim());
  } catch {
    url = null;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username) {
    throw new AppError(
      'BAD_INPUT',
      `LINGWIRE_PUBLIC_URL must be the site's http or https address (https://news.example), not "${value}".`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function recencyFrom(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_CONFIG.relatedRecencyWeight;
  const weight = Number(value);
  if (!Number.isFinite(weight) || weight < 0 || weight > 0.05) {
    throw new AppError(
      'BAD_INPUT',
      `LINGWIRE_RELATED_RECENCY must be a number from 0 to 0.05, not "${value}".`,
    );
  }
  return weight;
}

/**
 * `LINGWIRE_FETCH_HOSTS`: comma-separated host names and IP literals. IPv6 literals may be given
 * with or without brackets. Empty or unset: no allow-list.
 */
export function fetchHostsFrom(value: string | undefined): readonly string[] | null {
  if (value === undefined || value.trim() === '') return DEFAULT_CONFIG.fetchHosts;
  const hosts = value
    .split(',')
    .map((host) =>
      host
        .trim()
        .toLowerCase()
        .replace(/^\[(.*)\]$/, '$1'),
    )
    .filter(Boolean);
  for (const host of hosts) {
    if (/[\s/@?#*]/.test(host) || (host.includes(':') && !/^[0-9a-f:.]+$/.test(host))) {
      throw new AppError(
        'BAD_INPUT',
        `LINGWIRE_FETCH_HOSTS must list host names or IP literals separated by commas; "${host}" is neither (no schemes, paths, ports or wildcards).`,
      );
    }
  }
  return hosts;
}
