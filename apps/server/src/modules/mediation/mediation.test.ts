import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  residentIdCheckChar,
  usccCheckChar,
  type MediationDetailDto,
  type MediationPartyRawInput,
  type MediationStatsDto,
  type RegisterMediationRawInput,
} from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { SYSTEM_CTX } from '../../access/actor';
import { createMediationFromSource, mediationsOfAdjudication } from './mediation.service';

/**
 * 纠纷调解 through the HTTP API on the fixed clock (2026-11-20, Beijing) and the official 2026 calendar (中秋 09-25…27,
 * 国庆 10-01…07 with 09-20 and 10-10 调休上班). Court periods are calendar days rolled to a working day (民事诉讼法 第八十五条).
 */
let t: TestApp;
const ids = { city: 0, county1: 0, county2: 0 };
const mediators: Record<string, number> = {};

const usccOf = (first17: string) => first17 + usccCheckChar(first17)!;
const USCC_A = usccOf('91370900MA3C00001');
const USCC_B = usccOf('91370911MA3C00002');
const ID_NO = '37091119850312123' + residentIdCheckChar('37091119850312123')!;
/** The same numbers with a wrong check character. */
const BAD_ID_NO = ID_NO.slice(0, 17) + (ID_NO[17] === '1' ? '2' : '1');
const BAD_USCC = USCC_A.slice(0, 17) + (USCC_A[17] === '1' ? '2' : '1');

const APPLICANT: MediationPartyRawInput = { side: 'applicant', kind: 'organization', name: '泰安某某科技有限公司', uscc: USCC_A, phone: '0538-6212345', address: '泰安市泰山区某路 1 号' };
const RESPONDENT: MediationPartyRawInput = { side: 'respondent', kind: 'organization', name: '泰安某某机械制造有限公司', uscc: USCC_B, agent: '李律师' };
const PERSON: MediationPartyRawInput = { side: 'respondent', kind: 'person', name: '张三', idNo: ID_NO, phone: '13912345678' };

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');

function multipart(name: string, content: Buffer) {
  const boundary = '----zc' + crypto.randomBytes(6).toString('hex');
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function paths(res: { json(): any }): string[] {
  return (res.json().details ?? []).map((d: { path: string }) => d.path);
}

function ok<T = MediationDetailDto>(res: { statusCode: number; body: string; json(): any }, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

const as = (username: string) => t.login(username);

function body(over: Partial<RegisterMediationRawInput> = {}): RegisterMediationRawInput {
  return {
    source: 'application',
    ipType: 'patent',
    disputeType: 'infringementDamages',
    subject: '实用新型专利侵权损害赔偿纠纷',
    claims: '请求被申请人停止制造、销售涉案产品并赔偿经济损失 10 万元。',
    amountClaimed: 100000,
    parties: [APPLICANT, RESPONDENT],
    ...over,
  };
}

async function register(c: TestClient, over: Partial<RegisterMediationRawInput> = {}): Promise<MediationDetailDto> {
  return ok(await c.post('/api/mediations', body(over)), 201);
}

async function act(c: TestClient, m: { id: number; version: number }, action: string, input: Record<string, unknown> = {}) {
  return c.post(`/api/mediations/${m.id}/actions/${action}`, { version: m.version, ...input });
}

let leadSeq = 0;
/** A complaint lead of the unit (the leads module has its own tests). */
async function complaintLead(unitId: number, kind: 'complaint' | 'report' = 'complaint'): Promise<number> {
  leadSeq++;
  const now = t.clock.now().toISOString();
  const row = await t.deps.db
    .insertInto('leads')
    .values({
      leadNo: `XS-2026-370900-${String(800000 + leadSeq).padStart(6, '0')}`,
      kind,
      // a portal lead needs its submission; 12315 转办 does not
      source: 'hotline12315',
      ipType: 'patent',
      title: `投诉销售侵犯专利权产品 ${leadSeq}`,
      facts: '投诉人称被投诉人销售的产品落入其实用新型专利权的保护范围。',
      respondentName: '泰安某某机械制造有限公司',
      respondentUscc: USCC_B,
      respondentRegionCode: '370902',
      receivedOn: '2026-03-01',
      intakeUnitId: ids.city,
      countyUnitId: unitId === ids.city ? null : unitId,
      unitId,
      status: 'accepted',
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  const units = await t.deps.db.selectFrom('units').select(['id', 'name', 'parentId', 'kind']).orderBy('id').execute();
  ids.city = units.find((u) => u.parentId === null)!.id;
  const counties = units.filter((u) => u.kind === 'countyBureau');
  ids.county1 = counties[0]!.id;
  ids.county2 = counties[1]!.id;
  for (const r of await t.deps.db.selectFrom('mediators').select(['id', 'name']).execute()) mediators[r.name] = r.id;
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('登记 and the court periods (特邀调解规定 第二十七条)', () => {
  it('委派 30 日 from the materials date, with the court and case number; extended by the parties’ consent', async () => {
    const c = await as('cityip');
    const m = await register(c, {
      source: 'courtDelegated', courtName: '泰安市泰山区人民法院', courtCaseNo: '（2026）鲁0902诉前调1234号',
      materialsReceivedOn: '2026-08-03', appliedOn: '2026-08-03',
    });
    expect(m.mediationNo).toMatch(/^泰市监知调〔2026〕\d+号$/);
    expect(m.channel).toBe('court');
    expect(m.status).toBe('applied');
    // 2026-08-03 + 30 days = 2026-09-02 (a Wednesday).
    expect(m.courtPeriod).toMatchObject({ dueOn: '2026-09-02', extendedDays: 0 });
    expect(m.courtPeriod!.basis).toContain('第二十七条');
    expect(m.deadlines[0]!.title).toContain('泰安市泰山区人民法院');
    expect(m.deadlines[0]!.title).toContain('（2026）鲁0902诉前调1234号');
    expect(m.dueOn).toBe('2026-09-02');
    expect(m.allowedActions).toEqual(['accept', 'refuse']);

    const accepted = ok(await act(c, m, 'accept', { acceptedOn: '2026-08-04', mediators: [{ mediatorId: mediators['李某华'], role: 'chief' }] }));
    expect(accepted.status).toBe('mediating');
    expect(accepted.allowedActions).toContain('extend');
    const extended = ok(await act(c, accepted, 'extend', { days: 7, agreedOn: '2026-08-28', note: '双方申请延长以便补充证据' }));
    // Counted after the period: 09-02 + 7 = 09-09.
    expect(extended.courtPeriod).toMatchObject({ dueOn: '2026-09-09', extendedDays: 7 });
    expect(extended.deadlines[0]!.extensions[0]!.reason).toContain('双方当事人同意延长');
  });

  it.each([
    ['ordinary', '2026-11-17'],
    ['simple', '2026-11-09'],
  ] as const)('委托 (%s): from 2026-11-02 the period ends %s', async (procedure, due) => {
    const c = await as('cityip');
    const m = await register(c, {
      source: 'courtEntrusted', courtName: '泰安市中级人民法院', courtCaseNo: `（2026）鲁09民初${procedure === 'simple' ? 88 : 77}号`, courtProcedure: procedure,
      materialsReceivedOn: '2026-11-02',
    });
    expect(m.courtProcedure).toBe(procedure);
    expect(m.appliedOn).toBe('2026-11-02');
    expect(m.courtPeriod!.dueOn).toBe(due);
    expect(m.deadlines.map((d) => d.ruleKey)).toEqual([procedure === 'simple' ? 'mediation.courtEntrustedSimple' : 'mediation.courtEntrustedOrdinary']);
  });

  it('a patent dispute on application opens the 15-day opinion period, completed by 受理', async () => {
    const c = await as('cityip');
    const m = await register(c, { appliedOn: '2026-11-02' });
    expect(m.channel).toBe('window');
    expect(m.courtPeriod).toBeNull();
    // 11-02 + 15 = 11-17.
    expect(m.deadlines).toMatchObject([{ ruleKey: 'mediation.patentOpinion', dueOn: '2026-11-17', completedOn: null }]);
    const a = ok(await act(c, m, 'accept', { acceptedOn: '2026-11-10', mediators: [{ mediatorId: mediators['赵某强'], role: 'chief' }] }));
    expect(a.deadlines[0]).toMatchObject({ completedOn: '2026-11-10', state: 'done' });
    expect(a.acceptedOn).toBe('2026-11-10');
    expect(a.mediators).toMatchObject([{ name: '赵某强', role: 'chief' }]);
    // not a court case: no extension, no court feedback
    expect(a.allowedActions).toEqual(['assignMediators', 'recordSession', 'reachAgreement', 'terminate']);
    const other = await register(c, { ipType: 'trademark', disputeType: 'licence', appliedOn: '2026-11-02' });
    expect(other.deadlines).toEqual([]);
  });

  it('masks ID numbers and phones, encrypts them, and shows them in full only through the audited identity view', async () => {
    const c = await as('cityip');
    const m = await register(c, { parties: [APPLICANT, PERSON] });
    const p = m.parties.find((x) => x.kind === 'person')!;
    expect(p.idNoMasked).not.toContain(ID_NO.slice(6, 14));
    expect(p.phoneMasked).toMatch(/^139\*+5678$/);
    const list = ok<{ items: { id: number; respondentNames: string[] }[] }>(await c.get('/api/mediations?tab=all&pageSize=200'));
    expect(list.items.find((i) => i.id === m.id)!.respondentNames).toEqual(['张*']);
    const row = await t.deps.db.selectFrom('mediationParties').selectAll().where('mediationId', '=', m.id).where('kind', '=', 'person').executeTakeFirstOrThrow();
    expect(row.idNoEnc).not.toContain(ID_NO);
    const idv = ok<{ parties: { name: string; idNo: string | null; phone: string | null }[] }>(await c.get(`/api/mediations/${m.id}/identity`));
    expect(idv.parties.find((x) => x.name === '张三')).toMatchObject({ idNo: ID_NO, phone: '13912345678' });
    const audit = await t.deps.db.selectFrom('auditLogs').select(['action']).where('entityType', '=', 'mediation').where('entityId', '=', String(m.id)).execute();
    expect(audit.map((a) => a.action)).toContain('mediation.identity.view');
  });

  it('refuses bad input with the field paths', async () => {
    const c = await as('cityip');
    const cases: [Partial<RegisterMediationRawInput>, string][] = [
      [{ parties: [APPLICANT, { ...APPLICANT, name: '泰安另一公司' }] }, 'body.parties'],
      [{ parties: [{ ...APPLICANT, uscc: BAD_USCC }, RESPONDENT] }, 'body.parties.0.uscc'],
      [{ parties: [APPLICANT, { ...PERSON, idNo: BAD_ID_NO }] }, 'body.parties.1.idNo'],
      [{ parties: [APPLICANT, { ...PERSON, phone: '12345' }] }, 'body.parties.1.phone'],
      [{ source: 'courtDelegated', courtCaseNo: '（2026）鲁0902诉前调1号', materialsReceivedOn: '2026-11-02' }, 'body.courtName'],
      [{ source: 'courtEntrusted', courtName: '某法院', courtCaseNo: '（2026）鲁09民初1号', materialsReceivedOn: '2026-11-02' }, 'body.courtProcedure'],
      [{ source: 'complaint' }, 'body.leadId'],
      [{ amountClaimed: -1 }, 'body.amountClaimed'],
      [{ subject: '' }, 'body.subject'],
    ];
    for (const [over, path] of cases) {
      const res = await c.post('/api/mediations', body(over));
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(paths(res)).toContain(path);
    }
    // dates the schema cannot judge: the materials signed for tomorrow, or before the delegation arrived
    const future = await c.post('/api/mediations', body({ source: 'courtDelegated', courtName: '某法院', courtCaseNo: 'X1', materialsReceivedOn: '2026-11-21' }));
    expect(future.statusCode).toBe(400);
    expect(paths(future)).toEqual(['body.materialsReceivedOn']);
    const before = await c.post('/api/mediations', body({ source: 'courtDelegated', courtName: '某法院', courtCaseNo: 'X2', appliedOn: '2026-11-05', materialsReceivedOn: '2026-11-04' }));
    expect(paths(before)).toEqual(['body.materialsReceivedOn']);
  });

  it('registers from a complaint lead in scope only (a report is refused)', async () => {
    const c = await as('county1');
    const lead = await complaintLead(ids.county1);
    const m = await register(c, { source: 'complaint', leadId: lead, unitId: ids.county1 });
    expect(m).toMatchObject({ source: 'complaint', channel: 'internal', unitId: ids.county1, lead: { id: lead } });
    // A county bureau numbers its own: 泰山市监知调 for 泰山区 (organCode: 泰 + 泰山 reads 泰山).
    expect(m.mediationNo).toMatch(/^泰山市监知调〔2026〕1号$/);
    const report = await complaintLead(ids.county1, 'report');
    expect(paths(await c.post('/api/mediations', body({ source: 'complaint', leadId: report, unitId: ids.county1 })))).toEqual(['body.leadId']);
    const elsewhere = await complaintLead(ids.county2);
    expect(paths(await c.post('/api/mediations', body({ source: 'complaint', leadId: elsewhere, unitId: ids.county1 })))).toEqual(['body.leadId']);
    // a unit outside the actor's scope
    expect((await c.post('/api/mediations', body({ unitId: ids.county2 }))).statusCode).toBe(404);
  });
});

describe('回避 and the mediator pool', () => {
  it('refuses a mediator who declared the respondent, naming the party and the relation', async () => {
    const c = await as('cityip');
    const m = await register(c);
    const res = await act(c, m, 'accept', { mediators: [{ mediatorId: mediators['王某平'], role: 'chief' }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ACTION_NOT_ALLOWED');
    expect(res.json().message).toContain('被申请人“泰安某某机械制造有限公司”');
    expect(res.json().message).toContain('担任其技术顾问');
    expect(res.json().message).toContain('回避');
    // the candidates list shows him, disabled, after the selectable ones
    const cands = ok<{ id: number; name: string; selectable: boolean; disabledReason: string | null; expertiseMatch: boolean }[]>(await c.get(`/api/mediators/candidates?mediationId=${m.id}`));
    const wang = cands.find((x) => x.id === mediators['王某平'])!;
    expect(wang.selectable).toBe(false);
    expect(wang.disabledReason).toContain('担任其技术顾问');
    expect(cands[cands.length - 1]!.selectable).toBe(false);
    expect(cands[0]!.selectable && cands[0]!.expertiseMatch).toBe(true);
  });

  it('declares a conflict by credit code through the API (audited) and removes it', async () => {
    const c = await as('cityip');
    const m = await register(c, { parties: [APPLICANT, { ...RESPONDENT, name: '泰安某某机械制造有限责任公司（原名）' }] });
    const bad = await c.post(`/api/mediators/${mediators['孙某丽']}/conflicts`, { partyName: '某机械', partyUscc: BAD_USCC, relation: '近亲属任职' });
    expect(paths(bad)).toEqual(['body.partyUscc']);
    const withConflict = ok<{ conflicts: { id: number }[] }>(await c.post(`/api/mediators/${mediators['孙某丽']}/conflicts`, { partyName: '某机械', partyUscc: USCC_B, relation: '近亲属任职' }), 201);
    const res = await act(c, m, 'accept', { mediators: [{ mediatorId: mediators['孙某丽'], role: 'chief' }, { mediatorId: mediators['刘某芳'], role: 'member' }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('近亲属任职');
    const cid = withConflict.conflicts[0]!.id;
    ok(await c.delete(`/api/mediators/${mediators['孙某丽']}/conflicts/${cid}`));
    ok(await act(c, m, 'accept', { mediators: [{ mediatorId: mediators['孙某丽'], role: 'chief' }, { mediatorId: mediators['刘某芳'], role: 'member' }] }));
    const audit = await t.deps.db.selectFrom('auditLogs').select('action').where('entityType', '=', 'mediator').where('entityId', '=', String(mediators['孙某丽'])).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['mediator.conflict.add', 'mediator.conflict.remove']));
  });

  it('refuses an unavailable mediator and needs exactly one chief', async () => {
    const c = await as('cityip');
    const created = ok<{ id: number; version: number; phoneMasked: string; availableNow: boolean }>(
      await c.post('/api/mediators', { name: '周某某', kind: 'expert', expertise: ['patent'], technicalFields: ['光学'], phone: '13700001111', available: false, unavailableUntil: '2026-12-31' }),
      201,
    );
    expect(created.phoneMasked).toMatch(/^137\*+1111$/);
    expect(created.availableNow).toBe(false);
    const m = await register(c);
    const res = await act(c, m, 'accept', { mediators: [{ mediatorId: created.id, role: 'chief' }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('2026-12-31 前');
    const twoChiefs = await act(c, m, 'accept', { mediators: [{ mediatorId: mediators['赵某强'], role: 'chief' }, { mediatorId: mediators['刘某芳'], role: 'chief' }] });
    expect(paths(twoChiefs)).toEqual(['body.mediators']);
    // back in service
    const back = ok<{ availableNow: boolean; phoneMasked: string }>(
      await c.put(`/api/mediators/${created.id}`, { version: created.version, name: '周某某', kind: 'expert', expertise: ['patent'], technicalFields: ['光学'], available: true }),
    );
    expect(back).toMatchObject({ availableNow: true, phoneMasked: created.phoneMasked });
    ok(await act(c, m, 'accept', { mediators: [{ mediatorId: created.id, role: 'chief' }] }));
    // stale version of the mediator
    expect((await c.put(`/api/mediators/${created.id}`, { version: created.version, name: '周某某', kind: 'expert', expertise: ['patent'] })).statusCode).toBe(409);
  });

  it('a county officer sees the city pool but may not edit it', async () => {
    const c = await as('county1');
    const list = ok<{ items: { name: string; abilities: { edit: boolean } }[] }>(await c.get('/api/mediators?pageSize=50'));
    expect(list.items.map((i) => i.name)).toContain('张某明');
    expect(list.items.every((i) => !i.abilities.edit)).toBe(true);
    expect((await c.post('/api/mediators', { name: '吴某某', kind: 'expert', expertise: ['patent'] })).statusCode).toBe(403);
  });
});

describe('agreement and judicial confirmation (人民调解法 第三十三条)', () => {
  let id = 0;
  it('a court-delegated mediation ends in an agreement: window 2026-09-20 → 2026-10-20, late application refused', async () => {
    const c = await as('cityip');
    let m = await register(c, {
      source: 'courtDelegated', courtName: '泰安市泰山区人民法院', courtCaseNo: '（2026）鲁0902诉前调2001号', materialsReceivedOn: '2026-09-01',
      parties: [APPLICANT, PERSON],
    });
    id = m.id;
    m = ok(await act(c, m, 'accept', { acceptedOn: '2026-09-02', mediators: [{ mediatorId: mediators['张某明'], role: 'chief' }, { mediatorId: mediators['王某平'], role: 'member' }] }));
    m = ok(await act(c, m, 'recordSession', { heldOn: '2026-09-10', place: '泰安市知识产权纠纷人民调解委员会第一调解室', attendees: '双方当事人及代理人', minutes: '双方就赔偿数额进行协商，初步达成一致。' }));
    expect(m.sessions).toHaveLength(1);
    const future = await act(c, m, 'recordSession', { heldOn: '2026-11-21', place: '调解室', attendees: '双方', minutes: '笔录' });
    expect(paths(future)).toEqual(['body.heldOn']);
    const noAmount = await act(c, m, 'reachAgreement', { form: 'written', terms: '被申请人赔偿申请人经济损失', termKinds: ['compensation'], effectiveOn: '2026-09-20' });
    expect(paths(noAmount)).toEqual(['body.amount']);
    m = ok(await act(c, m, 'reachAgreement', {
      form: 'written', terms: '被申请人于 2026 年 10 月 31 日前赔偿申请人经济损失 5 万元，并停止销售涉案产品。', termKinds: ['compensation', 'stopInfringement'],
      amount: 50000, effectiveOn: '2026-09-20', performanceDueOn: '2026-10-31',
    }));
    expect(m.status).toBe('agreed');
    expect(m.agreement).toMatchObject({ form: 'written', amount: 50000, effectiveOn: '2026-09-20', performanceDueOn: '2026-10-31' });
    // the court period (09-01 + 30 = 10-01, a holiday → 10-08) is done on the agreement day
    const court = m.deadlines.find((d) => d.ruleKey === 'mediation.courtDelegated')!;
    expect(court).toMatchObject({ dueOn: '2026-10-08', completedOn: '2026-09-20' });
    expect(m.confirmation).toMatchObject({ blockMessage: null, windowDueOn: '2026-10-20' });
    const w = m.deadlines.find((d) => d.ruleKey === 'mediation.judicialConfirmation')!;
    expect(w.basis).toMatchObject({ regulation: '中华人民共和国人民调解法', article: '第三十三条' });
    expect(m.abilities.generateAgreement).toBe(true);

    const late = await act(c, m, 'applyConfirmation', { appliedOn: '2026-10-21', court: '泰安市泰山区人民法院' });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('2026-10-20');
    expect(late.json().details.windowDueOn).toBe('2026-10-20');
    m = ok(await act(c, m, 'applyConfirmation', { appliedOn: '2026-10-20', court: '泰安市泰山区人民法院' }));
    expect(m.status).toBe('confirmationApplied');
    expect(m.deadlines.find((d) => d.ruleKey === 'mediation.judicialConfirmation')).toMatchObject({ completedOn: '2026-10-20' });
    m = ok(await act(c, m, 'recordRuling', { ruling: 'confirmed', rulingOn: '2026-10-30', caseNo: '（2026）鲁0902民特55号' }));
    expect(m.status).toBe('confirmed');
    expect(m.confirmation).toMatchObject({ ruling: 'confirmed', caseNo: '（2026）鲁0902民特55号' });
    m = ok(await act(c, m, 'recordPerformance', { performance: 'performed', on: '2026-10-31', note: '已全额支付' }));
    expect(m.performance).toMatchObject({ performance: 'performed', note: '已全额支付' });
    // a court case is closed only after the court was told
    expect(m.allowedActions).toEqual(['recordPerformance', 'informCourt']);
    const early = await act(c, m, 'close', {});
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('须先向法院反馈调解结果');
    m = ok(await act(c, m, 'informCourt', { informedOn: '2026-11-02' }));
    expect(m.courtInformedOn).toBe('2026-11-02');
    m = ok(await act(c, m, 'close', { closedOn: '2026-11-03' }));
    expect(m).toMatchObject({ status: 'closed', closedOn: '2026-11-03', allowedActions: [], dueOn: null });
    expect(m.deadlines.every((d) => d.completedOn !== null)).toBe(true);
  });

  it('an agreement confirming ownership gets no window and cannot be confirmed (民诉法解释 第三百五十五条)', async () => {
    const c = await as('cityip');
    let m = await register(c, { disputeType: 'ownership', subject: '专利申请权权属纠纷', amountClaimed: null });
    m = ok(await act(c, m, 'accept', { mediators: [{ mediatorId: mediators['赵某强'], role: 'chief' }] }));
    m = ok(await act(c, m, 'reachAgreement', { form: 'written', terms: '确认涉案专利申请权归申请人所有。', termKinds: ['ownership'], effectiveOn: '2026-11-20' }));
    expect(m.confirmation.windowDueOn).toBeNull();
    expect(m.confirmation.blockMessage).toContain('第三百五十五条');
    expect(m.deadlines.some((d) => d.ruleKey === 'mediation.judicialConfirmation')).toBe(false);
    expect(m.allowedActions).not.toContain('applyConfirmation');
    const res = await act(c, m, 'applyConfirmation', { appliedOn: '2026-11-20', court: '泰安市中级人民法院' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('不予受理司法确认申请');
  });

  it('answers 409 with the allowed actions, 409 on a stale version, 400 for court feedback of a non-court mediation', async () => {
    const c = await as('cityip');
    const m = await register(c);
    const wrong = await act(c, m, 'reachAgreement', { form: 'oral', terms: '双方和解，互不追究。', termKinds: ['other'], effectiveOn: '2026-11-20' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().details.allowedActions).toEqual(['accept', 'refuse']);
    const stale = await act(c, { ...m, version: m.version + 5 }, 'refuse', { reason: '被申请人明确拒绝调解' });
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const refused = ok(await act(c, m, 'refuse', { reason: '被申请人明确拒绝调解' }));
    expect(refused).toMatchObject({ status: 'refused', refusedReason: '被申请人明确拒绝调解', allowedActions: ['close'] });
    expect(refused.deadlines.every((d) => d.completedOn === '2026-11-20')).toBe(true);
    const inform = await act(c, refused, 'informCourt', { informedOn: '2026-11-20' });
    expect(inform.statusCode).toBe(400);
    expect(paths(inform)).toEqual(['params.action']);
    expect((await c.post(`/api/mediations/${m.id}/actions/register`, { version: 1 })).statusCode).toBe(404);
  });

  it('keeps the agreement id for the next tests', () => {
    expect(id).toBeGreaterThan(0);
  });
});

describe('access', () => {
  it('another county’s user gets 404; the mediator account sees only the mediations assigned to it', async () => {
    const c1 = await as('county1');
    const m = await register(c1, { unitId: ids.county1 });
    const c2 = await as('county2');
    expect((await c2.get(`/api/mediations/${m.id}`)).statusCode).toBe(404);
    expect((await act(c2, m, 'refuse', { reason: '拒绝' })).statusCode).toBe(404);
    expect((await c2.get(`/api/mediations/${m.id}/identity`)).statusCode).toBe(404);
    const list2 = ok<{ items: { id: number }[] }>(await c2.get('/api/mediations?tab=all&pageSize=200'));
    expect(list2.items.map((i) => i.id)).not.toContain(m.id);

    const med = await as('mediator');
    expect((await med.get(`/api/mediations/${m.id}`)).statusCode).toBe(404);
    const mine = ok(await act(c1, m, 'accept', { mediators: [{ mediatorId: mediators['张某明'], role: 'chief' }] }));
    const seen = ok<{ items: { id: number; chiefMediatorName: string | null }[]; total: number }>(await med.get('/api/mediations?tab=all&pageSize=200'));
    expect(seen.items.map((i) => i.id)).toContain(m.id);
    const assigned = await t.deps.db
      .selectFrom('mediationMediators')
      .select('mediationId')
      .where('mediatorId', '=', mediators['张某明']!)
      .execute();
    expect(seen.total).toBe(assigned.length);
    // and may act on it
    ok(await act(med, mine, 'recordSession', { heldOn: '2026-11-20', place: '线上', online: true, attendees: '双方当事人', minutes: '首次调解。' }));
    // no registration for a mediator: the bureau registers and assigns (the button is hidden for 仅本人 scope)
    const refused = await med.post('/api/mediations', body());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('调解员不能登记调解');
  });
});

describe('cross-module: createMediationFromSource / mediationsOfAdjudication', () => {
  it('opens a 待受理 mediation from an adjudication, with no personal numbers', async () => {
    const now = t.clock.now().toISOString();
    const adj = await t.deps.db
      .insertInto('adjudications')
      .values({
        requestNo: 'CJ-2026-TEST-0001', unitId: ids.city, receivedByUnitId: ids.city, channel: 'window', patentNo: 'ZL202420000001.X', patentType: 'utilityModel',
        patentTitle: '一种输送装置', patentee: '泰安某某科技有限公司', requesterKind: 'organization', requesterName: '泰安某某科技有限公司', requesterRole: 'patentee',
        respondentKind: 'organization', respondentName: '泰安某某机械制造有限公司', accusedProduct: '输送机', claimsComparison: '落入权利要求 1', requests: '停止侵权',
        factsReasons: '被请求人制造销售涉案产品', receivedOn: '2026-11-01', status: 'filed', createdAt: now, updatedAt: now,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await t.deps.db.transaction().execute((trx) =>
      createMediationFromSource(trx, t.deps, SYSTEM_CTX, {
        source: 'adjudication', adjudicationId: adj.id, unitId: ids.city, ipType: 'patent', disputeType: 'infringementDamages',
        subject: '专利侵权纠纷赔偿数额调解', claims: '就侵权赔偿数额进行调解', amountClaimed: '80000.00',
        parties: [
          { side: 'applicant', kind: 'organization', name: '泰安某某科技有限公司', uscc: USCC_A },
          { side: 'respondent', kind: 'person', name: '李四' },
        ],
      }),
    );
    expect(r.mediationNo).toMatch(/^泰市监知调〔2026〕\d+号$/);
    expect(await mediationsOfAdjudication(t.deps.db, adj.id)).toEqual([{ id: r.id, mediationNo: r.mediationNo, status: 'applied', statusLabel: '待受理' }]);
    const c = await as('cityip');
    const m = ok(await c.get(`/api/mediations/${r.id}`));
    expect(m).toMatchObject({ source: 'adjudication', channel: 'internal', adjudication: { id: adj.id, requestNo: 'CJ-2026-TEST-0001' }, amountClaimed: 80000 });
    expect(m.parties.every((p) => p.idNoMasked === null && p.phoneMasked === null)).toBe(true);
    expect(m.actions.map((a) => a.action)).toEqual(['register']);
    expect(m.deadlines).toEqual([]);
  });
});

describe('portal application', () => {
  const input = {
    ipType: 'patent',
    disputeType: 'infringementDamages',
    subject: '外观设计专利侵权纠纷',
    claims: '请求调解，由被申请人停止销售并赔偿损失。',
    amountClaimed: 30000,
    parties: [
      { side: 'applicant', kind: 'person', name: '王五', idNo: ID_NO, phone: '13800138000' },
      { side: 'respondent', kind: 'organization', name: '泰安某某商贸有限公司' },
    ],
    consent: true,
  };

  it('is idempotent, lists the user’s own applications and shows a plain timeline', async () => {
    const p = await as('demo_enterprise');
    const key = 'mediation-test-key-0001';
    const send = (b: unknown, k = key) => p.request({ method: 'POST', url: '/api/portal/mediations', headers: { 'idempotency-key': k }, payload: b as object });
    const first = await send(input);
    expect(first.statusCode, first.body).toBe(201);
    const receipt = first.json();
    expect(receipt).toMatchObject({ status: 'applied', appliedOn: '2026-11-20', nextStep: '征求被申请人是否同意调解的意见' });
    // 11-20 + 15 = 12-05, a Saturday → 12-07
    expect(receipt.expectedNextStepBy).toBe('2026-12-07');
    const again = await send(input);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().mediationNo).toBe(receipt.mediationNo);
    const other = await send({ ...input, subject: '另一纠纷事由' });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await t.deps.db.selectFrom('mediations').select('id').where('mediationNo', '=', receipt.mediationNo).execute()).length).toBe(1);

    const noPhone = await send({ ...input, parties: [{ ...input.parties[0], phone: null }, input.parties[1]] }, 'mediation-test-key-0002');
    expect(paths(noPhone)).toEqual(['body.parties.0.phone']);
    const noConsent = await send({ ...input, consent: false }, 'mediation-test-key-0003');
    expect(paths(noConsent)).toEqual(['body.consent']);
    expect((await t.anonymous().request({ method: 'POST', url: '/api/portal/mediations', headers: { 'idempotency-key': 'anon-key-0001' }, payload: input })).statusCode).toBe(401);

    const mine = ok<{ items: { mediationNo: string; respondentNames: string[] }[]; total: number }>(await p.get('/api/portal/mediations/mine'));
    expect(mine.items.map((i) => i.mediationNo)).toEqual([receipt.mediationNo]);

    // the city handles it: refused by the respondent
    const c = await as('cityip');
    const row = await t.deps.db.selectFrom('mediations').select(['id', 'version', 'channel', 'unitId']).where('mediationNo', '=', receipt.mediationNo).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'portal', unitId: ids.city });
    const notified = await t.deps.db.selectFrom('notifications').select('userId').where('kind', '=', 'mediation.applied').execute();
    expect(notified.length).toBeGreaterThan(0);
    ok(await act(c, row, 'refuse', { reason: '被申请人书面表示不同意调解' }));
    const progress = ok<{ timeline: { step: string; on: string; text: string | null }[]; result: string | null; status: string }>(
      await p.get(`/api/portal/mediations/mine/${encodeURIComponent(receipt.mediationNo)}`),
    );
    expect(progress.status).toBe('refused');
    expect(progress.timeline.map((e) => e.step)).toEqual(['apply', 'refuse']);
    expect(progress.result).toContain('被申请人书面表示不同意调解');
    expect((await p.get(`/api/portal/mediations/mine/${encodeURIComponent('泰市监知调〔2026〕1号')}`)).statusCode).toBe(404);
  });
});

describe('files', () => {
  it('claims the applicant’s uploads (once) and keeps the signed minutes with a session', async () => {
    const p = await as('demo_enterprise');
    const up = await p.request({ method: 'POST', url: '/api/portal/files', ...multipart('证据.png', PNG) });
    expect(up.statusCode, up.body).toBe(200);
    const { fileId, uploadToken } = up.json();
    const payload = {
      ipType: 'trademark', disputeType: 'licence', subject: '商标许可使用费纠纷', claims: '请求调解许可使用费的支付。', consent: true,
      parties: [{ side: 'applicant', kind: 'organization', name: '泰安某某食品有限公司', phone: '0538-8212345' }, { side: 'respondent', kind: 'organization', name: '济南某某贸易有限公司' }],
      files: [{ fileId, uploadToken }],
    };
    const first = await p.request({ method: 'POST', url: '/api/portal/mediations', headers: { 'idempotency-key': 'mediation-files-0001' }, payload });
    expect(first.statusCode, first.body).toBe(201);
    const reuse = await p.request({ method: 'POST', url: '/api/portal/mediations', headers: { 'idempotency-key': 'mediation-files-0002' }, payload });
    expect(reuse.statusCode).toBe(400);
    expect(paths(reuse)).toEqual(['body.files.0.uploadToken']);

    const c = await as('cityip');
    const row = await t.deps.db.selectFrom('mediations').select(['id']).where('mediationNo', '=', first.json().mediationNo).executeTakeFirstOrThrow();
    let m = ok(await c.get(`/api/mediations/${row.id}`));
    expect(m.files).toMatchObject([{ id: fileId, name: '证据.png', downloadUrl: `/api/files/${fileId}` }]);
    expect((await c.get(`/api/files/${fileId}`)).statusCode).toBe(200);
    expect((await (await as('county2')).get(`/api/files/${fileId}`)).statusCode).toBe(404);

    m = ok(await act(c, m, 'accept', { mediators: [{ mediatorId: mediators['刘某芳'], role: 'chief' }] }));
    const minutes = await c.request({ method: 'POST', url: `/api/mediations/${m.id}/files`, ...multipart('调解笔录.png', PNG) });
    expect(minutes.statusCode, minutes.body).toBe(201);
    m = ok(await act(c, m, 'recordSession', { heldOn: '2026-11-20', place: '第二调解室', attendees: '双方当事人', minutes: '双方同意继续协商。', fileId: minutes.json().id }));
    expect(m.sessions[0]!.file).toMatchObject({ id: minutes.json().id, name: '调解笔录.png' });
    expect((await c.get(`/api/mediations/${m.id}/files/${minutes.json().id}`)).statusCode).toBe(200);
    // a file that is not this mediation's
    const bad = await act(c, m, 'recordSession', { heldOn: '2026-11-20', place: '第二调解室', attendees: '双方', minutes: '笔录', fileId: 999999 });
    expect(paths(bad)).toEqual(['body.fileId']);
  });
});

describe('statistics (March 2026 fixture, computed by hand)', () => {
  it('counts by source, outcome and mediator; success rate, duration, court periods; exports .xlsx', async () => {
    const c = await as('cityip');
    const accept = (m: MediationDetailDto, on: string, list: { mediatorId: number; role: string }[]) => act(c, m, 'accept', { acceptedOn: on, mediators: list }).then((r) => ok(r));
    // A: application, agreement after 10 days, 50,000
    let a = await register(c, { appliedOn: '2026-03-02' });
    a = await accept(a, '2026-03-03', [{ mediatorId: mediators['李某华']!, role: 'chief' }]);
    ok(await act(c, a, 'reachAgreement', { form: 'written', terms: '赔偿 5 万元。', termKinds: ['compensation'], amount: 50000, effectiveOn: '2026-03-12' }));
    // B: court-delegated, terminated after 20 days, within the period (03-02 + 30 = 04-01)
    let b = await register(c, { source: 'courtDelegated', courtName: '泰安市泰山区人民法院', courtCaseNo: '（2026）鲁0902诉前调9001号', materialsReceivedOn: '2026-03-02' });
    b = await accept(b, '2026-03-03', [{ mediatorId: mediators['李某华']!, role: 'chief' }, { mediatorId: mediators['陈某杰']!, role: 'member' }]);
    ok(await act(c, b, 'terminate', { terminatedOn: '2026-03-22', reasonCode: 'noAgreement' }));
    // C: court-entrusted (simple), agreement after 15 days, after the period (03-05 + 7 = 03-12)
    let cc = await register(c, { source: 'courtEntrusted', courtName: '泰安市中级人民法院', courtCaseNo: '（2026）鲁09民初9002号', courtProcedure: 'simple', materialsReceivedOn: '2026-03-05' });
    cc = await accept(cc, '2026-03-06', [{ mediatorId: mediators['张某明']!, role: 'chief' }]);
    ok(await act(c, cc, 'reachAgreement', { form: 'oral', terms: '赔偿 12,500.50 元。', termKinds: ['compensation'], amount: 12500.5, effectiveOn: '2026-03-20' }));
    // D: refused
    const d = await register(c, { appliedOn: '2026-03-10' });
    ok(await act(c, d, 'refuse', { refusedOn: '2026-03-11', reason: '被申请人拒绝调解' }));
    // E: from a complaint, still open
    await register(c, { source: 'complaint', leadId: await complaintLead(ids.city), appliedOn: '2026-03-15' });

    const s = ok<MediationStatsDto>(await c.get('/api/mediation-stats?from=2026-03-01&to=2026-03-31'));
    expect(s.total).toBe(5);
    expect(s.byOutcome).toEqual([
      { outcome: 'agreement', label: '达成协议', count: 2 },
      { outcome: 'terminated', label: '调解终止', count: 1 },
      { outcome: 'refused', label: '不予调解', count: 1 },
      { outcome: 'open', label: '办理中', count: 1 },
    ]);
    expect(s.successRate).toBe(0.6667); // 2 ÷ 3
    expect(s.averageDurationDays).toBe(15); // (10 + 20 + 15) ÷ 3
    expect(s.amountAgreed).toBe(62500.5);
    expect(s.bySource).toEqual([
      { source: 'application', label: '当事人申请', total: 2, agreement: 1, terminated: 0, refused: 1, open: 0 },
      { source: 'courtDelegated', label: '法院委派（诉前）', total: 1, agreement: 0, terminated: 1, refused: 0, open: 0 },
      { source: 'courtEntrusted', label: '法院委托（诉中）', total: 1, agreement: 1, terminated: 0, refused: 0, open: 0 },
      { source: 'complaint', label: '投诉转调解', total: 1, agreement: 0, terminated: 0, refused: 0, open: 1 },
      { source: 'adjudication', label: '行政裁决赔偿调解', total: 0, agreement: 0, terminated: 0, refused: 0, open: 0 },
    ]);
    expect(s.byMediator).toEqual([
      { mediatorId: mediators['李某华'], name: '李某华', count: 2, agreements: 1, averageDurationDays: 15 },
      // equal counts in pinyin order: 陈 (chen) before 张 (zhang)
      { mediatorId: mediators['陈某杰'], name: '陈某杰', count: 1, agreements: 0, averageDurationDays: 20 },
      { mediatorId: mediators['张某明'], name: '张某明', count: 1, agreements: 1, averageDurationDays: 15 },
    ]);
    expect(s.court).toEqual({ total: 2, withinPeriod: 1, afterPeriod: 1, open: 0 });

    // a county bureau sees none of the city's
    const county = ok<MediationStatsDto>(await (await as('county1head')).get('/api/mediation-stats?from=2026-03-01&to=2026-03-31'));
    expect(county.total).toBe(0);
    expect((await (await as('county1')).get('/api/mediation-stats?from=2026-03-01&to=2026-03-31')).statusCode).toBe(403);
    expect(paths(await c.get('/api/mediation-stats?from=2026-03-31&to=2026-03-01'))).toEqual(['querystring.to']);

    const x = await c.get('/api/mediation-stats.xlsx?from=2026-03-01&to=2026-03-31');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总体情况', '按来源', '按调解员', '诉调对接']);
    const bySource = wb.getWorksheet('按来源')!;
    expect(String(bySource.getCell(1, 1).value)).toContain('知识产权纠纷调解统计');
    expect(String(bySource.getCell(2, 1).value)).toContain('2026-03-01 至 2026-03-31');
    expect(bySource.getRow(3).values).toEqual([undefined, '来源', '合计（件）', '达成协议（件）', '调解终止（件）', '不予调解（件）', '办理中（件）']);
    expect(bySource.getRow(4).values).toEqual([undefined, '当事人申请', 2, 1, 0, 1, 0]);
    expect(bySource.getRow(9).values).toEqual([undefined, '合计', 5, 2, 1, 1, 1]);
    const summary = wb.getWorksheet('总体情况')!;
    expect(summary.getRow(4).values).toEqual([undefined, '调解案件（件）', 5]);
    expect(wb.getWorksheet('诉调对接')!.getRow(5).values).toEqual([undefined, '在法院确定的调解期限内办结（件）', 1]);
  });
});
