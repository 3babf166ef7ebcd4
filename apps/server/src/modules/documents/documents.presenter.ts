import { DOCUMENT_KIND_LABELS, type DocumentDto, type DocumentServiceRecordDto } from '@zhichan/shared';
import { SERVICE_METHOD_TEXT, labelOf } from './documents.labels';
import type { ListedDocument, ServiceRecordRow } from './documents.repository';

function serviceRecordIdOf(data: unknown): number | null {
  const v = data && typeof data === 'object' ? (data as Record<string, unknown>).serviceRecordId : null;
  return typeof v === 'number' ? v : null;
}

export function presentDocument(row: ListedDocument): DocumentDto {
  return {
    id: row.id,
    entityType: row.entityType,
    entityId: row.entityId,
    unitId: row.unitId,
    kind: row.kind,
    kindLabel: (DOCUMENT_KIND_LABELS as Record<string, string>)[row.kind] ?? row.kind,
    docNo: row.docNo,
    title: row.title,
    fileId: row.fileId,
    fileName: row.fileName,
    size: row.size,
    serviceRecordId: serviceRecordIdOf(row.data),
    generatedAt: row.generatedAt,
    generatedById: row.generatedBy,
    generatedByName: row.generatedByName,
    supersededBy: row.supersededBy,
    downloadUrl: `/api/documents/${row.id}/file`,
  };
}

export function presentServiceRecord(r: ServiceRecordRow): DocumentServiceRecordDto {
  return {
    id: r.id,
    documentTitle: r.documentTitle,
    recipient: r.recipient,
    method: r.method,
    methodLabel: labelOf(SERVICE_METHOD_TEXT, r.method, r.method),
    servedOn: r.servedOn ?? r.deemedServedOn ?? null,
  };
}
