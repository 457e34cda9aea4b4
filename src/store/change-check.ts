/**
 * The store the site serves from reads SQLite's `data_version` at most once a millisecond: at
 * 30,000 page requests a second that is 1,000 reads instead of 30,000 (each 3–20 µs), and another
 * process's import still reaches the page cache within a millisecond of its commit. The front
 * thread (`web/front/thread.ts`) reads it as seldom; a module of its own so it loads nothing else.
 */
export const SERVING_CHANGE_CHECK_MS = 1;
