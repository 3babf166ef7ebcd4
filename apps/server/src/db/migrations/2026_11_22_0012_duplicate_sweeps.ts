import type { Kysely } from 'kysely';
import { execSqlScript } from '../sql-script';

/**
 * Possible duplicates are found after the intake has committed, not in its transaction (issue 3: the lookup was most of
 * the database's work per submission and grew with the window). Receipt numbers are taken under the counter's row lock
 * in the transaction that writes the record, so they follow the order of the commits without gaps: the sweep checks
 * the submissions of each (year, city) in receipt order and remembers how far it has come. Existing submissions were
 * checked when filed: the sweep starts after them.
 *
 * The lookup reads a narrow table of its own, submission_name_keys, which the sweep fills as it goes (a submission's
 * key is written when it is checked), with the three indexes the submissions table had for it: the intake writes
 * three indexes fewer (one of them GIN), and the lookup visits short rows.
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

CREATE TABLE submission_name_keys (
  submission_id integer PRIMARY KEY REFERENCES submissions(id),
  created_at timestamptz NOT NULL,
  ip_type text NOT NULL,
  respondent_uscc text,
  respondent_name_norm text NOT NULL,
  respondent_name_bigrams text[] NOT NULL
);
CREATE INDEX submission_name_keys_uscc ON submission_name_keys (respondent_uscc, created_at) WHERE respondent_uscc IS NOT NULL;
CREATE INDEX submission_name_keys_norm ON submission_name_keys (respondent_name_norm, created_at);
CREATE INDEX submission_name_keys_bigrams ON submission_name_keys USING gin (respondent_name_bigrams) WITH (fastupdate = off);
COMMENT ON TABLE submission_name_keys IS '疑似重复查找用的被投诉举报对象名称键：查找进度推进时写入（提交事务之外），只含比对所需的列，窄表便于索引查找';
COMMENT ON COLUMN submission_name_keys.submission_id IS '诉求';
COMMENT ON COLUMN submission_name_keys.created_at IS '诉求提交时间（比对时间窗口）';
COMMENT ON COLUMN submission_name_keys.ip_type IS '知识产权类型（登记时更正则随之更新）';
COMMENT ON COLUMN submission_name_keys.respondent_uscc IS '被投诉举报对象统一社会信用代码';
COMMENT ON COLUMN submission_name_keys.respondent_name_norm IS '规范化后的名称';
COMMENT ON COLUMN submission_name_keys.respondent_name_bigrams IS '规范化名称的二字组（去重排序）';
INSERT INTO submission_name_keys (submission_id, created_at, ip_type, respondent_uscc, respondent_name_norm, respondent_name_bigrams)
  SELECT id, created_at, ip_type, respondent_uscc, respondent_name_norm, respondent_name_bigrams FROM submissions WHERE receipt_no IS NOT NULL;
-- The intake's INSERT (and the receipt number's UPDATE, never HOT) no longer maintains the lookup's three indexes.
DROP INDEX submissions_uscc;
DROP INDEX submissions_name_norm;
DROP INDEX submissions_name_bigrams;
`);
}
