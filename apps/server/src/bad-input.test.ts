import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../test/test-app';

let t: TestApp;
let admin: TestClient;
let sec: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('sysadmin');
  sec = await t.login('secadmin');
});
afterAll(() => t.close());

function expect4xx(res: { statusCode: number; json(): any }, code?: string) {
  expect(res.statusCode, JSON.stringify(res.json())).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  const body = res.json();
  expect(typeof body.code).toBe('string');
  expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
  if (code) expect(body.code).toBe(code);
}

describe('bad input gets a 4xx with a code and a Chinese message', () => {
  it.each([
    ['missing field', '/api/units', { name: '测试' }, 'VALIDATION_FAILED'],
    ['wrong type', '/api/units', { parentId: 'abc', name: '测试所', kind: 'station' }, 'VALIDATION_FAILED'],
    ['unknown enum', '/api/units', { parentId: 1, name: '测试所', kind: 'ministry' }, 'VALIDATION_FAILED'],
    ['bad region code', '/api/units', { parentId: 2, name: '测试所', kind: 'station', regionCodes: ['37x'] }, 'VALIDATION_FAILED'],
    ['unknown region code', '/api/units', { parentId: 2, name: '测试所二', kind: 'station', regionCodes: ['370999999'] }, 'VALIDATION_FAILED'],
    ['bad phone', '/api/users', { username: 'abc', displayName: '甲', unitId: 1, phone: '12345' }, 'VALIDATION_FAILED'],
  ])('%s', async (_label, url, body, code) => {
    const res = await admin.post(url, body);
    expect4xx(res, code);
    expect(res.json().details[0].path).toMatch(/^body\./);
  });

  it('malformed JSON', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/units', headers: { 'content-type': 'application/json' }, payload: '{"name": 测试' });
    expect4xx(res, 'MALFORMED_JSON');
  });

  it('oversize body', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/units', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }) });
    expect4xx(res, 'PAYLOAD_TOO_LARGE');
  });

  it('unsupported content type', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/units', headers: { 'content-type': 'text/xml' }, payload: '<unit/>' });
    expect4xx(res);
  });

  it('bad dates and numbers in query strings', async () => {
    const auditor = await t.login('auditadmin');
    expect4xx(await auditor.get('/api/audit-logs?from=2026-02-30'), 'VALIDATION_FAILED');
    expect4xx(await auditor.get('/api/audit-logs?from=2026-03-01&to=2026-02-01'), 'VALIDATION_FAILED');
    expect4xx(await auditor.get('/api/audit-logs?pageSize=100000'), 'VALIDATION_FAILED');
    expect4xx(await admin.get('/api/units/99999999999'), 'VALIDATION_FAILED');
    expect4xx(await admin.get('/api/units/-1'), 'VALIDATION_FAILED');
    expect4xx(await admin.get('/api/users?page=abc'), 'VALIDATION_FAILED');
  });

  it('unknown routes answer ROUTE_NOT_FOUND as JSON', async () => {
    expect4xx(await admin.get('/api/nothing-here'), 'ROUTE_NOT_FOUND');
  });

  it('stale row version answers VERSION_CONFLICT and changes nothing', async () => {
    const unit = (await admin.get('/api/units')).json()[1];
    expect4xx(await admin.patch(`/api/units/${unit.id}`, { version: unit.version + 5, name: '改名' }), 'VERSION_CONFLICT');
    expect((await admin.get(`/api/units/${unit.id}`)).json().name).toBe(unit.name);
  });

  it('random JSON bodies on every write route never produce a 5xx', async () => {
    const unit = (await admin.get('/api/units')).json()[1];
    const writes: [TestClient, 'POST' | 'PATCH' | 'PUT', string][] = [
      [admin, 'POST', '/api/units'],
      [admin, 'PATCH', `/api/units/${unit.id}`],
      [admin, 'POST', '/api/users'],
      [admin, 'PATCH', '/api/users/3'],
      [sec, 'PUT', '/api/users/4/roles'],
      [sec, 'POST', '/api/roles'],
      [sec, 'PATCH', '/api/roles/5'],
      [admin, 'POST', '/api/auth/password'],
      [t.anonymous(), 'POST', '/api/auth/login'],
      [t.anonymous(), 'POST', '/api/portal/auth/register'],
      [admin, 'POST', '/api/dicts'],
      [admin, 'PUT', '/api/calendar/years/2027'],
      [admin, 'POST', '/api/deadline-rules'],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.jsonValue({ maxDepth: 3 }), async ([client, method, url], body) => {
        const res = await client.request({ method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)} → ${res.body}`).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
