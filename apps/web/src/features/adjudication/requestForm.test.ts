/**
 * The bodies the adjudication forms send are the ones the server's contract accepts (the same zod schemas), and the
 * server's field paths land on the form's fields.
 */
import { describe, expect, it } from 'vitest';
import { PortalAdjudicationInput, WindowAdjudicationInput } from '@zhichan/shared';
import { renamePortalPath, renameRequestPath, requestBody, type RequestFormValues } from './requestForm';

const USCC = '91370911MA3C5AB70A';
const ID_NO = '370902199001011235';

const filled = (over: Partial<RequestFormValues> = {}): RequestFormValues => ({
  patent: { patentNo: ' ZL202629509528.7 ', type: 'utilityModel', title: '一种药食同源面包及其制备装置', patentee: '泰安某某生物科技有限公司' },
  requester: { kind: 'organization', name: '泰安某某科技有限公司', uscc: USCC.toLowerCase(), phone: '13812341234', address: '泰安市泰山区东岳大街 100 号', role: 'exclusiveLicensee' },
  respondent: { kind: 'organization', name: '泰安某某机械制造有限公司', uscc: '', region: ['37', '3709', '370911'], address: '泰安市岱岳区某某路 8 号' },
  accusedProduct: '某某牌面包烘烤冷却一体机',
  claimsComparison: '权利要求1的全部技术特征均在被控侵权产品中体现。',
  requests: '责令停止制造、销售侵权产品',
  factsReasons: '请求人公证购买了被控侵权产品，经比对落入保护范围。',
  noLawsuitDeclared: true,
  ...over,
});

const ref = (fileId: number) => ({ fileId, uploadToken: 'x'.repeat(32), title: null });

describe('adjudication request body', () => {
  it('is accepted as a window registration and, with files, as a portal request', () => {
    const body = requestBody(filled());
    expect(body.requester.uscc).toBe(USCC);
    expect(body.requester.idNo).toBeNull();
    expect(body.respondent.regionCode).toBe('370911');
    expect(body.respondent.uscc).toBeNull();
    expect(WindowAdjudicationInput.safeParse({ ...body, channel: 'window', receivedOn: '2026-11-20' }).success).toBe(true);
    const portal = PortalAdjudicationInput.safeParse({ ...body, files: { evidence: [ref(1)], evaluationReport: ref(2), requestForm: null, identity: [] } });
    expect(portal.success).toBe(true);
  });

  it('sends only the identity field of the chosen kind (a person: the normalised ID number)', () => {
    const body = requestBody(filled({ requester: { kind: 'person', name: '张某某', uscc: USCC, idNo: ` ${ID_NO} `, phone: '13900001111', address: '泰安市', role: 'patentee' } }));
    expect(body.requester.uscc).toBeNull();
    expect(body.requester.idNo).toBe(ID_NO);
    expect(WindowAdjudicationInput.safeParse({ ...body, channel: 'mail', receivedOn: '2026-11-20' }).success).toBe(true);
  });

  it('treats a missing kind as an organisation (the form default) and keeps its credit code', () => {
    const v = filled();
    delete v.requester!.kind;
    expect(requestBody(v).requester).toMatchObject({ kind: 'organization', uscc: USCC });
  });

  it('is refused by the contract without the declaration or, for a utility model, without the evaluation report', () => {
    const body = requestBody(filled({ noLawsuitDeclared: false }));
    const r = PortalAdjudicationInput.safeParse({ ...body, files: { evidence: [ref(1)], evaluationReport: null, identity: [] } });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['noLawsuitDeclared', 'files.evaluationReport']));
  });

  it('maps the server field paths onto the form fields', () => {
    expect(renameRequestPath(['respondent', 'regionCode'])).toEqual(['respondent', 'region']);
    expect(renameRequestPath(['requester', 'idNo'])).toEqual(['requester', 'idNo']);
    expect(renamePortalPath(['files', 'evidence', 2, 'uploadToken'])).toEqual(['evidenceFiles']);
    expect(renamePortalPath(['files', 'evaluationReport', 'fileId'])).toEqual(['reportFiles']);
    expect(renamePortalPath(['files', 'identity', 0, 'uploadToken'])).toEqual(['identityFiles']);
    expect(renamePortalPath(['files'])).toEqual(['evidenceFiles']);
    expect(renamePortalPath(['respondent', 'regionCode'])).toEqual(['respondent', 'region']);
  });
});
