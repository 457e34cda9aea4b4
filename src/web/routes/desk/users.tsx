/** 用户 Users on the desk (admins only; pages and forms): invite, change roles, revoke sessions and tokens. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../../../learner/model.js';
import { currentUser, requireRole } from '../../auth/guard.js';
import { deskPath } from '../../paths.js';
import { schemaError } from '../../validation.js';
import { UsersView, type UsersViewProps } from '../../views/desk/users.js';
import { type DeskRouteOptions, deskViewer, sendDeskPage } from './context.js';
import { doneQuery, field, formBody, ID_PARAMS } from './forms.js';

const DONE: Record<string, string> = {
  role: '已修改角色。 Role changed.',
  revoked: '已撤销该账户的所有会话和令牌。 Every session and token of the account is revoked.',
};

export const deskUserPages: FastifyPluginAsync<DeskRouteOptions> = async (app, { ctx, learn, services }) => {
  const users = services.desk.users;
  app.setSchemaErrorFormatter(schemaError);
  // Runs after the desk's editor check: an editor gets 403 here.
  app.addHook('preValidation', requireRole(learn.auth, 'admin', { page: true }));
  const back = (done: string) => `${deskPath('users')}?done=${done}`;
  const page = async (request: FastifyRequest, extra: Pick<UsersViewProps, 'done' | 'invited'> = {}) => (
    <UsersView
      chrome={await ctx.chrome()}
      viewer={deskViewer(request)}
      users={await users.list()}
      {...extra}
    />
  );

  app.get<{ Querystring: { done?: string } }>(
    deskPath('users'),
    { schema: { querystring: doneQuery(DONE) } },
    async (request, reply) =>
      sendDeskPage(reply, await page(request, { done: request.query.done && DONE[request.query.done] })),
  );

  // The temporary password is shown once, in the answer to the post itself (never in a URL, so no redirect).
  app.post<{ Body: { email: string; role: Role } }>(
    deskPath('users'),
    {
      schema: {
        body: formBody({ email: field(254), role: { type: 'string', enum: [...ROLES] } }, ['email', 'role']),
      },
    },
    async (request, reply) => {
      const invited = await users.invite(request.body.email, request.body.role);
      return sendDeskPage(reply, await page(request, { invited }), 201);
    },
  );

  app.post<{ Params: { id: string }; Body: { role: Role } }>(
    '/desk/users/:id/role',
    {
      schema: { params: ID_PARAMS, body: formBody({ role: { type: 'string', enum: [...ROLES] } }, ['role']) },
    },
    async (request, reply) => {
      await users.setRole(currentUser(request), Number(request.params.id), request.body.role);
      return reply.redirect(back('role'), 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/desk/users/:id/revoke',
    { schema: { params: ID_PARAMS, body: formBody({}) } },
    async (request, reply) => {
      await users.revoke(Number(request.params.id));
      return reply.redirect(back('revoked'), 303);
    },
  );
};
