import type { Kysely } from 'kysely';
import { execSqlScript } from '../sql-script';

/**
 * Year-keyed rollups for the applicant ranking, the IPC treemap, the strategic emerging industries and the WIPO fields
 * (issue 5): with a year range (申请年 from/to) these four widgets read the tables below instead of aggregating the base
 * table (0.8-1.9 s at 1M patents on PostgreSQL). The unfiltered dashboard keeps reading the smaller all-years tables of
 * migration 0007 (patent_stats_applicant keeps 140k rows at 1M patents; its year-keyed twin holds 1.9M).
 *
 * Only what a year-range query can read is stored: patents with a filing date (a year range never matches the others),
 * and the city and county levels (region '' = all regions is never read: a province-wide dashboard reads the base
 * table). The applicant table keeps EVERY applicant of every year, so the ranking over any range is exact: the reader
 * takes the top K of each year as candidates, sums their years exactly, and proves that no other applicant can reach
 * the 20th place (its range total is at most the sum of the K-th counts of the years); when the proof fails it sums the
 * whole range (patent-stats.repository.ts, topApplicantsRollup).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await execSqlScript(db, `
CREATE TABLE patent_stats_applicant_year (
  chain_id integer NOT NULL,
  region_code text NOT NULL,
  applicant text NOT NULL,
  app_year integer NOT NULL,
  n integer NOT NULL,
  n_valid_invention integer NOT NULL,
  n_high_value integer NOT NULL,
  PRIMARY KEY (chain_id, region_code, applicant, app_year)
);
CREATE INDEX patent_stats_applicant_year_rank ON patent_stats_applicant_year (chain_id, region_code, app_year, n DESC);
COMMENT ON TABLE patent_stats_applicant_year IS '汇总表：产业链 × 地区 × 申请人 × 申请年的件数（全部申请人，供按申请年筛选的申请人排名；仅含有申请日的专利，地区只有市、县两级）';
COMMENT ON COLUMN patent_stats_applicant_year.chain_id IS '产业链（0 为全部）';
COMMENT ON COLUMN patent_stats_applicant_year.region_code IS '地区（4 位为市，6 位为县；按第一申请人所在地）';
COMMENT ON COLUMN patent_stats_applicant_year.applicant IS '申请人';
COMMENT ON COLUMN patent_stats_applicant_year.app_year IS '申请年';
COMMENT ON COLUMN patent_stats_applicant_year.n IS '件数';
COMMENT ON COLUMN patent_stats_applicant_year.n_valid_invention IS '其中有效发明';
COMMENT ON COLUMN patent_stats_applicant_year.n_high_value IS '其中高价值发明专利';

CREATE TABLE patent_stats_ipc_year (
  chain_id integer NOT NULL,
  region_code text NOT NULL,
  app_year integer NOT NULL,
  ipc_subclass text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (chain_id, region_code, app_year, ipc_subclass)
);
COMMENT ON TABLE patent_stats_ipc_year IS '汇总表：产业链 × 地区 × 申请年 × 主分类号小类的件数（供按申请年筛选；仅含有申请日的专利，地区只有市、县两级）';
COMMENT ON COLUMN patent_stats_ipc_year.chain_id IS '产业链（0 为全部）';
COMMENT ON COLUMN patent_stats_ipc_year.region_code IS '地区（4 位为市，6 位为县）';
COMMENT ON COLUMN patent_stats_ipc_year.app_year IS '申请年';
COMMENT ON COLUMN patent_stats_ipc_year.ipc_subclass IS '主分类号所在小类，如 H01M';
COMMENT ON COLUMN patent_stats_ipc_year.n IS '件数';

CREATE TABLE patent_stats_sei_year (
  chain_id integer NOT NULL,
  region_code text NOT NULL,
  app_year integer NOT NULL,
  sei_branch text NOT NULL,
  n integer NOT NULL,
  n_valid_invention integer NOT NULL,
  PRIMARY KEY (chain_id, region_code, app_year, sei_branch)
);
COMMENT ON TABLE patent_stats_sei_year IS '汇总表：产业链 × 地区 × 申请年 × 战略性新兴产业分支的件数（一件可属多个分支；供按申请年筛选，仅含有申请日的专利，地区只有市、县两级）';
COMMENT ON COLUMN patent_stats_sei_year.chain_id IS '产业链（0 为全部）';
COMMENT ON COLUMN patent_stats_sei_year.region_code IS '地区（4 位为市，6 位为县）';
COMMENT ON COLUMN patent_stats_sei_year.app_year IS '申请年';
COMMENT ON COLUMN patent_stats_sei_year.sei_branch IS '分支代码';
COMMENT ON COLUMN patent_stats_sei_year.n IS '件数';
COMMENT ON COLUMN patent_stats_sei_year.n_valid_invention IS '其中有效发明';

CREATE TABLE patent_stats_wipo_year (
  chain_id integer NOT NULL,
  region_code text NOT NULL,
  app_year integer NOT NULL,
  field_no integer NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (chain_id, region_code, app_year, field_no)
);
COMMENT ON TABLE patent_stats_wipo_year IS '汇总表：产业链 × 地区 × 申请年 × WIPO 技术领域的件数（一件可属多个领域；供按申请年筛选，仅含有申请日的专利，地区只有市、县两级）';
COMMENT ON COLUMN patent_stats_wipo_year.chain_id IS '产业链（0 为全部）';
COMMENT ON COLUMN patent_stats_wipo_year.region_code IS '地区（4 位为市，6 位为县）';
COMMENT ON COLUMN patent_stats_wipo_year.app_year IS '申请年';
COMMENT ON COLUMN patent_stats_wipo_year.field_no IS '技术领域序号';
COMMENT ON COLUMN patent_stats_wipo_year.n IS '件数';

-- Rollups built before this migration have no year tables: until the next rebuild (import, reclassification, or the
-- daily patent-maintenance job, which rebuilds when rebuilt_at is NULL) every widget reads the base table.
UPDATE patent_stats_meta SET rebuilt_at = NULL WHERE id = 1;
`);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
