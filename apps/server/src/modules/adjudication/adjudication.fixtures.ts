/** Test helpers of the adjudication module (imported by its *.test.ts files only). */
import crypto from 'node:crypto';
import { residentIdCheckChar, usccCheckChar, type PortalAdjudicationRawInput, type WindowAdjudicationRawInput } from '@zhichan/shared';
import { expect } from 'vitest';
import type { TestApp, TestClient } from '../../../test/test-app';

export const uscc = (first17: string) => first17 + usccCheckChar(first17)!;
export const idNo = (first17: string) => first17 + residentIdCheckChar(first17)!;
export const USCC_REQ = uscc('91370900MA3C12345');
export const USCC_RESP = uscc('91370911MA3D67890');
export const ID_PERSON = idNo('37090219850312123');
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082',
  'hex',
);

/** A utility-model application number with its check character: 2021 2 0123456 → ZL202120123456.x */
export const UM_DIGITS = '202120123456';
export const INV_DIGITS = '202110654321';

export function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const boundary = '----zc' + crypto.randomBytes(6).toString('hex');
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    chunks.push(file.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(c: TestClient, name = 'evidence.png') {
  const res = await c.request({ method: 'POST', url: '/api/portal/files', ...multipart({}, { name, content: PNG }) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { fileId: number; uploadToken: string };
}

export function requestBody(over: Partial<WindowAdjudicationRawInput> = {}): Omit<WindowAdjudicationRawInput, 'channel' | 'receivedOn'> {
  return {
    patent: { patentNo: `ZL${INV_DIGITS}`, type: 'invention', title: '一种高效节能换热器', patentee: '泰安某某机械有限公司' },
    requester: {
      kind: 'organization', name: '泰安某某机械有限公司', uscc: USCC_REQ, phone: '0538-8221234', address: '泰安市泰山区东岳大街 100 号', role: 'patentee', agent: '李律师（山东某某律师事务所）',
    },
    respondent: { kind: 'organization', name: '岱岳某某设备厂', uscc: USCC_RESP, address: '泰安市岱岳区粥店街道 8 号', regionCode: '370911', legalRep: '王某某', phone: '0538-6012345' },
    accusedProduct: 'HX-200 型板式换热器',
    claimsComparison: '被控产品具备权利要求 1 的全部技术特征：换热板、导流槽、密封垫及其连接关系。',
    requests: '责令被请求人立即停止制造、销售侵权产品。',
    factsReasons: '请求人发现被请求人在展会上许诺销售并实际销售 HX-200 型换热器，落入涉案专利保护范围。',
    noLawsuitDeclared: true,
    ...over,
  } as Omit<WindowAdjudicationRawInput, 'channel' | 'receivedOn'>;
}

export function windowBody(over: Partial<WindowAdjudicationRawInput> = {}): WindowAdjudicationRawInput {
  return { ...requestBody(), channel: 'window', receivedOn: '2026-11-20', ...over } as WindowAdjudicationRawInput;
}

export function portalBody(files: PortalAdjudicationRawInput['files'], over: Partial<PortalAdjudicationRawInput> = {}): PortalAdjudicationRawInput {
  return { ...requestBody(), files, ...over } as PortalAdjudicationRawInput;
}

export async function userId(t: TestApp, username: string): Promise<number> {
  const u = await t.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return u.id;
}

export async function panel(t: TestApp) {
  return [
    { userId: await userId(t, 'cityip'), role: 'chief' as const },
    { userId: await userId(t, 'county1'), role: 'member' as const },
    { userId: await userId(t, 'county2'), role: 'member' as const },
  ];
}

export async function insertPatent(t: TestApp, digits: string, over: Record<string, unknown> = {}) {
  const { normalizeAppNo } = await import('@zhichan/shared');
  const n = normalizeAppNo(digits)!;
  return t.deps.db
    .insertInto('patents')
    .values({
      patentKey: n.key, appNo: n.display, patentType: 'invention', title: '一种高效节能换热器', applicants: ['泰安某某机械有限公司'], legalStatus: 'valid',
      createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), ...over,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function paths(res: { json(): any }): string[] {
  return (res.json().details ?? []).map((d: { path: string }) => d.path);
}

/** Sets the fixed clock to 10:00 China time on a day. */
export function onDay(t: TestApp, day: string) {
  t.clock.set(`${day}T02:00:00.000Z`);
}

export async function actOn(c: TestClient, id: number, action: string, body: Record<string, unknown>, version?: number) {
  let v = version;
  if (v === undefined) v = (await c.get(`/api/adjudications/${id}`)).json().version;
  return c.post(`/api/adjudications/${id}/actions/${action}`, { version: v, ...body });
}

export function deadline(detail: any, ruleKey: string) {
  return [...detail.deadlines].reverse().find((d: any) => d.ruleKey === ruleKey);
}
