/**
 * 行政裁决书网上公开: the publisher (adjudication.publish) edits the text built from the case, personal data is taken out
 * (a natural person: surname + 某, no ID numbers or phones; 个人信息保护法, publication-rules.ts) and trade secrets are removed
 * by hand (listed in `redactions`); the portal lists what is published and not withdrawn. A decision the court changed or
 * revoked is withdrawn automatically (recordJudgment).
 */
import {
  ADJUDICATION_DECISIONS,
  ADJUDICATION_ORDERS,
  ADJUDICATION_STATUSES,
  PATENT_KINDS,
  adjudicationActionAllowed,
  allowedAdjudicationActions,
  redactPersonalData,
  type AdjudicationOrder,
  type AdjudicationPublicationDraftDto,
  type AdjudicationPublicationDto,
  type AdjudicationPublicationListQuery,
  type AdjudicationStatus,
  type Page,
  type PublicAdjudicationDecisionDto,
  type PublicAdjudicationDecisionListItemDto,
  type PublicAdjudicationDecisionQuery,
  type PublishAdjudicationInput,
  type WithdrawAdjudicationPublicationInput,
} from '@zhichan/shared';
import { can, type Actor, type Ctx } from '../../access/actor';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { writeAudit } from '../audit/audit.service';
import { presentPublicItem, presentPublication, publishedName } from './adjudication.presenter';
import { adjudicationRepository as repo, type AdjudicationRow } from './adjudication.repository';
import { lockForAction, staff, todayOf, type Trx } from './adjudication.service';

function requirePublish(actor: Actor): void {
  if (!can(actor, 'adjudication.publish')) throw new AppError('FORBIDDEN', { message: '您没有公开行政裁决书的权限' });
}

function notAllowed(status: AdjudicationStatus, message: string): AppError {
  return new AppError('ACTION_NOT_ALLOWED', { message, details: { status, allowedActions: allowedAdjudicationActions(status) } });
}

/** The values to take out of a published text: persons' names, the requester's ID number and phone, a person's phone. */
function redactionInput(deps: Deps, a: AdjudicationRow) {
  const personNames = [a.requesterKind === 'person' ? a.requesterName : null, a.respondentKind === 'person' ? a.respondentName : null, a.requesterAgent]
    .filter((x): x is string => !!x);
  // A patentee who is a natural person (often the requester) is named in the text too.
  if (a.patentee && a.requesterKind === 'person' && a.patentee.includes(a.requesterName)) personNames.push(a.patentee);
  const idNos = a.requesterIdNoEnc ? [deps.cipher.decrypt(a.requesterIdNoEnc)] : [];
  const phones = [a.requesterPhoneEnc ? deps.cipher.decrypt(a.requesterPhoneEnc) : null, a.respondentPhone].filter((x): x is string => !!x);
  return { personNames, idNos, phones };
}

function titleOf(a: AdjudicationRow): string {
  return `${publishedName(a.requesterKind, a.requesterName)}与${publishedName(a.respondentKind, a.respondentName)}“${a.patentTitle}”专利侵权纠纷行政裁决书`;
}

/** The text of the decision as the public sees it (before the publisher's edits). */
function bodyOf(a: AdjudicationRow, authority: string): string {
  const who = (kind: 'organization' | 'person', name: string, uscc: string | null, address: string | null) =>
    kind === 'organization' ? `${name}${uscc ? `（统一社会信用代码：${uscc}）` : ''}${address ? `，住所：${address}` : ''}` : publishedName(kind, name);
  const orders = (a.orders as AdjudicationOrder[]).map((o) => ADJUDICATION_ORDERS[o]);
  const lines = [
    '专利侵权纠纷行政裁决书',
    a.decisionDocNo ?? '',
    '',
    `请求人：${who(a.requesterKind, a.requesterName, a.requesterUscc, a.requesterAddress)}`,
    `被请求人：${who(a.respondentKind, a.respondentName, a.respondentUscc, a.respondentAddress)}`,
    '',
    `涉案专利：${a.patentTitle}（专利号 ${a.patentNo}，${PATENT_KINDS[a.patentType]}），专利权人：${a.patentee}`,
    `被控侵权产品（方法）：${a.accusedProduct}`,
    `请求事项：${a.requests}`,
    '',
    `裁决结论：${a.decision ? ADJUDICATION_DECISIONS[a.decision] : ''}`,
    ...(orders.length > 0 ? [`责令被请求人：${orders.join('；')}。`] : []),
    a.decisionSummary ?? '',
    '',
    '当事人不服本裁决的，可以自收到本裁决书之日起十五日内依照《中华人民共和国行政诉讼法》向人民法院起诉（《中华人民共和国专利法》第六十五条）。',
    '',
    authority,
    a.decisionOn ?? '',
  ];
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function publishable(a: AdjudicationRow): void {
  const status = a.status as AdjudicationStatus;
  if (!a.decision || !adjudicationActionAllowed(status, 'publish')) {
    throw notAllowed(status, `案件当前状态为“${ADJUDICATION_STATUSES[status] ?? status}”，只有已作出且未被撤销的行政裁决可以公开`);
  }
}

export async function draftPublication(deps: Deps, ctx: Ctx, adjudicationId: number): Promise<AdjudicationPublicationDraftDto> {
  const actor = staff(ctx);
  requirePublish(actor);
  return deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, actor, adjudicationId);
    publishable(a);
    const unit = await repo.unit(trx, a.unitId);
    const r = redactPersonalData(bodyOf(a, unit?.name ?? ''), redactionInput(deps, a));
    return { adjudicationId: a.id, version: a.version, title: titleOf(a), docNo: a.decisionDocNo, body: r.text, autoRedactions: r.notes };
  });
}

/** 公开 (or 重新公开 after a withdrawal): the body is de-identified again on the server whatever the editor sent. */
export async function publishDecision(deps: Deps, ctx: Ctx, input: PublishAdjudicationInput): Promise<AdjudicationPublicationDto> {
  const actor = staff(ctx);
  requirePublish(actor);
  return deps.db.transaction().execute(async (trx) => {
    const a = await lockForAction(trx, actor, input.adjudicationId);
    publishable(a);
    if (a.version !== input.version) throw new AppError('VERSION_CONFLICT');
    const existing = await repo.publicationOf(trx, a.id);
    if (existing && existing.withdrawnOn === null) throw new AppError('DUPLICATE', { message: `该行政裁决书已于 ${existing.publishedOn} 公开` });
    const red = redactionInput(deps, a);
    const body = redactPersonalData(input.body, red);
    const title = redactPersonalData(input.title, red).text;
    const today = todayOf(deps);
    const redactions = [...input.redactions, ...body.notes.map((n) => `自动去除${n}`)];
    const values = { title, body: body.text, docNo: a.decisionDocNo, redactions: JSON.stringify(redactions), publishedOn: today, withdrawnOn: null, withdrawnReason: null, publishedBy: actor.userId };
    const p = existing
      ? await repo.updatePublication(trx, existing.id, existing.version, values)
      : await repo.insertPublication(trx, { ...values, adjudicationId: a.id, unitId: a.unitId, createdAt: deps.clock.now().toISOString() });
    if (!p) throw new AppError('VERSION_CONFLICT');
    const nowIso = deps.clock.now().toISOString();
    const updated = await repo.update(trx, a.id, a.version, { updatedAt: nowIso });
    if (!updated) throw new AppError('VERSION_CONFLICT');
    await repo.insertAction(trx, {
      adjudicationId: a.id, action: 'publish', fromStatus: a.status, toStatus: a.status, note: null,
      data: JSON.stringify({ on: today, publicationId: p.id, title, redactions }), actorId: actor.userId, actorName: actor.displayName, at: nowIso,
    });
    await writeAudit(trx, deps.clock, ctx, {
      action: 'adjudication.publish', entityType: 'adjudication', entityId: a.id,
      before: existing ? { publicationId: existing.id, withdrawnOn: existing.withdrawnOn } : null,
      after: { publicationId: p.id, title, publishedOn: today, redactions },
    });
    return presentPublication((await repo.publicationInScope(trx, actor, p.id))!, { withdraw: true });
  });
}

/** Withdraws a live publication in the caller's transaction (the court changed or revoked the decision). */
export async function withdrawPublicationOf(trx: Trx, deps: Deps, ctx: Ctx, adjudicationId: number, reason: string, on: string): Promise<void> {
  const p = await repo.publicationOf(trx, adjudicationId);
  if (!p || p.withdrawnOn !== null) return;
  await repo.updatePublication(trx, p.id, p.version, { withdrawnOn: on, withdrawnReason: reason });
  await writeAudit(trx, deps.clock, ctx, {
    action: 'adjudication.unpublish', entityType: 'adjudication', entityId: adjudicationId, before: { publicationId: p.id, withdrawnOn: null }, after: { publicationId: p.id, withdrawnOn: on, reason },
  });
}

export async function withdrawPublication(deps: Deps, ctx: Ctx, id: number, input: WithdrawAdjudicationPublicationInput): Promise<AdjudicationPublicationDto> {
  const actor = staff(ctx);
  requirePublish(actor);
  return deps.db.transaction().execute(async (trx) => {
    const p = await repo.lockPublicationInScope(trx, actor, id);
    if (!p) throw new AppError('NOT_FOUND');
    if (p.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (p.withdrawnOn !== null) throw new AppError('ACTION_NOT_ALLOWED', { message: `该行政裁决书已于 ${p.withdrawnOn} 撤回公开`, details: { allowedActions: [] } });
    const a = await lockForAction(trx, actor, p.adjudicationId);
    const today = todayOf(deps);
    await repo.updatePublication(trx, p.id, p.version, { withdrawnOn: today, withdrawnReason: input.reason });
    const nowIso = deps.clock.now().toISOString();
    const updated = await repo.update(trx, a.id, a.version, { updatedAt: nowIso });
    if (!updated) throw new AppError('VERSION_CONFLICT');
    await repo.insertAction(trx, {
      adjudicationId: a.id, action: 'unpublish', fromStatus: a.status, toStatus: a.status, note: input.reason,
      data: JSON.stringify({ on: today, publicationId: p.id, reason: input.reason }), actorId: actor.userId, actorName: actor.displayName, at: nowIso,
    });
    await writeAudit(trx, deps.clock, ctx, {
      action: 'adjudication.unpublish', entityType: 'adjudication', entityId: a.id, before: { publicationId: p.id, withdrawnOn: null }, after: { publicationId: p.id, withdrawnOn: today, reason: input.reason },
    });
    return presentPublication((await repo.publicationInScope(trx, actor, p.id))!, { withdraw: false });
  });
}

export async function listPublications(deps: Deps, ctx: Ctx, q: AdjudicationPublicationListQuery): Promise<Page<AdjudicationPublicationDto>> {
  const actor = staff(ctx);
  const { total, items } = await repo.listPublications(deps.db, actor, { status: q.status, q: q.q || undefined, page: q.page, pageSize: q.pageSize });
  const mayWithdraw = can(actor, 'adjudication.publish');
  return { items: items.map((r) => presentPublication(r, { withdraw: mayWithdraw && r.withdrawnOn === null })), total, page: q.page, pageSize: q.pageSize };
}

// ---------- portal ----------

export async function listPublicDecisions(deps: Deps, q: PublicAdjudicationDecisionQuery): Promise<Page<PublicAdjudicationDecisionListItemDto>> {
  const { total, items } = await repo.listPublic(deps.db, { q: q.q || undefined, today: todayOf(deps), page: q.page, pageSize: q.pageSize });
  return { items: items.map(presentPublicItem), total, page: q.page, pageSize: q.pageSize };
}

export async function getPublicDecision(deps: Deps, id: number): Promise<PublicAdjudicationDecisionDto> {
  const r = await repo.getPublic(deps.db, id, todayOf(deps));
  if (!r) throw new AppError('NOT_FOUND', { message: '该裁决书不存在或已撤回公开' });
  return { ...presentPublicItem(r), body: r.body };
}
