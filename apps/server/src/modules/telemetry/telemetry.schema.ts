import {
  bigint,
  boolean,
  doublePrecision,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const gateways = pgTable('gateways', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  isEnabled: boolean('is_enabled').notNull().default(true),
  lastSeenAt: ts('last_seen_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const deviceProfiles = pgTable('device_profiles', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

const metricColumns = () => ({
  key: text('key').notNull(),
  name: text('name').notNull(),
  unitCode: text('unit_code'),
  valueType: text('value_type', { enum: ['number', 'boolean', 'state', 'string'] }).notNull(),
  kind: text('kind', { enum: ['gauge', 'counter', 'state', 'event'] }).notNull(),
  energyMedium: text('energy_medium'),
  scale: doublePrecision('scale').notNull().default(1),
  offset: doublePrecision('offset').notNull().default(0),
  counterMax: doublePrecision('counter_max'),
  states: text('states').array(),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const profileMetrics = pgTable('profile_metrics', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  profileId: uuid('profile_id').notNull(),
  ...metricColumns(),
});

export const devices = pgTable('devices', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  gatewayId: uuid('gateway_id'),
  profileId: uuid('profile_id'),
  equipmentId: uuid('equipment_id'),
  isEnabled: boolean('is_enabled').notNull().default(true),
  offlineAfterSeconds: integer('offline_after_seconds').notNull().default(300),
  lastSeenAt: ts('last_seen_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const metrics = pgTable('metrics', {
  tenantId: uuid('tenant_id').notNull(),
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
  deviceId: uuid('device_id').notNull(),
  profileMetricId: uuid('profile_metric_id'),
  ...metricColumns(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const deviceCredentials = pgTable('device_credentials', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  deviceId: uuid('device_id'),
  gatewayId: uuid('gateway_id'),
  kind: text('kind', { enum: ['token', 'password'] }).notNull(),
  tokenHash: text('token_hash'),
  username: text('username'),
  passwordHash: text('password_hash'),
  prefix: text('prefix').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
  revokedAt: ts('revoked_at'),
  lastUsedAt: ts('last_used_at'),
});
