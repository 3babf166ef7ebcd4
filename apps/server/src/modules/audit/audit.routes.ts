import { AuditLogDto, AuditQuery, AuditVerifyDto, pageOf } from '@zhichan/shared';
import { ctxOf } from '../../access/authenticate';
import { inScope } from '../../access/scope';
import { AppError } from '../../errors';
import type { RouteModule } from '../../http';
import { verifyAuditChain, writeAudit } from './audit.service';

const tags = ['安全审计'];

/** The audit log is read-only through the application: there is no update or delete route, by design. */
export const auditRoutes: RouteModule = (app, deps) => {
  app.get('/api/audit-logs', {
    schema: { tags, summary: '审计日志查询', querystring: AuditQuery, response: { 200: pageOf(AuditLogDto) } },
    config: { access: { auth: 'staff', permission: 'audit.read' } },
  }, async (req) => {
    const actor = req.actor!;
    const q = req.query;
    if (q.from && q.to && q.from > q.to) throw new AppError('VALIDATION_FAILED', { message: '开始日期不能晚于结束日期', details: [{ path: 'querystring.from', message: '开始日期不能晚于结束日期' }] });
    let query = deps.db.selectFrom('auditLogs').where((eb) => inScope(eb, actor, 'auditLogs.unitId', 'auditLogs.actorId'));
    if (q.actor) query = query.where('actorName', 'like', `%${q.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (q.action) query = query.where('action', '=', q.action);
    if (q.entityType) query = query.where('entityType', '=', q.entityType);
    if (q.entityId) query = query.where('entityId', '=', q.entityId);
    // Dates are China dates: [from 00:00, to+1 00:00) in UTC+8.
    if (q.from) query = query.where('at', '>=', new Date(`${q.from}T00:00:00+08:00`).toISOString());
    if (q.to) query = query.where('at', '<', new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString());
    const [items, count] = await Promise.all([
      query.select(['seq', 'at', 'actorId', 'actorName', 'unitId', 'unitName', 'action', 'entityType', 'entityId', 'before', 'after', 'ip', 'hash']).orderBy('seq', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n), page: q.page, pageSize: q.pageSize };
  });

  app.post('/api/audit-logs/verify', {
    schema: { tags, summary: '校验审计链（报告第一处被篡改、插入或删除的记录）', response: { 200: AuditVerifyDto } },
    config: { access: { auth: 'staff', permission: 'audit.verify' } },
  }, async (req) => {
    const result = await verifyAuditChain(deps.db, deps.clock);
    // The verification itself is an audited act of the audit administrator.
    await deps.db.transaction().execute((trx) =>
      writeAudit(trx, deps.clock, ctxOf(req), { action: 'audit.verify', entityType: 'auditLog', after: { ok: result.ok, checked: result.checked, firstBreak: result.firstBreak } }),
    );
    return result;
  });
};
