/**
 * What the desk's page and API plugins share: JSON schemas for ids and form fields (every value
 * a single string, so a repeated or malformed field is a 400 `BAD_INPUT`), and the messages a
 * page shows after a post/redirect/get (`?done=<code>`, never the text itself).
 */

/** An id in a path: a whole number from 1. */
export const ID = {
  type: 'string',
  pattern: '^[1-9][0-9]{0,9}$',
  description: 'a whole number from 1',
} as const;

/** Path parameters `{ id }`. */
export const ID_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: ID },
} as const;

/** A form field: one string of at most `max` characters. */
export const field = (max = 200, extra: Record<string, unknown> = {}) => ({
  type: 'string',
  maxLength: max,
  ...extra,
});

/** A form body: these fields (all strings) and the CSRF token, nothing else. */
export function formBody(properties: Record<string, unknown>, required: string[] = []) {
  return {
    type: 'object',
    required,
    additionalProperties: false,
    properties: { ...properties, _csrf: { type: 'string', maxLength: 200 } },
  };
}

/** A JSON body: these properties, nothing else. */
export function jsonBody(properties: Record<string, unknown>, required: string[] = []) {
  return { type: 'object', required, additionalProperties: false, properties };
}

/** A page's `?done=` query: one of `codes`. */
export function doneQuery(codes: Record<string, string>) {
  return {
    type: 'object',
    properties: { done: { type: 'string', enum: Object.keys(codes) } },
  };
}

/** `{ error }` as every JSON error is shaped, for the OpenAPI document. */
export const DESK_API_TAGS = ['desk'];
