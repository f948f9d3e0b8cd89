import type { TFunction } from 'i18next';
import { isApiError } from '../../../api/api-error.ts';

/** The server's message says why (wrong password, locked until …, too many attempts); we only fill gaps. */
export function loginErrorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('login.failed');
  if (error.status === 0) return t('common.networkError');
  if (error.status === 429 && !error.message) return t('login.rateLimited');
  if (error.status >= 500) return `${t('login.failed')}: ${error.message}`;
  return error.message || t('login.failed');
}
