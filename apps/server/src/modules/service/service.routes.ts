import {
  CreateServiceRecordInput,
  IdParam,
  PublicServiceAnnouncementDto,
  PublicServiceAnnouncementQuery,
  ServiceDocumentOptionDto,
  ServiceRecordDto,
  ServiceRecordListQuery,
  pageOf,
} from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import { AppError } from '../../errors';
import type { RouteModule } from '../../http';
import { contentDisposition, registerFileOwner } from '../files/files.service';
import {
  attachProof,
  getServiceRecord,
  listPublicAnnouncements,
  listServableDocuments,
  listServiceRecords,
  proofOf,
  recordService,
  serviceProofReadable,
} from './service.service';

const tags = ['送达'];
const portalTags = ['送达公告（门户）'];

export const serviceRoutes: RouteModule = (app, deps) => {
  registerFileOwner('serviceRecord', serviceProofReadable);

  // The permission depends on the record type (线索 lead.*, 案件 case.*): checked in the service.
  app.get('/api/service-records', {
    schema: { tags, summary: '某一线索或案件的送达记录（送达回证）', querystring: ServiceRecordListQuery, response: { 200: z.array(ServiceRecordDto) } },
    config: { access: { auth: 'staff' } },
  }, (req) => listServiceRecords(deps, ctxOf(req), req.query));

  app.get('/api/service-records/documents', {
    schema: { tags, summary: '可送达的文书（该记录已生成的现行文书）', querystring: ServiceRecordListQuery, response: { 200: z.array(ServiceDocumentOptionDto) } },
    config: { access: { auth: 'staff' } },
  }, (req) => listServableDocuments(deps, ctxOf(req), req.query));

  app.get('/api/service-records/:id', {
    schema: { tags, summary: '送达记录', params: IdParam, response: { 200: ServiceRecordDto } },
    config: { access: { auth: 'staff' } },
  }, (req) => getServiceRecord(deps, ctxOf(req), req.params.id));

  app.post('/api/service-records', {
    schema: {
      tags,
      summary: '登记送达（直接、电子、邮寄、留置、委托、转交、公告送达）',
      description: '电子送达须经受送达人同意；邮寄送达须填邮件单号；公告送达须填公告日期和公告正文，自公告之日起经过三十日视为送达（民事诉讼法 第九十五条），视为送达日由期限规则计算。',
      body: CreateServiceRecordInput,
      response: { 201: ServiceRecordDto },
    },
    config: { access: { auth: 'staff' } },
  }, async (req, reply) => reply.code(201).send(await recordService(deps, ctxOf(req), req.body)));

  app.post('/api/service-records/:id/proof', {
    schema: { tags, summary: '上传送达凭证（multipart，字段名 file）：签收的送达回证、邮件签收记录、留置照片等', params: IdParam, consumes: ['multipart/form-data'], response: { 200: ServiceRecordDto } },
    config: { access: { auth: 'staff' } },
  }, async (req) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '请以 multipart/form-data 上传文件' });
    const part = await req.file();
    if (!part || part.fieldname !== 'file') {
      part?.file.resume();
      throw new AppError('VALIDATION_FAILED', { message: '请选择要上传的文件', details: [{ path: 'body.file', message: '请选择要上传的文件' }] });
    }
    return attachProof(deps, ctxOf(req), req.params.id, part);
  });

  app.get('/api/service-records/:id/proof', {
    schema: { tags, summary: '下载送达凭证', params: IdParam },
    config: { access: { auth: 'staff' } },
  }, async (req, reply) => {
    const f = await proofOf(deps, ctxOf(req), req.params.id);
    void reply.header('content-type', f.mime).header('content-disposition', contentDisposition(f.originalName)).header('x-content-type-options', 'nosniff');
    return reply.send(deps.files.open(f.sha256));
  });

  // ---------- portal ----------

  app.get('/api/public/service-announcements', {
    schema: { tags: portalTags, summary: '送达公告（公告送达的文书，自公告之日起经过三十日视为送达）', querystring: PublicServiceAnnouncementQuery, response: { 200: pageOf(PublicServiceAnnouncementDto) } },
    config: { access: { auth: 'none' } },
  }, (req) => listPublicAnnouncements(deps, req.query));
};
