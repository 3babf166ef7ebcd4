import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('schema', () => {
  it('has a COMMENT ON every table and every column', async () => {
    const missing = await sql<{ table_name: string; column_name: string | null }>`
      SELECT c.relname AS table_name, NULL AS column_name
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT LIKE 'kysely_%'
         AND obj_description(c.oid, 'pg_class') IS NULL
      UNION ALL
      SELECT c.relname, a.attname
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT LIKE 'kysely_%'
         AND a.attnum > 0 AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL`.execute(t.deps.db);
    expect(missing.rows).toEqual([]);
  });

  it('matches the hand-written Kysely interface (schema drift)', async () => {
    const tables = await t.deps.db.introspection.getTables();
    const names = tables.map((x) => x.name).filter((n) => !n.startsWith('kysely_')).sort();
    // Keep in step with src/db/schema.ts (CamelCasePlugin maps these snake_case names).
    expect(names).toEqual([
      'adjudication_actions', 'adjudication_assists', 'adjudication_files', 'adjudication_handlers', 'adjudication_hearings', 'adjudication_publications', 'adjudications',
      'article_actions', 'articles', 'audit_chain_head', 'audit_logs', 'calendar_days', 'captcha_challenges',
      'case_actions', 'case_evidence', 'case_file_reviews', 'case_handlers', 'case_measures', 'cases',
      'consultation_actions', 'consultation_sequences', 'consultations',
      'deadline_extensions', 'deadline_pauses', 'deadline_rules', 'deadlines', 'dict_items', 'dict_types', 'documents', 'evidence_uploads', 'extension_requests', 'files', 'holiday_notices',
      'industry_chains', 'ipc_titles', 'job_leases', 'kpi_targets', 'lead_actions', 'leads', 'login_logs',
      'mediation_actions', 'mediation_mediators', 'mediation_parties', 'mediation_sessions', 'mediations', 'mediator_conflicts', 'mediators',
      'notifications', 'outbox_messages',
      'patent_awards', 'patent_import_errors', 'patent_import_jobs', 'patent_kpi_snapshots', 'patent_reports',
      'patent_stats', 'patent_stats_applicant', 'patent_stats_applicant_year', 'patent_stats_grant', 'patent_stats_ipc', 'patent_stats_ipc_year', 'patent_stats_meta',
      'patent_stats_sei', 'patent_stats_sei_year', 'patent_stats_wipo', 'patent_stats_wipo_year', 'patents',
      'penalty_publications', 'receipt_counters', 'record_counters', 'regions', 'resident_population', 'role_units', 'roles',
      'sei_rules', 'service_records', 'sessions',
      'submission_duplicate_sweeps', 'submission_duplicates', 'submission_events', 'submission_files', 'submission_links', 'submission_lookup_failures', 'submission_name_keys', 'submission_ratings', 'submissions',
      'supervision_flags', 'supervision_reminders', 'units', 'user_roles', 'users', 'wipo_fields',
    ]);
  });

  it('returns the same JS values on both engines: dates as YYYY-MM-DD, int8 as number, timestamps as ISO UTC', async () => {
    const r = await sql<{ d: unknown; n: unknown; ts: unknown; c: unknown; num: unknown }>`
      SELECT DATE '2026-02-14' AS d, 9007199254740991::int8 AS n, TIMESTAMPTZ '2026-02-14 08:30:00+08' AS ts,
             count(*) AS c, 12.50::numeric AS num FROM units`.execute(t.deps.db);
    const row = r.rows[0]!;
    expect(row.d).toBe('2026-02-14');
    expect(row.n).toBe(9007199254740991);
    expect(row.ts).toBe('2026-02-14T00:30:00.000Z');
    expect(typeof row.c).toBe('number');
    expect(row.num).toBe('12.50');
  });

  it('seeds 泰安: the city bureau, six county bureaus and 88 市场监管所 from the division list', async () => {
    const counts = await t.deps.db.selectFrom('units').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
    const by = Object.fromEntries(counts.map((c) => [c.kind, Number(c.n)]));
    expect(by).toEqual({ cityBureau: 1, countyBureau: 6, station: 88 });
    const counties = await t.deps.db.selectFrom('units').select('name').where('kind', '=', 'countyBureau').orderBy('name').execute();
    expect(counties.map((c) => c.name).sort()).toEqual(
      ['东平县市场监督管理局', '宁阳县市场监督管理局', '岱岳区市场监督管理局', '新泰市市场监督管理局', '泰山区市场监督管理局', '肥城市市场监督管理局'].sort(),
    );
  });
});
