import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('sysadmin');
});
afterAll(() => t.close());

describe('dictionaries', () => {
  it('lists the built-in dictionaries with their items in order', async () => {
    const res = await admin.get('/api/dicts');
    expect(res.statusCode).toBe(200);
    const dicts = res.json() as { code: string; builtin: boolean; items: { value: string; label: string }[] }[];
    const byCode = new Map(dicts.map((d) => [d.code, d]));
    for (const code of ['ipType', 'submissionKind', 'leadSource', 'caseType', 'patentType', 'legalStatus', 'unitKind', 'satisfaction', 'complaintRejectReason', 'mediationTerminationReason']) {
      expect(byCode.get(code)?.builtin, code).toBe(true);
    }
    expect(byCode.get('ipType')!.items.map((i) => i.label)).toEqual(['专利', '商标', '地理标志', '专利代理', '商标代理', '其他']);
    expect(byCode.get('leadSource')!.items).toHaveLength(7);
    const reject = byCode.get('complaintRejectReason')!.items;
    expect(reject.map((i) => i.value)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(reject[3].label).toContain('超过三年');
    expect(byCode.get('mediationTerminationReason')!.items).toHaveLength(7);
    // Every business role may read them.
    expect((await (await t.login('county1')).get('/api/dicts')).statusCode).toBe(200);
  });

  it('creates a dictionary and items, refuses duplicates with 409 and a Chinese message, audits every change', async () => {
    const created = await admin.post('/api/dicts', { code: 'industryChain', name: '产业链', remark: '本市重点产业链' });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toEqual({ code: 'industryChain', name: '产业链', remark: '本市重点产业链', builtin: false, items: [] });
    const dup = await admin.post('/api/dicts', { code: 'industryChain', name: '重复' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', message: '字典编码 industryChain 已存在' });
    expect((await admin.post('/api/dicts', { code: 'Bad Code', name: 'x' })).json().code).toBe('VALIDATION_FAILED');

    const item = await admin.post('/api/dicts/industryChain/items', { value: 'newEnergy', label: '新能源', sort: 10 });
    expect(item.statusCode).toBe(200);
    expect(item.json()).toMatchObject({ typeCode: 'industryChain', value: 'newEnergy', label: '新能源', sort: 10, enabled: true });
    const dupItem = await admin.post('/api/dicts/industryChain/items', { value: 'newEnergy', label: '另一个' });
    expect(dupItem.statusCode).toBe(409);
    expect(dupItem.json().message).toBe('字典 industryChain 中已有取值 newEnergy');
    expect((await admin.post('/api/dicts/noSuchDict/items', { value: 'a', label: 'b' })).statusCode).toBe(404);

    const id = item.json().id;
    const patched = await admin.patch(`/api/dicts/industryChain/items/${id}`, { label: '新能源汽车' });
    // A partial update leaves sort and enabled alone.
    expect(patched.json()).toMatchObject({ value: 'newEnergy', label: '新能源汽车', sort: 10, enabled: true });
    const renamed = await admin.patch('/api/dicts/industryChain', { name: '重点产业链' });
    expect(renamed.json()).toMatchObject({ name: '重点产业链', remark: '本市重点产业链' });

    const second = (await admin.post('/api/dicts/industryChain/items', { value: 'hightech', label: '高端装备' })).json();
    const clash = await admin.patch(`/api/dicts/industryChain/items/${second.id}`, { value: 'newEnergy' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('DUPLICATE');

    expect((await admin.delete(`/api/dicts/industryChain/items/${second.id}`)).json()).toEqual({ ok: true });
    const after = (await admin.get('/api/dicts')).json().find((d: { code: string }) => d.code === 'industryChain');
    expect(after.items.map((i: { value: string }) => i.value)).toEqual(['newEnergy']);

    const actions = await t.deps.db.selectFrom('auditLogs').select('action').where('action', 'like', 'dict.%').orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['dict.createType', 'dict.createItem', 'dict.updateItem', 'dict.updateType', 'dict.createItem', 'dict.deleteItem']);
  });

  it('protects built-in values: relabel and disable are allowed, changing the value or deleting is not', async () => {
    const dicts = (await admin.get('/api/dicts')).json();
    const patent = dicts.find((d: { code: string }) => d.code === 'ipType').items[0];
    expect((await admin.patch(`/api/dicts/ipType/items/${patent.id}`, { label: '专利权', enabled: false })).json()).toMatchObject({ value: 'patent', label: '专利权', enabled: false });
    const change = await admin.patch(`/api/dicts/ipType/items/${patent.id}`, { value: 'patents' });
    expect(change.statusCode).toBe(409);
    expect(change.json().code).toBe('ACTION_NOT_ALLOWED');
    const del = await admin.delete(`/api/dicts/ipType/items/${patent.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().message).toContain('可停用');
    // An item is reached only through its own dictionary.
    expect((await admin.delete(`/api/dicts/caseType/items/${patent.id}`)).statusCode).toBe(404);
    // Adding an item to a built-in dictionary is allowed.
    expect((await admin.post('/api/dicts/leadSource/items', { value: 'media', label: '媒体曝光' })).statusCode).toBe(200);
  });

  it('refuses writers without dict.update', async () => {
    const c = await t.login('county1');
    expect((await c.post('/api/dicts', { code: 'xx', name: 'x' })).statusCode).toBe(403);
    expect((await c.post('/api/dicts/ipType/items', { value: 'x', label: 'x' })).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/dicts')).statusCode).toBe(401);
  });
});
