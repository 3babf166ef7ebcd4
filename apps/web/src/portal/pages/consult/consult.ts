/** Shared bits of the portal's 我要咨询 and 常见问题 pages. */
import type { ConsultationFormDto } from '@zhichan/shared';
import { api } from '../../../api/client';
import { showError, showSuccess } from '../../../ui/feedback';

export const CONSULT_PATH = '/consult';
export const FAQ_PATH = '/faq';

let formPromise: Promise<ConsultationFormDto> | null = null;

/** Business types and the answering period, fetched once per page load. */
export function loadConsultationForm(): Promise<ConsultationFormDto> {
  if (!formPromise) {
    formPromise = api.get<ConsultationFormDto>('/api/public/consultations/form').catch((e: unknown) => {
      formPromise = null;
      throw e;
    });
  }
  return formPromise;
}

/** '5 个工作日' from the rule in force. */
export function periodText(p: ConsultationFormDto['answerPeriod']): string | null {
  if (!p) return null;
  return `${p.amount} 个${p.unit === 'workingDays' ? '工作日' : p.unit === 'calendarDays' ? '自然日' : '月'}`;
}

/**
 * A key that makes a retried submission return the first receipt instead of a second record.
 * crypto.getRandomValues works on plain-http intranet addresses too (randomUUID needs a secure context).
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return 'zx-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Copies to the clipboard, falling back to a hidden text area where the Clipboard API is unavailable (plain http). */
export async function copyText(text: string, what: string): Promise<void> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
    } else {
      const ta = document.createElement('textarea');
      ta.value = text;
      ta.setAttribute('readonly', '');
      ta.style.position = 'fixed';
      ta.style.opacity = '0';
      document.body.appendChild(ta);
      ta.select();
      const ok = document.execCommand('copy');
      document.body.removeChild(ta);
      if (!ok) throw new Error('copy failed');
    }
    showSuccess(`已复制${what}`);
  } catch {
    showError(new Error(), '复制失败，请手动抄写');
  }
}
