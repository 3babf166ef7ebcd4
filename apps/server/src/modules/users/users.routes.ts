import { AssignRolesInput, CreateUserInput, IdParam, InitialPasswordDto, pageOf, UpdateUserInput, UserDto, UserListQuery } from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { assignRoles, createUser, getUser, listUsers, resetPassword, unlockUser, updateUser } from './users.service';

const tags = ['用户管理'];

export const userRoutes: RouteModule = (app, deps) => {
  app.get('/api/users', {
    schema: { tags, summary: '用户列表（数据权限内）', querystring: UserListQuery, response: { 200: pageOf(UserDto) } },
    config: { access: { auth: 'staff', permission: 'user.read' } },
  }, (req) => listUsers(deps, ctxOf(req), req.query));

  app.get('/api/users/:id', {
    schema: { tags, summary: '用户详情', params: IdParam, response: { 200: UserDto } },
    config: { access: { auth: 'staff', permission: 'user.read' } },
  }, (req) => getUser(deps, ctxOf(req), req.params.id));

  app.post('/api/users', {
    schema: { tags, summary: '新增用户（返回一次性初始密码）', body: CreateUserInput, response: { 200: z.object({ user: UserDto, initialPassword: z.string() }) } },
    config: { access: { auth: 'staff', permission: 'user.create' } },
  }, (req) => createUser(deps, ctxOf(req), req.body));

  app.patch('/api/users/:id', {
    schema: { tags, summary: '修改用户', params: IdParam, body: UpdateUserInput, response: { 200: UserDto } },
    config: { access: { auth: 'staff', permission: 'user.update' } },
  }, (req) => updateUser(deps, ctxOf(req), req.params.id, req.body));

  app.put('/api/users/:id/roles', {
    schema: { tags, summary: '分配角色', params: IdParam, body: AssignRolesInput, response: { 200: UserDto } },
    config: { access: { auth: 'staff', permission: 'user.assignRole' } },
  }, (req) => assignRoles(deps, ctxOf(req), req.params.id, req.body));

  app.post('/api/users/:id/reset-password', {
    schema: { tags, summary: '重置密码（返回一次性初始密码）', params: IdParam, response: { 200: InitialPasswordDto } },
    config: { access: { auth: 'staff', permission: 'user.resetPassword' } },
  }, (req) => resetPassword(deps, ctxOf(req), req.params.id));

  app.post('/api/users/:id/unlock', {
    schema: { tags, summary: '解锁账号', params: IdParam, response: { 200: UserDto } },
    config: { access: { auth: 'staff', permission: 'user.unlock' } },
  }, (req) => unlockUser(deps, ctxOf(req), req.params.id));
};
