/**
 * Files of an online request (证据材料, 专利权评价报告, 主体资格证明): uploaded one by one to POST /api/portal/files with a
 * progress bar; the request then refers to each by {fileId, uploadToken}. Like the intake form's EvidenceUpload, with the
 * limit and the hint of each kind of material.
 */
import { Button, Typography, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { UploadedEvidenceDto } from '@zhichan/shared';
import { showError } from '../../../ui/feedback';
import { fmtBytes } from '../../../portal/pages/submit/intake';

export type PortalFile = UploadFile<UploadedEvidenceDto>;

const ACCEPT = ['.jpg', '.jpeg', '.png', '.gif', '.webp', '.bmp', '.tif', '.tiff', '.pdf', '.doc', '.docx', '.mp4', '.mov', '.webm'].join(',');
const ACCEPT_RE = /\.(jpe?g|png|gif|webp|bmp|tiff?|pdf|docx?|mp4|mov|webm)$/i;

/** {fileId, uploadToken} of the fully uploaded files. */
export function fileRefs(files: PortalFile[] | undefined): { fileId: number; uploadToken: string; title: string | null }[] {
  return (files ?? [])
    .filter((f) => f.status === 'done' && f.response)
    .map((f) => ({ fileId: f.response!.fileId, uploadToken: f.response!.uploadToken, title: f.name ? f.name.slice(0, 200) : null }));
}

export function filesBusy(files: PortalFile[] | undefined): boolean {
  return (files ?? []).some((f) => f.status === 'uploading');
}

function upload(file: File, csrfToken: string | null, onProgress: (p: number) => void) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadedEvidenceDto>((resolve, reject) => {
    xhr.open('POST', '/api/portal/files');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as UploadedEvidenceDto);
      else
        reject(
          new Error((body as { message?: string } | null)?.message ?? (xhr.status === 413 ? '文件过大' : xhr.status >= 500 ? '服务暂时不可用，请稍后再试' : '上传失败')),
        );
    };
    xhr.onerror = () => reject(new Error('网络连接失败，请重试'));
    xhr.onabort = () => reject(new Error('已取消'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

export function PortalUpload({
  value,
  onChange,
  maxFiles,
  maxFileBytes,
  csrfToken,
  hint,
  buttonText = '选择文件',
  testId,
}: {
  value?: PortalFile[];
  onChange?: (v: PortalFile[]) => void;
  maxFiles: number;
  maxFileBytes: number | null;
  csrfToken: string | null;
  hint: string;
  buttonText?: string;
  testId?: string;
}) {
  const files = value ?? [];
  const kept = files.filter((f) => f.status !== 'error').length;

  const beforeUpload: UploadProps['beforeUpload'] = (file, batch) => {
    const index = batch.indexOf(file);
    if (kept + index + 1 > maxFiles) {
      if (kept + index === maxFiles) showError(new Error(), maxFiles === 1 ? '只能上传 1 个文件，请先删除已上传的文件' : `最多 ${maxFiles} 个文件，多余的文件未添加`);
      return Upload.LIST_IGNORE;
    }
    if (!ACCEPT_RE.test(file.name)) {
      showError(new Error(), `“${file.name}” 的类型不支持：请上传图片、PDF、Word 或视频文件`);
      return Upload.LIST_IGNORE;
    }
    if (maxFileBytes && file.size > maxFileBytes) {
      showError(new Error(), `“${file.name}” 为 ${fmtBytes(file.size)}，超过单个文件 ${fmtBytes(maxFileBytes)} 的限制`);
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps<UploadedEvidenceDto>['customRequest'] = (opts) => {
    const { promise, abort } = upload(opts.file as File, csrfToken, (percent) => opts.onProgress?.({ percent }));
    promise.then(
      (r) => opts.onSuccess?.(r),
      (e: Error) => opts.onError?.(e),
    );
    return { abort };
  };

  return (
    <div data-testid={testId}>
      <Upload<UploadedEvidenceDto>
        multiple={maxFiles > 1}
        accept={ACCEPT}
        fileList={files}
        beforeUpload={beforeUpload}
        customRequest={customRequest}
        onChange={({ fileList }) => onChange?.(fileList)}
        showUploadList={{ showPreviewIcon: false, showDownloadIcon: false }}
        itemRender={(node, file) => (
          <div title={file.error instanceof Error ? file.error.message : undefined}>
            {node}
            {file.status === 'error' && file.error instanceof Error && <Typography.Text type="danger">{file.error.message}</Typography.Text>}
            {file.status === 'uploading' && <Typography.Text type="secondary">正在上传 {Math.round(file.percent ?? 0)}%</Typography.Text>}
          </div>
        )}
      >
        <Button icon={<UploadOutlined />} disabled={kept >= maxFiles}>
          {buttonText}
        </Button>
      </Upload>
      <Typography.Paragraph type="secondary" className="zd-hint" style={{ marginTop: 4, marginBottom: 0 }}>
        {hint}支持图片、PDF、Word、视频，单个不超过 {maxFileBytes ? fmtBytes(maxFileBytes) : '…'}
        {maxFiles > 1 ? `，最多 ${maxFiles} 个` : ''}。
      </Typography.Paragraph>
    </div>
  );
}
