/**
 * 线索批量导入: download the template (Chinese headers, dropdowns, 填写说明), upload the filled workbook, see what was
 * imported, what already existed (same source and 来源编号) and every error by 行/列/原因, and download the error report.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { LeadImportResultDto } from '@zhichan/shared';
import { api } from '../../api/client';
import { showError } from '../../ui/feedback';
import { PageContainer } from '../../ui/PageContainer';
import './leads.css';

type ErrorRow = LeadImportResultDto['errors'][number];

export default function LeadImportPage() {
  const navigate = useNavigate();
  const [uploading, setUploading] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<LeadImportResultDto | null>(null);

  const upload = async (file: File) => {
    if (!/\.xlsx$/i.test(file.name)) {
      showError(new Error('x'), '请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）');
      return;
    }
    setUploading(true);
    setFileName(file.name);
    setResult(null);
    try {
      setResult(await api.upload<LeadImportResultDto>('/api/leads/import', file, file.name));
    } catch (e) {
      showError(e, '导入失败，请稍后再试');
    } finally {
      setUploading(false);
    }
  };

  const r = result;
  return (
    <PageContainer
      title="线索批量导入"
      subTitle="从 Excel 导入省平台交办、12315 转办等渠道的线索；同一来源、同一来源编号只导入一次"
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/leads')}>
          返回线索列表
        </Button>
      }
    >
      <Card className="zl-section" title="第一步：下载导入模板">
        <Space orientation="vertical">
          <Typography.Text>模板中红色标题为必填项，带下拉列表的列请从列表中选择；“填写说明”工作表列出了各列要求和代码表。</Typography.Text>
          <Button icon={<DownloadOutlined />} href="/api/leads/import-template.xlsx" data-testid="lead-import-template">
            下载导入模板
          </Button>
        </Space>
      </Card>

      <Card className="zl-section" title="第二步：上传填好的文件">
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={uploading}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
          data-testid="lead-import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{uploading ? `正在导入 ${fileName ?? ''}…` : '点击或将 Excel 文件拖到此处上传'}</p>
          <p className="ant-upload-hint">仅支持 .xlsx，单个文件不超过 10 MB、2000 行；逐行校验，校验通过的行导入，有错误的行不导入。</p>
        </Upload.Dragger>
      </Card>

      {r && (
        <Card className="zl-section zl-import-summary" title={`导入结果${fileName ? `：${fileName}` : ''}`} data-testid="lead-import-result">
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col>
              <Statistic title="读取行数" value={r.total} />
            </Col>
            <Col>
              <Statistic title="已导入" value={r.imported.length} styles={{ content: { color: '#389e0d' } }} />
            </Col>
            <Col>
              <Statistic title="已存在（未重复导入）" value={r.existing.length} />
            </Col>
            <Col>
              <Statistic title="错误" value={new Set(r.errors.map((e) => e.row)).size} suffix="行" styles={{ content: { color: r.errors.length ? '#cf1322' : undefined } }} />
            </Col>
          </Row>
          {r.imported.length > 0 && (
            <Alert
              type="success"
              showIcon
              className="zl-section"
              title={`已导入 ${r.imported.length} 条线索，进入“待分派”。`}
              description={
                <Space wrap>
                  {r.imported.slice(0, 20).map((i) => (
                    <Link key={i.id} to={`/leads/${i.id}`} className="zl-no">
                      {i.leadNo}
                    </Link>
                  ))}
                  {r.imported.length > 20 && <span>等</span>}
                </Space>
              }
            />
          )}
          {r.existing.length > 0 && (
            <>
              <Typography.Title level={5}>已存在</Typography.Title>
              <Table
                rowKey="row"
                size="small"
                pagination={false}
                className="zl-section"
                dataSource={r.existing}
                columns={[
                  { title: '行', dataIndex: 'row', width: 80 },
                  { title: '来源编号', dataIndex: 'externalId' },
                  { title: '已登记为', dataIndex: 'leadNo', render: (v: string, e) => (e.id ? <Link to={`/leads/${e.id}`} className="zl-no">{v}</Link> : v) },
                ]}
              />
            </>
          )}
          {r.errors.length > 0 && (
            <>
              <Space style={{ marginBottom: 8 }} wrap>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  错误
                </Typography.Title>
                {r.errorReportFileId && (
                  <Button size="small" icon={<DownloadOutlined />} href={`/api/files/${r.errorReportFileId}`} data-testid="lead-import-error-report">
                    下载错误报告
                  </Button>
                )}
                <Typography.Text type="secondary">错误报告中标出了出错的单元格，修改后可直接重新导入。</Typography.Text>
              </Space>
              <Table<ErrorRow>
                rowKey={(e) => `${e.row}-${e.column}`}
                size="small"
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                dataSource={r.errors}
                columns={[
                  { title: '行', dataIndex: 'row', width: 80 },
                  { title: '列', dataIndex: 'column', width: 180 },
                  { title: '原因', dataIndex: 'message' },
                ]}
                data-testid="lead-import-errors"
              />
            </>
          )}
        </Card>
      )}
    </PageContainer>
  );
}
