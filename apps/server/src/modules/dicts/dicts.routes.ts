import { DictItemDto, DictItemInput, DictTypeDto, DictTypeInput, OkDto } from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { addDictItem, createDictType, deleteDictItem, listDicts, updateDictItem, updateDictType } from './dicts.service';

const TAG = '字典管理';
const CodeParam = z.object({ code: z.string().regex(/^[a-z][a-zA-Z0-9_]{1,49}$/, '字典编码格式不正确') });
const ItemParam = CodeParam.extend({ id: z.coerce.number().int().positive() });
/** The code of a type never changes (records store it); name and remark may. */
const DictTypePatchInput = z.object({ name: DictTypeInput.shape.name.optional(), remark: DictTypeInput.shape.remark });
/** Spelled out rather than DictItemInput.partial(): zod would fill sort/enabled defaults into a partial update. */
const DictItemPatchInput = z.object({
  value: DictItemInput.shape.value.optional(),
  label: DictItemInput.shape.label.optional(),
  sort: z.number().int().min(0).max(100000).optional(),
  enabled: z.boolean().optional(),
});

export const dictRoutes: RouteModule = (app, deps) => {
  app.get('/api/dicts', {
    schema: { tags: [TAG], summary: '全部字典及字典项', response: { 200: z.array(DictTypeDto) } },
    config: { access: { auth: 'staff', permission: 'dict.read' } },
  }, async () => listDicts(deps));

  app.post('/api/dicts', {
    schema: { tags: [TAG], summary: '新增字典', body: DictTypeInput, response: { 200: DictTypeDto } },
    config: { access: { auth: 'staff', permission: 'dict.update' } },
  }, async (req) => createDictType(deps, ctxOf(req), req.body));

  app.patch('/api/dicts/:code', {
    schema: { tags: [TAG], summary: '修改字典名称或说明', params: CodeParam, body: DictTypePatchInput, response: { 200: DictTypeDto } },
    config: { access: { auth: 'staff', permission: 'dict.update' } },
  }, async (req) => updateDictType(deps, ctxOf(req), req.params.code, req.body));

  app.post('/api/dicts/:code/items', {
    schema: { tags: [TAG], summary: '新增字典项', params: CodeParam, body: DictItemInput, response: { 200: DictItemDto } },
    config: { access: { auth: 'staff', permission: 'dict.update' } },
  }, async (req) => addDictItem(deps, ctxOf(req), req.params.code, req.body));

  app.patch('/api/dicts/:code/items/:id', {
    schema: { tags: [TAG], summary: '修改字典项', params: ItemParam, body: DictItemPatchInput, response: { 200: DictItemDto } },
    config: { access: { auth: 'staff', permission: 'dict.update' } },
  }, async (req) => updateDictItem(deps, ctxOf(req), req.params.code, req.params.id, req.body));

  app.delete('/api/dicts/:code/items/:id', {
    schema: { tags: [TAG], summary: '删除字典项（内置字典只能停用）', params: ItemParam, response: { 200: OkDto } },
    config: { access: { auth: 'staff', permission: 'dict.update' } },
  }, async (req) => {
    await deleteDictItem(deps, ctxOf(req), req.params.code, req.params.id);
    return { ok: true as const };
  });
};
