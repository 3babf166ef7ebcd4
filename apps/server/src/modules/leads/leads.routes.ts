import {
  CreateLeadInput,
  IdParam,
  LEAD_ACTIONS,
  LEAD_ACTION_INPUTS,
  LEAD_USER_ACTIONS,
  LeadDetailDto,
  LeadImportResultDto,
  LeadInformantDto,
  LeadListItemDto,
  LeadListQuery,
  LeadTransferInput,
  LeadTransferResultDto,
  leadActionPermission,
  pageOf,
  type LeadActionInput,
  type LeadUserAction,
} from '@zhichan/shared';
import { ctxOf } from '../../access/authenticate';
import { AppError } from '../../errors';
import type { RouteModule } from '../../http';
import { contentDisposition, registerFileOwner } from '../files/files.service';
import { kickOutbox } from '../outbox/outbox.service';
import { XLSX_MIME, buildImportTemplate, importLeads, importReportReadable } from './leads.import';
import { getLead, getLeadInformant, listLeads, performLeadAction, registerLead, transferLead } from './leads.service';

const tags = ['线索办理'];

/** What each action does, for the OpenAPI summary (with its legal basis where there is one). */
const ACTION_SUMMARIES: Record<LeadUserAction, string> = {
  dispatch: '分派至县级局（统一受理机构；暂行办法 第三十七条）',
  sign: '签收',
  return: '退回（无处理权限的退回统一受理机构，所退回县级局；不得自行移送，暂行办法 第三十七条）',
  assign: '指派至本局下属市场监管所',
  accept: '投诉受理（自收到之日起七个工作日内，暂行办法 第十四条）',
  reject: '投诉不予受理（六种情形之一，暂行办法 第十五条）',
  startMediation: '经双方同意组织调解（四十五个工作日，暂行办法 第十六条、第二十一条）',
  startTesting: '检定、检验、检测、鉴定开始，调解期限暂停计算（暂行办法 第二十条）',
  endTesting: '检定、检验、检测、鉴定完毕，调解期限恢复计算',
  suspendMediation: '回避申请，中止调解（暂行办法 第十九条）',
  resumeMediation: '作出回避决定，恢复调解',
  agreementReached: '达成调解协议（调解书或调解记录，暂行办法 第二十二条），办结',
  terminateMediation: '终止调解（七种情形之一，暂行办法 第二十一条），七个工作日内告知双方',
  notifyTermination: '已告知投诉人和被投诉人终止调解，办结',
  spawnLead: '调解中发现违法线索，转为线索核查（十五个工作日，暂行办法 第二十三条）',
  startVerification: '开始核查（十五个工作日，程序规定 第十八条）',
  pauseVerification: '检测、检验、检疫、鉴定、权利人辨认或者鉴别，核查期限暂停计算',
  resumeVerification: '核查期限恢复计算',
  submitVerification: '提交核查结果（属实/不属实）及立案建议，报负责人审批',
  approveFiling: '负责人批准立案（随后由案件办理登记立案）',
  declineFiling: '负责人决定不予立案',
  sendBack: '负责人退回补充核查',
  notifyReporter: '告知实名举报人是否立案（自决定之日起五个工作日内，暂行办法 第三十一条）',
  close: '办结（办理结果对提交人公开）',
};

export const leadRoutes: RouteModule = (app, deps) => {
  registerFileOwner('leadImport', importReportReadable);

  app.get('/api/leads', {
    schema: { tags, summary: '线索列表（按届满日升序；数据权限按当前责任机构）', querystring: LeadListQuery, response: { 200: pageOf(LeadListItemDto) } },
    config: { access: { auth: 'staff', permission: 'lead.read' } },
  }, (req) => listLeads(deps, ctxOf(req), req.query));

  app.get('/api/leads/import-template.xlsx', {
    schema: { tags, summary: '下载线索批量导入模板（Excel，含下拉列表和填写说明）' },
    config: { access: { auth: 'staff', permission: 'lead.create' } },
  }, async (_req, reply) => {
    const buf = await buildImportTemplate(deps);
    void reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition('线索批量导入模板.xlsx')).header('cache-control', 'no-store');
    return reply.send(buf);
  });

  app.post('/api/leads/import', {
    schema: {
      tags,
      summary: '批量导入线索（multipart，字段名 file，.xlsx）：逐行校验，有效行导入，同一来源同一编号只导入一次；返回导入结果和错误报告',
      consumes: ['multipart/form-data'],
      response: { 200: LeadImportResultDto },
    },
    config: { access: { auth: 'staff', permission: 'lead.create' } },
  }, async (req) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '请以 multipart/form-data 上传 Excel 文件' });
    const part = await req.file({ limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
    if (!part || part.fieldname !== 'file') {
      throw new AppError('VALIDATION_FAILED', { message: '请选择要导入的 Excel 文件', details: [{ path: 'body.file', message: '请选择要导入的 Excel 文件' }] });
    }
    const buf = await part.toBuffer();
    if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { message: '导入文件不能超过 10 MB，请分批导入' });
    return importLeads(deps, ctxOf(req), buf, (part.filename || 'import.xlsx').slice(0, 200));
  });

  app.post('/api/leads/transfer', {
    schema: {
      tags,
      summary: '系统对接转入线索（省平台、12315 等）：以来源 + 来源编号幂等，重复提交返回原线索（replayed: true），同一编号内容不同返回 409',
      description:
        '供山东知识产权保护监管平台、12315 等系统经接口网关调用：网关使用本系统中具有“登记与导入线索”（lead.create）权限的专用账号登录后，带会话 Cookie 与 x-csrf-token 提交。' +
        '新线索返回 201，重放返回 200。',
      body: LeadTransferInput,
      response: { 200: LeadTransferResultDto, 201: LeadTransferResultDto },
    },
    config: { access: { auth: 'staff', permission: 'lead.create' } },
  }, async (req, reply) => {
    const r = await transferLead(deps, ctxOf(req), req.body);
    return reply.status(r.replayed ? 200 : 201).send(r);
  });

  app.post('/api/leads', {
    schema: { tags, summary: '登记线索（12315 转办、省平台交办、检查发现、移送、上级交办、网络监测）', body: CreateLeadInput, response: { 201: LeadDetailDto } },
    config: { access: { auth: 'staff', permission: 'lead.create' } },
  }, async (req, reply) => reply.status(201).send(await registerLead(deps, ctxOf(req), req.body)));

  app.get('/api/leads/:id', {
    schema: { tags, summary: '线索详情：办理记录、办理期限及法律依据、可执行的操作', params: IdParam, response: { 200: LeadDetailDto } },
    config: { access: { auth: 'staff', permission: 'lead.read' } },
  }, (req) => getLead(deps, ctxOf(req), req.params.id));

  app.get('/api/leads/:id/informant', {
    schema: { tags, summary: '查看投诉人、举报人完整身份信息（每次查看记入审计日志）', params: IdParam, response: { 200: LeadInformantDto } },
    config: { access: { auth: 'staff', permission: 'submission.identity.read' } },
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    return getLeadInformant(deps, ctxOf(req), req.params.id);
  });

  for (const action of LEAD_USER_ACTIONS) {
    app.post(`/api/leads/:id/actions/${action}`, {
      schema: {
        tags,
        summary: `${LEAD_ACTIONS[action]}：${ACTION_SUMMARIES[action]}`,
        params: IdParam,
        body: LEAD_ACTION_INPUTS[action],
        response: { 200: LeadDetailDto },
      },
      config: { access: { auth: 'staff', permission: leadActionPermission(action) } },
    }, async (req) => {
      const dto = await performLeadAction(deps, ctxOf(req), req.params.id, action, req.body as LeadActionInput<typeof action>);
      kickOutbox(deps);
      return dto;
    });
  }
};
