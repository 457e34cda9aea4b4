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
  | 'WORD_NOT_FOUND'
  | 'DICTIONARY_UNAVAILABLE'
  | 'STORE_FAILURE'
  | 'STORE_BUSY'
  /** A programming error in the use of the store (a repository used outside its transaction). */
  | 'STORE_MISUSE';

const HTTP_STATUS: Record<ErrorCode, number> = {
  USAGE: 400,
  BAD_INPUT: 400,
  INVALID_STORY: 400,
  UNSUPPORTED_FORMAT: 400,
  FILE_NOT_FOUND: 404,
  STORY_NOT_FOUND: 404,
  SECTION_NOT_FOUND: 404,
  WORD_NOT_FOUND: 404,
  DICTIONARY_UNAVAILABLE: 503,
  STORE_FAILURE: 500,
  STORE_BUSY: 503,
  STORE_MISUSE: 500,
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
