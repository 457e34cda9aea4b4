/**
 * `/api/auth/*`: register, log in, log out, and the session (who is logged in, and the CSRF token
 * the pages send back). JSON bodies only: a cross-site form cannot post JSON, and the login page's
 * own form posts to `/login` (`account-pages.tsx`).
 */
import type { FastifyPluginAsync } from 'fastify';
import { requireUser } from '../auth/guard.js';
import type { LearnerWebContext } from '../auth/learner-context.js';
import { logIn, logOut, register, sessionInfo } from '../auth/login.js';
import { schemaError } from '../validation.js';

const CREDENTIALS = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 1, maxLength: 254 },
    password: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

interface Credentials {
  email: string;
  password: string;
}

export const authRoutes: FastifyPluginAsync<{ learn: LearnerWebContext }> = async (app, { learn }) => {
  const { auth, limits } = learn;
  app.setSchemaErrorFormatter(schemaError);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post<{ Body: Credentials }>(
    '/api/auth/register',
    { schema: { body: CREDENTIALS } },
    async (request, reply) => {
      const { user, csrfToken } = await register(
        auth,
        limits,
        request,
        reply,
        request.body.email,
        request.body.password,
      );
      return reply.code(201).send({ user, csrfToken });
    },
  );

  app.post<{ Body: Credentials }>(
    '/api/auth/login',
    { schema: { body: CREDENTIALS } },
    async (request, reply) => {
      return logIn(auth, limits, request, reply, request.body.email, request.body.password);
    },
  );

  app.post('/api/auth/logout', { preHandler: requireUser(auth) }, async (request, reply) => {
    await logOut(auth, request, reply);
    return reply.code(204).send();
  });

  app.get('/api/auth/session', async (request) => sessionInfo(auth, request));
};
