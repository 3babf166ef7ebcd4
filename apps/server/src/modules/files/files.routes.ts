import { FileDto, IdParam } from '@zhichan/shared';
import { ctxOf } from '../../access/authenticate';
import { AppError } from '../../errors';
import type { RouteModule } from '../../http';
import { contentDisposition, getReadableFile, uploadFile } from './files.service';

const tags = ['附件'];

export const fileRoutes: RouteModule = (app, deps) => {
  app.post('/api/files', {
    schema: { tags, summary: '上传附件（multipart，字段名 file）；类型按内容识别', consumes: ['multipart/form-data'], response: { 200: FileDto } },
    config: { access: { auth: 'staff' } },
  }, async (req) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '请以 multipart/form-data 上传文件' });
    const part = await req.file();
    if (!part || part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', { message: '请选择要上传的文件', details: [{ path: 'body.file', message: '请选择要上传的文件' }] });
    return uploadFile(deps, ctxOf(req), part);
  });

  const download = async (req: { params: { id: number } } & Parameters<typeof ctxOf>[0], reply: import('fastify').FastifyReply) => {
    const f = await getReadableFile(deps, ctxOf(req), req.params.id);
    void reply.header('content-type', f.mime).header('content-disposition', contentDisposition(f.originalName)).header('x-content-type-options', 'nosniff');
    return reply.send(deps.files.open(f.sha256));
  };

  app.get('/api/files/:id', {
    schema: { tags, summary: '下载附件（仅能经由有权查看的所属记录）', params: IdParam },
    config: { access: { auth: 'staff' } },
  }, download);

  app.get('/api/portal/files/:id', {
    schema: { tags, summary: '门户用户下载自己提交的材料（仅限允许门户访问的所属记录，如行政裁决请求）', params: IdParam },
    config: { access: { auth: 'public' } },
  }, download);
};
