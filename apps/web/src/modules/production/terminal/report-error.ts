import type { TFunction } from 'i18next';
import { isApiError } from '../../../api/api-error.ts';
import { errorMessage } from '../../../shared/lib/error-message.ts';

/**
 * A refused report in the operator's words: the server's 409 names the status that refused it (the
 * operation's, with the report's kind, or the order's), which the terminal says in its language;
 * anything else as the app says errors.
 */
export function reportErrorMessage(error: unknown, t: TFunction): string {
  // a stopping Andon exception holds the operation: say which
  if (isApiError(error) && error.code === 'CONFLICT' && typeof error.params.exceptionKind === 'string')
    return t('andon.terminal.stopped', {
      kind: t(`andon.kind.${error.params.exceptionKind}`, { defaultValue: error.params.exceptionKind }),
      description: error.params.exceptionDescription ?? '',
    });
  if (isApiError(error) && error.code === 'CONFLICT' && typeof error.params.status === 'string') {
    const { status, kind } = error.params;
    if (typeof kind === 'string')
      return t('terminal.wrongOperationStatus', {
        status: t(`workOrders.op.status.${status}`, { defaultValue: status }),
        kind: t(`terminal.action.${kind}`, { defaultValue: kind }),
      });
    return t('terminal.orderNotOnFloor', {
      status: t(`workOrders.status.${status}`, { defaultValue: status }),
    });
  }
  return errorMessage(error, t);
}

/** A 409 means the terminal's view is stale (another terminal reported): worth a refetch. */
export const isStale = (error: unknown) => isApiError(error) && error.status === 409;
