import { useEffect, useState } from 'react';
import {
  Alert,
  AutoComplete,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { HolidayNoticeInput, type CalendarYearDto, type FileDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { applyServerErrors, zodRule } from '../../api/forms';
import { showError, showSuccess } from '../../ui/feedback';
import { compressDays } from './calendarData';

const FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节', '中秋节、国庆节'];
const MAX_PDF_BYTES = 20 * 1024 * 1024;

interface RangeRow {
  name: string;
  period: [Dayjs, Dayjs];
  isOffDay: boolean;
}

interface Values {
  title: string;
  documentNo?: string;
  url?: string;
  ranges: RangeRow[];
}

const S = HolidayNoticeInput.shape;

/** Expands the date ranges into single days; `owner[i]` is the row a day came from (to place server errors). */
function expand(ranges: RangeRow[]) {
  const days: { date: string; isOffDay: boolean; name: string }[] = [];
  const owner: number[] = [];
  ranges.forEach((r, idx) => {
    if (!r?.period) return;
    let d = r.period[0].startOf('day');
    const end = r.period[1].startOf('day');
    while (!d.isAfter(end)) {
      days.push({ date: d.format('YYYY-MM-DD'), isOffDay: r.isOffDay, name: r.name.trim() });
      owner.push(idx);
      d = d.add(1, 'day');
    }
  });
  return { days, owner };
}

/**
 * 录入放假安排: the administrator transcribes the State Council notice for a year —
 * title, 文号, link, the PDF, and the days as ranges (放假 or 调休上班).
 */
export function NoticeFormModal({
  open,
  year,
  current,
  onClose,
  onSaved,
}: {
  open: boolean;
  year: number;
  current: CalendarYearDto | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [fileId, setFileId] = useState<number | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const notice = current?.covered ? current.notice : null;
    const ranges: RangeRow[] =
      current?.covered && current.specialDays.length
        ? compressDays(current.specialDays).map((r) => ({
            name: r.name,
            period: [dayjs(r.start), dayjs(r.end)],
            isOffDay: r.isOffDay,
          }))
        : [];
    form.setFieldsValue({
      title: notice?.title ?? `国务院办公厅关于${year}年部分节假日安排的通知`,
      documentNo: notice?.documentNo ?? '',
      url: notice?.url ?? '',
      ranges: ranges.length ? ranges : [{ name: '元旦', isOffDay: true } as RangeRow],
    });
    setFileId(notice?.fileId ?? null);
    setFileList(
      notice?.fileId ? [{ uid: String(notice.fileId), name: '已上传的通知文件', status: 'done' }] : [],
    );
  }, [open, current, year, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const { days, owner } = expand(v.ranges ?? []);
    const seen = new Map<string, number>();
    for (let i = 0; i < days.length; i++) {
      const prev = seen.get(days[i].date);
      if (prev !== undefined) {
        form.setFields([{ name: ['ranges', owner[i], 'period'], errors: [`${days[i].date} 与第 ${owner[prev] + 1} 行重复`] }]);
        return;
      }
      seen.set(days[i].date, i);
    }
    if (days.length === 0) {
      showError(new Error(), '请至少填写一行放假或调休上班安排');
      return;
    }
    if (days.length > 80) {
      showError(new Error(), `共 ${days.length} 天，超过 80 天的上限，请检查日期范围`);
      return;
    }
    setSaving(true);
    try {
      await api.put(`/api/calendar/years/${year}`, {
        title: v.title.trim(),
        documentNo: v.documentNo?.trim() || null,
        url: v.url?.trim() || null,
        fileId,
        days,
      });
      showSuccess(`${year} 年节假日安排已保存`);
      onSaved();
    } catch (e) {
      applyServerErrors(form, e, {
        rename: (name) => {
          if (name[0] !== 'days' || typeof name[1] !== 'number') return name;
          const row = owner[name[1]];
          if (row === undefined) return null;
          const field = name[2] === 'name' ? 'name' : name[2] === 'isOffDay' ? 'isOffDay' : 'period';
          return ['ranges', row, field];
        },
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`录入 ${year} 年放假安排`}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={saving}
      width={900}
      forceRender
      maskClosable={false}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="请按国务院办公厅发布的通知逐项录入"
        description="“放假”填写通知中的放假日期（含其间的周末）；“调休上班”填写通知中需要上班的周六、周日。保存后，该年度所有办理期限按新的安排计算。"
      />
      <Form form={form} layout="vertical" data-testid="notice-form">
        <Form.Item name="title" label="通知标题" required rules={[zodRule(S.title)]}>
          <Input maxLength={200} />
        </Form.Item>
        <div className="zc-form-row">
          <Form.Item name="documentNo" label="文号" rules={[zodRule(S.documentNo)]} style={{ flex: '1 1 240px' }}>
            <Input placeholder={`如：国办发明电〔${year - 1}〕N号`} maxLength={50} />
          </Form.Item>
          <Form.Item name="url" label="通知网址" rules={[zodRule(S.url)]} style={{ flex: '2 1 360px' }}>
            <Input placeholder="https://www.gov.cn/..." maxLength={500} />
          </Form.Item>
        </div>
        <Form.Item label="通知文件（PDF）" extra="可选，不超过 20 MB">
          <Upload
            accept=".pdf,application/pdf"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(file) => {
              if (file.size > MAX_PDF_BYTES) {
                showError(new Error(), '文件超过 20 MB');
                return Upload.LIST_IGNORE;
              }
              if (file.type && file.type !== 'application/pdf') {
                showError(new Error(), '请上传 PDF 文件');
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={async ({ file, onSuccess, onError }) => {
              try {
                const dto = await api.upload<FileDto>('/api/files', file as File);
                setFileId(dto.id);
                onSuccess?.(dto);
              } catch (e) {
                showError(e, '上传失败');
                onError?.(e as Error);
              }
            }}
            onChange={({ fileList: fl }) => setFileList(fl)}
            onRemove={() => {
              setFileId(null);
              return true;
            }}
          >
            <Button icon={<UploadOutlined />}>上传 PDF</Button>
          </Upload>
        </Form.Item>

        <Typography.Title level={5}>放假与调休上班安排</Typography.Title>
        <Form.List
          name="ranges"
          rules={[
            {
              validator: async (_r, rows: RangeRow[] | undefined) => {
                if (!rows || rows.length === 0) throw new Error('请至少填写一行');
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <div key={field.key} className="zc-range-row" data-testid={`notice-range-${index}`}>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={index === 0 ? '节日名称' : undefined}
                    rules={[{ required: true, whitespace: true, message: '请填写节日名称' }, { max: 20, message: '不超过 20 个字' }]}
                    style={{ width: 170 }}
                  >
                    <AutoComplete
                      options={FESTIVALS.map((f) => ({ value: f }))}
                      placeholder="如：春节"
                      filterOption={(input, opt) => (opt?.value ?? '').includes(input)}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'period']}
                    label={index === 0 ? '日期（起止）' : undefined}
                    rules={[{ required: true, message: '请选择日期' }]}
                    style={{ flex: 1, minWidth: 260 }}
                  >
                    <DatePicker.RangePicker
                      style={{ width: '100%' }}
                      defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-02-01`)]}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'isOffDay']}
                    label={index === 0 ? '类型' : undefined}
                    rules={[{ required: true, message: '请选择' }]}
                    style={{ width: 130 }}
                  >
                    <Select
                      options={[
                        { value: true, label: '放假' },
                        { value: false, label: '调休上班' },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item label={index === 0 ? ' ' : undefined}>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label="删除此行"
                      onClick={() => remove(field.name)}
                      disabled={fields.length <= 1}
                    />
                  </Form.Item>
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '', isOffDay: true })}>
                  添加放假
                </Button>
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '', isOffDay: false })}>
                  添加调休上班
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
