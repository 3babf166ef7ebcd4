/**
 * The fields of a request for 专利侵权纠纷行政裁决, shared by the portal's online form and the back office's 登记请求 drawer:
 * 涉案专利 (with the live patent-database check), 请求人, 被请求人, 请求事项与理由 and the 未起诉 declaration. The form values
 * use the contract's nested names (patent.*, requester.*, respondent.*), so the server's field errors land on the fields;
 * only the respondent's region (a cascader path here, regionCode there) is renamed.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Radio, Select, Space, Typography, type FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import {
  LEGAL_STATUS_LABELS,
  PATENT_KINDS,
  REQUESTER_ROLES,
  checkResidentIdNo,
  checkUscc,
  evaluationReportExpected,
  isLandline,
  isMobile,
  normalizeResidentIdNo,
  type PatentCheckDto,
  type PatentKind,
  type RequesterRole,
} from '@zhichan/shared';
import { api } from '../../api/client';
import { RegionCascader } from '../../portal/pages/submit/RegionCascader';
import type { RequestFormValues } from './requestForm';

export { renameRequestPath, requestBody, type RequestFormValues } from './requestForm';

type PartyKind = 'organization' | 'person';

const text = (v: string | undefined | null) => (v ?? '').trim();

// ---------- rules (the server's checks, run as the user types) ----------

const usccRule = (required: string | null): Rule => ({
  validator: async (_r, value: unknown) => {
    const v = text(value as string).toUpperCase();
    if (!v) {
      if (required) throw new Error(required);
      return;
    }
    const c = checkUscc(v);
    if (!c.ok) throw new Error(c.message ?? '统一社会信用代码不正确');
  },
});

const idNoRule: Rule = {
  validator: async (_r, value: unknown) => {
    const v = normalizeResidentIdNo(text(value as string));
    if (!v) throw new Error('请填写居民身份证号码');
    const c = checkResidentIdNo(v);
    if (!c.ok) throw new Error(c.message ?? '居民身份证号码不正确，请核对');
  },
};

const phoneRule = (required: boolean): Rule => ({
  validator: async (_r, value: unknown) => {
    const v = text(value as string);
    if (!v) {
      if (required) throw new Error('请填写联系电话');
      return;
    }
    if (!isMobile(v) && !isLandline(v)) throw new Error('联系电话应为 11 位手机号，或带区号的固定电话（如 0538-8888888）');
  },
});

const regionRule: Rule = {
  validator: async (_r, value: unknown) => {
    const path = (value as string[] | undefined) ?? [];
    const last = path[path.length - 1];
    if (!last) throw new Error('请选择被请求人所在区县');
    if (last.length < 6) throw new Error('请选择到县（市、区）一级');
  },
};

const req = (message: string, min = 2, max = 200): Rule[] => [
  { required: true, whitespace: true, message },
  { min, message: `至少 ${min} 个字` },
  { max, message: `不能超过 ${max} 个字` },
];

const upper = (v: string) => v?.toUpperCase().replace(/\s+/g, '');

// ---------- 专利数据库核对 ----------

const CHECK_ALERT: Record<PatentCheckDto['check'], 'success' | 'info' | 'warning' | 'error'> = {
  valid: 'success',
  notFound: 'info',
  pending: 'warning',
  unknown: 'warning',
  mismatch: 'warning',
  invalid: 'error',
};

/**
 * The patent database's answer for the number, type and title as they are typed (debounced). A patent the database does
 * not hold is not an error: the office checks it by hand on filing.
 */
export function PatentCheckNote({ form, url }: { form: FormInstance; url: string }) {
  const patentNo = text(Form.useWatch(['patent', 'patentNo'], form) as string | undefined);
  const type = Form.useWatch(['patent', 'type'], form) as PatentKind | undefined;
  const title = text(Form.useWatch(['patent', 'title'], form) as string | undefined);
  const [result, setResult] = useState<PatentCheckDto | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (patentNo.length < 8) {
      setResult(null);
      return;
    }
    const ctl = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      api
        .get<PatentCheckDto>(url, { patentNo, patentType: type, patentTitle: title || undefined }, { signal: ctl.signal, quiet: true })
        .then((r) => setResult(r))
        .catch(() => setResult(null))
        .finally(() => {
          if (!ctl.signal.aborted) setLoading(false);
        });
    }, 600);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [patentNo, type, title, url]);

  if (patentNo.length < 8) return null;
  if (!result) {
    return loading ? (
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        正在核对专利数据库…
      </Typography.Paragraph>
    ) : null;
  }
  const p = result.patent;
  const fill = () => {
    if (!p) return;
    form.setFieldValue(['patent', 'title'], p.title);
    if (p.patentees.length) form.setFieldValue(['patent', 'patentee'], p.patentees.join('；'));
    if (p.type) form.setFieldValue(['patent', 'type'], p.type);
  };
  return (
    <Alert
      type={CHECK_ALERT[result.check]}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="patent-check"
      title={`专利数据库核对：${result.checkLabel}`}
      description={
        <>
          <div>{result.note}</div>
          {p && (
            <div style={{ marginTop: 4 }}>
              {p.appNo} · {p.title}
              {p.type ? ` · ${PATENT_KINDS[p.type]}` : ''} · 法律状态：{LEGAL_STATUS_LABELS[p.legalStatus as keyof typeof LEGAL_STATUS_LABELS] ?? (p.legalStatus || '—')}
              {p.patentees.length > 0 && ` · 专利权人：${p.patentees.join('、')}`}
              {p.grantDate && ` · 授权公告日 ${p.grantDate}`}
              {(text(form.getFieldValue(['patent', 'title'])) !== p.title || !text(form.getFieldValue(['patent', 'patentee']))) && (
                <Button type="link" size="small" onClick={fill}>
                  按数据库信息填写
                </Button>
              )}
            </div>
          )}
        </>
      }
    />
  );
}

// ---------- sections ----------

export function PatentFields({ form, checkUrl }: { form: FormInstance; checkUrl: string }) {
  const type = Form.useWatch(['patent', 'type'], form) as PatentKind | undefined;
  return (
    <>
      <div className="zc-form-row">
        <Form.Item
          name={['patent', 'patentNo']}
          label="专利号"
          className="zd-grow"
          style={{ flex: '1 1 260px' }}
          extra="专利证书上的专利号，如 ZL202110123456.7"
          rules={[{ required: true, whitespace: true, message: '请填写专利号' }, { min: 8, message: '专利号不完整' }, { max: 30, message: '专利号过长' }]}
          normalize={upper}
        >
          <Input maxLength={30} autoComplete="off" className="zd-code-input" data-testid="patent-no" />
        </Form.Item>
        <Form.Item name={['patent', 'type']} label="专利类型" rules={[{ required: true, message: '请选择专利类型' }]} style={{ flex: '1 1 260px' }}>
          <Radio.Group
            optionType="button"
            options={(Object.keys(PATENT_KINDS) as PatentKind[]).map((k) => ({ value: k, label: PATENT_KINDS[k] }))}
            data-testid="patent-type"
          />
        </Form.Item>
      </div>
      <PatentCheckNote form={form} url={checkUrl} />
      <Form.Item name={['patent', 'title']} label="专利名称" rules={req('请填写专利名称')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name={['patent', 'patentee']} label="专利权人" extra="多个专利权人的，用分号隔开" rules={req('请填写专利权人')}>
        <Input maxLength={200} />
      </Form.Item>
      {type && evaluationReportExpected(type) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="实用新型、外观设计专利须提交专利权评价报告"
          description="涉案专利为实用新型或外观设计的，请同时提交国家知识产权局出具的专利权评价报告（专利法 第六十六条第二款，山东省专利条例 第二十条）。"
        />
      )}
    </>
  );
}

export function RequesterFields({ form, lockName }: { form: FormInstance; lockName?: boolean }) {
  const kind = (Form.useWatch(['requester', 'kind'], form) as PartyKind | undefined) ?? 'organization';
  return (
    <>
      <div className="zc-form-row">
        <Form.Item name={['requester', 'kind']} label="请求人类别" rules={[{ required: true, message: '请选择请求人类别' }]} style={{ flex: '1 1 220px' }}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'organization', label: '单位' },
              { value: 'person', label: '自然人' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name={['requester', 'role']}
          label="请求人身份"
          extra="专利法 第六十五条：专利权人或者利害关系人"
          rules={[{ required: true, message: '请选择请求人身份' }]}
          style={{ flex: '1 1 320px' }}
        >
          <Select
            placeholder="请选择"
            options={(Object.keys(REQUESTER_ROLES) as RequesterRole[]).map((k) => ({ value: k, label: REQUESTER_ROLES[k] }))}
            data-testid="requester-role"
          />
        </Form.Item>
      </div>
      <div className="zc-form-row">
        <Form.Item
          name={['requester', 'name']}
          label={kind === 'organization' ? '单位名称' : '姓名'}
          className="zd-grow"
          rules={req(kind === 'organization' ? '请填写单位名称' : '请填写姓名')}
        >
          <Input maxLength={200} disabled={lockName} />
        </Form.Item>
        {kind === 'organization' ? (
          <Form.Item
            name={['requester', 'uscc']}
            label="统一社会信用代码"
            className="zd-half"
            rules={[usccRule('请填写统一社会信用代码')]}
            required
            normalize={upper}
          >
            <Input maxLength={18} className="zd-code-input" autoComplete="off" />
          </Form.Item>
        ) : (
          <Form.Item
            name={['requester', 'idNo']}
            label="居民身份证号码"
            className="zd-half"
            extra="加密保存，仅承办人员可见"
            rules={[idNoRule]}
            required
            normalize={upper}
          >
            <Input maxLength={18} className="zd-code-input" autoComplete="off" />
          </Form.Item>
        )}
      </div>
      <div className="zc-form-row">
        <Form.Item name={['requester', 'phone']} label="联系电话" className="zd-half" rules={[phoneRule(true)]} required>
          <Input maxLength={30} inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item name={['requester', 'agent']} label="委托代理人（选填）" className="zd-grow" extra="委托律师或专利代理师的，填写姓名及所在机构" rules={[{ max: 200, message: '不能超过 200 个字' }]}>
          <Input maxLength={200} />
        </Form.Item>
      </div>
      <Form.Item name={['requester', 'address']} label="送达地址" extra="文书将送达此地址" rules={req('请填写请求人地址（送达地址）', 2, 300)}>
        <Input maxLength={300} autoComplete="street-address" />
      </Form.Item>
    </>
  );
}

export function RespondentFields({ form }: { form: FormInstance }) {
  const kind = (Form.useWatch(['respondent', 'kind'], form) as PartyKind | undefined) ?? 'organization';
  return (
    <>
      <Form.Item name={['respondent', 'kind']} label="被请求人类别" rules={[{ required: true, message: '请选择被请求人类别' }]}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'organization', label: '单位' },
            { value: 'person', label: '自然人' },
          ]}
        />
      </Form.Item>
      <div className="zc-form-row">
        <Form.Item
          name={['respondent', 'name']}
          label={kind === 'organization' ? '被请求人名称' : '被请求人姓名'}
          className="zd-grow"
          extra={kind === 'organization' ? '企业名称或个体工商户字号，与营业执照一致' : undefined}
          rules={req('请填写被请求人名称或姓名')}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        {kind === 'organization' && (
          <Form.Item
            name={['respondent', 'uscc']}
            label="统一社会信用代码"
            className="zd-half"
            extra="知道的请填写，可在国家企业信用信息公示系统查询"
            rules={[usccRule(null)]}
            normalize={upper}
          >
            <Input maxLength={18} className="zd-code-input" autoComplete="off" />
          </Form.Item>
        )}
      </div>
      <Form.Item name={['respondent', 'region']} label="所在地区" rules={[regionRule]} required extra="被请求人所在地或者侵权行为地（专利法实施细则 第九十七条）">
        <RegionCascader />
      </Form.Item>
      <Form.Item name={['respondent', 'address']} label="住所（送达地址）" rules={req('请填写被请求人住所（送达地址）', 2, 300)}>
        <Input maxLength={300} />
      </Form.Item>
      <div className="zc-form-row">
        {kind === 'organization' && (
          <Form.Item name={['respondent', 'legalRep']} label="法定代表人（选填）" className="zd-half" rules={[{ max: 50, message: '不能超过 50 个字' }]}>
            <Input maxLength={50} />
          </Form.Item>
        )}
        <Form.Item name={['respondent', 'phone']} label="联系电话（选填）" className="zd-half" rules={[phoneRule(false)]}>
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
      </div>
    </>
  );
}

export function ClaimFields() {
  return (
    <>
      <Form.Item
        name="accusedProduct"
        label="被控侵权产品或方法"
        extra="产品名称、型号，或使用的方法"
        rules={req('请填写被控侵权产品或方法', 2, 500)}
      >
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item
        name="claimsComparison"
        label="权利要求与被控侵权技术特征对比"
        extra="逐项列出专利权利要求的技术特征，并写明被控侵权产品或方法相应的技术特征（外观设计写明外观的相同或相近之处）"
        rules={req('请填写权利要求与被控侵权产品（方法）技术特征的对比', 10, 10000)}
      >
        <Input.TextArea rows={6} maxLength={10000} />
      </Form.Item>
      <Form.Item
        name="requests"
        label="请求事项"
        extra="例如：请求责令被请求人立即停止制造、销售侵权产品"
        rules={req('请填写请求事项', 2, 2000)}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="factsReasons"
        label="事实与理由"
        extra="发现侵权的时间、地点、经过，被请求人实施侵权行为的事实和证据"
        rules={req('请填写事实与理由', 10, 10000)}
      >
        <Input.TextArea rows={6} maxLength={10000} />
      </Form.Item>
    </>
  );
}

/** 山东省专利条例 第十八条第（五）项: the dispute is not before a court. */
export function NoLawsuitField() {
  return (
    <Form.Item
      name="noLawsuitDeclared"
      valuePropName="checked"
      rules={[
        {
          validator: async (_r, v) => {
            if (v !== true) throw new Error('请求处理专利侵权纠纷，须当事人未就该纠纷向人民法院起诉（山东省专利条例 第十八条第（五）项）');
          },
        },
      ]}
    >
      <Checkbox data-testid="no-lawsuit">请求人声明：当事人未就该专利侵权纠纷向人民法院起诉。</Checkbox>
    </Form.Item>
  );
}

/** Read-only summary lines of the request (the portal's 确认 step). */
export function RequestSummary({ v }: { v: RequestFormValues }) {
  const r = v.requester ?? {};
  const p = v.respondent ?? {};
  return (
    <Space orientation="vertical" size={2}>
      <span>
        涉案专利：{v.patent?.patentNo} {v.patent?.title}
        {v.patent?.type ? `（${PATENT_KINDS[v.patent.type]}）` : ''}
      </span>
      <span>
        请求人：{r.name}
        {r.role ? `（${REQUESTER_ROLES[r.role]}）` : ''}
      </span>
      <span>被请求人：{p.name}</span>
      <span>被控侵权产品或方法：{v.accusedProduct}</span>
    </Space>
  );
}
