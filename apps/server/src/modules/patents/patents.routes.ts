import { IdParam, IndustryChainInput, PatentAwardInput, PatentFilterQuery, PatentSearchQuery, UpdateIndustryChainInput } from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { contentDisposition } from '../files/files.service';
import { createAward, deleteAward, listAwards } from './patent-awards.service';
import { createChain, listChains, reclassifyAll, updateChain } from './patent-chains.service';
import {
  exportFileName,
  exportPatents,
  getApplicantProfile,
  getPatent,
  ipcLabels,
  searchIpc,
  searchPatents,
  seiBranchList,
  suggestApplicants,
} from './patents.service';

const tags = ['专利信息数据库'];
const read = { access: { auth: 'staff', permission: 'patent.read' } } as const;
const configure = { access: { auth: 'staff', permission: 'patent.configure' } } as const;

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SeiBranchDto = z.object({ industryNo: z.string(), industryName: z.string(), branchNo: z.string(), branchName: z.string() });
const NameCount = z.object({ name: z.string(), n: z.number() });

export const patentRoutes: RouteModule = (app, deps) => {
  // ---------- search, export, detail ----------
  app.get('/api/patents/search', {
    schema: {
      tags,
      summary: '专利检索：标题、摘要、申请人中文全文检索（至少 2 个字，按双字切分索引再逐条核对原文，不漏检）及筛选',
      querystring: PatentSearchQuery,
    },
    config: read,
  }, (req) => searchPatents(deps, req.query));

  app.get('/api/patents/export.xlsx', {
    schema: {
      tags,
      summary: '导出检索结果（Excel，流式生成，最多 10 万条，超出时末行注明）',
      querystring: PatentFilterQuery.extend({ q: z.string().trim().max(100).optional() }),
    },
    config: read,
  }, async (req, reply) => {
    const { q, ...filter } = req.query;
    const stream = exportPatents(deps, filter, q);
    void reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', contentDisposition(exportFileName(deps)))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff');
    return reply.send(stream);
  });

  app.get('/api/patents/applicants/profile', {
    schema: {
      tags,
      summary: '申请人画像：类型与法律状态构成、申请与授权趋势、主要技术领域、所属产业链、合作申请人',
      querystring: z.object({ name: z.string().trim().min(1).max(200) }),
    },
    config: read,
  }, (req) => getApplicantProfile(deps, req.query.name));

  app.get('/api/patents/applicants/suggest', {
    schema: {
      tags,
      summary: '申请人名称联想（含输入文字的申请人，按专利件数排序，最多 20 个；至少 2 个字）',
      querystring: z.object({ q: z.string().trim().max(100) }),
      response: { 200: z.array(NameCount) },
    },
    config: read,
  }, (req) => suggestApplicants(deps, req.query.q));

  app.get('/api/patents/:id', {
    schema: {
      tags,
      summary: '专利详情：著录项目、IPC 中文含义、战略性新兴产业与 WIPO 技术领域、所属产业链、高价值发明专利五类情形',
      params: IdParam,
    },
    config: read,
  }, (req) => getPatent(deps, req.params.id));

  // ---------- industry chains ----------
  app.get('/api/patent-chains', {
    schema: { tags, summary: '重点产业链定义及归类状态' },
    config: read,
  }, () => listChains(deps));

  app.post('/api/patent-chains', {
    schema: { tags, summary: '新增产业链（保存后后台重新归类）', body: IndustryChainInput },
    config: configure,
  }, async (req, reply) => reply.status(201).send(await createChain(deps, ctxOf(req), req.body)));

  app.post('/api/patent-chains/reclassify', {
    schema: { tags, summary: '按现行参照关系表和产业链定义重新归类全部专利（后台进行）' },
    config: configure,
  }, (req) => reclassifyAll(deps, ctxOf(req)));

  app.put('/api/patent-chains/:id', {
    schema: {
      tags,
      summary: '修改产业链（带版本号；保存后版本加一、状态为待归类，后台重新归类）',
      params: IdParam,
      body: UpdateIndustryChainInput,
    },
    config: configure,
  }, (req) => updateChain(deps, ctxOf(req), req.params.id, req.body));

  // ---------- reference data ----------
  app.get('/api/patent-reference/sei-branches', {
    schema: { tags, summary: '战略性新兴产业分支（参照关系表 2021）', response: { 200: z.array(SeiBranchDto) } },
    config: read,
  }, () => seiBranchList(deps));

  app.get('/api/patent-reference/ipc', {
    schema: {
      tags,
      summary: 'IPC 分类号的中文含义（codes 以逗号分隔，最多 200 个）',
      querystring: z.object({ codes: z.string().max(4000) }),
    },
    config: read,
  }, (req) => ipcLabels(deps, req.query.codes.split(',')));

  app.get('/api/patent-reference/ipc/search', {
    schema: {
      tags,
      summary: '查找 IPC 分类号（分类号前缀或中文含义包含，最多 50 条）',
      querystring: z.object({ q: z.string().trim().min(1).max(100) }),
    },
    config: read,
  }, (req) => searchIpc(deps, req.query.q));

  // ---------- award list (高价值第五类) ----------
  app.get('/api/patent-awards', {
    schema: { tags, summary: '获奖专利名单（国家科学技术奖、中国专利奖）' },
    config: read,
  }, () => listAwards(deps));

  app.post('/api/patent-awards', {
    schema: { tags, summary: '登记获奖专利（对应专利的高价值标记随即更新）', body: PatentAwardInput },
    config: configure,
  }, async (req, reply) => reply.status(201).send(await createAward(deps, ctxOf(req), req.body)));

  app.delete('/api/patent-awards/:id', {
    schema: { tags, summary: '删除获奖登记（对应专利的高价值标记随即更新）', params: IdParam },
    config: configure,
  }, async (req, reply) => {
    await deleteAward(deps, ctxOf(req), req.params.id);
    return reply.status(204).send();
  });
};
