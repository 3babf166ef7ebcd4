import { CreateUnitInput, IdParam, OkDto, UnitDto, UpdateUnitInput } from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { createUnit, deleteUnit, getUnit, listRegions, listUnits, updateUnit } from './units.service';

const tags = ['机构管理'];

export const unitRoutes: RouteModule = (app, deps) => {
  app.get('/api/units', {
    schema: { tags, summary: '机构列表（数据权限内，按树序）', response: { 200: z.array(UnitDto) } },
    config: { access: { auth: 'staff', permission: 'unit.read' } },
  }, (req) => listUnits(deps, ctxOf(req)));

  app.get('/api/units/:id', {
    schema: { tags, summary: '机构详情', params: IdParam, response: { 200: UnitDto } },
    config: { access: { auth: 'staff', permission: 'unit.read' } },
  }, (req) => getUnit(deps, ctxOf(req), req.params.id));

  app.post('/api/units', {
    schema: { tags, summary: '新增下级机构', body: CreateUnitInput, response: { 200: UnitDto } },
    config: { access: { auth: 'staff', permission: 'unit.create' } },
  }, (req) => createUnit(deps, ctxOf(req), req.body));

  app.patch('/api/units/:id', {
    schema: { tags, summary: '修改机构', params: IdParam, body: UpdateUnitInput, response: { 200: UnitDto } },
    config: { access: { auth: 'staff', permission: 'unit.update' } },
  }, (req) => updateUnit(deps, ctxOf(req), req.params.id, req.body));

  app.delete('/api/units/:id', {
    schema: { tags, summary: '删除机构（无下级、无用户时）', params: IdParam, querystring: z.object({ version: z.coerce.number().int() }), response: { 200: OkDto } },
    config: { access: { auth: 'staff', permission: 'unit.delete' } },
  }, async (req) => {
    await deleteUnit(deps, ctxOf(req), req.params.id, req.query.version);
    return { ok: true as const };
  });

  app.get('/api/regions', {
    schema: {
      tags,
      summary: '区划代码（下级列表）',
      querystring: z.object({ parent: z.string().regex(/^\d{2,9}$/).optional() }),
      response: { 200: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })) },
    },
    config: { access: { auth: 'none' } },
  }, (req) => listRegions(deps, req.query.parent));
};
