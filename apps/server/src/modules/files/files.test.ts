import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/crypto';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';

let t: TestApp;
let admin: TestClient;

/** A real (minimal) PDF and PNG, built here so the type is detected from the content. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');

function multipart(name: string, content: Buffer, fieldName = 'file') {
  const boundary = '----zhichan' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${fieldName}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('sysadmin');
});
afterAll(() => t.close());

describe('files', () => {
  it('stores an upload by SHA-256 with its type detected from the content, and lets the uploader download it', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/files', ...multipart('国务院通知.pdf', PDF) });
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.sha256).toBe(sha256Hex(PDF));
    expect(f.mime).toBe('application/pdf');
    const stored = path.join(t.deps.config.filesDir, f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256);
    expect(fs.readFileSync(stored).equals(PDF)).toBe(true);
    const dl = await admin.get(`/api/files/${f.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain("filename*=UTF-8''%E5%9B%BD");
    expect(dl.rawPayload.equals(PDF)).toBe(true);
  });

  it('stores identical content once', async () => {
    const a = (await admin.request({ method: 'POST', url: '/api/files', ...multipart('a.png', PNG) })).json();
    const b = (await admin.request({ method: 'POST', url: '/api/files', ...multipart('b.png', PNG) })).json();
    expect(a.sha256).toBe(b.sha256);
    expect(a.id).not.toBe(b.id);
  });

  it('refuses content that is not an allowed type, whatever the file name says', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/files', ...multipart('evil.pdf', Buffer.from('#!/bin/sh\nrm -rf /\n')) });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
  });

  it('refuses a file over the size limit with 413', async () => {
    {
      const big = Buffer.concat([PDF, Buffer.alloc(4096, 0x20)]);
      const fresh = await createTestApp();
      fresh.deps.config.uploadMaxBytes = 1024;
      // The multipart limit is fixed when the app is built, so build one with the small limit.
      const { buildApp } = await import('../../app');
      const app = await buildApp(fresh.deps, { logger: { level: 'error' } });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sysadmin', password: 'Zhichan@2026' } });
      const cookie = login.cookies.find((c) => c.name === 'zc_sid')!;
      const body = multipart('big.pdf', big);
      const res = await app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...body.headers, cookie: `zc_sid=${cookie.value}`, 'x-csrf-token': login.json().csrfToken } });
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
      await app.close();
      await fresh.close();
    }
  });

  it('never serves a file to anyone but through its owner: another user gets 404', async () => {
    const f = (await admin.request({ method: 'POST', url: '/api/files', ...multipart('x.pdf', PDF) })).json();
    const other = await t.login('leader');
    expect((await other.get(`/api/files/${f.id}`)).statusCode).toBe(404);
    expect((await t.anonymous().get(`/api/files/${f.id}`)).statusCode).toBe(401);
  });
});
