/**
 * Which methods a path supports, for answering 405 (with `Allow`) instead of 404 when a route
 * exists under another method. Routes are collected as they are registered (`onRoute`), each
 * pattern compiled once; the lookup only runs on the not-found path, never on a served request.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';

interface RoutePattern {
  pattern: RegExp;
  methods: Set<string>;
}

/** `/stories/:ref/related` → `^/stories/[^/]+/related$`; `/assets/*` → `^/assets/.*$`. */
function compile(url: string): RegExp {
  const source = url
    .split('/')
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

export class AllowedMethods {
  private readonly routes = new Map<string, RoutePattern>();

  /** Starts collecting: call before any route is registered. */
  constructor(app: FastifyInstance) {
    app.addHook('onRoute', (route: RouteOptions) => this.add(route));
  }

  private add(route: RouteOptions): void {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const entry = this.routes.get(route.url) ?? { pattern: compile(route.url), methods: new Set<string>() };
    for (const method of methods) entry.methods.add(method.toUpperCase());
    this.routes.set(route.url, entry);
  }

  /** The methods `path` answers to (sorted), or none when no route matches it under any method. */
  allowedFor(path: string): string[] {
    const found = new Set<string>();
    for (const { pattern, methods } of this.routes.values()) {
      if (pattern.test(path)) for (const method of methods) found.add(method);
    }
    return [...found].sort();
  }
}
