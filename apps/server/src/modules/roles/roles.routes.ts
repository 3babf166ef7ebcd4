import { IdParam, OkDto, RoleDto, RoleInput, UpdateRoleInput } from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { createRole, deleteRole, listRoles, updateRole } from './roles.service';

const tags = ['角色与权限'];

export const roleRoutes: RouteModule = (app, deps) => {
  app.get('/api/roles', {
    schema: { tags, summary: '角色列表', response: { 200: z.array(RoleDto) } },
    config: { access: { auth: 'staff', permission: 'role.read' } },
  }, () => listRoles(deps));

  app.post('/api/roles', {
    schema: { tags, summary: '新增角色', body: RoleInput, response: { 200: RoleDto } },
    config: { access: { auth: 'staff', permission: 'role.create' } },
  }, (req) => createRole(deps, ctxOf(req), req.body));

  app.patch('/api/roles/:id', {
    schema: { tags, summary: '修改角色（功能权限与数据权限）', params: IdParam, body: UpdateRoleInput, response: { 200: RoleDto } },
    config: { access: { auth: 'staff', permission: 'role.update' } },
  }, (req) => updateRole(deps, ctxOf(req), req.params.id, req.body));

  app.delete('/api/roles/:id', {
    schema: { tags, summary: '删除角色（内置角色不可删除）', params: IdParam, response: { 200: OkDto } },
    config: { access: { auth: 'staff', permission: 'role.delete' } },
  }, async (req) => {
    await deleteRole(deps, ctxOf(req), req.params.id);
    return { ok: true as const };
  });
};
