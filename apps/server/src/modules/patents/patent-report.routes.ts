import { IdParam, PatentReportInput } from '@zhichan/shared';
import { ctxOf } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { contentDisposition } from '../files/files.service';
import { getPatentReport, listPatentReports, openPatentReportFile, requestPatentReport } from './patent-report.service';

const tags = ['专利分析报告'];
const read = { auth: 'staff', permission: 'patent.read' } as const;

export const patentReportRoutes: RouteModule = (app, deps) => {
  app.post('/api/patent-reports', {
    schema: {
      tags,
      summary: '生成季度专利发展情况分析报告（已结束的季度；产业链为空表示全部重点产业链）：排队后在后台生成 .docx',
      body: PatentReportInput,
    },
    config: { access: { auth: 'staff', permission: 'patent.report' } },
  }, async (req, reply) => reply.status(201).send(await requestPatentReport(deps, ctxOf(req), req.body)));

  app.get('/api/patent-reports', {
    schema: { tags, summary: '季度分析报告存档（最近的在前）' },
    config: { access: read },
  }, () => listPatentReports(deps));

  app.get('/api/patent-reports/:id', {
    schema: { tags, summary: '季度分析报告状态', params: IdParam },
    config: { access: read },
  }, (req) => getPatentReport(deps, req.params.id));

  app.get('/api/patent-reports/:id/file', {
    schema: { tags, summary: '下载季度分析报告（.docx，GB/T 9704 版式）', params: IdParam },
    config: { access: read },
  }, async (req, reply) => {
    const f = await openPatentReportFile(deps, req.params.id);
    void reply
      .header('content-type', f.mime)
      .header('content-length', String(f.size))
      .header('content-disposition', contentDisposition(f.name))
      .header('x-content-type-options', 'nosniff');
    return reply.send(f.stream);
  });
};
