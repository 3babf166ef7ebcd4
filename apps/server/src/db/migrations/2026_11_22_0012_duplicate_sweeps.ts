import type { Kysely } from 'kysely';
import { execSqlScript } from '../sql-script';

/**
 * Possible duplicates are found after the intake has committed, not in its transaction (issue 3: the lookup was most of
 * the database's work per submission and grew with the window). Receipt numbers are taken under the counter's row lock
 * in the transaction that writes the record, so they follow the order of the commits without gaps: the sweep checks
 * the submissions of each (year, city) in receipt order and remembers how far it has come. Existing submissions were
 * checked when filed: the sweep starts after them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await execSqlScript(db, `
CREATE TABLE submission_duplicate_sweeps (
  year integer NOT NULL,
  city_code text NOT NULL,
  checked_seq integer NOT NULL DEFAULT 0 CHECK (checked_seq >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, city_code)
);
COMMENT ON TABLE submission_duplicate_sweeps IS '疑似重复查找进度：每年每市一行，已按受理编号顺序查找到的序号';
COMMENT ON COLUMN submission_duplicate_sweeps.year IS '受理编号的年度';
COMMENT ON COLUMN submission_duplicate_sweeps.city_code IS '受理编号的 6 位市级区划代码';
COMMENT ON COLUMN submission_duplicate_sweeps.checked_seq IS '已查找疑似重复的最大年度序号（此前的诉求都已查找）';
COMMENT ON COLUMN submission_duplicate_sweeps.updated_at IS '最近一次推进的时间';
COMMENT ON TABLE submission_duplicates IS '疑似重复：诉求登记提交后随即（按受理编号顺序，在提交事务之外）按统一社会信用代码相同、或名称相近（规范化后相同或二字组 Dice ≥ 0.8）且知识产权类型相同找出，双向各存一行；列表按配置的时间窗口筛选';
INSERT INTO submission_duplicate_sweeps (year, city_code, checked_seq) SELECT year, city_code, last_seq FROM receipt_counters;
`);
}
