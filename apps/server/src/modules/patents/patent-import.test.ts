import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { PATENT_FIELD_LABELS, PATENT_IMPORT_FIELDS } from '@zhichan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { runJobOnce } from '../../jobs/scheduler';
import { importTestHooks, waitForPatentTasks } from './patent-tasks';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../../..');
const SAMPLE = path.resolve(repoRoot, '../shared/data/cn-patents-sample/patentsemantix_henan_10.csv');
const TITLES = path.resolve(repoRoot, '../shared/data/cn-patents-ipc-titles/cn_patent_titles_ipc_subclasses.csv');

let t: TestApp;
let city: TestClient;

function multipart(name: string, content: Buffer) {
  const boundary = '----zc' + crypto.randomBytes(6).toString('hex');
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(c: TestClient, name: string, content: Buffer) {
  return c.request({ method: 'POST', url: '/api/patent-imports', ...multipart(name, content) });
}

async function ok(res: { statusCode: number; body: string; json(): any }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

/** upload → (suggested or given) mapping → start → wait for the runner → the finished job. */
async function importFile(name: string, content: Buffer, mapping?: Record<string, number | null>) {
  const job = await ok(await upload(city, name, content));
  expect(job.status).toBe('uploaded');
  const started = await ok(await city.post(`/api/patent-imports/${job.id}/start`, { mapping: mapping ?? job.suggestedMapping }));
  expect(started.status).toBe('queued');
  await waitForPatentTasks();
  return { uploaded: job, done: await ok(await city.get(`/api/patent-imports/${job.id}`)) };
}

function csv(rows: (string | number)[][]): string {
  return rows.map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\n') + '\n';
}

async function xlsxRows(buf: Buffer, sheet?: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = sheet ? wb.getWorksheet(sheet)! : wb.worksheets[0]!;
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

const patentByApp = (appNo: string) => t.deps.db.selectFrom('patents').selectAll().where('appNo', '=', appNo).executeTakeFirst();
const patentCount = async () => Number((await t.deps.db.selectFrom('patents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  city = await t.login('cityip');
}, 120_000);
afterAll(async () => {
  await waitForPatentTasks();
  await t.close();
});

describe('patent import: the real export layout', () => {
  it('imports the 10-row real sample through upload → suggested mapping → start, with applicants, region and legal status', async () => {
    const content = fs.readFileSync(SAMPLE);
    const { uploaded, done } = await importFile('patentsemantix_henan_10.csv', content);
    // Upload: header, encoding, preview and the suggested mapping, from the stored file.
    expect(uploaded.format).toBe('csv');
    expect(uploaded.encoding).toBe('utf-8');
    expect(uploaded.headers).toHaveLength(61);
    expect(uploaded.preview).toHaveLength(5);
    expect(uploaded.preview[0][uploaded.headers.indexOf('专利名称')]).toBe('一种无人机机载多功能盒');
    expect(uploaded.suggestedMapping.title).toBe(uploaded.headers.indexOf('专利名称'));
    expect(uploaded.suggestedMapping.appNo).toBe(uploaded.headers.indexOf('申请号'));
    expect(uploaded.suggestedMapping.applicantAddress).toBe(uploaded.headers.indexOf('申请人地址'));
    expect(uploaded.totalBytes).toBe(content.length);
    expect(uploaded.abilities).toEqual({ start: true, cancel: true });

    expect(done.status).toBe('succeeded');
    expect(done).toMatchObject({ rowsRead: 10, rowsInserted: 10, rowsUpdated: 0, rowsFailed: 0, percent: 100, hasErrorReport: false });
    expect(done.message).toBe('新增 10 件，更新 0 件，错误 0 行');
    expect(done.preview).toBeNull();
    expect(done.abilities).toEqual({ start: false, cancel: false });
    expect(await patentCount()).toBe(10);

    const um = (await patentByApp('CN202223220665.2'))!;
    expect(um).toMatchObject({
      patentKey: '2022232206652', pubNo: 'CN218751475U', appDate: '2022-12-02', patentType: 'utilityModel', title: '一种无人机机载多功能盒',
      applicants: ['中科大数据研究院'], firstApplicant: '中科大数据研究院', provinceCode: '41', cityCode: '4101', regionSource: 'address',
      legalStatus: 'valid', legalStatusRaw: '有权-审定授权', mainIpc: 'B64U20/80', dataSource: 'import', importJobId: done.id,
    });
    expect(um.inventors).toEqual(['刘迪', '刘敏', '王煜伟', '付艳波', '王元卓']);
    expect(um.ipcCodes).toEqual(['B64U20/80', 'B64U101/30']);
    const pending = (await patentByApp('CN202211740332.4'))!;
    expect(pending).toMatchObject({ patentType: 'invention', legalStatus: 'pending', legalStatusRaw: '审中-实质审查' });

    // One audit row per step, none per patent.
    const audit = await t.deps.db.selectFrom('auditLogs').select(['action']).where('entityType', '=', 'patentImportJob').where('entityId', '=', String(done.id)).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['patentImport.upload', 'patentImport.start', 'patentImport.complete']);
    // The rollups were rebuilt after the import.
    const meta = await t.deps.db.selectFrom('patentStatsMeta').selectAll().executeTakeFirstOrThrow();
    expect(meta.patentCount).toBe(10);

    const list = await ok(await city.get('/api/patent-imports?page=1&pageSize=10'));
    expect(list.items[0]).toMatchObject({ id: done.id, status: 'succeeded', fileName: 'patentsemantix_henan_10.csv', createdByName: expect.any(String) });
  });

  it('re-importing the same file updates the patents instead of duplicating them', async () => {
    const { done } = await importFile('patentsemantix_henan_10.csv', fs.readFileSync(SAMPLE));
    expect(done).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsUpdated: 10, rowsFailed: 0 });
    expect(done.message).toBe('新增 0 件，更新 10 件，错误 0 行');
    expect(await patentCount()).toBe(10);
    expect((await patentByApp('CN202223220665.2'))!.importJobId).toBe(done.id);
  });

  it('reads a CSV in GB18030 (GBK) and splits several applicants', async () => {
    const text = csv([
      ['申请号', '申请日', '专利名称', '申请人', '申请人地址', '法律状态', '分类号'],
      ['CN202310000001.1', '2023年3月1日', '一种泰山茶叶揉捻装置', '泰安市某某茶业有限公司；山东农业大学', '山东省泰安市岱岳区粥店街道', '有效', 'A23F3/12'],
      ['202320000001.1', '2023/03/02', '一种锂电池极片辊压机', '泰安锂能科技有限公司,张三', '山东省泰安市肥城市新城街道', '审中', 'H01M4/04;B30B3/04'],
    ]);
    // Real application numbers carry a check character: compute valid ones.
    const valid = await validAppNos(['202310000001', '202320000001']);
    const fixed = text.replace('CN202310000001.1', valid[0]!).replace('202320000001.1', valid[1]!);
    const gbk = iconv.encode(fixed, 'gb18030');
    expect(Buffer.from(fixed).equals(gbk)).toBe(false);
    const { uploaded, done } = await importFile('泰安.csv', gbk);
    expect(uploaded.encoding).toBe('gb18030');
    expect(uploaded.headers[2]).toBe('专利名称');
    expect(uploaded.preview[0][2]).toBe('一种泰山茶叶揉捻装置');
    expect(done).toMatchObject({ status: 'succeeded', rowsInserted: 2, rowsFailed: 0 });
    const tea = await t.deps.db.selectFrom('patents').selectAll().where('title', '=', '一种泰山茶叶揉捻装置').executeTakeFirstOrThrow();
    expect(tea).toMatchObject({ applicants: ['泰安市某某茶业有限公司', '山东农业大学'], cityCode: '3709', countyCode: '370911', appDate: '2023-03-01', legalStatus: 'valid' });
    const li = await t.deps.db.selectFrom('patents').selectAll().where('title', '=', '一种锂电池极片辊压机').executeTakeFirstOrThrow();
    expect(li).toMatchObject({ applicants: ['泰安锂能科技有限公司', '张三'], countyCode: '370983', appDate: '2023-03-02', legalStatus: 'pending', ipcCodes: ['H01M4/04', 'B30B3/04'] });
  });

  it('reads an .xlsx (first worksheet, shared strings, real Excel dates and numbers)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('专利');
    ws.addRow(['公开（公告）号', '申请日', '专利名称', '专利类型', '申请人', '地址', '主分类号', '质押金额']);
    ws.addRow(['CN115000001A', new Date(Date.UTC(2021, 5, 30)), '一种输变电设备巡检机器人', '发明专利', '国网泰安供电公司', '山东省泰安市泰山区', 'B25J5/00', 1200]);
    ws.addRow(['CN215000002U', new Date(Date.UTC(2020, 0, 2)), { richText: [{ text: '一种' }, { text: '石膏板成型机' }] }, '实用新型', '泰山石膏有限公司', '泰安市岱岳区', 'B28B13/02', null]);
    wb.addWorksheet('说明').addRow(['这一页不导入']);
    const { uploaded, done } = await importFile('专利.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(uploaded.format).toBe('xlsx');
    expect(uploaded.encoding).toBeNull();
    expect(uploaded.preview[0][1]).toBe('2021-06-30');
    expect(uploaded.suggestedMapping).toMatchObject({ pubNo: 0, appDate: 1, title: 2, patentType: 3, applicants: 4, mainIpc: 6 });
    expect(done).toMatchObject({ status: 'succeeded', rowsInserted: 2, rowsFailed: 0 });
    const robot = await t.deps.db.selectFrom('patents').selectAll().where('pubNo', '=', 'CN115000001A').executeTakeFirstOrThrow();
    expect(robot).toMatchObject({ patentKey: 'P:CN115000001A', appDate: '2021-06-30', patentType: 'invention', countyCode: '370902' });
    expect(Number(robot.pledgeAmountWan)).toBe(1200);
    const board = await t.deps.db.selectFrom('patents').selectAll().where('pubNo', '=', 'CN215000002U').executeTakeFirstOrThrow();
    expect(board).toMatchObject({ title: '一种石膏板成型机', appDate: '2020-01-02', patentType: 'utilityModel', cityCode: '3709', countyCode: '370911' });
  });
});

/** Application numbers with their check character (the importer refuses a wrong one). */
async function validAppNos(keys: string[]): Promise<string[]> {
  const { appNoCheckChar } = await import('@zhichan/shared');
  return keys.map((k) => {
    const digits = k.slice(0, 12);
    return `CN${digits}.${appNoCheckChar(digits)}`;
  });
}

describe('patent import: broken rows and the error report', () => {
  it('imports the valid rows and reports the others by row number, column and reason', async () => {
    const [a, b, c, d] = await validAppNos(['202210000001', '202220000002', '202210000003', '202220000004']);
    const content = csv([
      ['申请号', '申请日', '专利名称', '专利类型', '申请人', '法律状态'],
      [a!, '2022-01-05', '一种有效的发明', '发明专利', '泰安甲公司', '有效'],
      [b!, '2022-02-06', '', '实用新型', '泰安乙公司', '有效'],
      [c!, '2022-13-45', '申请日错误的发明', '发明专利', '泰安丙公司', '有效'],
      ['ABC-123', '2022-03-07', '申请号错误的专利', '发明专利', '泰安丁公司', '有效'],
      ['', '', '', '', '', ''],
      [d!, '2022-04-08', '类型写成商标的实用新型', '商标', '泰安戊公司', '失效'],
    ]);
    const { done } = await importFile('有错误的文件.csv', Buffer.from(content));
    // Row 6 is blank (skipped, its number kept); row 7's unrecognised type text falls back to the number's type digit.
    expect(done).toMatchObject({ status: 'succeeded', rowsRead: 5, rowsInserted: 2, rowsFailed: 3, hasErrorReport: true });
    expect(done.message).toBe('新增 2 件，更新 0 件，错误 3 行');
    expect((await patentByApp(a!))!.title).toBe('一种有效的发明');
    expect((await patentByApp(d!))!).toMatchObject({ patentType: 'utilityModel', legalStatus: 'invalid' });
    expect(await patentByApp(b!)).toBeUndefined();

    const errors = await t.deps.db.selectFrom('patentImportErrors').selectAll().where('jobId', '=', done.id).orderBy('rowNo').execute();
    expect(errors.map((e) => [e.rowNo, e.columnName])).toEqual([[3, '专利名称'], [4, '申请日'], [5, '申请号']]);
    expect(errors[1]!.reason).toContain('2022-13-45');

    const res = await city.get(`/api/patent-imports/${done.id}/errors.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await xlsxRows(res.rawPayload);
    expect(rows[0]).toEqual(['行号', '列名', '原因', '申请号', '专利名称']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3] ?? '', r[4] ?? ''])).toEqual([
      [3, '专利名称', b!, ''],
      [4, '申请日', c!, '申请日错误的发明'],
      [5, '申请号', 'ABC-123', '申请号错误的专利'],
    ]);
    expect(String(rows[2]![2])).toContain('申请日');
  });

  it('refuses a start without 专利名称, or without both 申请号 and 公开（公告）号, naming the field', async () => {
    const job = await ok(await upload(city, 'm.csv', Buffer.from(csv([['申请号', '名称'], ['CN202223220665.2', '一种装置']]))));
    const none = Object.fromEntries(PATENT_IMPORT_FIELDS.map((f) => [f, null]));
    let res = await city.post(`/api/patent-imports/${job.id}/start`, { mapping: { ...none, appNo: 0 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('body.mapping.title');
    res = await city.post(`/api/patent-imports/${job.id}/start`, { mapping: { ...none, title: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('body.mapping.appNo');
    res = await city.post(`/api/patent-imports/${job.id}/start`, { mapping: { ...none, appNo: 0, title: 7 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('body.mapping.title');
    // Cancelled before it started, then started after all: the job runs normally.
    expect((await ok(await city.post(`/api/patent-imports/${job.id}/cancel`))).status).toBe('cancelled');
    expect((await city.post(`/api/patent-imports/${job.id}/cancel`)).statusCode).toBe(409);
    await ok(await city.post(`/api/patent-imports/${job.id}/start`, { mapping: { ...none, appNo: 0, title: 1 } }));
    await waitForPatentTasks();
    const done = await ok(await city.get(`/api/patent-imports/${job.id}`));
    expect(done).toMatchObject({ status: 'succeeded', rowsUpdated: 1 });
    expect((await city.post(`/api/patent-imports/${job.id}/start`, { mapping: { ...none, appNo: 0, title: 1 } })).statusCode).toBe(409);
  });
});

describe('patent import: refused files and access', () => {
  async function counts() {
    const jobs = await t.deps.db.selectFrom('patentImportJobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const files = await t.deps.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return [Number(jobs.n), Number(files.n)];
  }

  it('refuses an .xls (Office 97-2003) file and stores nothing', async () => {
    const before = await counts();
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048, 0)]);
    const res = await upload(city, '专利.xls', cfb);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('另存为 .xlsx 或 .csv');
    expect(res.json().details[0].path).toBe('body.file');
    expect((await upload(city, 'a.pdf', Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj'))).statusCode).toBe(400);
    expect((await upload(city, 'empty.csv', Buffer.alloc(0))).statusCode).toBe(400);
    expect((await upload(city, 'header-only.csv', Buffer.from('申请号,专利名称\n'))).json().message).toContain('没有数据行');
    expect(await counts()).toEqual(before);
  });

  it('refuses a file over the import limit (this route\'s own limit) and stores nothing', async () => {
    const before = await counts();
    const limit = t.deps.config.patentImportMaxBytes;
    t.deps.config.patentImportMaxBytes = 64 * 1024;
    try {
      const big = Buffer.from(csv([['申请号', '专利名称'], ...Array.from({ length: 4000 }, (_, i) => [`CN2022${10000000 + i}.1`, `一种装置${i}`])]));
      expect(big.length).toBeGreaterThan(64 * 1024);
      const res = await upload(city, 'big.csv', big);
      expect(res.statusCode).toBe(413);
      expect(res.json().message).toMatch(/超过 .* MB 的导入上限/);
    } finally {
      t.deps.config.patentImportMaxBytes = limit;
    }
    expect(await counts()).toEqual(before);
  });

  it('is for importers only: county staff get 403, no session 401', async () => {
    const county1 = await t.login('county1');
    expect((await upload(county1, 'x.csv', Buffer.from('申请号,专利名称\nCN202223220665.2,一种装置\n'))).statusCode).toBe(403);
    expect((await county1.get('/api/patent-imports')).statusCode).toBe(403);
    expect((await county1.get('/api/patent-imports/template.xlsx')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/patent-imports')).statusCode).toBe(401);
  });

  it('offers a template whose header row maps onto every field, with a 填写说明 sheet', async () => {
    const res = await city.get('/api/patent-imports/template.xlsx');
    expect(res.statusCode).toBe(200);
    const rows = await xlsxRows(res.rawPayload);
    expect(rows[0]).toEqual(PATENT_IMPORT_FIELDS.map((f) => PATENT_FIELD_LABELS[f]));
    const help = await xlsxRows(res.rawPayload, '填写说明');
    const helpFor = (label: string) => help.find((r) => r[0] === label);
    expect(helpFor('专利名称')?.[1]).toBe('必填');
    expect(helpFor('申请日')?.[2]).toContain('20221202');
    // The template itself, filled in, imports with the suggested mapping untouched.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [num] = await validAppNos(['202310999991']);
    wb.worksheets[0]!.addRow([num, '2023-05-06', null, null, null, null, '发明专利', '一种按模板填写的专利', null, '泰安模板公司', '山东省泰安市新泰市']);
    const { uploaded, done } = await importFile('模板.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(Object.values(uploaded.suggestedMapping)).toEqual(PATENT_IMPORT_FIELDS.map((_, i) => i));
    expect(done).toMatchObject({ status: 'succeeded', rowsInserted: 1 });
    expect((await patentByApp(num!))!).toMatchObject({ countyCode: '370982', appDate: '2023-05-06' });
  });
});

describe('patent import: scale and recovery', () => {
  it('imports the 9,740 real titles completely, with their IPC subclasses (read and prepared in the worker thread)', async () => {
    const before = await patentCount();
    const t0 = Date.now();
    importTestHooks.workerMinBytes = 0;
    const { uploaded, done } = await importFile('cn_patent_titles_ipc_subclasses.csv', fs.readFileSync(TITLES)).finally(() => {
      importTestHooks.workerMinBytes = null;
    });
    const ms = Date.now() - t0;
    expect(uploaded.suggestedMapping).toMatchObject({ pubNo: 1, title: 2, ipcCodes: 3 });
    expect(done).toMatchObject({ status: 'succeeded', rowsRead: 9740, rowsInserted: 9740, rowsFailed: 0 });
    expect(await patentCount()).toBe(before + 9740);
    const p = await t.deps.db.selectFrom('patents').selectAll().where('pubNo', '=', 'CN114081026A').executeTakeFirstOrThrow();
    expect(p).toMatchObject({ title: '一种水电站高压输电线路驱鸟保护装置', patentType: 'invention', ipcCodes: ['A01M', 'G06F', 'H02G'], mainIpc: 'A01M' });
    const withIpc = await t.deps.db.selectFrom('patents').select((eb) => eb.fn.countAll<number>().as('n')).where('importJobId', '=', done.id).where(sql<boolean>`cardinality(ipc_codes) > 0`).executeTakeFirstOrThrow();
    expect(Number(withIpc.n)).toBe(9740);
    console.log(`9,740 real titles imported in ${ms} ms`);
  }, 120_000);

  it.each([
    ['in the runner\'s thread', null, 100000001],
    ['in the worker thread', 0, 100100001],
  ])('cancels a running import between two batches (%s): the committed rows stay, the summary says so', async (_, workerMinBytes, first) => {
    const rows = Array.from({ length: 2500 }, (_, i) => [`CN${first + i}A`, `一种可取消导入的测试装置${i}`]);
    const job = await ok(await upload(city, `cancel-${first}.csv`, Buffer.from(csv([['公开号', '专利名称'], ...rows]))));
    importTestHooks.afterBatch = async (jobId) => {
      if (jobId === job.id) expect((await ok(await city.post(`/api/patent-imports/${job.id}/cancel`))).status).toBe('cancelled');
    };
    importTestHooks.workerMinBytes = workerMinBytes;
    try {
      await ok(await city.post(`/api/patent-imports/${job.id}/start`, { mapping: job.suggestedMapping }));
      await waitForPatentTasks();
    } finally {
      importTestHooks.afterBatch = null;
      importTestHooks.workerMinBytes = null;
    }
    const done = await ok(await city.get(`/api/patent-imports/${job.id}`));
    expect(done).toMatchObject({ status: 'cancelled', rowsRead: 2000, rowsInserted: 2000, abilities: { start: true, cancel: false } });
    expect(done.message).toBe('已取消：取消前新增 2000 件，更新 0 件，错误 0 行');
    expect(done.finishedAt).not.toBeNull();
  }, 60_000);

  it('fails a file that breaks off in the worker thread with the reader\'s Chinese reason, keeping the batches committed before', async () => {
    const rows = Array.from({ length: 2100 }, (_, i) => `CN${100200001 + i}A,一种中途损坏文件的测试装置${i}`);
    const body = `公开号,专利名称\n${rows.join('\n')}\nCN100299999A,"未闭合的名称\n`;
    importTestHooks.workerMinBytes = 0;
    const { done } = await importFile('broken.csv', Buffer.from(body)).finally(() => {
      importTestHooks.workerMinBytes = null;
    });
    expect(done).toMatchObject({ status: 'failed', rowsRead: 2000, rowsInserted: 2000 });
    expect(done.message).toContain('未闭合的引号');
  }, 60_000);

  it('re-queues an import whose node stopped reporting for 10 minutes, and the scheduler job finishes it', async () => {
    const job = await ok(await upload(city, 'sample.csv', fs.readFileSync(SAMPLE)));
    const mapping = job.suggestedMapping;
    // As if another node had claimed it and died 11 minutes ago.
    const stale = new Date(t.clock.now().getTime() - 11 * 60_000).toISOString();
    await t.deps.db
      .updateTable('patentImportJobs')
      .set({ status: 'running', worker: 'dead-node:1', heartbeatAt: stale, mapping: JSON.stringify(mapping) })
      .where('id', '=', job.id)
      .execute();
    const fresh = await ok(await upload(city, 'sample2.csv', Buffer.concat([fs.readFileSync(SAMPLE), Buffer.from('\n')])));
    await t.deps.db
      .updateTable('patentImportJobs')
      .set({ status: 'running', worker: 'busy-node:2', heartbeatAt: t.clock.now().toISOString(), mapping: JSON.stringify(mapping) })
      .where('id', '=', fresh.id)
      .execute();
    await runJobOnce(t.deps, 'patent-tasks');
    await waitForPatentTasks();
    expect((await ok(await city.get(`/api/patent-imports/${job.id}`)))).toMatchObject({ status: 'succeeded', rowsUpdated: 10 });
    // A job whose node is alive is left alone.
    expect((await ok(await city.get(`/api/patent-imports/${fresh.id}`))).status).toBe('running');
  });
});
