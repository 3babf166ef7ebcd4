import { IdParam, PageQuery, StartPatentImportInput } from '@zhichan/shared';
import { ctxOf } from '../../access/authenticate';
import { AppError } from '../../errors';
import type { RouteModule } from '../../http';
import { contentDisposition } from '../files/files.service';
import {
  XLSX_MIME,
  buildPatentImportTemplate,
  cancelPatentImport,
  getPatentImport,
  listPatentImports,
  openPatentImportErrors,
  startPatentImport,
  uploadPatentImport,
} from './patent-import.service';
import { stopPatentTasks } from './patent-tasks';

const tags = ['专利数据导入'];
const access = { auth: 'staff', permission: 'patent.import' } as const;

export const patentImportRoutes: RouteModule = (app, deps) => {
  // On shutdown an import in progress stops after its current batch and goes back to the queue.
  app.addHook('onClose', async () => stopPatentTasks(deps));

  app.get('/api/patent-imports/template.xlsx', {
    schema: { tags, summary: '下载专利数据导入模板（标准列名与填写说明）' },
    config: { access },
  }, async (_req, reply) => {
    const buf = await buildPatentImportTemplate(deps);
    void reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition('专利数据导入模板.xlsx')).header('cache-control', 'no-store');
    return reply.send(buf);
  });

  app.post('/api/patent-imports', {
    schema: {
      tags,
      summary: '上传专利数据文件（multipart，字段名 file；CSV（UTF-8 或 GB18030）或 .xlsx）：返回表头、前 5 行预览和建议的列对应',
      description: '文件以流的方式直接存储，不在内存中整体保留；大小上限由 PATENT_IMPORT_MAX_MB 配置（仅本接口，其他上传仍为一般上限）。',
      consumes: ['multipart/form-data'],
    },
    config: { access },
  }, async (req) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '请以 multipart/form-data 上传文件' });
    // Per-request limits replace the app-wide (small) upload limit for this route only; a truncated file is refused.
    const part = await req.file({ limits: { fileSize: deps.config.patentImportMaxBytes, files: 1 }, throwFileSizeLimit: false });
    if (!part || part.fieldname !== 'file') {
      part?.file.resume();
      throw new AppError('VALIDATION_FAILED', { message: '请选择要导入的文件', details: [{ path: 'body.file', message: '请选择要导入的文件' }] });
    }
    return uploadPatentImport(deps, ctxOf(req), part);
  });

  app.get('/api/patent-imports', {
    schema: { tags, summary: '导入任务列表（最近的在前）', querystring: PageQuery },
    config: { access },
  }, (req) => listPatentImports(deps, ctxOf(req), req.query.page, req.query.pageSize));

  app.get('/api/patent-imports/:id', {
    schema: { tags, summary: '导入任务详情与进度（待确认时含预览和建议的列对应）', params: IdParam },
    config: { access },
  }, (req) => getPatentImport(deps, ctxOf(req), req.params.id));

  app.post('/api/patent-imports/:id/start', {
    schema: { tags, summary: '确认列对应并开始导入（专利名称，以及申请号或公开（公告）号须对应）；后台分批导入', params: IdParam, body: StartPatentImportInput },
    config: { access },
  }, (req) => startPatentImport(deps, ctxOf(req), req.params.id, req.body));

  app.post('/api/patent-imports/:id/cancel', {
    schema: { tags, summary: '取消导入（导入中的任务在当前批次后停止，已导入的数据保留）', params: IdParam },
    config: { access },
  }, (req) => cancelPatentImport(deps, ctxOf(req), req.params.id));

  app.get('/api/patent-imports/:id/errors.xlsx', {
    schema: { tags, summary: '下载错误报告（行号、列名、原因，及该行的申请号和专利名称）', params: IdParam },
    config: { access },
  }, async (req, reply) => {
    const { stream, fileName } = await openPatentImportErrors(deps, ctxOf(req), req.params.id);
    void reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(fileName)).header('cache-control', 'no-store');
    return reply.send(stream);
  });
};
