/**
 * Turning a request Fastify's schemas refused into one sentence a person can act on, naming the
 * parameter: `Query parameter "word" was given 2 times; give it once.`, `Query parameter
 * "limit" must be a whole number from 1 to 100, not "500".` The wording comes from the
 * parameter's `description` in the route schema, the same text the API reference shows.
 */
import type { FastifyRequest, FastifySchemaValidationError } from 'fastify';

const PLACES: Record<string, string> = {
  querystring: 'Query parameter',
  params: 'Path parameter',
  body: 'Field',
  headers: 'Header',
};

type Part = 'querystring' | 'params' | 'body' | 'headers';

/** The schema of one parameter of the route that served `request`, if it has one. */
function parameterSchema(request: FastifyRequest, part: Part, name: string): { description?: string } | null {
  const schema = request.routeOptions.schema?.[part] as
    | { properties?: Record<string, { description?: string }> }
    | undefined;
  return schema?.properties?.[name] ?? null;
}

function parameterValue(request: FastifyRequest, part: Part, name: string): unknown {
  const source = part === 'querystring' ? request.query : part === 'params' ? request.params : request.body;
  return source && typeof source === 'object' ? (source as Record<string, unknown>)[name] : undefined;
}

export function validationMessage(
  request: FastifyRequest,
  errors: readonly FastifySchemaValidationError[],
  context: string | undefined,
): string {
  const part = (context ?? 'querystring') as Part;
  const place = PLACES[part] ?? 'Parameter';
  const first = errors[0];
  if (!first) return 'The request is not valid.';
  const params = first.params as Record<string, unknown>;
  const name =
    first.keyword === 'required'
      ? String(params.missingProperty ?? '')
      : first.instancePath.replace(/^\//, '').split('/')[0] || '';
  if (!name) return `The request's ${part} ${first.message ?? 'is not valid'}.`;
  if (first.keyword === 'required') return `${place} "${name}" is required.`;
  const value = parameterValue(request, part, name);
  if (Array.isArray(value)) return `${place} "${name}" was given ${value.length} times; give it once.`;
  if (first.keyword === 'additionalProperties') {
    return `${place} "${String(params.additionalProperty)}" is not known here.`;
  }
  const description = parameterSchema(request, part, name)?.description;
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  const allowed =
    first.keyword === 'enum' && Array.isArray(params.allowedValues) ? params.allowedValues : null;
  const expected =
    description ??
    (allowed ? `one of: ${allowed.join(', ')}` : (first.message ?? 'is not valid').replace(/^must be /, ''));
  return `${place} "${name}" must be ${expected}, not ${JSON.stringify(shown)}.`;
}
