/** Accounts as JSON (admins only): list, invite, change a role, revoke sessions and tokens. */
import type { FastifyPluginAsync } from 'fastify';
import { ROLES, type Role } from '../../../learner/model.js';
import { currentUser, requireRole } from '../../auth/guard.js';
import { deskApiPath } from '../../paths.js';
import { schemaError } from '../../validation.js';
import type { DeskRouteOptions } from './context.js';
import { DESK_API_TAGS, ID_PARAMS, jsonBody } from './forms.js';

export const deskUserApi: FastifyPluginAsync<DeskRouteOptions> = async (app, { learn, services }) => {
  const users = services.desk.users;
  app.setSchemaErrorFormatter(schemaError);
  app.addHook('preValidation', requireRole(learn.auth, 'admin'));
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    deskApiPath('users'),
    { schema: { tags: DESK_API_TAGS, summary: 'Every account (admins)' } },
    async () => ({ users: await users.list() }),
  );

  app.post<{ Body: { email: string; role: Role } }>(
    deskApiPath('users'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary:
          'Invite: create an account with a role and a temporary password, returned this once (admins)',
        body: jsonBody(
          { email: { type: 'string', maxLength: 254 }, role: { type: 'string', enum: [...ROLES] } },
          ['email', 'role'],
        ),
      },
    },
    async (request, reply) => {
      const { user, password } = await users.invite(request.body.email, request.body.role);
      return reply.code(201).send({ user, temporaryPassword: password });
    },
  );

  app.patch<{ Params: { id: string }; Body: { role: Role } }>(
    deskApiPath('users/:id'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary: 'Change an account’s role (admins; not your own admin role)',
        params: ID_PARAMS,
        body: jsonBody({ role: { type: 'string', enum: [...ROLES] } }, ['role']),
      },
    },
    async (request) => users.setRole(currentUser(request), Number(request.params.id), request.body.role),
  );

  app.post<{ Params: { id: string } }>(
    deskApiPath('users/:id/revoke'),
    {
      schema: {
        tags: DESK_API_TAGS,
        summary: 'End every session and delete every API token of an account (admins)',
        params: ID_PARAMS,
      },
    },
    async (request) => users.revoke(Number(request.params.id)),
  );
};
