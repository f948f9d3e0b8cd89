import { useCallback } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error.ts';
import { errorMessage } from '../lib/error-message.ts';

/** One way to tell the user a request failed: the server's message, with the request id for support. */
export function useNotifyError() {
  const { notification } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (error: unknown, title?: string) => {
      if (isApiError(error) && error.status === 401) return; // the app is already on its way to the login page
      const message = errorMessage(error, t);
      const requestId = isApiError(error) ? error.requestId : undefined;
      notification.error({
        title: title ?? t('common.requestFailed'),
        description: requestId ? `${message} (${t('common.requestId')}: ${requestId})` : message,
        placement: 'topRight',
        duration: 6,
      });
    },
    [notification, t],
  );
}
