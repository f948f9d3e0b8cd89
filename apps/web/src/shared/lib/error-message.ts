import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import { isApiError } from '../../api/api-error.ts';

/** Server params that are domain words ("department", "child nodes") get translated too. */
const WORD_PARAMS = ['entity', 'children', 'users'];

/**
 * The server's message is English; its code and params let us say the same in the user's language.
 * Unknown codes fall back to the server's own message.
 */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : String(error);
  if (error.status === 0) return t('common.networkError');
  const key = `errors.${error.code}`;
  if (!t(key, { defaultValue: '' })) return error.message;
  const params: Record<string, string | number> = { ...error.params };
  for (const name of WORD_PARAMS) {
    const word = params[name];
    if (typeof word === 'string')
      params[name] = t(`errors.words.${word.replace(/\W+/g, '_')}`, { defaultValue: word });
  }
  if (typeof params.until === 'string') params.until = dayjs(params.until).format('YYYY-MM-DD HH:mm');
  return t(key, { ...params, defaultValue: error.message });
}
