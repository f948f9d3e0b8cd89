import { randomUUID } from 'node:crypto';
import { BUILTIN_ROLES, DEFAULT_SETTINGS } from '@greenmes/contracts';
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/database.ts';
import { inSystem } from '../../platform/db/tenant-tx.ts';
import { roles, tenantSettings } from './platform.schema.ts';
import { units } from '../modeling/modeling.schema.ts';

/** Exact factors to each dimension's base unit (count: pcs, mass: kg, length: m, energy: MJ, time: s…). */
export const STANDARD_UNITS: Array<{
  code: string;
  name: string;
  dimension: string;
  baseFactor: string;
  isBase?: boolean;
}> = [
  { code: 'pcs', name: '件', dimension: 'count', baseFactor: '1', isBase: true },
  { code: 'set', name: '套', dimension: 'count', baseFactor: '1' },
  { code: 'box', name: '箱', dimension: 'count', baseFactor: '1' },
  { code: 'kg', name: '千克', dimension: 'mass', baseFactor: '1', isBase: true },
  { code: 'g', name: '克', dimension: 'mass', baseFactor: '0.001' },
  { code: 't', name: '吨', dimension: 'mass', baseFactor: '1000' },
  { code: 'm', name: '米', dimension: 'length', baseFactor: '1', isBase: true },
  { code: 'mm', name: '毫米', dimension: 'length', baseFactor: '0.001' },
  { code: 'm2', name: '平方米', dimension: 'area', baseFactor: '1', isBase: true },
  { code: 'm3', name: '立方米', dimension: 'volume', baseFactor: '1', isBase: true },
  { code: 'L', name: '升', dimension: 'volume', baseFactor: '0.001' },
  { code: 'MJ', name: '兆焦', dimension: 'energy', baseFactor: '1', isBase: true },
  { code: 'GJ', name: '吉焦', dimension: 'energy', baseFactor: '1000' },
  { code: 'kWh', name: '千瓦时', dimension: 'energy', baseFactor: '3.6' },
  { code: 'MWh', name: '兆瓦时', dimension: 'energy', baseFactor: '3600' },
  { code: 'kW', name: '千瓦', dimension: 'power', baseFactor: '1', isBase: true },
  { code: 's', name: '秒', dimension: 'time', baseFactor: '1', isBase: true },
  { code: 'min', name: '分钟', dimension: 'time', baseFactor: '60' },
  { code: 'h', name: '小时', dimension: 'time', baseFactor: '3600' },
];

/** What every new tenant starts with: built-in roles, default settings, the standard units. Runs in the tenant's scope. */
export async function seedTenantDefaults(
  tx: Tx,
  tenantId: string,
): Promise<{ roleIds: Map<string, string> }> {
  const roleIds = new Map<string, string>();
  await tx.insert(roles).values(
    BUILTIN_ROLES.map((r) => {
      const id = randomUUID();
      roleIds.set(r.code, id);
      return { tenantId, id, code: r.code, name: r.name, isBuiltin: true, permissions: [...r.permissions] };
    }),
  );
  await tx
    .insert(tenantSettings)
    .values(Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ tenantId, key, value })));
  await tx
    .insert(units)
    .values(STANDARD_UNITS.map((u) => ({ tenantId, id: randomUUID(), ...u, isBase: u.isBase ?? false })));
  return { roleIds };
}

/**
 * Built-in roles are read-only to tenants, so when a release adds permissions (a new module) every
 * tenant's built-in roles get them at boot. Custom roles are left alone.
 */
export async function syncBuiltinRoles(db: Db): Promise<void> {
  await inSystem(db, async (tx) => {
    for (const role of BUILTIN_ROLES)
      await tx
        .update(roles)
        .set({ permissions: [...role.permissions] })
        .where(and(eq(roles.code, role.code), eq(roles.isBuiltin, true)));
  });
}
