import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('login and sessions (等保 2.0 practice)', () => {
  it('logs in with a session cookie that is HttpOnly and SameSite, and answers /me with permissions', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: 'sysadmin', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'zc_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(String(cookie.sameSite).toLowerCase()).toBe('lax');
    const me = res.json();
    expect(me.permissions).toContain('unit.create');
    expect(me.permissions).not.toContain('audit.read');
    expect(me.csrfToken).toMatch(/.{20,}/);
  });

  it('answers a wrong password and an unknown user with the same error, and logs both', async () => {
    const a = await t.anonymous({ ip: '10.1.0.1' }).post('/api/auth/login', { username: 'leader', password: 'wrong-Password1' });
    const b = await t.anonymous({ ip: '10.1.0.1' }).post('/api/auth/login', { username: 'nobody-here', password: 'wrong-Password1' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().code).toBe('INVALID_CREDENTIALS');
    expect(b.json().message).toBe(a.json().message);
    const logs = await t.deps.db.selectFrom('loginLogs').select(['username', 'success']).where('ip', '=', '10.1.0.1').execute();
    expect(logs).toHaveLength(2);
    expect(logs.every((l) => !l.success)).toBe(true);
  });

  it('locks an account for 30 minutes after 5 failed logins, even for the right password, then lets it in', async () => {
    const client = t.anonymous({ ip: '10.1.0.2' });
    for (let i = 0; i < 4; i++) {
      expect((await client.post('/api/auth/login', { username: 'county2', password: 'Bad-pass-123' })).json().code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await client.post('/api/auth/login', { username: 'county2', password: 'Bad-pass-123' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    expect((await client.post('/api/auth/login', { username: 'county2', password: DEMO_PASSWORD })).json().code).toBe('ACCOUNT_LOCKED');
    t.clock.advanceMinutes(31);
    expect((await client.post('/api/auth/login', { username: 'county2', password: DEMO_PASSWORD })).statusCode).toBe(200);
    const lock = await t.deps.db.selectFrom('auditLogs').select('action').where('action', '=', 'user.lock').execute();
    expect(lock.length).toBeGreaterThanOrEqual(1);
  });

  it('stops guessing across accounts from one address (per-IP limit)', async () => {
    const client = t.anonymous({ ip: '10.9.9.9' });
    for (let i = 0; i < 20; i++) {
      await client.post('/api/auth/login', { username: `guess${i}`, password: 'Guess-pass-1' });
    }
    const res = await client.post('/api/auth/login', { username: 'leader', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('TOO_MANY_ATTEMPTS');
    // Another address is not affected.
    expect((await t.anonymous({ ip: '10.9.9.10' }).post('/api/auth/login', { username: 'leader', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('ends a session after 30 idle minutes', async () => {
    const c = await t.login('leader', { ip: '10.2.0.1' });
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(29);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
  });

  it('does not count background polls as activity for the idle timeout', async () => {
    const c = await t.login('leader', { ip: '10.2.0.9' });
    for (let i = 0; i < 2; i++) {
      t.clock.advanceMinutes(10);
      const poll = await c.request({ method: 'GET', url: '/api/notifications/unread-count', headers: { 'x-background-request': '1' } });
      expect(poll.statusCode).toBe(200);
    }
    // 31 minutes after the last real request: the polls in between did not extend the session.
    t.clock.advanceMinutes(11);
    expect((await c.get('/api/auth/me')).json().code).toBe('SESSION_EXPIRED');
  });

  it('rejects a state-changing request without the CSRF token', async () => {
    const c = await t.login('sysadmin', { ip: '10.2.0.2' });
    const res = await c.request({ method: 'POST', url: '/api/auth/logout', headers: { 'x-csrf-token': 'forged' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_INVALID');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('forces the change of an initial password before anything else, with the password policy', async () => {
    const admin = await t.login('sysadmin', { ip: '10.2.0.3' });
    const unitId = (await admin.get('/api/auth/me')).json().unitId;
    const created = await admin.post('/api/users', { username: 'new.officer', displayName: '新用户', unitId });
    expect(created.statusCode).toBe(200);
    const initial = created.json().initialPassword;
    const u = await t.login('new.officer', { password: initial, ip: '10.2.0.4' });
    const me = (await u.get('/api/auth/me')).json();
    expect(me.mustChangePassword).toBe(true);
    const blocked = await u.get('/api/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await u.post('/api/auth/password', { oldPassword: initial, newPassword: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('WEAK_PASSWORD');
    expect(weak.json().details.length).toBeGreaterThan(0);
    const ok = await u.post('/api/auth/password', { oldPassword: initial, newPassword: 'Strong#Pass2026' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mustChangePassword).toBe(false);
  });

  it('keeps public accounts out of the back office and staff out of the portal', async () => {
    expect((await t.anonymous().post('/api/auth/login', { username: 'demo_enterprise', password: DEMO_PASSWORD })).statusCode).toBe(401);
    expect((await t.anonymous().post('/api/portal/auth/login', { username: 'leader', password: DEMO_PASSWORD })).statusCode).toBe(401);
    const pub = await t.login('demo_enterprise');
    expect((await pub.get('/api/portal/auth/me')).json().kind).toBe('public');
    // The portal cookie is not a back-office session.
    expect((await pub.get('/api/auth/me')).statusCode).toBe(401);
    expect((await pub.get('/api/units')).statusCode).toBe(401);
  });

  it('registers an enterprise with a valid 统一社会信用代码 and rejects a wrong check character', async () => {
    const bad = await t.anonymous().post('/api/portal/auth/register', {
      username: 'acme_ip', password: 'Acme#2026pass', displayName: '某某科技有限公司', publicKind: 'enterprise', uscc: '91350100M000100Y44', phone: '13812341234',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('body.uscc');
    const good = await t.anonymous().post('/api/portal/auth/register', {
      username: 'acme_ip', password: 'Acme#2026pass', displayName: '某某科技有限公司', publicKind: 'enterprise', uscc: '91350100M000100Y43', phone: '13812341234',
    });
    expect(good.statusCode).toBe(200);
    expect(good.json().kind).toBe('public');
    const row = await t.deps.db.selectFrom('users').select(['phoneEnc', 'phoneHash']).where('username', '=', 'acme_ip').executeTakeFirstOrThrow();
    expect(row.phoneEnc).not.toContain('13812341234');
    expect(row.phoneHash).toBe(t.deps.cipher.keyedHash('13812341234'));
  });

  it('lets a security administrator see online users and force one out', async () => {
    const victim = await t.login('cityip', { ip: '10.3.0.1' });
    const sec = await t.login('secadmin', { ip: '10.3.0.2' });
    const sessions = (await sec.get('/api/sessions')).json() as { id: string; username: string; current: boolean }[];
    const target = sessions.find((s) => s.username === 'cityip')!;
    expect(target).toBeTruthy();
    expect((await sec.delete(`/api/sessions/${target.id}`)).statusCode).toBe(200);
    const res = await victim.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_REVOKED');
    // The system administrator may not (separation of duties).
    const sys = await t.login('sysadmin', { ip: '10.3.0.3' });
    expect((await sys.get('/api/sessions')).statusCode).toBe(403);
  });
});
