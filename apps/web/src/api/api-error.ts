import type { TErrorBody } from '@greenmes/contracts';

export type ApiErrorDetail = NonNullable<TErrorBody['error']['details']>[number];

/** Any non-2xx answer from the server, with the error body's fields lifted out. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: ApiErrorDetail[];
  /** Values for the code's message template, so the web can say it in the user's language. */
  readonly params: Record<string, string | number>;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    requestId?: string;
    details?: ApiErrorDetail[];
    params?: Record<string, string | number>;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.requestId = options.requestId;
    this.details = options.details ?? [];
    this.params = options.params ?? {};
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
  // the server also sends `params` beside the contract's fields (see its AppError)
  const error = (
    body as { error?: Partial<TErrorBody['error']> & { params?: Record<string, string | number> } } | null
  )?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError({
      status: response.status,
      code: error.code ?? 'UNKNOWN',
      message: error.message,
      requestId: error.requestId,
      details: error.details,
      params: error.params,
    });
  }
  return new ApiError({
    status: response.status,
    code: response.status >= 500 ? 'SERVER_ERROR' : 'HTTP_ERROR',
    message: `${response.status} ${response.statusText}`.trim(),
  });
}
