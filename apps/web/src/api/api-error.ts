import type { TErrorBody } from '@greenmes/contracts';

export type ApiErrorDetail = NonNullable<TErrorBody['error']['details']>[number];

/** Any non-2xx answer from the server, with the error body's fields lifted out. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: ApiErrorDetail[];

  constructor(options: {
    status: number;
    code: string;
    message: string;
    requestId?: string;
    details?: ApiErrorDetail[];
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.requestId = options.requestId;
    this.details = options.details ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // proxies and crashed servers answer HTML or nothing; fall back to the status line below
  }
  const error = (body as Partial<TErrorBody> | null)?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError({
      status: response.status,
      code: error.code ?? 'UNKNOWN',
      message: error.message,
      requestId: error.requestId,
      details: error.details,
    });
  }
  return new ApiError({
    status: response.status,
    code: response.status >= 500 ? 'SERVER_ERROR' : 'HTTP_ERROR',
    message: `${response.status} ${response.statusText}`.trim(),
  });
}
