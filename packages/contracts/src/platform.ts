import { z } from 'zod';
import { ZCode, ZId, ZName, ZPageQuery, ZTimestamp } from './common.ts';
import { PERMISSIONS } from './permissions.ts';

export const ZPermission = z.enum(PERMISSIONS);

// ---- password policy (shared so the web form says the same as the server) ----
export const PASSWORD_MIN_LENGTH = 8;
/** Returns the reasons a password is rejected; empty when it is acceptable. */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH)
    problems.push(`must have at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > 128) problems.push('must have at most 128 characters');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 2) problems.push('must mix at least two of: lower-case, upper-case, digits, symbols');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('must not contain the username');
  return problems;
}
export const ZPassword = z.string().superRefine((value, ctx) => {
  for (const p of passwordProblems(value)) ctx.addIssue({ code: 'custom', message: `password ${p}` });
});

export const ZUsername = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, 'letters, digits and . _ @ - only');
export const ZTenantCode = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and - only');

// ---- auth ----
export const ZLogin = z
  .object({
    tenant: ZTenantCode,
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .strict();
export type TLogin = z.infer<typeof ZLogin>;

export const ZDataScope = z.object({
  /** null = every site and area of the tenant; otherwise only these plant nodes and what is below them. */
  nodeIds: z.array(ZId).nullable(),
});

export const ZMe = z.object({
  /** timezone: the enterprise's (Settings), in which days, months and report periods are reckoned */
  tenant: z.object({ id: ZId, code: z.string(), name: z.string(), timezone: z.string() }),
  user: z.object({ id: ZId, username: z.string(), displayName: z.string(), locale: z.string() }),
  permissions: z.array(z.string()),
  dataScope: ZDataScope,
});
export type TMe = z.infer<typeof ZMe>;

export const ZLoginResult = z.object({ token: z.string(), expiresAt: ZTimestamp, me: ZMe });
export type TLoginResult = z.infer<typeof ZLoginResult>;

export const ZChangePassword = z
  .object({ currentPassword: z.string().min(1), newPassword: ZPassword })
  .strict();

// ---- API tokens ----
export const ZCreateApiToken = z
  .object({ name: ZName, expiresInDays: z.number().int().min(1).max(3650).nullable().default(null) })
  .strict();
export type TCreateApiToken = z.infer<typeof ZCreateApiToken>;
export const ZApiToken = z.object({
  id: ZId,
  name: z.string(),
  prefix: z.string(),
  createdAt: ZTimestamp,
  expiresAt: ZTimestamp.nullable(),
  lastUsedAt: ZTimestamp.nullable(),
  revokedAt: ZTimestamp.nullable(),
});
export type TApiToken = z.infer<typeof ZApiToken>;
export const ZCreatedApiToken = ZApiToken.extend({ token: z.string().describe('shown once; store it now') });

// ---- users ----
export const ZUser = z.object({
  id: ZId,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  orgUnitId: ZId.nullable(),
  roleIds: z.array(ZId),
  dataScope: ZDataScope,
  isActive: z.boolean(),
  lockedUntil: ZTimestamp.nullable(),
  lastLoginAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TUser = z.infer<typeof ZUser>;
const userFields = {
  displayName: ZName,
  email: z.email().max(200).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  orgUnitId: ZId.nullable().optional(),
  roleIds: z.array(ZId).max(20).optional(),
  dataScope: ZDataScope.optional(),
  isActive: z.boolean().optional(),
};
export const ZCreateUser = z.object({ username: ZUsername, password: ZPassword, ...userFields }).strict();
export type TCreateUser = z.infer<typeof ZCreateUser>;
export const ZUpdateUser = z.object(userFields).partial().strict();
export type TUpdateUser = z.infer<typeof ZUpdateUser>;
export const ZResetPassword = z.object({ newPassword: ZPassword }).strict();
export const ZUserQuery = ZPageQuery.extend({
  orgUnitId: ZId.optional(),
  roleId: ZId.optional(),
  isActive: z.enum(['true', 'false']).optional(),
}).strict();

// ---- roles ----
export const ZRole = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  isBuiltin: z.boolean(),
  permissions: z.array(z.string()),
  userCount: z.number().int(),
});
export type TRole = z.infer<typeof ZRole>;
export const ZCreateRole = z
  .object({
    code: ZCode,
    name: ZName,
    description: z.string().trim().max(500).nullable().optional(),
    permissions: z.array(ZPermission).max(PERMISSIONS.length),
  })
  .strict();
export type TCreateRole = z.infer<typeof ZCreateRole>;
export const ZUpdateRole = ZCreateRole.omit({ code: true }).partial().strict();
export type TUpdateRole = z.infer<typeof ZUpdateRole>;

// ---- org units (departments) ----
export const ZOrgUnit = z.object({
  id: ZId,
  parentId: ZId.nullable(),
  code: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
  userCount: z.number().int(),
});
export type TOrgUnit = z.infer<typeof ZOrgUnit>;
export const ZCreateOrgUnit = z
  .object({
    parentId: ZId.nullable().default(null),
    code: ZCode,
    name: ZName,
    sortOrder: z.number().int().optional(),
  })
  .strict();
export type TCreateOrgUnit = z.infer<typeof ZCreateOrgUnit>;
export const ZUpdateOrgUnit = z
  .object({ parentId: ZId.nullable(), name: ZName, sortOrder: z.number().int() })
  .partial()
  .strict();
export type TUpdateOrgUnit = z.infer<typeof ZUpdateOrgUnit>;

// ---- audit ----
export const ZAuditEntry = z.object({
  id: z.string(),
  at: ZTimestamp,
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;
export const ZAuditQuery = ZPageQuery.extend({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  actorId: ZId.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
}).strict();
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

// ---- settings ----
export const ZSettings = z.object({
  locale: z.enum(['zh-CN', 'en-US']),
  timezone: z.string().min(1).max(64),
  currency: z.string().length(3),
  passwordMaxFailures: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  sessionHours: z.number().int().min(1).max(720),
  /** Device data kept per resolution, in days (raw samples, then minute, hour and day rollups). */
  retentionRawDays: z.number().int().min(1).max(3650),
  retentionMinuteDays: z.number().int().min(1).max(3650),
  retentionHourDays: z.number().int().min(1).max(7300),
  retentionDayDays: z.number().int().min(1).max(36500),
  /** Job reports: good + scrap may exceed an operation's planned quantity by this many percent. */
  overReportTolerancePercent: z.number().min(0).max(100),
  /** Operations hand good quantity on by explicit transfers (else the next operation may take it at once). */
  explicitOperationTransfers: z.boolean(),
});
export type TSettings = z.infer<typeof ZSettings>;
export const DEFAULT_SETTINGS: TSettings = {
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  currency: 'CNY',
  passwordMaxFailures: 5,
  lockoutMinutes: 15,
  sessionHours: 12,
  retentionRawDays: 90,
  retentionMinuteDays: 365,
  retentionHourDays: 1825,
  retentionDayDays: 3650,
  overReportTolerancePercent: 0,
  explicitOperationTransfers: false,
};
export const ZUpdateSettings = ZSettings.partial().strict();

// ---- platform administration (system operator) ----
export const ZOperatorLogin = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();
export const ZTenant = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  status: z.enum(['active', 'suspended']),
  createdAt: ZTimestamp,
  userCount: z.number().int(),
});
export type TTenant = z.infer<typeof ZTenant>;
export const ZCreateTenant = z
  .object({
    code: ZTenantCode,
    name: ZName,
    admin: z.object({ username: ZUsername, password: ZPassword, displayName: ZName.optional() }).strict(),
  })
  .strict();
export type TCreateTenant = z.infer<typeof ZCreateTenant>;
export const ZUpdateTenantStatus = z.object({ status: z.enum(['active', 'suspended']) }).strict();
export const ZOperatorMe = z.object({ operator: z.object({ id: ZId, username: z.string() }) });
export const ZOperatorLoginResult = z.object({ token: z.string(), expiresAt: ZTimestamp });
export type TCreatedApiToken = z.infer<typeof ZCreatedApiToken>;
export type TOperatorMe = z.infer<typeof ZOperatorMe>;
export type TOperatorLoginResult = z.infer<typeof ZOperatorLoginResult>;
