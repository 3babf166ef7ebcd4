import type { MultipartFile } from '@fastify/multipart';
import type { FileDto } from '@zhichan/shared';
import { fileTypeFromBuffer } from 'file-type';
import { Readable } from 'node:stream';
import type { Ctx } from '../../access/actor';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { writeAudit } from '../audit/audit.service';

/** Types accepted for evidence and attachments, identified from the content, never from the name. */
const ALLOWED = new Map<string, string>([
  ['application/pdf', 'PDF'],
  ['image/jpeg', '图片'],
  ['image/png', '图片'],
  ['image/gif', '图片'],
  ['image/webp', '图片'],
  ['image/bmp', '图片'],
  ['image/tiff', '图片'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Word'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Excel'],
  ['application/x-cfb', 'Office 97-2003'],
  ['application/msword', 'Word'],
  ['application/vnd.ms-excel', 'Excel'],
  ['video/mp4', '视频'],
  ['video/quicktime', '视频'],
  ['video/x-msvideo', '视频'],
  ['audio/mpeg', '音频'],
]);

/**
 * Who may download a file owned by a record: each module that owns files registers a check for its owner type,
 * so a file is only ever reachable through a record the actor may read.
 */
export type FileOwnerCheck = (deps: Deps, ctx: Ctx, ownerId: string, file: { id: number }) => Promise<boolean>;
const OWNER_CHECKS = new Map<string, FileOwnerCheck>();
/** Owner types whose check also answers for portal (public) users, through GET /api/portal/files/:id. */
const PORTAL_OWNER_TYPES = new Set<string>();
export function registerFileOwner(type: string, check: FileOwnerCheck, opts: { portal?: boolean } = {}): void {
  OWNER_CHECKS.set(type, check);
  if (opts.portal) PORTAL_OWNER_TYPES.add(type);
}

function present(f: { id: number; sha256: string; size: number; mime: string; originalName: string; createdAt: string }): FileDto {
  return { id: f.id, sha256: f.sha256, size: f.size, mime: f.mime, originalName: f.originalName, createdAt: f.createdAt };
}

/** Stores an upload by SHA-256 after checking its type from the first bytes; the row starts without an owner. */
export async function uploadFile(deps: Deps, ctx: Ctx, part: MultipartFile): Promise<FileDto> {
  const head: Buffer[] = [];
  let headLen = 0;
  const iterator = part.file[Symbol.asyncIterator]();
  // Read the first chunk(s) to sniff the type, then stream everything (including those chunks) to the store.
  while (headLen < 4100) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value as Buffer);
    headLen += (next.value as Buffer).length;
  }
  const sniff = await fileTypeFromBuffer(Buffer.concat(head));
  if (!sniff || !ALLOWED.has(sniff.mime)) {
    part.file.resume();
    throw new AppError('FILE_TYPE_NOT_ALLOWED', { message: '只能上传图片、PDF、Word、Excel、音视频文件', details: { detected: sniff?.mime ?? null } });
  }
  const rest = Readable.from((async function* () {
    for (const chunk of head) yield chunk;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value as Buffer;
    }
  })());
  const { sha256, size } = await deps.files.put(rest);
  if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { message: `文件超过 ${Math.round(deps.config.uploadMaxBytes / 1048576)} MB 的限制` });
  const name = (part.filename || 'file').slice(0, 200);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('files')
      .values({ sha256, size, mime: sniff.mime, originalName: name, ownerType: null, ownerId: null, uploadedBy: ctx.actor?.userId ?? null, createdAt: deps.clock.now().toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, { action: 'file.upload', entityType: 'file', entityId: row.id, after: { sha256, size, mime: sniff.mime, originalName: name } });
    return present(row);
  });
}

/** The file if the actor may read it: unattached files only by their uploader, attached ones through their owner. */
export async function getReadableFile(deps: Deps, ctx: Ctx, id: number) {
  const f = await deps.db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!f || !ctx.actor) throw new AppError('NOT_FOUND');
  if (f.ownerType === null) {
    if (f.uploadedBy !== ctx.actor.userId) throw new AppError('NOT_FOUND');
    return f;
  }
  if (ctx.actor.kind === 'public' && !PORTAL_OWNER_TYPES.has(f.ownerType)) throw new AppError('NOT_FOUND');
  const check = OWNER_CHECKS.get(f.ownerType);
  if (!check || !(await check(deps, ctx, f.ownerId!, { id: f.id }))) throw new AppError('NOT_FOUND');
  return f;
}

/** RFC 6266 / RFC 5987: an ASCII fallback plus the UTF-8 name, so Chinese file names survive every browser. */
export function contentDisposition(name: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
