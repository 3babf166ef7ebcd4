import { DocumentDto, DocumentListDto, DocumentListQuery, GenerateDocumentInput, IdParam } from '@zhichan/shared';
import { ctxOf } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { writeAudit } from '../audit/audit.service';
import { contentDisposition, registerFileOwner } from '../files/files.service';
import { documentFileReadable, generateDocumentForUser, listDocuments, readableDocument } from './documents.service';

const tags = ['执法文书'];

/**
 * 文书: generated .docx (GB/T 9704 layout) of leads and cases (执法文书), adjudications (行政裁决文书) and mediations
 * (调解协议书). The permission depends on the record type (lead.read / case.read / adjudication.read / mediation.read to
 * list and download, lead.handle / case.handle / adjudication.handle / mediation.handle to generate), so the routes
 * declare a staff session and the service checks the permission of the type; records outside the scope are 404 (an
 * adjudication's receiving or assisting unit reads its documents but may not generate them: 403).
 */
export const documentRoutes: RouteModule = (app, deps) => {
  registerFileOwner('document', documentFileReadable);

  app.get('/api/documents', {
    schema: { tags, summary: '记录（线索、案件、行政裁决、调解）的文书（各版本）、可制作的文书种类和送达记录', querystring: DocumentListQuery, response: { 200: DocumentListDto } },
    config: { access: { auth: 'staff' } },
  }, (req) => listDocuments(deps, ctxOf(req), req.query));

  app.post('/api/documents', {
    schema: {
      tags,
      summary: '制作文书（.docx）；有文号的文书按机关、种类、年度连续编号（调解协议书使用调解案号），重新制作时保留原文号',
      body: GenerateDocumentInput,
      response: { 201: DocumentDto },
    },
    config: { access: { auth: 'staff' } },
  }, async (req, reply) => {
    const dto = await generateDocumentForUser(deps, ctxOf(req), req.body);
    return reply.code(201).send(dto);
  });

  app.get('/api/documents/:id/file', {
    schema: { tags, summary: '下载文书（.docx）', params: IdParam },
    config: { access: { auth: 'staff' } },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    const { doc, file } = await readableDocument(deps, ctx, req.params.id);
    // A document may print personal data (a party's ID number): every download is audited.
    await deps.db.transaction().execute((trx) =>
      writeAudit(trx, deps.clock, ctx, { action: 'document.download', entityType: 'document', entityId: doc.id, after: { kind: doc.kind, docNo: doc.docNo, fileId: doc.fileId } }),
    );
    void reply
      .header('content-type', file.mime)
      .header('content-disposition', contentDisposition(file.originalName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store');
    return reply.send(deps.files.open(file.sha256));
  });
};
