/**
 * One error type for everything a user or an operator can be told about.
 *
 * `code` is stable (tests and API clients match on it); `message` is a sentence for a person that
 * says what was wrong and where. It is turned into an HTTP response in `web/app.ts` and into a CLI
 * message in `cli/main.ts`, and nowhere else.
 */
export type ErrorCode =
  | 'USAGE'
  | 'BAD_INPUT'
  | 'INVALID_STORY'
  | 'UNSUPPORTED_FORMAT'
  | 'FILE_NOT_FOUND'
  | 'STORY_NOT_FOUND'
  | 'SECTION_NOT_FOUND'
  /** A section slug that another section has. */
  | 'SECTION_EXISTS'
  | 'WORD_NOT_FOUND'
  | 'DICTIONARY_UNAVAILABLE'
  | 'STORE_FAILURE'
  | 'STORE_BUSY'
  /** A programming error in the use of the store (a repository used outside its transaction). */
  | 'STORE_MISUSE'
  /** A copy or restore would overwrite a database that holds a site, and `--force` was not given. */
  | 'DATABASE_NOT_EMPTY'
  /** An external program lingwire needs (pg_dump, pg_restore) is not installed. */
  | 'TOOL_MISSING'
  /** A URL lingwire will not fetch: not http(s), a host off the allow-list, a private address, a wrong content type. */
  | 'FETCH_REFUSED'
  /** The server could not be reached or answered with an error status. */
  | 'FETCH_FAILED'
  /** Connecting or the whole fetch took longer than allowed. */
  | 'FETCH_TIMEOUT'
  /** The response is larger than the size cap. */
  | 'FETCH_TOO_LARGE'
  /** Bytes that should be a feed are not one (not XML or JSON Feed, or no feed root). */
  | 'NOT_A_FEED'
  /** A web page in which no article text was found. */
  | 'NO_ARTICLE_TEXT'
  /** No feed subscription with that id. */
  | 'FEED_NOT_FOUND'
  /** A feed URL that is already subscribed. */
  | 'FEED_EXISTS'
  /** One or more feeds could not be polled (each one's error is in its state). */
  | 'FEED_UNREACHABLE'
  /** A search query with nothing to look for (empty, only punctuation, only `-word`). */
  | 'BAD_QUERY'
  /** No session or API token, or one that expired or was revoked. */
  | 'UNAUTHENTICATED'
  /** Logged in, but the account's role may not do this. */
  | 'FORBIDDEN'
  /** A cookie-authenticated state change without the session's CSRF token. */
  | 'CSRF_TOKEN_INVALID'
  /** Wrong email or password (never which of the two). */
  | 'LOGIN_FAILED'
  /** Too many login attempts for an account or from an address; try again later. */
  | 'TOO_MANY_ATTEMPTS'
  /** An account with that email exists. */
  | 'USER_EXISTS'
  | 'USER_NOT_FOUND'
  /** No 生词本 entry with that id for this learner. */
  | 'ENTRY_NOT_FOUND'
  /** The learner keeps that word in the 生词本 already. */
  | 'ALREADY_IN_WORDBOOK'
  /** Too many searches or lookups from one address in a minute; `Retry-After` says when to try again. */
  | 'RATE_LIMITED'
  /** A request body over the size limit. */
  | 'BODY_TOO_LARGE'
  /** A request URL over the length limit. */
  | 'URI_TOO_LONG'
  /** A body of a media type the route does not take. */
  | 'UNSUPPORTED_MEDIA_TYPE'
  /** A body that says it is JSON and is not. */
  | 'BAD_JSON';

const HTTP_STATUS: Record<ErrorCode, number> = {
  USAGE: 400,
  BAD_INPUT: 400,
  INVALID_STORY: 400,
  UNSUPPORTED_FORMAT: 400,
  FILE_NOT_FOUND: 404,
  STORY_NOT_FOUND: 404,
  SECTION_NOT_FOUND: 404,
  SECTION_EXISTS: 409,
  WORD_NOT_FOUND: 404,
  DICTIONARY_UNAVAILABLE: 503,
  STORE_FAILURE: 500,
  STORE_BUSY: 503,
  STORE_MISUSE: 500,
  DATABASE_NOT_EMPTY: 409,
  TOOL_MISSING: 500,
  FETCH_REFUSED: 400,
  FETCH_FAILED: 502,
  FETCH_TIMEOUT: 504,
  FETCH_TOO_LARGE: 413,
  NOT_A_FEED: 422,
  NO_ARTICLE_TEXT: 422,
  FEED_NOT_FOUND: 404,
  FEED_EXISTS: 409,
  FEED_UNREACHABLE: 502,
  BAD_QUERY: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  LOGIN_FAILED: 401,
  TOO_MANY_ATTEMPTS: 429,
  USER_EXISTS: 409,
  USER_NOT_FOUND: 404,
  ENTRY_NOT_FOUND: 404,
  ALREADY_IN_WORDBOOK: 409,
  RATE_LIMITED: 429,
  BODY_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BAD_JSON: 400,
};

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The HTTP status this error maps to. */
  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
