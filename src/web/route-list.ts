/**
 * Every route the app registers, with its schema, collected as they are registered (`onRoute`):
 * the authorisation tests walk it so a new route is covered without being listed, and operators'
 * tools can print it. Reading it costs nothing on a request.
 */
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';

export interface RegisteredRoute {
  /** Upper case: `POST`. */
  method: string;
  /** The pattern: `/api/me/wordbook/:id`. */
  url: string;
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route (one entry a method), in registration order. */
    lingwireRoutes: readonly RegisteredRoute[];
  }
}

/** Starts collecting: call before any route is registered. */
export function collectRoutes(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  app.decorate('lingwireRoutes', routes);
  app.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) {
      routes.push({ method: method.toUpperCase(), url: route.url, schema: route.schema });
    }
  });
}
