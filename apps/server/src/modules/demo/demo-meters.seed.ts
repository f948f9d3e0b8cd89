import { sql } from 'drizzle-orm';
import type { TCreateMeter } from '@greenmes/contracts';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { createMeter } from '../energy/metering/meters.service.ts';
import { createRecord } from '../energy/metering/records.service.ts';
import { seedCtx } from './demo-ctx.ts';

type Spec = Omit<TCreateMeter, 'parentId' | 'nodeId' | 'metricId' | 'multiplier' | 'isEnabled'> & {
  parent?: string;
  node?: string;
  /** device code / metric key of the counter */
  counter?: string;
};
const E = { medium: 'electricity' as const, unit: 'kWh' as const };

/** The demo factory's metering (GB 17167): incomers, workshop sub-meters, the losses, and a manual diesel meter. */
const METERS: Spec[] = [
  {
    ...E,
    code: 'E-MAIN',
    name: '总进线电能',
    level: 1,
    source: 'telemetry',
    node: 'GY-SITE',
    counter: 'PM-MAIN/kwh',
  },
  {
    ...E,
    code: 'E-MC',
    name: '机加工车间电能',
    level: 2,
    parent: 'E-MAIN',
    source: 'telemetry',
    node: 'MC',
    counter: 'PM-MC/kwh',
  },
  {
    ...E,
    code: 'E-AS',
    name: '装配车间电能',
    level: 2,
    parent: 'E-MAIN',
    source: 'telemetry',
    node: 'AS',
    counter: 'PM-AS/kwh',
  },
  {
    ...E,
    code: 'E-PT',
    name: '涂装车间电能',
    level: 2,
    parent: 'E-MAIN',
    source: 'telemetry',
    node: 'PT',
    counter: 'PM-PT/kwh',
  },
  {
    ...E,
    code: 'E-UT',
    name: '公用动力站电能',
    level: 2,
    parent: 'E-MAIN',
    source: 'telemetry',
    node: 'UT',
    counter: 'PM-UT/kwh',
  },
  {
    ...E,
    code: 'E-LOSS',
    name: '线损及未计量用电',
    level: 2,
    parent: 'E-MAIN',
    source: 'formula',
    formula: 'E-MAIN - E-MC - E-AS - E-PT - E-UT',
    description: '变压器与线路损耗及未装分表的用电（虚拟表）',
  },
  {
    code: 'G-MAIN',
    name: '天然气总表',
    medium: 'natural_gas',
    unit: 'm3',
    level: 1,
    source: 'telemetry',
    node: 'GY-SITE',
    counter: 'FM-GAS-MAIN/gas_total_m3',
  },
  {
    code: 'W-MAIN',
    name: '自来水总表',
    medium: 'new_water',
    unit: 't',
    level: 1,
    source: 'telemetry',
    node: 'GY-SITE',
    counter: 'FM-WATER-MAIN/water_total_m3',
    description: '1 m³ = 1 t',
  },
  {
    code: 'S-BLR',
    name: '锅炉蒸汽',
    medium: 'steam',
    unit: 't',
    level: 2,
    source: 'telemetry',
    node: 'UT',
    counter: 'FM-STEAM-01/steam_total_t',
  },
  {
    code: 'A-COMP',
    name: '压缩空气',
    medium: 'compressed_air',
    unit: 'm3',
    level: 2,
    source: 'telemetry',
    node: 'UT',
    counter: 'FM-AIR-01/air_total_m3',
  },
  {
    code: 'D-FORKLIFT',
    name: '叉车柴油（按发票）',
    medium: 'diesel',
    unit: 'kg',
    level: 1, // bought in: it crosses the enterprise boundary
    source: 'manual',
    node: 'GY-SITE',
    description: '厂内叉车加油，按月度发票录入',
  },
];

/** Meters of the demo enterprise, fed by the simulator's counters; idempotent (adds what is missing). */
export async function seedDemoMeters({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const ctx = await seedCtx(tx, tenant);
    const existing = new Map(
      (await queryRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM meters`)).map((m) => [
        m.code,
        m.id,
      ]),
    );
    const nodes = new Map(
      (await queryRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM plant_nodes`)).map((n) => [
        n.code,
        n.id,
      ]),
    );
    const counters = new Map(
      (
        await queryRows<{ id: string; label: string }>(
          tx,
          sql`SELECT m.id, d.code || '/' || m.key AS label FROM metrics m JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id
              WHERE m.kind = 'counter'`,
        )
      ).map((m) => [m.label, Number(m.id)]),
    );
    for (const { parent, node, counter, ...spec } of METERS) {
      if (existing.has(spec.code)) continue;
      if (counter && !counters.has(counter)) continue; // the device is not there (an older demo database)
      const created = await createMeter(ctx, {
        ...spec,
        parentId: parent ? (existing.get(parent) ?? null) : null,
        nodeId: node ? (nodes.get(node) ?? null) : null,
        metricId: counter ? counters.get(counter)! : null,
        multiplier: 1,
        isEnabled: true,
      });
      existing.set(spec.code, created.id);
      if (spec.code === 'D-FORKLIFT') {
        // the last three months' invoices
        const now = new Date();
        for (let k = 3; k >= 1; k--) {
          const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 1) - 8 * 3_600_000);
          const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k + 1, 1) - 8 * 3_600_000);
          await createRecord(ctx, created.id, {
            kind: 'consumption',
            ts: start.toISOString(),
            periodEnd: end.toISOString(),
            value: 380 + 40 * k,
            documentNo: `FP-${start.toISOString().slice(0, 7)}`,
            note: '叉车柴油月度发票',
          });
        }
      }
    }
  });
}
