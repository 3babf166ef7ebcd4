import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, InputNumber, Segmented, Space, Typography } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { DaysAddDto } from '../../api/types';
import { showError } from '../../ui/feedback';
import { fmtDateLong } from '../../ui/format';

type Mode = 'working' | 'calendar';

interface Values {
  from: Dayjs;
  days: number;
  mode: Mode;
}

/**
 * 期限计算器: start date + N working days or calendar days, computed by the server's calendar
 * (the same engine as every deadline). Used in the back office and on the public portal.
 */
export function DeadlineCalculator({ bordered = true, title = '期限计算器' }: { bordered?: boolean; title?: string }) {
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<(DaysAddDto & { mode: Mode }) | null>(null);
  const [loading, setLoading] = useState(false);

  const onFinish = async (v: Values) => {
    setLoading(true);
    try {
      const path = v.mode === 'working' ? '/api/calendar/working-days/add' : '/api/calendar/calendar-days/add';
      const r = await api.get<DaysAddDto>(path, { from: v.from.format('YYYY-MM-DD'), days: v.days });
      setResult({ ...r, mode: v.mode });
    } catch (e) {
      setResult(null);
      showError(e, '计算失败，请稍后再试');
    } finally {
      setLoading(false);
    }
  };

  return (
    <Card
      title={
        <Space>
          <CalculatorOutlined />
          {title}
        </Space>
      }
      variant={bordered ? 'outlined' : 'borderless'}
      className="zc-tool-card"
      data-testid="deadline-calculator"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ from: dayjs(), days: 15, mode: 'working' }}
        onFinish={onFinish}
        onValuesChange={() => setResult(null)}
      >
        <Form.Item name="mode" label="计算方式">
          <Segmented<Mode>
            options={[
              { value: 'working', label: '工作日' },
              { value: 'calendar', label: '自然日' },
            ]}
          />
        </Form.Item>
        <div className="zc-form-row">
          <Form.Item name="from" label="起算日" rules={[{ required: true, message: '请选择起算日' }]} style={{ flex: '1 1 160px' }}>
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
          <Form.Item
            name="days"
            label="期限（天）"
            rules={[{ required: true, message: '请输入天数' }]}
            style={{ flex: '1 1 120px' }}
          >
            <InputNumber min={0} max={3660} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" loading={loading} block>
          计算
        </Button>
      </Form>
      {result && (
        <Alert
          style={{ marginTop: 16 }}
          type={result.provisional ? 'warning' : 'success'}
          showIcon
          data-testid="deadline-result"
          title={
            <span>
              期限届满日：<strong data-date={result.result}>{fmtDateLong(result.result)}</strong>
            </span>
          }
          description={
            <>
              <div>
                自 {fmtDateLong(result.from)} 起 {result.days} 个{result.mode === 'working' ? '工作日' : '自然日'}
              </div>
              {result.basis && <div>计算依据：{result.basis}</div>}
              {result.provisional && (
                <div>涉及尚未录入国务院办公厅节假日安排的年度，按普通周末计算，结果为临时结果，仅供参考。</div>
              )}
            </>
          }
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        起算日不计入。按工作日计算的，跳过周末和法定节假日，调休上班日计入；按自然日计算的，届满日为法定节假日或周末的，顺延至其后第一个工作日。
      </Typography.Paragraph>
    </Card>
  );
}
