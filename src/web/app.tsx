/**
 * Builds the web application from its dependencies. Building is kept apart from listening
 * (`server.ts`), so tests drive the real app through `app.inject()` without a socket.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import type { ComponentChildren } from 'preact';
import { DEFAULT_CONFIG, type RateLimits } from '../core/config.js';
import { isAppError } from '../core/errors.js';
import { readWriterStatus } from '../writer/status.js';
import { AllowedMethods } from './allowed-methods.js';
import { ASSET_ROOTS, isServableAsset, versionedAssetUrl } from './assets.js';
import type { LearnerWebContext } from './auth/learner-context.js';
import { loginLimits } from './auth/login.js';
import type { WebContext, WebServices } from './context.js';
import { FastPath, fastPathServer } from './fast-path.js';
import { PageCache } from './page-cache.js';
import { addRateLimits } from './rate-limits.js';
import { renderHtml } from './render.js';
import { validationMessage } from './request-errors.js';
import { addUrlLimit, requestErrorOf, requestLimitOptions } from './request-limits.js';
import { collectRoutes } from './route-list.js';
import { aboutRoutes } from './routes/about.js';
import { accountPageRoutes } from './routes/account-pages.js';
import { apiRoutes } from './routes/api.js';
import { authRoutes } from './routes/auth.js';
import { deskRoutes } from './routes/desk.js';
import { feedRoutes } from './routes/feeds.js';
import { forMeRoutes } from './routes/for-me.js';
import { healthRoutes } from './routes/health.js';
import { homeRoutes } from './routes/home.js';
import { learnerPageRoutes } from './routes/learner-pages.js';
import { lookupRoutes } from './routes/lookup.js';
import { meRoutes } from './routes/me.js';
import { openApiRoutes, registerOpenApi } from './routes/openapi.js';
import { progressRoutes } from './routes/progress.js';
import { searchRoutes } from './routes/search.js';
import { sectionRoutes } from './routes/sections.js';
import { sitemapRoutes } from './routes/sitemap.js';
import { storyRoutes } from './routes/stories.js';
import { storyMarkRoutes } from './routes/story-marks.js';
import { wordbookRoutes } from './routes/wordbook.js';
import { addSecurityHeaders, constantSecurityHeaders, securityHeaders } from './security-headers.js';
import { MessagePageView } from './views/message-page.js';
import { NotFoundHelp } from './views/search-page.js';

export type { WebServices } from './context.js';

export interface AppDeps {
  /** Closed when the app closes. */
  services: WebServices;
  /**
   * Absolute site address for canonical and OpenGraph links, feeds and the sitemap
   * (`LINGWIRE_PUBLIC_URL`). When null, the default listen address until the server sets the
   * address it listens on (`SiteAddress`); never the request's Host header, which anyone can forge
   * and which would then be cached in pages every reader gets.
   */
  publicUrl?: string | null;
  /** URLs in one sitemap before it becomes an index of parts. Default 50,000 (the protocol's limit). */
  sitemapMaxUrls?: number;
  /** Fastify logger setting; default off (the server turns it on). */
  logger?: FastifyServerOptions['logger'];
  /** Whether to believe `X-Forwarded-For` (Fastify's `trustProxy`; `Config.trustProxy`). Default false. */
  trustProxy?: boolean | number | string;
  /** Search and lookup rate limits (`Config.rateLimits`; `serve` passes the configured ones). Default none. */
  rateLimits?: RateLimits;
}

function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/** The site's absolute address (no trailing slash), as pages, feeds and the sitemap link to it. */
export interface SiteAddress {
  url: string;
  /** Whether it came from `LINGWIRE_PUBLIC_URL` (else the listen address stands in). */
  configured: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by `startServer` to the listen address when no public URL is configured. */
    lingwireSite: SiteAddress;
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const security = { publicUrl: deps.publicUrl ?? null, trustProxy: (deps.trustProxy ?? false) !== false };
  const setSecurityHeaders = securityHeaders(security);
  const cache = new PageCache(deps.services.store);
  // Cached pages are answered before Fastify's routing and hooks (`fast-path.ts`).
  const fastPath = new FastPath(cache, constantSecurityHeaders(security));
  const app = Fastify({
    // Body, URL and header sizes, and errors before a request exists (`request-limits.ts`).
    ...requestLimitOptions(),
    serverFactory: fastPathServer(fastPath),
    logger: deps.logger ?? false,
    // Request lines would be most of the log and a fifth of the CPU on a busy site; errors still log.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    // A hop count becomes the function Fastify's types take for it (trust the nearest N proxies).
    trustProxy: typeof deps.trustProxy === 'number' ? trustHops(deps.trustProxy) : (deps.trustProxy ?? false),
    // A malformed URL or an overlong path parameter, answered before any hook runs.
    frameworkErrors: (error, request, reply) => {
      setSecurityHeaders(request, reply);
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const message = tooLong ? 'A part of this address is too long.' : 'This address is not a valid URL.';
      return (reply as FastifyReply)
        .code(tooLong ? 414 : 400)
        .send({ error: { code: tooLong ? 'URI_TOO_LONG' : 'BAD_URL', message } });
    },
  });
  const { services } = deps;
  app.addHook('onClose', () => services.close());
  app.addHook('preClose', (done) => {
    fastPath.close();
    done();
  });
  const site: SiteAddress = {
    url: deps.publicUrl ?? `http://${DEFAULT_CONFIG.host}:${DEFAULT_CONFIG.port}`,
    configured: Boolean(deps.publicUrl),
  };
  app.decorate('lingwireSite', site);
  addSecurityHeaders(app, setSecurityHeaders);
  addUrlLimit(app);
  // Collected from here on: every route registered below, for 405 answers.
  const allowed = new AllowedMethods(app);
  collectRoutes(app);
  await addRateLimits(app, deps.rateLimits ?? { searchPerMinute: 0, lookupPerMinute: 0 });
  await registerOpenApi(app);
  const dictionary = services.dictionary();
  const stylesheet = versionedAssetUrl('site.css');
  const accountScript = versionedAssetUrl('account.js');
  const ctx: WebContext = {
    reading: services.reading,
    search: services.search,
    cache,
    dictionary,
    analyze: dictionary ? services.analyze : null,
    readerScript: versionedAssetUrl('reader.js'),
    learnerScript: versionedAssetUrl('learner.js'),
    writerStatus: () => readWriterStatus(services.store),
    siteUrl: () => site.url,
    chrome: async () => ({
      stylesheet,
      sections: await services.reading.listSections(),
      publicUrl: site.url,
      accountScript,
    }),
  };

  // For operators' tools and tests: hit and miss counts, precise invalidation, the fast path's count.
  app.decorate('lingwireCache', ctx.cache);
  app.decorate('lingwireFastPath', fastPath);

  await app.register(fastifyStatic, {
    root: [...ASSET_ROOTS],
    prefix: '/assets/',
    allowedPath: (path, root) => isServableAsset(path, root),
    // URLs carry a content hash (?v=…), so a year is safe.
    maxAge: '365d',
    immutable: true,
  });

  const wantsJson = (url: string) => url.startsWith('/api/');

  /** An HTML page with a message (404s and errors); the site's chrome if it can be had. */
  const sendMessage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    text: { titleZh: string; titleEn: string; detail: string },
    children?: ComponentChildren,
  ) => {
    const chrome = await ctx.chrome().catch(() => ({ stylesheet, sections: [], publicUrl: site.url }));
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        renderHtml(
          <MessagePageView chrome={chrome} path={request.url} {...text}>
            {children}
          </MessagePageView>,
        ),
      );
  };

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?', 1)[0]!;
    const methods = allowed.allowedFor(path);
    if (methods.length > 0 && !methods.includes(request.method)) {
      const message = `${request.method} is not allowed at ${path}; it answers ${methods.join(', ')}.`;
      reply.header('allow', methods.join(', '));
      if (wantsJson(request.url) || request.method !== 'GET') {
        return reply.code(405).send({ error: { code: 'METHOD_NOT_ALLOWED', message } });
      }
      return sendMessage(request, reply, 405, {
        titleZh: '不支持这种请求',
        titleEn: 'Method not allowed',
        detail: message,
      });
    }
    if (wantsJson(request.url)) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `Nothing at ${request.url}.` } });
    }
    const newest = await services.reading.listStories({ limit: 5, offset: 0 }).catch(() => []);
    return sendMessage(
      request,
      reply,
      404,
      {
        titleZh: '找不到这个页面',
        titleEn: 'Page not found',
        detail: '这个地址没有内容：文章可能已被删除，或者链接有误。 There is nothing at this address.',
      },
      <NotFoundHelp stories={newest} />,
    );
  });

  app.setErrorHandler(async (raw, request, reply) => {
    const error = requestErrorOf(raw) ?? raw;
    const known = isAppError(error);
    const { validation, validationContext } = error as FastifyError;
    const status = validation
      ? 400
      : known
        ? error.status
        : ((error as { statusCode?: number }).statusCode ?? 500);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const code = known ? error.code : validation ? 'BAD_INPUT' : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
    const message = validation
      ? validationMessage(request, validation, validationContext)
      : status >= 500 && !known
        ? 'Something went wrong on the server.'
        : (error as Error).message;
    if (wantsJson(request.url)) return reply.code(status).send({ error: { code, message } });
    return sendMessage(request, reply, status, {
      titleZh: status >= 500 ? '服务器出错了' : '请求有误',
      titleEn: status >= 500 ? 'Server error' : 'Bad request',
      detail: message,
    });
  });

  // Route plugins by feature, each serving its pages and JSON (authentication can be scoped per
  // plugin later); registered after the handlers above so they inherit them.
  for (const routes of [
    homeRoutes,
    sectionRoutes,
    storyRoutes,
    apiRoutes,
    searchRoutes,
    lookupRoutes,
    openApiRoutes,
    feedRoutes,
    aboutRoutes,
    healthRoutes,
  ]) {
    await app.register(routes, { ctx });
  }
  // Learner accounts (issue #14): the guard in `auth/guard.ts` (requireUser, requireRole) is for every
  // route that needs an account.
  await app.register(fastifyCookie);
  const learn: LearnerWebContext = {
    learner: services.learner,
    auth: { accounts: services.learner.accounts, secureCookies: (deps.publicUrl ?? '').startsWith('https:') },
    limits: loginLimits(),
  };
  for (const routes of [authRoutes, meRoutes, wordbookRoutes, storyMarkRoutes])
    await app.register(routes, { learn });
  await app.register(accountPageRoutes, { ctx, learn });
  await app.register(learnerPageRoutes, { ctx });
  await app.register(forMeRoutes, { ctx, learn });
  await app.register(progressRoutes, { ctx, learn });
  await app.register(sitemapRoutes, { ctx, maxUrls: deps.sitemapMaxUrls });
  // The editors' desk (issue #15): pages under /desk and its JSON API, editors and admins only.
  await app.register(deskRoutes, { ctx, learn, services });
  return app;
}
