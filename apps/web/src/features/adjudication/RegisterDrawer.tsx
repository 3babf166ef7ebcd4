/**
 * 登记请求: a paper request (窗口、邮寄、移送) registered by staff, with the same fields as the portal form. The receiving
 * unit is the user's own; a request received by a county bureau or station belongs to the city bureau above it (三级联动).
 * Materials are attached afterwards on the case page (材料).
 */
import { useState } from 'react';
import { Alert, Button, DatePicker, Divider, Drawer, Form, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ADJUDICATION_WINDOW_CHANNELS, type AdjudicationDetailDto, type AdjudicationWindowChannel, type WindowAdjudicationRawInput } from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors } from '../../api/forms';
import { showSuccess } from '../../ui/feedback';
import { notFuture } from '../cases/labels';
import { ClaimFields, NoLawsuitField, PatentFields, RequesterFields, RespondentFields, renameRequestPath, requestBody, type RequestFormValues } from './RequestFields';

interface FormValues extends RequestFormValues {
  channel?: AdjudicationWindowChannel;
  receivedOn?: Dayjs;
}

export function RegisterDrawer({ onClose, onDone }: { onClose: () => void; onDone: (d: AdjudicationDetailDto) => void }) {
  const [form] = Form.useForm<FormValues>();
  const [sending, setSending] = useState(false);

  const submit = async (v: FormValues) => {
    setSending(true);
    try {
      const body: WindowAdjudicationRawInput = {
        ...requestBody(v),
        channel: v.channel ?? 'window',
        receivedOn: (v.receivedOn ?? dayjs()).format('YYYY-MM-DD'),
      };
      const d = await api.post<AdjudicationDetailDto>('/api/adjudications', body);
      showSuccess(`已登记请求 ${d.requestNo}，请在“材料”中上传请求书和证据`);
      onDone(d);
    } catch (e) {
      applyServerErrors(form, e, { rename: renameRequestPath });
    } finally {
      setSending(false);
    }
  };

  return (
    <Drawer
      open
      title="登记行政裁决请求"
      size={760}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={sending} onClick={() => form.submit()} data-testid="register-submit">
            登记
          </Button>
        </Space>
      }
    >
      <Alert
        className="zk-block"
        type="info"
        showIcon
        title="收到请求之日起五个工作日内作出立案或者不予受理的决定。县（市、区）局、市场监管所代收的请求，由市局立案办理，代收单位可以查看办理进度并协助调查。"
      />
      <Form<FormValues>
        form={form}
        layout="vertical"
        scrollToFirstError
        initialValues={{ channel: 'window', receivedOn: dayjs(), requester: { kind: 'organization' }, respondent: { kind: 'organization' }, noLawsuitDeclared: false }}
        onFinish={(v) => void submit(v)}
        data-testid="register-form"
      >
        <div className="zc-form-row">
          <Form.Item name="channel" label="请求渠道" rules={[{ required: true, message: '请选择请求渠道' }]} style={{ flex: '1 1 260px' }}>
            <Radio.Group
              optionType="button"
              options={(Object.keys(ADJUDICATION_WINDOW_CHANNELS) as AdjudicationWindowChannel[]).map((k) => ({ value: k, label: ADJUDICATION_WINDOW_CHANNELS[k] }))}
            />
          </Form.Item>
          <Form.Item name="receivedOn" label="收到请求日期" rules={[{ required: true, message: '请选择收到请求的日期' }]} style={{ flex: '1 1 200px' }}>
            <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Divider titlePlacement="start">涉案专利</Divider>
        <PatentFields form={form} checkUrl="/api/adjudications/patent-check" />
        <Divider titlePlacement="start">请求人</Divider>
        <RequesterFields form={form} />
        <Divider titlePlacement="start">被请求人</Divider>
        <RespondentFields form={form} />
        <Divider titlePlacement="start">请求事项与理由</Divider>
        <ClaimFields />
        <NoLawsuitField />
      </Form>
    </Drawer>
  );
}
