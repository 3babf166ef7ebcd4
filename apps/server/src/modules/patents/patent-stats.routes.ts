import { KpiTargetInput, OfficialKpiInput, PatentFilterQuery, PopulationInput } from '@zhichan/shared';
import { z } from 'zod';
import { ctxOf } from '../../access/authenticate';
import { chinaDate } from '../../lib/clock';
import type { RouteModule } from '../../http';
import { contentDisposition } from '../files/files.service';
import {
  addOfficialKpi,
  deletePopulation,
  getPatentKpi,
  listPopulation,
  listTargets,
  putPopulation,
  putTarget,
  takeKpiSnapshot,
} from './patent-kpi.service';
import { patentStatsRepository } from './patent-stats.repository';
import {
  DASHBOARD_WIDGETS,
  dashboardWidgetWorkbook,
  describeFilter,
  kpiFileName,
  kpiWorkbook,
  widgetFileName,
} from './patent-stats.presenter';
import { getChainOverview, getPatentDashboard, patentStatsStatus, resolveFilter } from './patent-stats.service';

const statTags = ['专利统计分析'];
const kpiTags = ['每万人口高价值发明专利拥有量'];

const read = { access: { auth: 'staff' as const, permission: 'patent.read' as const } };
const configure = { access: { auth: 'staff' as const, permission: 'patent.configure' as const } };

const KpiQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const WidgetExportQuery = PatentFilterQuery.extend({ widget: z.enum(DASHBOARD_WIDGETS) });
const PopulationKeyParam = z.object({
  regionCode: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, '地区代码应为 2、4 或 6 位数字'),
  year: z.coerce.number().int().min(2000).max(2100),
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const patentStatsRoutes: RouteModule = (app, deps) => {
  // ---------- 统计分析 ----------

  app.get('/api/patent-stats/dashboard', {
    schema: { tags: statTags, summary: '专利统计分析：按产业链、地区、类型、法律状态、年度等筛选的各项图表数据（优先读汇总表）', querystring: PatentFilterQuery },
    config: read,
  }, (req) => getPatentDashboard(deps.db, deps, req.query));

  app.get('/api/patent-stats/chains', {
    schema: { tags: statTags, summary: '产业链总览：各产业链专利数、有效发明、高价值发明、上年申请量及同比、第一申请人' },
    config: read,
  }, () => getChainOverview(deps.db, deps));

  app.get('/api/patent-stats/status', {
    schema: { tags: statTags, summary: '汇总表状态：最近一次重建时间、专利总数、耗时' },
    config: read,
  }, () => patentStatsStatus(deps.db));

  app.get('/api/patent-stats/export.xlsx', {
    schema: { tags: statTags, summary: '导出某一图表的数据（Excel，含筛选条件）', querystring: WidgetExportQuery },
    config: read,
  }, async (req, reply) => {
    const { widget, ...filter } = req.query;
    const dto = await getPatentDashboard(deps.db, deps, filter);
    const f = resolveFilter(deps, filter);
    const regionName = (await patentStatsRepository.regionName(deps.db, f.region)) ?? f.region;
    const chainName = f.chainId ? await patentStatsRepository.chainName(deps.db, f.chainId) : null;
    const seiBranchName = f.seiBranch ? (await patentStatsRepository.seiBranchNames(deps.db)).get(f.seiBranch)?.branchName ?? null : null;
    const ipcTitle = f.ipc ? (await patentStatsRepository.ipcTitles(deps.db, [f.ipc.toUpperCase()])).get(f.ipc.toUpperCase()) ?? null : null;
    const buf = await dashboardWidgetWorkbook(dto, widget, {
      filterText: describeFilter(filter, { regionName, chainName, seiBranchName, ipcTitle }),
      regionName,
      preparedOn: chinaDate(deps.clock.now()),
      nonImported: await patentStatsRepository.hasNonImportedData(deps.db),
    });
    void reply
      .header('content-type', XLSX)
      .header('content-disposition', contentDisposition(widgetFileName(widget, regionName)))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff');
    return reply.send(buf);
  });

  // ---------- 每万人口高价值发明专利拥有量 ----------

  app.get('/api/patent-kpi', {
    schema: { tags: kpiTags, summary: '每万人口高价值发明专利拥有量：全市及各县（市、区），对照年度目标，含趋势与分类统计', querystring: KpiQuery },
    config: read,
  }, (req) => getPatentKpi(deps.db, deps, { year: req.query.year }));

  app.get('/api/patent-kpi/export.xlsx', {
    schema: { tags: kpiTags, summary: '导出每万人口高价值发明专利拥有量（Excel）', querystring: KpiQuery },
    config: read,
  }, async (req, reply) => {
    const k = await getPatentKpi(deps.db, deps, { year: req.query.year });
    const cityName = k.rows.find((r) => r.level === 'city')?.name ?? deps.config.cityCode;
    const buf = await kpiWorkbook(k, {
      cityName,
      year: req.query.year ?? Number(k.asOf.slice(0, 4)),
      nonImported: await patentStatsRepository.hasNonImportedData(deps.db),
    });
    void reply
      .header('content-type', XLSX)
      .header('content-disposition', contentDisposition(kpiFileName(k, cityName)))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff');
    return reply.send(buf);
  });

  app.get('/api/patent-kpi/targets', {
    schema: { tags: kpiTags, summary: '年度目标（每万人口高价值发明专利拥有量）' },
    config: read,
  }, () => listTargets(deps));

  app.put('/api/patent-kpi/targets', {
    schema: { tags: kpiTags, summary: '设置某地区某年度的目标值（注明依据）', body: KpiTargetInput },
    config: configure,
  }, (req) => putTarget(deps, ctxOf(req), req.body));

  app.post('/api/patent-kpi/official', {
    schema: { tags: kpiTags, summary: '录入官方发布数（注明出处），计入趋势', body: OfficialKpiInput },
    config: configure,
  }, async (req, reply) => reply.code(201).send(await addOfficialKpi(deps, ctxOf(req), req.body)));

  app.post('/api/patent-kpi/snapshot', {
    schema: { tags: kpiTags, summary: '按当前数据计算并留存今天的时点值（全市及各县）' },
    config: configure,
  }, async (req, reply) => reply.code(201).send(await takeKpiSnapshot(deps, ctxOf(req))));

  // ---------- 常住人口 ----------

  app.get('/api/patent-population', {
    schema: { tags: kpiTags, summary: '年末常住人口（万人）及来源' },
    config: read,
  }, () => listPopulation(deps));

  app.put('/api/patent-population', {
    schema: { tags: kpiTags, summary: '录入或修改某地区某年度的年末常住人口（须注明来源）', body: PopulationInput },
    config: configure,
  }, (req) => putPopulation(deps, ctxOf(req), req.body));

  app.delete('/api/patent-population/:regionCode/:year', {
    schema: { tags: kpiTags, summary: '删除一条常住人口数据', params: PopulationKeyParam },
    config: configure,
  }, async (req, reply) => {
    await deletePopulation(deps, ctxOf(req), req.params.regionCode, req.params.year);
    return reply.code(204).send();
  });
};
