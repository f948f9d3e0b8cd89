/**
 * One error class for the whole server. A code maps to an HTTP status and to a user-facing
 * message template; `params` fill the template and are also returned for the web to translate.
 */
const CODES = {
  BAD_REQUEST: [400, 'The request is invalid'],
  VALIDATION: [400, 'Some fields are invalid'],
  BAD_JSON: [400, 'The request body is not valid JSON'],
  BAD_FILE: [400, 'The uploaded file cannot be read: {reason}'],
  UNAUTHENTICATED: [401, 'Sign in first'],
  BAD_CREDENTIALS: [401, 'Wrong tenant, username or password'],
  SESSION_EXPIRED: [401, 'Your session has expired; sign in again'],
  ACCOUNT_LOCKED: [423, 'Too many failed sign-ins; the account is locked until {until}'],
  ACCOUNT_DISABLED: [403, 'This account is disabled'],
  // the shop-floor terminal's worker sign-in: 403, not 401, as the terminal's own session stays valid
  WORKER_SIGN_IN_FAILED: [403, 'Unknown badge, or wrong employee number or PIN'],
  WORKER_INACTIVE: [403, 'Worker {employeeNo} is not active'],
  TENANT_SUSPENDED: [403, 'This enterprise is suspended; contact the platform operator'],
  FORBIDDEN: [403, 'You lack the permission {permission}'],
  OUTSIDE_DATA_SCOPE: [403, 'This {entity} is outside your data scope'],
  NOT_FOUND: [404, '{entity} not found'],
  ROUTE_NOT_FOUND: [404, 'No such route: {method} {url}'],
  CONFLICT: [409, '{reason}'],
  DUPLICATE_CODE: [409, 'The code {code} is already used by another {entity}'],
  HAS_CHILDREN: [409, 'Cannot delete {entity} {code}: it still has {count} {children}'],
  IN_USE: [409, 'Cannot delete {entity} {code}: it is used by {count} {users}'],
  BUILTIN_READONLY: [409, 'Built-in {entity} {code} cannot be changed or deleted'],
  BAD_HIERARCHY: [409, '{reason}'],
  WRONG_PASSWORD: [400, 'The current password is wrong'],
  PAYLOAD_TOO_LARGE: [413, 'The request body is too large'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Unsupported content type {contentType}'],
  RATE_LIMITED: [429, 'Too many requests; try again in {retryAfter}'],
  INTERNAL: [500, 'Internal error; quote the request id when reporting it'],
  NOT_READY: [503, 'The service is not ready: {reason}'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof CODES;
export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    readonly details?: Array<{ path: string; message: string }>,
  ) {
    const [status, template] = CODES[code];
    super(template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`)));
    this.status = status;
  }
}

export const notFound = (entity: string) => new AppError('NOT_FOUND', { entity });
export const statusOf = (code: ErrorCode) => CODES[code][0];
