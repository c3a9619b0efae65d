import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParam, RoleList, RoleParam, RolePermissionsUpdate, RoleView, UserInput, UserListQuery, UserPage, UserUpdate, UserView } from '@shared/admin/admin.schema';
import { ErrorBody } from '@shared/errors';
import * as users from './users.service';

export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/users', {
    config: { permission: 'admin.users' },
    schema: { summary: 'Staff accounts in the caller\'s jurisdiction', tags: ['admin'], querystring: UserListQuery, response: { 200: UserPage } },
  }, (req) => users.listUsers(req.ctx, req.query));

  app.post('/users', {
    config: { permission: 'admin.users' },
    schema: { summary: 'Create a staff account', tags: ['admin'], body: UserInput, response: { 201: UserView, 400: ErrorBody, 409: ErrorBody } },
  }, async (req, reply) => reply.code(201).send(await users.createUser(req.ctx, req.body)));

  app.patch('/users/:id', {
    config: { permission: 'admin.users' },
    schema: { summary: 'Change a staff account', tags: ['admin'], params: IdParam, body: UserUpdate, response: { 200: UserView, 404: ErrorBody } },
  }, (req) => users.updateUser(req.ctx, req.params.id, req.body));

  app.get('/roles', {
    config: { permission: 'admin.roles' },
    schema: { summary: 'Roles and their permissions', tags: ['admin'], response: { 200: RoleList } },
  }, (req) => users.listRoles(req.ctx));

  app.put('/roles/:code/permissions', {
    config: { permission: 'admin.roles' },
    schema: { summary: 'Replace the permissions of a role', tags: ['admin'], params: RoleParam, body: RolePermissionsUpdate, response: { 200: RoleView, 404: ErrorBody } },
  }, (req) => users.updateRolePermissions(req.ctx, req.params.code, req.body));
};
