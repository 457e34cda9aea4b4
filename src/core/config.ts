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
  /**
   * Automatic sections: a story the classifier files with a probability below this goes to 待分类
   * (unsorted) instead. Default 0.6; range 0–1; env `LINGWIRE_CLASSIFY_THRESHOLD`.
   */
  classifyThreshold: number;
  /** What one imported story may hold; see `ImportLimits`. */
  importLimits: ImportLimits;
  /**
   * Whether to believe `X-Forwarded-For` (and `-Proto`, `-Host`) for the client's address, as
   * Fastify's `trustProxy`: false (default: the socket's address; a client could forge the header),
   * true (any proxy), a hop count, or the proxies' addresses/CIDRs. Used by login rate limits and
   * for HSTS behind a proxy (`X-Forwarded-Proto: https`).
   * Env `LINGWIRE_TRUST_PROXY`: `true`, a number, or comma-separated addresses (`127.0.0.1,10.0.0.0/8`).
   */
  trustProxy: boolean | number | string;
  /** Requests a client address may make to search and lookup; see `RateLimits`. */
  rateLimits: RateLimits;
}

/**
 * Requests per client address (`request.ip`, so `trustProxy` decides what the address is) in a
 * minute, counted in the web process's memory; over it a 429 `RATE_LIMITED` with `Retry-After`.
 * 0 turns a limit off (the HTTP benchmark does, to measure throughput). Login and registration
 * have their own limits (`web/auth/login.ts`).
 */
export interface RateLimits {
  /** `/search` and `/api/search`. Default 120 a minute; env `LINGWIRE_RATE_LIMIT_SEARCH`. */
  searchPerMinute: number;
  /**
   * `/api/lookup` (a click on a word; browsers keep answers a day). Default 600 a minute: a class
   * reading behind one school address stays under it, a scraper walking the dictionary does not.
   * Env `LINGWIRE_RATE_LIMIT_LOOKUP`.
   */
  lookupPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { searchPerMinute: 120, lookupPerMinute: 600 };

/** Reads a whole number ≥ 0 (env or flag) or fails naming it. */
export function countSetting(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n)) {
    throw new AppError('BAD_INPUT', `${name} must be a whole number (0 turns it off), not "${value}".`);
  }
  return n;
}

/**
 * Limits on what one imported story may hold, so one huge or hostile record cannot stall the
 * server (a 5 MB body rendered to 67 MB of HTML). A record over a limit is a bad record
 * (`file:line: …`): the import stops, or skips it with `--skip-invalid`. Every limit ≥ 1.
 */
export interface ImportLimits {
  /** UTF-8 bytes of a story's text (title and paragraphs). Default 200 KB (204,800); env `LINGWIRE_MAX_STORY_BYTES`; `--max-story-bytes`. */
  storyBytes: number;
  /** Paragraphs a story. Default 1,000; env `LINGWIRE_MAX_PARAGRAPHS`; `--max-paragraphs`. */
  paragraphs: number;
  /**
   * Characters of one word (a run without spaces). A longer one rejects the story: it is a URL,
   * base64 or junk that would be one unbreakable word on a phone. Default 100; env
   * `LINGWIRE_MAX_WORD_CHARS`; `--max-word-chars`.
   */
  wordChars: number;
  /** Bytes of one JSON Lines record, checked while reading (the line is never built beyond it). Default 1 MB (1,048,576); env `LINGWIRE_MAX_RECORD_BYTES`; `--max-record-bytes`. */
  recordBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  storyBytes: 200 * 1024,
  paragraphs: 1000,
  wordChars: 100,
  recordBytes: 1024 * 1024,
};

/** Reads a positive integer setting (env or flag) or fails naming it. */
export function positiveIntegerSetting(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new AppError('BAD_INPUT', `${name} must be a whole number of at least 1, not "${value}".`);
  }
  return n;
}

export const DEFAULT_CONFIG: Config = {
  dbPath: 'data/lingwire.db',
  port: 3000,
  host: '127.0.0.1',
  publicUrl: null,
  logLevel: 'info',
  relatedRecencyWeight: 0,
  fetchHosts: null,
  postgresBin: null,
  classifyThreshold: 0.6,
  importLimits: DEFAULT_IMPORT_LIMITS,
  trustProxy: false,
  rateLimits: DEFAULT_RATE_LIMITS,
};

/** Defaults, overridden by the environment. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    dbPath: env.LINGWIRE_DATABASE_URL || env.LINGWIRE_DB || DEFAULT_CONFIG.dbPath,
    port: env.PORT ? Number(env.PORT) : DEFAULT_CONFIG.port,
    host: env.HOST || DEFAULT_CONFIG.host,
    publicUrl: publicUrlFrom(env.LINGWIRE_PUBLIC_URL),
    logLevel: env.LOG_LEVEL || DEFAULT_CONFIG.logLevel,
    relatedRecencyWeight: recencyFrom(env.LINGWIRE_RELATED_RECENCY),
    fetchHosts: fetchHostsFrom(env.LINGWIRE_FETCH_HOSTS),
    postgresBin: env.LINGWIRE_PG_BIN || DEFAULT_CONFIG.postgresBin,
    classifyThreshold: thresholdFrom(env.LINGWIRE_CLASSIFY_THRESHOLD),
    importLimits: {
      storyBytes: positiveIntegerSetting(
        'LINGWIRE_MAX_STORY_BYTES',
        env.LINGWIRE_MAX_STORY_BYTES,
        DEFAULT_IMPORT_LIMITS.storyBytes,
      ),
      paragraphs: positiveIntegerSetting(
        'LINGWIRE_MAX_PARAGRAPHS',
        env.LINGWIRE_MAX_PARAGRAPHS,
        DEFAULT_IMPORT_LIMITS.paragraphs,
      ),
      wordChars: positiveIntegerSetting(
        'LINGWIRE_MAX_WORD_CHARS',
        env.LINGWIRE_MAX_WORD_CHARS,
        DEFAULT_IMPORT_LIMITS.wordChars,
      ),
      recordBytes: positiveIntegerSetting(
        'LINGWIRE_MAX_RECORD_BYTES',
        env.LINGWIRE_MAX_RECORD_BYTES,
        DEFAULT_IMPORT_LIMITS.recordBytes,
      ),
    },
    trustProxy: trustProxyFrom(env.LINGWIRE_TRUST_PROXY),
    rateLimits: {
      searchPerMinute: countSetting(
        'LINGWIRE_RATE_LIMIT_SEARCH',
        env.LINGWIRE_RATE_LIMIT_SEARCH,
        DEFAULT_RATE_LIMITS.searchPerMinute,
      ),
      lookupPerMinute: countSetting(
        'LINGWIRE_RATE_LIMIT_LOOKUP',
        env.LINGWIRE_RATE_LIMIT_LOOKUP,
        DEFAULT_RATE_LIMITS.lookupPerMinute,
      ),
    },
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

function thresholdFrom(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_CONFIG.classifyThreshold;
  const threshold = Number(value);
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new AppError(
      'BAD_INPUT',
      `LINGWIRE_CLASSIFY_THRESHOLD must be a number from 0 to 1, not "${value}".`,
    );
  }
  return threshold;
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

/**
 * `LINGWIRE_TRUST_PROXY`: unset, empty, `false`, `no` or `0`: trust no proxy; `true` or `yes`: any;
 * a hop count (`1`: the nearest proxy); else the proxies' addresses.
 */
export function trustProxyFrom(value: string | undefined): boolean | number | string {
  const v = value?.trim().toLowerCase() ?? '';
  if (v === '' || v === 'false' || v === 'no' || v === '0') return false;
  if (v === 'true' || v === 'yes') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}
