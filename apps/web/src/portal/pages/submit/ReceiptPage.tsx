/**
 * 提交回执: shown only after the server committed the record. The 受理编号 and the 查询码 large, with copy buttons;
 * the next statutory step and its date; the PDF receipt; and a link to 进度查询 with both codes filled in.
 */
import { Alert, Button, Card, Result, Typography } from 'antd';
import { CopyOutlined, FilePdfOutlined, SearchOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { SUBMISSION_KINDS, type SubmissionReceiptDto } from '@zhichan/shared';
import { showError, showSuccess } from '../../../ui/feedback';
import { fmtDateLong, fmtTime } from '../../../ui/format';
import { PROGRESS_PATH, keptReceipt, receiptPdfUrl, type ProgressPrefill } from './intake';
import './submit.css';

async function copy(text: string, what: string) {
  try {
    await navigator.clipboard.writeText(text);
    showSuccess(`已复制${what}`);
  } catch {
    showError(new Error(), '复制失败，请手动抄写');
  }
}

export default function ReceiptPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const receipt = (location.state as { receipt?: SubmissionReceiptDto } | null)?.receipt ?? keptReceipt();

  if (!receipt) {
    return (
      <div className="zs-page">
        <Result
          status="info"
          title="没有可显示的回执"
          subTitle="回执只在提交成功后显示。已经提交的，请凭受理编号和查询码查询进度。"
          extra={
            <Button type="primary" onClick={() => navigate(PROGRESS_PATH)}>
              进度查询
            </Button>
          }
        />
      </div>
    );
  }

  const prefill: ProgressPrefill = { receiptNo: receipt.receiptNo, lookupCode: receipt.lookupCode };

  return (
    <div className="zs-page">
      <Card>
        <Result
          status="success"
          title={`您的${SUBMISSION_KINDS[receipt.kind]}已提交`}
          subTitle={`提交时间 ${fmtTime(receipt.submittedAt)}`}
          style={{ padding: '8px 0 0' }}
        />
        <div className="zs-receipt-codes">
          <div className="zs-code-box">
            <div className="zs-code-label">受理编号</div>
            <div className="zs-code-value">
              <span data-testid="receipt-no">{receipt.receiptNo}</span>
              <Button type="text" size="small" icon={<CopyOutlined />} aria-label="复制受理编号" onClick={() => void copy(receipt.receiptNo, '受理编号')} />
            </div>
          </div>
          <div className="zs-code-box">
            <div className="zs-code-label">查询码</div>
            <div className="zs-code-value">
              <span data-testid="lookup-code">{receipt.lookupCode}</span>
              <Button type="text" size="small" icon={<CopyOutlined />} aria-label="复制查询码" onClick={() => void copy(receipt.lookupCode, '查询码')} />
            </div>
          </div>
        </div>
        <Alert
          type="warning"
          showIcon
          title="请妥善保存查询码"
          description="查询码只在此页显示一次，遗失后无法找回。请抄写、截图或下载回执保存；查询办理进度时需要同时输入受理编号和查询码。"
        />

        <Typography.Paragraph className="zs-next-step">
          <Typography.Text strong>下一步：</Typography.Text>
          {receipt.nextStep}
          {receipt.expectedNextStepBy && (
            <>
              ，预计在 <Typography.Text strong>{fmtDateLong(receipt.expectedNextStepBy)}</Typography.Text> 前
            </>
          )}
          。<Typography.Text type="secondary">（依据{receipt.nextStepBasis}）</Typography.Text>
          {receipt.provisional && (
            <Typography.Text type="secondary">该日期所在年度的节假日安排尚未公布，日期可能顺延。</Typography.Text>
          )}
        </Typography.Paragraph>

        <div className="zs-receipt-actions">
          <Button
            icon={<FilePdfOutlined />}
            href={receiptPdfUrl(receipt.receiptNo, receipt.lookupCode)}
            target="_blank"
            rel="noopener"
            data-testid="receipt-pdf"
          >
            下载回执（PDF）
          </Button>
          <Button
            icon={<CopyOutlined />}
            onClick={() => void copy(`受理编号：${receipt.receiptNo}\n查询码：${receipt.lookupCode}`, '受理编号和查询码')}
          >
            复制编号和查询码
          </Button>
          <Button
            type="primary"
            icon={<SearchOutlined />}
            onClick={() => navigate(`${PROGRESS_PATH}?receiptNo=${encodeURIComponent(receipt.receiptNo)}`, { state: prefill })}
            data-testid="goto-progress"
          >
            查询办理进度
          </Button>
        </div>
      </Card>
      <Typography.Paragraph type="secondary" className="zs-foot-note">
        还有其他问题？<Link to="/submit">继续提交</Link> 或 <Link to="/">返回首页</Link>。
      </Typography.Paragraph>
    </div>
  );
}
