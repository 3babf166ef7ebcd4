/**
 * Access to antd's message/modal/notification instances outside React components.
 * <FeedbackBinder/> (rendered inside antd's <App>) fills them, so they follow the ConfigProvider theme and locale.
 */
import { App } from 'antd';
import { useEffect } from 'react';
import { isApiError } from '../api/client';

type AppApi = ReturnType<typeof App.useApp>;
type MessageInstance = AppApi['message'];
type ModalHookAPI = AppApi['modal'];
type NotificationInstance = AppApi['notification'];

let messageApi: MessageInstance | null = null;
let modalApi: ModalHookAPI | null = null;
let notificationApi: NotificationInstance | null = null;

export function FeedbackBinder(): null {
  const { message, modal, notification } = App.useApp();
  messageApi = message;
  modalApi = modal;
  notificationApi = notification;
  useEffect(
    () => () => {
      messageApi = null;
      modalApi = null;
      notificationApi = null;
    },
    [],
  );
  return null;
}

export const feedback = {
  get message(): MessageInstance {
    if (!messageApi) throw new Error('FeedbackBinder not mounted');
    return messageApi;
  },
  get modal(): ModalHookAPI {
    if (!modalApi) throw new Error('FeedbackBinder not mounted');
    return modalApi;
  },
  get notification(): NotificationInstance {
    if (!notificationApi) throw new Error('FeedbackBinder not mounted');
    return notificationApi;
  },
};

/** Shows an error to the user: the server's Chinese message, or a generic one. */
export function showError(e: unknown, fallback = '操作失败，请稍后再试'): void {
  if ((e as Error)?.name === 'AbortError') return;
  const text = isApiError(e) ? e.message : fallback;
  if (messageApi) messageApi.error(text);
  else console.error(e);
}

export function showSuccess(text: string): void {
  messageApi?.success(text);
}
