/**
 * Security headers on every response (pages, JSON, assets, errors, 304s), built once.
 *
 * The Content-Security-Policy allows scripts and styles from the site itself only: no inline
 * `<script>`, no `on…=` handlers, no `style=` attributes, no `eval`. JSON-LD
 * (`<script type="application/ld+json">`) is data, not script, and is not affected. Framing is
 * refused (`frame-ancestors 'none'`). HSTS is sent only when the site is known to be reached over
 * https: `LINGWIRE_PUBLIC_URL` starts with `https:`, or, when `LINGWIRE_TRUST_PROXY` is set, the
 * proxy says so in `X-Forwarded-Proto` (Fastify's `request.protocol`). Over plain http an HSTS
 * header would be ignored at best, and behind an untrusted proxy anyone could forge it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Two years: what the HSTS preload list asks for. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000';

const BASE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  // For browsers that predate frame-ancestors.
  'x-frame-options': 'DENY',
};

const WITH_HSTS: Readonly<Record<string, string>> = {
  ...BASE_HEADERS,
  'strict-transport-security': STRICT_TRANSPORT_SECURITY,
};

export interface SecurityOptions {
  /** The site's public address; an `https:` one turns HSTS on for every response. */
  publicUrl: string | null;
  /** Whether `X-Forwarded-Proto` is believed (the app's `trustProxy`); then https requests get HSTS. */
  trustProxy: boolean;
}

/**
 * The headers every response gets when they do not depend on the request (for the fast path,
 * `fast-path.ts`); null when they do (a trusted proxy may say https, which adds HSTS).
 */
export function constantSecurityHeaders(options: SecurityOptions): Readonly<Record<string, string>> | null {
  if (options.publicUrl?.startsWith('https:')) return WITH_HSTS;
  return options.trustProxy ? null : BASE_HEADERS;
}

/** What sets the headers on a reply; the same for every request unless HSTS depends on the proxy. */
export type SecurityHeaders = (request: FastifyRequest, reply: FastifyReply) => void;

/** The function that sets the headers, chosen once from the options. */
export function securityHeaders(options: SecurityOptions): SecurityHeaders {
  const constant = constantSecurityHeaders(options);
  if (constant) return (_request, reply) => void reply.headers(constant);
  return (request, reply) => void reply.headers(request.protocol === 'https' ? WITH_HSTS : BASE_HEADERS);
}

/**
 * Adds the headers in one `onRequest` hook: a constant object, no per-request work beyond copying
 * it. Fastify's own early answers (a malformed URL, an overlong path parameter) skip the hooks:
 * `frameworkErrors` in `app.tsx` calls the same function.
 */
export function addSecurityHeaders(app: FastifyInstance, set: SecurityHeaders): void {
  app.addHook('onRequest', (request, reply, done) => {
    set(request, reply);
    done();
  });
}
