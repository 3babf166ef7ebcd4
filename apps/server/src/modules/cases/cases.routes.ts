import {
  ApplyEnforcementInput,
  ArchiveCaseInput,
  CASE_ACTION_PATHS,
  CASE_ACTION_PERMISSIONS,
  CASE_ACTIONS,
  CaseDetailDto,
  CaseLeadIdParam,
  CaseListPageDto,
  CaseListQuery,
  CaseOfficerDto,
  CaseOfficersQuery,
  CasePartyIdentityDto,
  CasePrefillDto,
  ChangeDecisionInput,
  CloseCaseInput,
  CollectiveDiscussInput,
  ConcludeCaseInput,
  DecideCaseInput,
  EndMeasureInput,
  FileCaseInput,
  HoldHearingInput,
  IdParam,
  LegalReviewInput,
  NotifyCaseInput,
  RecordPaymentInput,
  RecordStatementInput,
  RegisterEvidenceInput,
  RequestHearingInput,
  ResumeCaseInput,
  ScheduleHearingInput,
  ServeCaseInput,
  SimplifiedCaseInput,
  StartMeasureInput,
  SuspendCaseInput,
  type CaseAction,
  type FieldIssue,
} from '@zhichan/shared';
import type { MultipartFile } from '@fastify/multipart';
import type { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import type { Ctx } from '../../access/actor';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import type { RouteModule } from '../../http';
import { registerFileOwner, uploadFile } from '../files/files.service';
import * as svc from './cases.service';

const tags = ['行政处罚案件'];

/** zod issues of a body parsed by hand (multipart fields) as the same 400 the schemas give. */
function bodyIssues(error: z.ZodError): AppError {
  const details: FieldIssue[] = error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message }));
  return new AppError('VALIDATION_FAILED', { message: `${details[0]!.path}：${details[0]!.message}`, details });
}

type ActionHandler<S extends z.ZodType> = (deps: Deps, ctx: Ctx, id: number, input: z.infer<S>) => Promise<CaseDetailDto>;

interface ActionRoute<S extends z.ZodType = z.ZodType> {
  action: CaseAction;
  path: string;
  body: S;
  run: ActionHandler<S>;
  summary: string;
}

const route = <S extends z.ZodType>(action: Exclude<CaseAction, 'file' | 'registerEvidence'>, body: S, run: ActionHandler<S>, summary: string): ActionRoute =>
  ({ action, path: CASE_ACTION_PATHS[action], body, run, summary }) as unknown as ActionRoute;

/** One POST per workflow action; the permission of each is CASE_ACTION_PERMISSIONS (shared with the UI). */
const ACTION_ROUTES: ActionRoute[] = [
  route('startMeasure', StartMeasureInput, svc.startMeasure, '采取调查措施（先行登记保存 7 个工作日、查封扣押 30 日、协助调查 15 个工作日；检测鉴定、权利人辨认期间不计入办案期限）'),
  route('endMeasure', EndMeasureInput, svc.endMeasure, '措施处理完毕（作出处理决定、解除、取得结果）'),
  route('suspend', SuspendCaseInput, svc.suspendCase, '中止调查（如 商标法 第六十二条第三款），办案期限暂停'),
  route('resume', ResumeCaseInput, svc.resumeCase, '恢复调查，办案期限恢复计算'),
  route('conclude', ConcludeCaseInput, svc.concludeCase, '调查终结，提交法制审核（10 个工作日）'),
  route('passReview', LegalReviewInput, svc.passReview, '法制审核通过（行政处罚法 第五十八条）'),
  route('returnReview', LegalReviewInput, svc.returnReview, '法制审核退回补充调查'),
  route('notify', NotifyCaseInput, svc.notifyCase, '行政处罚告知（拟处罚内容按法定上限校验；陈述申辩、听证申请期 5 个工作日）'),
  route('recordStatement', RecordStatementInput, svc.recordStatement, '登记陈述申辩及复核意见'),
  route('requestHearing', RequestHearingInput, svc.requestHearing, '登记听证申请（告知后 5 个工作日内），听证期间不计入办案期限'),
  route('scheduleHearing', ScheduleHearingInput, svc.scheduleHearing, '听证通知（听证日不早于通知后第 7 个工作日）'),
  route('holdHearing', HoldHearingInput, svc.holdHearing, '举行听证，办案期限自次日恢复计算'),
  route('collectiveDiscuss', CollectiveDiscussInput, svc.collectiveDiscuss, '负责人集体讨论（重大案件，行政处罚法 第五十七条第二款）'),
  route('decide', DecideCaseInput, svc.decideCase, '作出决定：处罚（罚款按法定上限校验）、不予处罚、移送公安、销案'),
  route('serve', ServeCaseInput, svc.serveCase, '送达决定书（须先生成行政处罚决定书；公告送达自公告之日起三十日视为送达）'),
  route('recordPayment', RecordPaymentInput, svc.recordPayment, '登记缴纳罚款'),
  route('applyEnforcement', ApplyEnforcementInput, svc.applyEnforcement, '登记申请人民法院强制执行'),
  route('close', CloseCaseInput, svc.closeCase, '结案'),
  route('archive', ArchiveCaseInput, svc.archiveCase, '归档'),
  route('changeDecision', ChangeDecisionInput, svc.changeDecision, '决定被变更或撤销（撤回公示信息，总局令第45号 第十一条）'),
];

export const caseRoutes: RouteModule = (app, deps) => {
  registerFileOwner('caseEvidence', svc.caseEvidenceFileReadable);

  app.get('/api/cases', {
    schema: { tags, summary: '案件列表（本机构及数据权限内；默认在办案件按届满日排序）', querystring: CaseListQuery, response: { 200: CaseListPageDto } },
    config: { access: { auth: 'staff', permission: 'case.read' } },
  }, (req) => svc.listCases(deps, ctxOf(req), req.query));

  app.get('/api/cases/prefill-from-lead/:leadId', {
    schema: { tags, summary: '立案登记表的初始内容（来自负责人已批准立案的线索）', params: CaseLeadIdParam, response: { 200: CasePrefillDto } },
    config: { access: { auth: 'staff', permission: 'case.handle' } },
  }, (req) => svc.prefillFromLead(deps, ctxOf(req), req.params.leadId));

  app.get('/api/cases/officers', {
    schema: { tags, summary: '可承办案件的执法人员（持有行政执法证，办案机构所属县级局及下属机构）', querystring: CaseOfficersQuery, response: { 200: CaseOfficerDto.array() } },
    config: { access: { auth: 'staff', permission: 'case.handle' } },
  }, (req) => svc.listOfficers(deps, ctxOf(req), req.query.unitId));

  app.post('/api/cases', {
    schema: { tags, summary: '立案登记（普通程序）：不少于两名持证执法人员，开始 90 日办案期限', body: FileCaseInput, response: { 201: CaseDetailDto } },
    config: { access: { auth: 'staff', permission: 'case.handle' } },
  }, async (req, reply) => reply.status(201).send(await svc.fileCase(deps, ctxOf(req), req.body)));

  app.post('/api/cases/simplified', {
    schema: { tags, summary: '简易程序当场处罚（公民 200 元、单位 3,000 元以下罚款或者警告，行政处罚法 第五十一条）', body: SimplifiedCaseInput, response: { 201: CaseDetailDto } },
    config: { access: { auth: 'staff', permission: 'case.handle' } },
  }, async (req, reply) => reply.status(201).send(await svc.fileSimplifiedCase(deps, ctxOf(req), req.body)));

  app.get('/api/cases/:id', {
    schema: { tags, summary: '案件详情：承办人员、办理记录、证据、调查措施、期限及法律依据、决定与送达、可执行的操作', params: IdParam, response: { 200: CaseDetailDto } },
    config: { access: { auth: 'staff', permission: 'case.read' } },
  }, (req) => svc.getCase(deps, ctxOf(req), req.params.id));

  app.get('/api/cases/:id/party-identity', {
    schema: { tags, summary: '查看自然人当事人完整身份证号（每次查看记入审计日志）', params: IdParam, response: { 200: CasePartyIdentityDto } },
    config: { access: { auth: 'staff', permission: 'case.handle' } },
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    return svc.getPartyIdentity(deps, ctxOf(req), req.params.id);
  });

  app.post(`/api/cases/:id/${CASE_ACTION_PATHS.registerEvidence}`, {
    schema: {
      tags,
      summary: '证据登记（行政处罚法 第四十六条）：multipart/form-data 先传 version、kind、title、collectedOn、collectedBy、note 字段，再传文件 file；无文件时可用 JSON',
      consumes: ['multipart/form-data', 'application/json'],
      params: IdParam,
      response: { 200: CaseDetailDto },
    },
    config: { access: { auth: 'staff', permission: 'case.handle' } },
  }, async (req) => {
    const ctx = ctxOf(req);
    if (!req.isMultipart()) {
      const parsed = RegisterEvidenceInput.safeParse(req.body ?? {});
      if (!parsed.success) throw bodyIssues(parsed.error);
      return svc.registerEvidence(deps, ctx, req.params.id, parsed.data, null);
    }
    const fields: Record<string, string> = {};
    let input: RegisterEvidenceInput | null = null;
    let fileId: number | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const file = part as MultipartFile;
        if (file.fieldname !== 'file' || fileId !== null) {
          file.file.resume();
          throw new AppError('VALIDATION_FAILED', { message: '只能上传一个证据文件，字段名为 file', details: [{ path: 'body.file', message: '只能上传一个证据文件' }] });
        }
        // The fields come first: a bad form is refused before anything is stored.
        const parsed = RegisterEvidenceInput.safeParse(fields);
        if (!parsed.success) {
          file.file.resume();
          throw bodyIssues(parsed.error);
        }
        input = parsed.data;
        fileId = (await uploadFile(deps, ctx, file)).id;
      } else {
        fields[part.fieldname] = String((part as { value: unknown }).value ?? '');
      }
    }
    if (!input) {
      const parsed = RegisterEvidenceInput.safeParse(fields);
      if (!parsed.success) throw bodyIssues(parsed.error);
      input = parsed.data;
    }
    return svc.registerEvidence(deps, ctx, req.params.id, input, fileId);
  });

  for (const r of ACTION_ROUTES) {
    app.post(`/api/cases/:id/${r.path}`, {
      schema: { tags, summary: `${CASE_ACTIONS[r.action]}：${r.summary}`, params: IdParam, body: r.body, response: { 200: CaseDetailDto } },
      config: { access: { auth: 'staff', permission: CASE_ACTION_PERMISSIONS[r.action] } },
    }, (req) => r.run(deps, ctxOf(req), (req.params as { id: number }).id, req.body));
  }
};
