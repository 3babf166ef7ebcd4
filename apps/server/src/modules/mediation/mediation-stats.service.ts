/**
 * 调解统计: mediations registered (applied_on) in the period inside the actor's scope, by source, by outcome, by mediator,
 * with the success rate, the average duration, the court cases concluded within the court's period and the amounts agreed.
 *
 * Definitions (also in MediationStatsDto):
 *   outcome     agreement (an agreement took effect) / terminated / refused (不予调解) / open;
 *   successRate agreement ÷ (agreement + terminated), null when none concluded;
 *   duration    calendar days from applied_on to the agreement's effective date or the termination date;
 *   court       委派 / 委托 cases concluded (agreement, termination or refusal) on or before the court period's due date (as
 *               extended by consent, 特邀调解规定 第二十七条) or after it; still open.
 */
import {
  MEDIATION_OUTCOMES,
  MEDIATION_SOURCE_LIST,
  MEDIATION_SOURCES,
  type MediationOutcome,
  type MediationSource,
  type MediationStatsDto,
  type MediationStatsQuery,
} from '@zhichan/shared';
import { sql } from 'kysely';
import type { Actor, Ctx } from '../../access/actor';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { mediationRepository as repo, mediationScope } from './mediation.repository';

const OUTCOME = sql<MediationOutcome>`case
  when m.agreement_effective_on is not null then 'agreement'
  when m.terminated_on is not null then 'terminated'
  when m.refused_reason is not null and m.accepted_on is null then 'refused'
  else 'open' end`;
/** Days from the application to the agreement or the termination (date − date is an integer on both engines). */
const DURATION = sql<number | null>`(coalesce(m.agreement_effective_on, m.terminated_on) - m.applied_on)`;

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const avg = (sum: number, count: number) => (count > 0 ? round(sum / count, 1) : null);

function staff(ctx: Ctx): Actor {
  if (!ctx.actor || ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

async function scopeLabel(deps: Deps, actor: Actor): Promise<string> {
  if (actor.scope.kind === 'all') {
    const root = await repo.rootUnit(deps.db);
    return `${root?.name ?? ''}（全部机构）`;
  }
  const own = actor.unitName ?? '';
  return actor.scope.unitIds.length > 1 ? `${own}及下级机构` : own;
}

export async function mediationStatistics(deps: Deps, ctx: Ctx, q: MediationStatsQuery): Promise<MediationStatsDto> {
  const actor = staff(ctx);
  const db = deps.db;
  const inPeriod = db
    .selectFrom('mediations as m')
    .where('m.appliedOn', '>=', q.from)
    .where('m.appliedOn', '<=', q.to)
    .where((eb) => mediationScope(eb, actor));

  // By source × outcome: counts, durations, amounts.
  const cells = await inPeriod
    .select([
      'm.source',
      OUTCOME.as('outcome'),
      (eb) => eb.fn.countAll<string | number>().as('count'),
      sql<string | number | null>`sum(${DURATION})`.as('days'),
      sql<string | number>`count(${DURATION})`.as('timed'),
      sql<string | null>`sum(m.agreement_amount)::text`.as('amount'),
    ])
    .groupBy(['m.source', OUTCOME])
    .execute();

  const bySource = new Map<MediationSource, Record<MediationOutcome, number>>();
  const outcomes: Record<MediationOutcome, number> = { agreement: 0, terminated: 0, refused: 0, open: 0 };
  let total = 0;
  let days = 0;
  let timed = 0;
  let amount = 0;
  for (const c of cells) {
    const k = n(c.count);
    const row = bySource.get(c.source) ?? { agreement: 0, terminated: 0, refused: 0, open: 0 };
    row[c.outcome] += k;
    bySource.set(c.source, row);
    outcomes[c.outcome] += k;
    total += k;
    days += n(c.days);
    timed += n(c.timed);
    amount += n(c.amount);
  }

  // By mediator: every mediation the mediator is (still) assigned to.
  const mediators = await inPeriod
    .innerJoin('mediationMediators as mm', 'mm.mediationId', 'm.id')
    .innerJoin('mediators as r', 'r.id', 'mm.mediatorId')
    .select([
      'r.id',
      'r.name',
      sql<string | number>`count(distinct m.id)`.as('count'),
      sql<string | number>`count(distinct m.id) filter (where m.agreement_effective_on is not null)`.as('agreements'),
      sql<string | number | null>`sum(${DURATION})`.as('days'),
      sql<string | number>`count(${DURATION})`.as('timed'),
    ])
    .groupBy(['r.id', 'r.name'])
    .execute();
  // Most mediations first, then the name in pinyin order (the same on both engines, whatever their collation).
  mediators.sort((a, b) => n(b.count) - n(a.count) || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);

  // Court cases: the conclusion against the court period's due date (the last court-period deadline, extensions included).
  const courtRows = await inPeriod
    .select([
      OUTCOME.as('outcome'),
      'm.agreementEffectiveOn',
      'm.terminatedOn',
      sql<string | null>`(select a.data->>'refusedOn' from mediation_actions a where a.mediation_id = m.id and a.action = 'refuse' order by a.id desc limit 1)`.as('refusedOn'),
      sql<string | null>`(select d.due_on from deadlines d join deadline_rules dr on dr.id = d.rule_id
         where d.entity_type = 'mediation' and d.entity_id = m.id::text
           and dr.key in ('mediation.courtDelegated', 'mediation.courtEntrustedOrdinary', 'mediation.courtEntrustedSimple')
         order by d.id desc limit 1)`.as('courtDueOn'),
    ])
    .where('m.source', 'in', ['courtDelegated', 'courtEntrusted'])
    .execute();
  const court = { total: courtRows.length, withinPeriod: 0, afterPeriod: 0, open: 0 };
  for (const r of courtRows) {
    const concluded = r.agreementEffectiveOn ?? r.terminatedOn ?? (r.outcome === 'refused' ? r.refusedOn : null);
    if (!concluded) court.open++;
    else if (r.courtDueOn === null || concluded <= r.courtDueOn) court.withinPeriod++;
    else court.afterPeriod++;
  }

  const concluded = outcomes.agreement + outcomes.terminated;
  return {
    from: q.from,
    to: q.to,
    scopeLabel: await scopeLabel(deps, actor),
    total,
    successRate: concluded > 0 ? round(outcomes.agreement / concluded, 4) : null,
    averageDurationDays: avg(days, timed),
    amountAgreed: round(amount, 2),
    byOutcome: (Object.keys(MEDIATION_OUTCOMES) as MediationOutcome[]).map((o) => ({ outcome: o, label: MEDIATION_OUTCOMES[o], count: outcomes[o] })),
    bySource: MEDIATION_SOURCE_LIST.map((s) => {
      const r = bySource.get(s) ?? { agreement: 0, terminated: 0, refused: 0, open: 0 };
      return { source: s, label: MEDIATION_SOURCES[s], total: r.agreement + r.terminated + r.refused + r.open, ...r };
    }),
    byMediator: mediators.map((r) => ({
      mediatorId: r.id,
      name: r.name,
      count: n(r.count),
      agreements: n(r.agreements),
      averageDurationDays: avg(n(r.days), n(r.timed)),
    })),
    court,
  };
}
