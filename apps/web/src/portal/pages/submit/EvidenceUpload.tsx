/**
 * 证据材料: several files uploaded one by one to POST /api/portal/files (anonymous allowed), with a progress bar.
 * The server identifies the type from the content and answers { fileId, uploadToken }; the submission then refers to
 * the files by these two values (the token proves that this visitor uploaded them).
 */
import { Button, Typography, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { UploadedEvidenceDto } from '@zhichan/shared';
import { showError } from '../../../ui/feedback';
import { fmtBytes } from './intake';

export type EvidenceFile = UploadFile<UploadedEvidenceDto>;

/** Extensions offered by the file picker (the server checks the content anyway). */
const ACCEPT = [
  '.jpg', '.jpeg', '.png', '.gif', '.webp', '.bmp', '.tif', '.tiff', '.heic',
  '.pdf', '.doc', '.docx',
  '.mp4', '.mov', '.avi', '.wmv', '.webm', '.mkv', '.3gp',
].join(',');

const ACCEPT_RE = /\.(jpe?g|png|gif|webp|bmp|tiff?|heic|pdf|docx?|mp4|mov|avi|wmv|webm|mkv|3gp)$/i;

/** The evidence references the submission needs (only fully uploaded files). */
export function evidenceRefs(files: EvidenceFile[] | undefined): { fileId: number; uploadToken: string }[] {
  return (files ?? [])
    .filter((f) => f.status === 'done' && f.response)
    .map((f) => ({ fileId: f.response!.fileId, uploadToken: f.response!.uploadToken }));
}

export function evidenceBusy(files: EvidenceFile[] | undefined): boolean {
  return (files ?? []).some((f) => f.status === 'uploading');
}

function uploadWithProgress(
  file: File,
  csrfToken: string | null,
  onProgress: (percent: number) => void,
): { promise: Promise<UploadedEvidenceDto>; abort: () => void } {
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
      else {
        const msg =
          (body as { message?: string } | null)?.message ??
          (xhr.status === 413 ? '文件过大' : xhr.status >= 500 ? '服务暂时不可用，请稍后再试' : '上传失败');
        reject(new Error(msg));
      }
    };
    xhr.onerror = () => reject(new Error('网络连接失败，请重试'));
    xhr.onabort = () => reject(new Error('已取消'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

export function EvidenceUpload({
  value,
  onChange,
  maxFiles,
  maxFileBytes,
  csrfToken,
}: {
  value?: EvidenceFile[];
  onChange?: (v: EvidenceFile[]) => void;
  maxFiles: number;
  maxFileBytes: number | null;
  csrfToken: string | null;
}) {
  const files = value ?? [];

  // antd calls onChange with the whole list for every progress step; keep the server's errors readable.
  const handleChange: UploadProps<UploadedEvidenceDto>['onChange'] = ({ fileList }) => {
    onChange?.(
      fileList.map((f) =>
        f.status === 'error' && f.error instanceof Error ? { ...f, response: undefined, error: f.error } : f,
      ),
    );
  };

  const beforeUpload: UploadProps['beforeUpload'] = (file, batch) => {
    const index = batch.indexOf(file);
    const ok = files.filter((f) => f.status !== 'error').length;
    if (ok + index + 1 > maxFiles) {
      if (ok + index === maxFiles) showError(new Error(), `证据材料最多 ${maxFiles} 个，多余的文件未添加`);
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
    const { promise, abort } = uploadWithProgress(opts.file as File, csrfToken, (percent) => opts.onProgress?.({ percent }));
    promise.then(
      (r) => opts.onSuccess?.(r),
      (e: Error) => opts.onError?.(e),
    );
    return { abort };
  };

  const full = files.filter((f) => f.status !== 'error').length >= maxFiles;

  return (
    <div className="zs-upload" data-testid="evidence-upload">
      <Upload<UploadedEvidenceDto>
        multiple
        accept={ACCEPT}
        fileList={files}
        beforeUpload={beforeUpload}
        customRequest={customRequest}
        onChange={handleChange}
        showUploadList={{ showPreviewIcon: false, showDownloadIcon: false }}
        itemRender={(node, file) => (
          <div className="zs-upload-item" title={file.error instanceof Error ? file.error.message : undefined}>
            {node}
            {file.status === 'error' && file.error instanceof Error && (
              <Typography.Text type="danger" className="zs-upload-error">
                {file.error.message}
              </Typography.Text>
            )}
            {file.status === 'uploading' && (
              <Typography.Text type="secondary" className="zs-upload-size">
                正在上传 {Math.round(file.percent ?? 0)}%
              </Typography.Text>
            )}
            {file.status === 'done' && file.size !== undefined && (
              <Typography.Text type="secondary" className="zs-upload-size">
                {fmtBytes(file.size)}
              </Typography.Text>
            )}
          </div>
        )}
      >
        <Button icon={<UploadOutlined />} disabled={full}>
          选择文件
        </Button>
      </Upload>
      <Typography.Paragraph type="secondary" className="zs-hint">
        支持图片、PDF、Word、视频，单个不超过 {maxFileBytes ? fmtBytes(maxFileBytes) : '…'}，最多 {maxFiles} 个
        {files.length > 0 && `（已选 ${files.filter((f) => f.status !== 'error').length} 个）`}。
        可以提供购买凭证、商品或包装照片、网页截图、权利证书、合同等。
      </Typography.Paragraph>
    </div>
  );
}
