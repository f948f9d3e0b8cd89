import type { TFunction } from 'i18next';
import { isApiError } from '../../../api/api-error.ts';
import { errorMessage } from '../../../shared/lib/error-message.ts';

/** Wrong password, locked account, suspended tenant, too many attempts: each has its own message. */
export function loginErrorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('login.failed');
  if (error.status >= 500) return `${t('login.failed')}: ${errorMessage(error, t)}`;
  return errorMessage(error, t) || t('login.failed');
}
