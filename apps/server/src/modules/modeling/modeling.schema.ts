import { boolean, date, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const plantNodes = pgTable('plant_nodes', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  parentId: uuid('parent_id'),
  kind: text('kind', { enum: ['site', 'area', 'line', 'work_center'] }).notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const units = pgTable('units', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  dimension: text('dimension').notNull(),
  baseFactor: numeric('base_factor').notNull(),
  isBase: boolean('is_base').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const materials = pgTable('materials', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  specification: text('specification'),
  unitId: uuid('unit_id').notNull(),
  category: text('category'),
  description: text('description'),
  isActive: boolean('is_active').notNull().default(true),
  isSerialTracked: boolean('is_serial_tracked').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const equipment = pgTable('equipment', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  nodeId: uuid('node_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  model: text('model'),
  manufacturer: text('manufacturer'),
  serialNumber: text('serial_number'),
  category: text('category').notNull(),
  ratedPowerKw: numeric('rated_power_kw'),
  energyMedia: text('energy_media').array().notNull(),
  commissioningDate: date('commissioning_date', { mode: 'string' }),
  status: text('status').notNull(),
  isKeyEnergyConsumer: boolean('is_key_energy_consumer').notNull().default(false),
  isEliminatedModel: boolean('is_eliminated_model').notNull().default(false),
  phaseOutDate: date('phase_out_date', { mode: 'string' }),
  description: text('description'),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
