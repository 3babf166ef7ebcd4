/**
 * Upload of a (possibly multi-gigabyte) patent export with a progress callback. fetch() cannot report upload progress, so this
 * uses XMLHttpRequest; the CSRF token comes from GET /api/auth/me (the same source the api client refreshes it from).
 * Errors are turned into ApiError with the server's Chinese message, like api.upload.
 */
import { ERROR_TABLE } from '@zhichan/shared/domain/errors';
import type { MeDto } from '@zhichan/shared';
import { ApiError, api } from '../../api/client';

export function uploadWithProgress<T>(
  path: string,
  file: File,
  onProgress: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return api.get<MeDto>('/api/auth/me', undefined, { quiet: true }).then(
    (me) =>
      new Promise<T>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', path);
        xhr.withCredentials = true;
        xhr.setRequestHeader('Accept', 'application/json');
        if (me.csrfToken) xhr.setRequestHeader('x-csrf-token', me.csrfToken);
        xhr.upload.onprogress = (e) => {
          if (e.lengthComputable) onProgress(e.loaded, e.total);
        };
        xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'));
        xhr.onabort = () => reject(new DOMException('已取消上传', 'AbortError'));
        xhr.onload = () => {
          let body: unknown = null;
          try {
            body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
          } catch {
            // not JSON (proxy error page)
          }
          if (xhr.status >= 200 && xhr.status < 300) {
            resolve(body as T);
            return;
          }
          if (body && typeof body === 'object' && 'code' in body) {
            const b = body as { code: string; message?: string; details?: unknown };
            const known = (ERROR_TABLE as Record<string, { message: string }>)[b.code];
            reject(new ApiError(xhr.status, b.code, b.message || known?.message || '上传失败', b.details));
          } else if (xhr.status === 413) {
            reject(new ApiError(413, 'PAYLOAD_TOO_LARGE', '文件超过系统允许的大小上限'));
          } else {
            reject(new ApiError(xhr.status, 'INTERNAL', '上传失败，请稍后再试'));
          }
        };
        signal?.addEventListener('abort', () => xhr.abort());
        const form = new FormData();
        form.append('file', file, file.name);
        xhr.send(form);
      }),
  );
}
