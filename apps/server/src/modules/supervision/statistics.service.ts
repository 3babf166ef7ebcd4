/**
 * 执法统计: received, accepted, verified, filed, 诉转案, fines, transfers to police, average working days to close and the
 * on-time rate, by county bureau, month or type, inside the actor's scope. Every figure is one GROUP BY query over the
 * period (by unit × month × type); the rows are then folded into the asked grouping. Working days come from the
 * official calendar (the engine in packages/shared), counted per distinct (立案日, 结案日) pair, never per case row.
 */
import {
  addDaysIso,
  addStatCounts,
  avgWorkingDays,
  CASE_TYPE_TO_STAT,
  emptyStatCounts,
  LEAD_IP_TYPE_TO_STAT,
  onTimeRate,
  STAT_TYPE_LIST,
  STAT_TYPES,
  yuanToWan,
  type EnforcementStatisticsDto,
  type StatCounts,
  type StatisticsQuery,
  type StatisticsRowDto,
  type StatType,
} from '@zhichan/shared';
import { sql, type RawBuilder } from 'kysely';
import type { Actor, Ctx } from '../../access/actor';
import { inScope } from '../../access/scope';
import type { Executor } from '../../db/database';
import type { Deps } from '../../deps';
import { loadWorkCalendar } from '../calendar/calendar.service';
import type { OrgTree } from './supervision.presenter';
import { compareUnits } from './supervision.presenter';
import { loadOrg, staff, todayOf } from './supervision.service';

/** The lead action that records a complaint's acceptance (受理, 暂行办法 第十四条): lead-workflow.ts. */
const ACCEPT_ACTION = 'accept';

/** One bucket of a GROUP BY: the responsible unit, the month (YYYY-MM) and the statistics type. */
interface Cell {
  unitId: number;
  month: string;
  type: StatType;
  counts: Partial<StatCounts>;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** China day boundaries of the period as instants (timestamps are stored in UTC; the period is in Beijing days). */
function instantRange(from: string, to: string): { start: string; end: string } {
  return { start: `${from}T00:00:00+08:00`, end: `${addDaysIso(to, 1)}T00:00:00+08:00` };
}

const leadUnit = sql<number>`coalesce(leads.county_unit_id, leads.unit_id)`;
const caseUnit = sql<number>`coalesce(cases.county_unit_id, cases.unit_id)`;
const month = (col: RawBuilder<unknown>) => sql<string>`to_char(${col}, 'YYYY-MM')`;

async function collectCells(ex: Executor, deps: Deps, actor: Actor, from: string, to: string): Promise<Cell[]> {
  const cells: Cell[] = [];
  const leadType = (t: string) => LEAD_IP_TYPE_TO_STAT[t] ?? 'other';
  const caseType = (t: string) => CASE_TYPE_TO_STAT[t] ?? 'other';

  // 收到诉求/线索: leads received in the period.
  const received = await ex
    .selectFrom('leads')
    .select([leadUnit.as('u'), month(sql`leads.received_on`).as('m'), 'leads.ipType as t', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('leads.receivedOn', '>=', from)
    .where('leads.receivedOn', '<=', to)
    .where((eb) => inScope(eb, actor, 'leads.unitId'))
    .groupBy([leadUnit, month(sql`leads.received_on`), 'leads.ipType'])
    .execute();
  for (const r of received) cells.push({ unitId: r.u, month: r.m, type: leadType(r.t), counts: { received: num(r.n) } });

  // 投诉受理: complaints whose 受理 action falls in the period (Beijing days).
  const { start, end } = instantRange(from, to);
  const acceptedMonth = sql<string>`to_char(lead_actions.at + interval '8 hours', 'YYYY-MM')`;
  const accepted = await ex
    .selectFrom('leadActions')
    .innerJoin('leads', 'leads.id', 'leadActions.leadId')
    .select([leadUnit.as('u'), acceptedMonth.as('m'), 'leads.ipType as t', sql<string | number>`count(distinct leads.id)`.as('n')])
    .where('leadActions.action', '=', ACCEPT_ACTION)
    .where('leads.kind', '=', 'complaint')
    .where('leadActions.at', '>=', start)
    .where('leadActions.at', '<', end)
    .where((eb) => inScope(eb, actor, 'leads.unitId'))
    .groupBy([leadUnit, acceptedMonth, 'leads.ipType'])
    .execute();
  for (const r of accepted) cells.push({ unitId: r.u, month: r.m, type: leadType(r.t), counts: { accepted: num(r.n) } });

  // 线索核查完成: the head decided 立案 or 不予立案 in the period (程序规定 第十八条 ends verification with that decision).
  const verified = await ex
    .selectFrom('leads')
    .select([leadUnit.as('u'), month(sql`leads.decided_on`).as('m'), 'leads.ipType as t', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('leads.decidedOn', '>=', from)
    .where('leads.decidedOn', '<=', to)
    .where((eb) => inScope(eb, actor, 'leads.unitId'))
    .groupBy([leadUnit, month(sql`leads.decided_on`), 'leads.ipType'])
    .execute();
  for (const r of verified) cells.push({ unitId: r.u, month: r.m, type: leadType(r.t), counts: { leadsVerified: num(r.n) } });

  // 立案 and 诉转案: cases filed in the period.
  const filed = await ex
    .selectFrom('cases')
    .select([
      caseUnit.as('u'), month(sql`cases.filed_on`).as('m'), 'cases.caseType as t', (eb) => eb.fn.countAll<string | number>().as('n'),
      sql<string | number>`count(*) filter (where cases.from_complaint)`.as('fromComplaint'),
    ])
    .where('cases.filedOn', '>=', from)
    .where('cases.filedOn', '<=', to)
    .where((eb) => inScope(eb, actor, 'cases.unitId'))
    .groupBy([caseUnit, month(sql`cases.filed_on`), 'cases.caseType'])
    .execute();
  for (const r of filed) cells.push({ unitId: r.u, month: r.m, type: caseType(r.t), counts: { casesFiled: num(r.n), complaintToCase: num(r.fromComplaint) } });

  // 罚没金额 (罚款 + 没收违法所得 of penalty decisions) and 移送公安, by decision date.
  const decided = await ex
    .selectFrom('cases')
    .select([
      caseUnit.as('u'), month(sql`cases.decision_on`).as('m'), 'cases.caseType as t',
      sql<string | null>`(sum(coalesce(cases.fine_amount, 0) + coalesce(cases.confiscated_amount, 0)) filter (where cases.decision = 'penalty'))::text`.as('yuan'),
      sql<string | number>`count(*) filter (where cases.decision = 'transferToPolice')`.as('police'),
    ])
    .where('cases.decisionOn', '>=', from)
    .where('cases.decisionOn', '<=', to)
    .where((eb) => inScope(eb, actor, 'cases.unitId'))
    .groupBy([caseUnit, month(sql`cases.decision_on`), 'cases.caseType'])
    .execute();
  for (const r of decided) cells.push({ unitId: r.u, month: r.m, type: caseType(r.t), counts: { fineYuan: num(r.yuan), transferredToPolice: num(r.police) } });

  // 平均办结工作日: cases closed in the period; one row per distinct (立案日, 结案日), the engine counts the working days.
  const closed = await ex
    .selectFrom('cases')
    .select([caseUnit.as('u'), month(sql`cases.closed_on`).as('m'), 'cases.caseType as t', 'cases.filedOn', 'cases.closedOn', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('cases.closedOn', '>=', from)
    .where('cases.closedOn', '<=', to)
    .where((eb) => inScope(eb, actor, 'cases.unitId'))
    .groupBy([caseUnit, month(sql`cases.closed_on`), 'cases.caseType', 'cases.filedOn', 'cases.closedOn'])
    .execute();
  if (closed.length > 0) {
    const cal = await loadWorkCalendar(ex, deps.db);
    for (const r of closed) {
      const n = num(r.n);
      const days = Math.max(0, cal.workingDaysBetween(r.filedOn, r.closedOn!));
      cells.push({ unitId: r.u, month: r.m, type: caseType(r.t), counts: { closedCases: n, closedWorkingDays: days * n } });
    }
  }

  // 按期办结率: deadlines of leads and cases completed in the period, on time when completed on or before the due date.
  const deadlineType = sql<string | null>`coalesce(leads.ip_type, cases.case_type)`;
  const deadlineKind = sql<string>`deadlines.entity_type`;
  const completed = await ex
    .selectFrom('deadlines')
    .leftJoin('leads', (j) => j.on('deadlines.entityType', '=', 'lead').on(sql<boolean>`leads.id::text = deadlines.entity_id`))
    .leftJoin('cases', (j) => j.on('deadlines.entityType', '=', 'case').on(sql<boolean>`cases.id::text = deadlines.entity_id`))
    .select([
      'deadlines.unitId as u', month(sql`deadlines.completed_on`).as('m'), deadlineKind.as('k'), deadlineType.as('t'),
      (eb) => eb.fn.countAll<string | number>().as('n'),
      sql<string | number>`count(*) filter (where deadlines.due_on is null or deadlines.completed_on <= deadlines.due_on)`.as('onTime'),
    ])
    .where('deadlines.entityType', 'in', ['lead', 'case'])
    .where('deadlines.completedOn', '>=', from)
    .where('deadlines.completedOn', '<=', to)
    .where((eb) => inScope(eb, actor, 'deadlines.unitId'))
    .groupBy(['deadlines.unitId', month(sql`deadlines.completed_on`), deadlineKind, deadlineType])
    .execute();
  for (const r of completed) {
    const type = r.t === null ? 'other' : r.k === 'lead' ? leadType(r.t) : caseType(r.t);
    cells.push({ unitId: r.u, month: r.m, type, counts: { deadlinesCompleted: num(r.n), deadlinesOnTime: num(r.onTime) } });
  }
  return cells;
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function monthLabel(ym: string): string {
  return `${Number(ym.slice(0, 4))}年${Number(ym.slice(5, 7))}月`;
}

function presentRow(key: string, label: string, c: StatCounts): StatisticsRowDto {
  return {
    key,
    label,
    received: c.received,
    accepted: c.accepted,
    leadsVerified: c.leadsVerified,
    casesFiled: c.casesFiled,
    complaintToCase: c.complaintToCase,
    fineYuan: Math.round(c.fineYuan * 100) / 100,
    fineWan: yuanToWan(c.fineYuan),
    transferredToPolice: c.transferredToPolice,
    closedCases: c.closedCases,
    closedWorkingDays: c.closedWorkingDays,
    avgWorkingDaysToClose: avgWorkingDays(c),
    deadlinesCompleted: c.deadlinesCompleted,
    deadlinesOnTime: c.deadlinesOnTime,
    onTimeRate: onTimeRate(c),
  };
}

/** The county bureaus (and the city bureau) that a statistics table by unit lists for this actor. */
function reportingUnitsOf(actor: Actor, org: OrgTree): number[] {
  const visible = actor.scope.kind === 'all' ? org.units.map((u) => u.id) : actor.scope.unitIds;
  const out = new Set<number>();
  for (const id of visible) {
    const u = org.byId.get(id);
    if (u && (u.kind === 'countyBureau' || (u.kind === 'cityBureau' && actor.scope.kind === 'all'))) out.add(id);
  }
  return [...out];
}

export async function enforcementStatistics(deps: Deps, ctx: Ctx, q: StatisticsQuery): Promise<EnforcementStatisticsDto> {
  const actor = staff(ctx);
  const org = await loadOrg(deps.db);
  const cells = await collectCells(deps.db, deps, actor, q.from, q.to);
  const buckets = new Map<string, StatCounts>();
  const add = (key: string, c: Partial<StatCounts>) => buckets.set(key, addStatCounts(buckets.get(key) ?? emptyStatCounts(), { ...emptyStatCounts(), ...c }));

  let order: { key: string; label: string }[];
  if (q.groupBy === 'unit') {
    for (const c of cells) add(String(org.reportingUnit(c.unitId)), c.counts);
    const ids = new Set([...reportingUnitsOf(actor, org), ...[...buckets.keys()].map(Number)]);
    order = [...ids].sort((a, b) => compareUnits(org, a, b)).map((id) => ({
      key: String(id),
      label: org.byId.get(id)?.kind === 'cityBureau' ? `${org.name(id)}（本级）` : org.name(id),
    }));
  } else if (q.groupBy === 'month') {
    for (const c of cells) add(c.month, c.counts);
    order = monthsBetween(q.from, q.to).map((m) => ({ key: m, label: monthLabel(m) }));
  } else {
    for (const c of cells) add(c.type, c.counts);
    order = STAT_TYPE_LIST.map((t) => ({ key: t, label: STAT_TYPES[t] }));
  }
  const rows = order.map((o) => presentRow(o.key, o.label, buckets.get(o.key) ?? emptyStatCounts()));
  const total = [...buckets.values()].reduce(addStatCounts, emptyStatCounts());
  const preparedBy = actor.unitId !== null ? org.name(actor.unitId) : '';
  return { from: q.from, to: q.to, groupBy: q.groupBy, preparedBy, preparedOn: todayOf(deps), rows, total: presentRow('total', '合计', total) };
}
