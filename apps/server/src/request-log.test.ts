import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app';
import { buildApp } from './app';
import { redactUrl } from './lib/redact-url';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('request logs never contain a lookup code', () => {
  it('redactUrl masks lookupCode, code, token and password and keeps the rest', () => {
    expect(redactUrl('/api/public/submissions/receipt.pdf?receiptNo=TS20261120001&lookupCode=AB12CD34')).toBe(
      '/api/public/submissions/receipt.pdf?receiptNo=TS20261120001&lookupCode=***',
    );
    expect(redactUrl('/x?no=1&code=9&Token=t&password=p&page=2')).toBe('/x?no=1&code=***&Token=***&password=***&page=2');
    expect(redactUrl('/x?lookup%43ode=9')).toBe('/x?lookup%43ode=***');
    expect(redactUrl('/api/units')).toBe('/api/units');
    expect(redactUrl('/x?code')).toBe('/x?code');
  });

  it('the request serializer and the rejection log redact the query string', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const app = await buildApp(t.deps, { logger: { level: 'info', stream } });
    await app.ready();
    try {
      const urls = [
        '/api/public/submissions/receipt.pdf?receiptNo=TS20261120999&lookupCode=SECRETLOOKUP1',
        '/api/public/consultations/lookup?no=ZX20261120999&code=SECRETCODE22',
        '/api/public/submissions/lookup?receiptNo=TS20261120999&lookupCode=SECRETLOOKUP3&token=SECRETTOKEN4',
      ];
      for (const url of urls) {
        const res = await app.inject({ method: 'GET', url, remoteAddress: '10.9.9.9' });
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
      }
      const log = lines.join('');
      expect(log).toContain('incoming request');
      expect(log).toContain('receiptNo=TS20261120999');
      expect(log).toContain('lookupCode=***');
      expect(log).toContain('code=***');
      for (const secret of ['SECRETLOOKUP1', 'SECRETCODE22', 'SECRETLOOKUP3', 'SECRETTOKEN4']) expect(log).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
