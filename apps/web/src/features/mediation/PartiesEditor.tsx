/**
 * 当事人 of a mediation: applicants (申请人) and respondents (被申请人), each an organisation (名称, 统一社会信用代码) or a
 * person (姓名, 居民身份证号码), with phone, address and 委托代理人. The same checks as the server (GB 32100, GB 11643,
 * phone) run as the user types; the server's field errors (parties.1.uscc …) land on the same fields.
 * Used by the back office's 登记调解 drawer and the portal's 调解申请 (there the applicant is the logged-in user).
 */
import { Button, Form, Input, Radio, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { checkResidentIdNo, checkUscc, isLandline, isMobile, normalizeResidentIdNo, type MediationPartySide } from '@zhichan/shared';
import { chinaToday } from '../../ui/chinaTime';
import type { PartyValues } from './bodies';

export { partyBody, type PartyValues } from './bodies';

const txt = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

const usccRule: Rule = {
  validator: async (_r, value: unknown) => {
    const v = txt(value).toUpperCase();
    if (!v) return;
    const c = checkUscc(v);
    if (!c.ok) throw new Error(c.message ?? '统一社会信用代码不正确');
  },
};

const idNoRule: Rule = {
  validator: async (_r, value: unknown) => {
    const v = normalizeResidentIdNo(txt(value));
    if (!v) return;
    const c = checkResidentIdNo(v, { today: chinaToday() });
    if (!c.ok) throw new Error(c.message ?? '居民身份证号码不正确，请核对');
  },
};

function phoneRule(required: boolean): Rule {
  return {
    validator: async (_r, value: unknown) => {
      const v = txt(value);
      if (!v) {
        if (required) throw new Error('请填写联系电话');
        return;
      }
      if (!isMobile(v) && !isLandline(v)) throw new Error('联系电话应为 11 位手机号，或带区号的固定电话（如 0538-8888888）');
    },
  };
}

/** The fields of one party (inside a Form.List item). */
export function PartyFields({
  form,
  index,
  phoneRequired,
  kindFixed,
}: {
  form: FormInstance;
  index: number;
  phoneRequired?: boolean;
  /** The kind cannot be changed (the portal applicant, whose kind is the account's). */
  kindFixed?: boolean;
}) {
  const kind = Form.useWatch(['parties', index, 'kind'], form) as PartyValues['kind'] | undefined;
  const org = kind !== 'person';
  return (
    <>
      <Form.Item name={[index, 'side']} hidden>
        <Input />
      </Form.Item>
      {!kindFixed && (
        <Form.Item name={[index, 'kind']} label="类别" rules={[{ required: true, message: '请选择当事人类别' }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'organization', label: '单位' },
              { value: 'person', label: '自然人' },
            ]}
          />
        </Form.Item>
      )}
      {kindFixed && (
        <Form.Item name={[index, 'kind']} hidden>
          <Input />
        </Form.Item>
      )}
      <div className="zc-form-row">
        <Form.Item
          name={[index, 'name']}
          label={org ? '单位名称' : '姓名'}
          style={{ flex: '1 1 240px' }}
          rules={[
            { required: true, whitespace: true, message: org ? '请填写单位名称' : '请填写姓名' },
            { min: 2, message: '至少 2 个字' },
            { max: 200, message: '不能超过 200 个字' },
          ]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        {org ? (
          <Form.Item
            name={[index, 'uscc']}
            label="统一社会信用代码"
            style={{ flex: '1 1 200px' }}
            rules={[usccRule]}
            normalize={(v: string) => v?.toUpperCase().replace(/\s+/g, '')}
          >
            <Input maxLength={18} autoComplete="off" className="zc-mono" placeholder="选填，18 位" />
          </Form.Item>
        ) : (
          <Form.Item
            name={[index, 'idNo']}
            label="居民身份证号码"
            style={{ flex: '1 1 200px' }}
            rules={[idNoRule]}
            normalize={(v: string) => v?.replace(/\s+/g, '').toUpperCase()}
          >
            <Input maxLength={18} autoComplete="off" className="zc-mono" placeholder="选填，加密保存" />
          </Form.Item>
        )}
      </div>
      <div className="zc-form-row">
        <Form.Item name={[index, 'phone']} label="联系电话" style={{ flex: '1 1 160px' }} rules={[phoneRule(!!phoneRequired)]} required={phoneRequired}>
          <Input maxLength={30} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name={[index, 'agent']} label="委托代理人" style={{ flex: '1 1 200px' }} rules={[{ max: 200, message: '不能超过 200 个字' }]}>
          <Input maxLength={200} placeholder="选填，如 张某某（某某律师事务所律师）" />
        </Form.Item>
      </div>
      <Form.Item name={[index, 'address']} label={org ? '住所地' : '住址'} rules={[{ max: 300, message: '不能超过 300 个字' }]}>
        <Input maxLength={300} />
      </Form.Item>
    </>
  );
}

const SIDE_LABELS: Record<MediationPartySide, string> = { applicant: '申请人', respondent: '被申请人' };

/**
 * The whole parties list (Form.List name="parties"): applicants first, then respondents, each with 添加 and 删除
 * (at least one of each side stays).
 */
export function PartiesEditor({ form }: { form: FormInstance }) {
  const parties = (Form.useWatch('parties', { form, preserve: true }) as PartyValues[] | undefined) ?? [];
  const countOf = (side: MediationPartySide) => parties.filter((p) => p?.side === side).length;
  return (
    <Form.List name="parties">
      {(fields, { add, remove }, { errors }) => {
        const section = (side: MediationPartySide) => {
          const own = fields.filter((f) => parties[f.name]?.side === side);
          return (
            <div key={side}>
              <div className="zm-section-title">{SIDE_LABELS[side]}</div>
              {own.map((f, i) => (
                <div key={f.key} className="zm-party" data-testid={`party-${side}-${i}`}>
                  {own.length > 1 && (
                    <div className="zm-party-head">
                      <span>
                        {SIDE_LABELS[side]} {i + 1}
                      </span>
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)}>
                        删除
                      </Button>
                    </div>
                  )}
                  <PartyFields form={form} index={f.name} />
                </div>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                className="zm-block"
                disabled={fields.length >= 20}
                onClick={() => {
                  // Keep applicants before respondents, as the documents list them.
                  const at = side === 'applicant' ? countOf('applicant') : fields.length;
                  add({ side, kind: 'organization' } satisfies PartyValues, at);
                }}
              >
                添加{SIDE_LABELS[side]}
              </Button>
            </div>
          );
        };
        return (
          <>
            {section('applicant')}
            {section('respondent')}
            {errors.length > 0 && (
              <Space orientation="vertical">
                <Form.ErrorList errors={errors} />
              </Space>
            )}
            <Typography.Paragraph type="secondary" className="zm-sub">
              自然人的身份证号码和联系电话加密保存，列表和详情中脱敏显示。
            </Typography.Paragraph>
          </>
        );
      }}
    </Form.List>
  );
}
