import crypto from 'node:crypto';
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { SYSTEM_CTX } from '../../access/actor';
import type { CasesTable, LeadsTable } from '../../db/schema';
import { publicationExpiryJob } from '../publications/publication-expiry.job';
import { createServiceRecord } from './service.service';

let t: TestApp;
let county1Unit: number;
let county2Unit: number;
let cityUnit: number;
let county2: TestClient;
let county1: TestClient;
let seq = 0;

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');

function multipart(name: string, content: Buffer) {
  const boundary = '----zc' + crypto.randomBytes(6).toString('hex');
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function unitOf(username: string): Promise<number> {
  const u = await t.deps.db.selectFrom('users').select('unitId').where('username', '=', username).executeTakeFirstOrThrow();
  return u.unitId!;
}

/** Case rows are written directly: the cases module is built in parallel. */
async function insertCase(unitId: number, over: Partial<Insertable<CasesTable>> = {}): Promise<number> {
  seq++;
  const row = await t.deps.db
    .insertInto('cases')
    .values({
      caseNo: `泰岱市监立〔2026〕${100 + seq}号`,
      unitId,
      caseType: 'trademarkInfringement',
      procedure: 'ordinary',
      title: '销售侵犯注册商标专用权商品案',
      partyKind: 'organization',
      partyName: `泰安市某某商贸有限公司${seq}`,
      filedOn: '2026-08-03',
      status: 'decided',
      decision: 'penalty',
      decisionOn: '2026-11-02',
      decisionDocNo: `泰岱市监罚〔2026〕${seq}号`,
      penaltyKinds: ['orderToStop', 'fine'],
      fineAmount: 12500,
      ...over,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function insertLead(unitId: number, over: Partial<Insertable<LeadsTable>> = {}): Promise<number> {
  seq++;
  const row = await t.deps.db
    .insertInto('leads')
    .values({
      leadNo: `XS-2026-370900-${String(900000 + seq)}`,
      kind: 'complaint',
      source: 'hotline12315',
      ipType: 'trademark',
      title: '投诉销售假冒商品',
      facts: '投诉人称在该店购买到假冒注册商标的商品。',
      respondentName: '泰安市某某超市',
      receivedOn: '2026-11-02',
      intakeUnitId: cityUnit,
      unitId,
      status: 'accepted',
      ...over,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function base(entityId: number, over: Record<string, unknown> = {}) {
  return {
    entityType: 'case',
    entityId,
    documentTitle: '行政处罚决定书（泰岱市监罚〔2026〕1号）',
    method: 'direct',
    recipient: '泰安市某某商贸有限公司',
    servedOn: '2026-11-18',
    ...over,
  };
}

function paths(res: { json(): any }): string[] {
  return (res.json().details ?? []).map((d: { path: string }) => d.path);
}

beforeAll(async () => {
  // Friday 2026-11-20, 10:00 in China.
  t = await createTestApp({ now: '2026-11-20T02:00:00.000Z' });
  county1Unit = await unitOf('county1');
  county2Unit = await unitOf('county2');
  cityUnit = await unitOf('cityip');
  county2 = await t.login('county2');
  county1 = await t.login('county1');
});
afterAll(() => t.close());

describe('登记送达: methods and their requirements (民事诉讼法 第八十七条至第九十五条)', () => {
  it('direct service: 201, the served day is the effective day, audited, listed on the case', async () => {
    const caseId = await insertCase(county2Unit);
    const res = await county2.post('/api/service-records', base(caseId, { note: '当事人法定代表人签收' }));
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      entityType: 'case', entityId: caseId, unitId: county2Unit, method: 'direct', methodLabel: '直接送达', servedOn: '2026-11-18',
      effectiveServedOn: '2026-11-18', deemedServedOn: null, pending: false, proof: null, announcementPeriod: null,
      abilities: { uploadProof: true },
    });
    const list = await county2.get(`/api/service-records?entityType=case&entityId=${caseId}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((x: { id: number }) => x.id)).toEqual([r.id]);
    const audit = await t.deps.db.selectFrom('auditLogs').select(['action', 'after']).where('entityType', '=', 'serviceRecord').where('entityId', '=', String(r.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['service.record']);
  });

  it('electronic service without the recipient\'s consent → 400 on body.electronicConsent (第九十条); with it → 201', async () => {
    const caseId = await insertCase(county2Unit);
    const bad = await county2.post('/api/service-records', base(caseId, { method: 'electronic' }));
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toContain('body.electronicConsent');
    const ok = await county2.post('/api/service-records', base(caseId, { method: 'electronic', electronicConsent: true, note: '电子邮箱 ***@example.com' }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ method: 'electronic', electronicConsent: true });
  });

  it('mail without a tracking number → 400 on body.trackingNo; with one → 201', async () => {
    const caseId = await insertCase(county2Unit);
    const bad = await county2.post('/api/service-records', base(caseId, { method: 'mail' }));
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['body.trackingNo']);
    const ok = await county2.post('/api/service-records', base(caseId, { method: 'mail', trackingNo: '1234567890123' }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().trackingNo).toBe('1234567890123');
  });

  it('a served day is required for every method but announcement, and it cannot lie in the future', async () => {
    const caseId = await insertCase(county2Unit);
    for (const method of ['direct', 'leaving', 'entrusted', 'forwarded']) {
      const missing = await county2.post('/api/service-records', base(caseId, { method, servedOn: undefined }));
      expect(missing.statusCode).toBe(400);
      expect(paths(missing)).toEqual(['body.servedOn']);
    }
    const future = await county2.post('/api/service-records', base(caseId, { servedOn: '2026-11-21' }));
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '送达日期不能晚于今天', details: [{ path: 'body.servedOn' }] });
    const badDate = await county2.post('/api/service-records', base(caseId, { servedOn: '2026-02-30' }));
    expect(badDate.statusCode).toBe(400);
    expect(paths(badDate)).toEqual(['body.servedOn']);
  });

  it('bad input: unknown method, missing recipient and document title → 400 with the field paths', async () => {
    const caseId = await insertCase(county2Unit);
    const res = await county2.post('/api/service-records', base(caseId, { method: 'pigeon', recipient: '', documentTitle: '' }));
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(expect.arrayContaining(['body.method', 'body.recipient', 'body.documentTitle']));
  });

  it('a document of another record → 400 on body.documentId', async () => {
    const caseId = await insertCase(county2Unit);
    const res = await county2.post('/api/service-records', base(caseId, { documentId: 999999 }));
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['body.documentId']);
  });
});

describe('公告送达: deemed served thirty days after the announcement (民事诉讼法 第九十五条, 第八十五条)', () => {
  const text = '泰安市某某商贸有限公司：本局依法对你单位作出的行政处罚决定书（泰岱市监罚〔2026〕1号），因无法直接送达，现予公告送达。自公告之日起经过三十日即视为送达。';

  it('announced 2026-09-05: thirty days end on 2026-10-05 in the National Day holiday (10-01 to 10-07) → deemed served 2026-10-08', async () => {
    const caseId = await insertCase(county2Unit);
    const res = await county2.post('/api/service-records', base(caseId, { method: 'announcement', servedOn: undefined, announcedOn: '2026-09-05', announcementText: text }));
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      announcedOn: '2026-09-05', deemedServedOn: '2026-10-08', effectiveServedOn: '2026-10-08', servedOn: '2026-10-08', pending: false,
      announcementPeriod: { dueOn: '2026-10-08', completedOn: '2026-10-08', basis: { regulation: '中华人民共和国民事诉讼法', article: '第九十五条' } },
    });
    const rec = await t.deps.db.selectFrom('serviceRecords').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    const d = await t.deps.db.selectFrom('deadlines').innerJoin('deadlineRules', 'deadlineRules.id', 'deadlines.ruleId')
      .select(['deadlines.entityType', 'deadlines.entityId', 'deadlines.startOn', 'deadlines.dueOn', 'deadlineRules.key'])
      .where('deadlines.id', '=', rec.deadlineId!).executeTakeFirstOrThrow();
    expect(d).toEqual({ entityType: 'case', entityId: String(caseId), startOn: '2026-09-05', dueOn: '2026-10-08', key: 'service.announcement' });
  });

  it('a running announcement is pending until the day; the job then records the served day', async () => {
    const caseId = await insertCase(county2Unit);
    const res = await county2.post('/api/service-records', base(caseId, { method: 'announcement', servedOn: undefined, announcedOn: '2026-11-16', announcementText: text }));
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    // 2026-11-16 + 30 days = 2026-12-16, a Wednesday.
    expect(r).toMatchObject({ deemedServedOn: '2026-12-16', effectiveServedOn: '2026-12-16', servedOn: null, pending: true });
    const kase = await t.deps.db.selectFrom('cases').select(['dueOn', 'deadlineState']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(kase.dueOn).toBe('2026-12-16');

    await publicationExpiryJob.run(t.deps);
    expect((await county2.get(`/api/service-records/${r.id}`)).json().pending).toBe(true);

    t.clock.set('2026-12-16T01:00:00.000Z');
    try {
      expect(await publicationExpiryJob.run(t.deps)).toContain('1 announcements deemed served');
      // A new session: the old one ended after 30 idle minutes of the moved clock.
      const later = await t.login('county2');
      const after = (await later.get(`/api/service-records/${r.id}`)).json();
      expect(after).toMatchObject({ servedOn: '2026-12-16', pending: false, announcementPeriod: { completedOn: '2026-12-16' } });
      const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('entityType', '=', 'serviceRecord').where('entityId', '=', String(r.id)).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['service.record', 'service.deemedServed']);
    } finally {
      t.clock.set('2026-11-20T02:00:00.000Z');
      county2 = await t.login('county2');
      county1 = await t.login('county1');
    }
  });

  it('announcement without date or text, or with a served day → 400 with the paths', async () => {
    const caseId = await insertCase(county2Unit);
    const res = await county2.post('/api/service-records', base(caseId, { method: 'announcement', servedOn: '2026-11-18', announcementText: '太短' }));
    expect(res.statusCode).toBe(400);
    expect(paths(res).sort()).toEqual(['body.announcedOn', 'body.announcementText', 'body.servedOn']);
    const future = await county2.post('/api/service-records', base(caseId, { method: 'announcement', servedOn: undefined, announcedOn: '2026-11-23', announcementText: text }));
    expect(future.statusCode).toBe(400);
    expect(paths(future)).toEqual(['body.announcedOn']);
  });

  it('the portal lists announcements (newest first, searchable) and names the addressee only as the text does', async () => {
    const caseId = await insertCase(county2Unit);
    const personText = '张某某：本局对你作出的不予受理通知书，因你下落不明，现予公告送达，自公告之日起经过三十日即视为送达。';
    const res = await county2.post('/api/service-records', base(caseId, {
      method: 'announcement', servedOn: undefined, announcedOn: '2026-11-19', recipient: '张三丰', documentTitle: '不予受理通知书', announcementText: personText,
    }));
    expect(res.statusCode, res.body).toBe(201);
    const anon = t.anonymous();
    const list = await anon.get('/api/public/service-announcements?pageSize=50');
    expect(list.statusCode).toBe(200);
    const page = list.json();
    expect(page.items[0]).toEqual({
      id: res.json().id, referenceNo: expect.stringMatching(/^泰岱市监立〔2026〕\d+号$/), addressee: null, documentTitle: '不予受理通知书',
      authorityName: '岱岳区市场监督管理局', announcedOn: '2026-11-19', deemedServedOn: '2026-12-21', text: personText,
    });
    expect(JSON.stringify(page)).not.toContain('张三丰');
    const named = page.items.find((i: { text: string }) => i.text.startsWith('泰安市某某商贸有限公司'));
    expect(named.addressee).toBe('泰安市某某商贸有限公司');
    const found = await anon.get(`/api/public/service-announcements?q=${encodeURIComponent('不予受理')}`);
    expect(found.json().items.map((i: { id: number }) => i.id)).toEqual([res.json().id]);
  });
});

describe('jurisdiction and permissions', () => {
  it("another county's officer gets 404 for the case, its records and their proof; the list is empty", async () => {
    const caseId = await insertCase(county2Unit);
    const created = (await county2.post('/api/service-records', base(caseId))).json();
    expect((await county1.post('/api/service-records', base(caseId))).statusCode).toBe(404);
    expect((await county1.get(`/api/service-records/${created.id}`)).statusCode).toBe(404);
    expect((await county1.get(`/api/service-records/${created.id}/proof`)).statusCode).toBe(404);
    expect((await county1.request({ method: 'POST', url: `/api/service-records/${created.id}/proof`, ...multipart('回证.png', PNG) })).statusCode).toBe(404);
    const list = await county1.get(`/api/service-records?entityType=case&entityId=${caseId}`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([]);
    // The city sees the counties below it.
    const city = await t.login('cityip');
    expect((await city.get(`/api/service-records/${created.id}`)).statusCode).toBe(200);
  });

  it('recording needs case.handle (or lead.handle for a lead): a leader who only reads cases gets 403', async () => {
    const caseId = await insertCase(county2Unit);
    const leader = await t.login('leader');
    expect((await leader.post('/api/service-records', base(caseId))).statusCode).toBe(403);
    expect((await leader.get(`/api/service-records?entityType=case&entityId=${caseId}`)).statusCode).toBe(200);
    expect((await t.anonymous().get(`/api/service-records?entityType=case&entityId=${caseId}`)).statusCode).toBe(401);
  });

  it('a lead: the county officer records the service of a notice on its own lead; the other county gets 404', async () => {
    const leadId = await insertLead(county1Unit);
    const res = await county1.post('/api/service-records', base(leadId, { entityType: 'lead', documentTitle: '受理通知书', recipient: '投诉人' }));
    expect(res.statusCode, res.body).toBe(201);
    expect((await county2.post('/api/service-records', base(leadId, { entityType: 'lead' }))).statusCode).toBe(404);
  });
});

describe('proof of service', () => {
  it('upload, download through the record, replaced by a second upload (both audited)', async () => {
    const caseId = await insertCase(county2Unit);
    const rec = (await county2.post('/api/service-records', base(caseId))).json();
    const missing = await county2.get(`/api/service-records/${rec.id}/proof`);
    expect(missing.statusCode).toBe(404);
    const up = await county2.request({ method: 'POST', url: `/api/service-records/${rec.id}/proof`, ...multipart('送达回证.png', PNG) });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().proof).toMatchObject({ originalName: '送达回证.png', mime: 'image/png', size: PNG.length });
    const down = await county2.get(`/api/service-records/${rec.id}/proof`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(Buffer.from(down.rawPayload).equals(PNG)).toBe(true);
    // The generic download goes through the same owner check.
    expect((await county2.get(`/api/files/${up.json().proof.fileId}`)).statusCode).toBe(200);
    expect((await county1.get(`/api/files/${up.json().proof.fileId}`)).statusCode).toBe(404);
    const bad = await county2.request({ method: 'POST', url: `/api/service-records/${rec.id}/proof`, ...multipart('x.txt', Buffer.from('plain text')) });
    expect(bad.statusCode).toBe(415);
    const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('entityType', '=', 'serviceRecord').where('entityId', '=', String(rec.id)).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['service.record', 'service.proof']);
  });

  it('an uploaded file can be given as proofFileId when recording; a file of someone else → 400', async () => {
    const caseId = await insertCase(county2Unit);
    const up = await county2.request({ method: 'POST', url: '/api/files', ...multipart('邮件签收.png', PNG) });
    expect(up.statusCode, up.body).toBe(200);
    const fileId = up.json().id;
    const stolen = await county1.post('/api/service-records', base(await insertCase(county1Unit), { proofFileId: fileId }));
    expect(stolen.statusCode).toBe(400);
    expect(paths(stolen)).toEqual(['body.proofFileId']);
    const ok = await county2.post('/api/service-records', base(caseId, { proofFileId: fileId }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().proof).toMatchObject({ fileId, originalName: '邮件签收.png' });
    const again = await county2.post('/api/service-records', base(caseId, { proofFileId: fileId }));
    expect(again.statusCode).toBe(400);
  });
});

describe('createServiceRecord (called by other modules in their transaction)', () => {
  it('returns the row with effectiveServedOn, for an adjudication too', async () => {
    const row = await t.deps.db.transaction().execute((trx) =>
      createServiceRecord(trx, t.deps, SYSTEM_CTX, {
        entityType: 'adjudication', entityId: 7, unitId: cityUnit, documentTitle: '行政裁决书', method: 'announcement', recipient: '某某公司',
        announcedOn: '2026-11-20', announcementText: '某某公司：本局作出的专利侵权纠纷行政裁决书，因无法送达，现予公告送达，自公告之日起经过三十日即视为送达。',
      }),
    );
    // 2026-11-20 + 30 days = 2026-12-20, a Sunday → Monday 2026-12-21.
    expect(row).toMatchObject({ entityType: 'adjudication', deemedServedOn: '2026-12-21', servedOn: null, effectiveServedOn: '2026-12-21' });
    await expect(
      t.deps.db.transaction().execute((trx) =>
        createServiceRecord(trx, t.deps, SYSTEM_CTX, { entityType: 'case', entityId: 1, unitId: cityUnit, documentTitle: '决定书', method: 'mail', recipient: '某', servedOn: '2026-11-19' }),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.trackingNo' }] });
  });
});

describe('robustness', () => {
  it('lists the documents of the record that may be served (current versions only, in scope)', async () => {
    const caseId = await insertCase(county2Unit);
    const f = await t.deps.db.insertInto('files').values({ sha256: 'a'.repeat(64), size: 1, mime: 'application/pdf', originalName: 'x.docx', ownerType: 'document', ownerId: '1', uploadedBy: null }).returning('id').executeTakeFirstOrThrow();
    const doc = (no: string | null, supersededBy: number | null = null) =>
      t.deps.db.insertInto('documents').values({
        entityType: 'case', entityId: caseId, unitId: county2Unit, kind: 'penaltyDecision', docNo: no, year: 2026, seq: 1, title: '行政处罚决定书',
        fileId: f.id, data: '{}', generatedBy: null, supersededBy,
      }).returning('id').executeTakeFirstOrThrow();
    const current = await doc(`泰岱市监罚〔2026〕${900 + seq}号`);
    await doc(null, current.id);
    const res = await county2.get(`/api/service-records/documents?entityType=case&entityId=${caseId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({ id: current.id, kind: 'penaltyDecision', title: '行政处罚决定书' })]);
    expect((await county1.get(`/api/service-records/documents?entityType=case&entityId=${caseId}`)).json()).toEqual([]);
    const ok = await county2.post('/api/service-records', base(caseId, { documentId: current.id }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().documentId).toBe(current.id);
  });

  it('random JSON bodies never produce a 5xx', async () => {
    const caseId = await insertCase(county2Unit);
    const bodies: unknown[] = [
      {}, [], null, 'x', 42, { entityType: 'case' }, { entityType: 'case', entityId: -1 }, { entityType: 'case', entityId: 2 ** 40 },
      base(caseId, { method: 'announcement', announcedOn: '2026-99-01' }), base(caseId, { servedOn: 20261118 }), base(caseId, { electronicConsent: 'yes' }),
      base(caseId, { documentTitle: 'x'.repeat(5000) }), base(caseId, { trackingNo: '单号' }), base(caseId, { entityType: 'adjudication' }),
    ];
    for (const b of bodies) {
      const res = await county2.request({ method: 'POST', url: '/api/service-records', payload: JSON.stringify(b), headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, `${JSON.stringify(b)} → ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('the OpenAPI document describes the routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/service-records', '/api/service-records/{id}/proof', '/api/public/service-announcements', '/api/penalty-publications', '/api/public/penalties/{id}']));
  });
});
