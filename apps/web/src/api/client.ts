import { ApiError, toApiError } from './api-error.ts';

export const API_BASE = '/api/v1';

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

type UnauthorizedHandler = (path: string) => void;
let onUnauthorized: UnauthorizedHandler = () => {};
let currentLanguage = 'zh-CN';

/** The app registers where a 401 should send the user (tenant login or operator login). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

let bearerToken: string | null = null;
/** A shop-floor TV link (/tv/:token) authenticates by its token, and has no login page to go back to. */
export function setApiBearer(token: string | null): void {
  bearerToken = token;
}

/** The server localises its error messages from Accept-Language. */
export function setApiLanguage(language: string): void {
  currentLanguage = language;
}

export function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: QueryParams;
  /** JSON body; use `rawBody` for files. */
  body?: unknown;
  rawBody?: Blob;
  signal?: AbortSignal;
  /** Login forms expect 401 for wrong credentials and must not be redirected. */
  isAuthAttempt?: boolean;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage };
  if (bearerToken) headers.Authorization = `Bearer ${bearerToken}`;
  let body: BodyInit | undefined;
  if (options.rawBody) {
    body = options.rawBody;
    headers['Content-Type'] = options.rawBody.type || 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      message: 'Network error: the server cannot be reached',
    });
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !options.isAuthAttempt && !bearerToken) onUnauthorized(path);
    throw error;
  }
  return response;
}

/** JSON request; answers `undefined` for 204. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A binary answer (an image) with the credentials of every request: the session cookie or a TV link's bearer. */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  return (await send(path, options)).blob();
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: QueryParams) =>
    apiRequest<T>(path, { method: 'POST', body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T = void>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};

function fileNameFrom(response: Response, fallback: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Fetches a file (xlsx export, template) with the session cookie and hands it to the browser. */
export async function downloadFile(path: string, query: QueryParams | undefined, fallbackName: string) {
  const response = await send(path, { query });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFrom(response, fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function uploadXlsx<T>(path: string, file: Blob, query?: QueryParams): Promise<T> {
  const rawBody = file.type === XLSX_MIME ? file : new Blob([file], { type: XLSX_MIME });
  return apiRequest<T>(path, { method: 'POST', rawBody, query });
}
