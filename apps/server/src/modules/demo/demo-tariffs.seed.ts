import { sql } from 'drizzle-orm';
import type { TTariffPlanValues } from '@greenmes/contracts';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { createPlan } from '../energy/tariffs/tariffs.service.ts';
import { seedCtx } from './demo-ctx.ts';

const ILLUSTRATIVE =
  '示例电价，仅供演示，非现行目录电价；以当地电网企业代理购电价格公告为准。Illustrative prices for the demo, not an official tariff.';

/**
 * A Jiangsu-style two-part time-of-use plan for 1–10 kV industry: valley 0–8, peak 8–11 and
 * 17–22, flat otherwise; in July–September 10–11 and 14–15 are critical peak. Plus flat-price
 * plans for gas, water and steam. Shared with the cost engine's tests.
 */
export const DEMO_TARIFF_PLANS: TTariffPlanValues[] = [
  {
    code: 'JS-IND-TOU-10KV',
    name: '一般工商业及大工业两部制分时电价（1–10 kV）',
    medium: 'electricity',
    unit: 'kWh',
    currency: 'CNY',
    validFrom: '2026-01-01',
    validTo: null,
    pricing: 'tou',
    prices: { sharp: '1.28', peak: '1.07', flat: '0.65', valley: '0.3' },
    seasons: [
      {
        name: '夏季 Summer',
        months: [7, 8, 9],
        schedule: [
          { period: 'valley', start: '00:00', end: '08:00' },
          { period: 'peak', start: '08:00', end: '10:00' },
          { period: 'sharp', start: '10:00', end: '11:00' },
          { period: 'flat', start: '11:00', end: '14:00' },
          { period: 'sharp', start: '14:00', end: '15:00' },
          { period: 'flat', start: '15:00', end: '17:00' },
          { period: 'peak', start: '17:00', end: '22:00' },
          { period: 'flat', start: '22:00', end: '24:00' },
        ],
      },
      {
        name: '其他月份 Other months',
        months: [1, 2, 3, 4, 5, 6, 10, 11, 12],
        schedule: [
          { period: 'valley', start: '00:00', end: '08:00' },
          { period: 'peak', start: '08:00', end: '11:00' },
          { period: 'flat', start: '11:00', end: '17:00' },
          { period: 'peak', start: '17:00', end: '22:00' },
          { period: 'flat', start: '22:00', end: '24:00' },
        ],
      },
    ],
    basicCharge: { basis: 'demand', pricePerKwMonth: '40' },
    note: ILLUSTRATIVE,
  },
  {
    code: 'GAS-IND-2026',
    name: '工业天然气',
    medium: 'natural_gas',
    unit: 'm3',
    currency: 'CNY',
    validFrom: '2026-01-01',
    pricing: 'flat',
    flatPrice: '3.85',
    note: ILLUSTRATIVE,
  },
  {
    code: 'WATER-IND-2026',
    name: '工业用水（含污水处理费）',
    medium: 'new_water',
    unit: 't',
    currency: 'CNY',
    validFrom: '2026-01-01',
    pricing: 'flat',
    flatPrice: '4.6',
    note: ILLUSTRATIVE,
  },
  {
    code: 'STEAM-IND-2026',
    name: '园区集中供热蒸汽',
    medium: 'steam',
    unit: 't',
    currency: 'CNY',
    validFrom: '2026-01-01',
    pricing: 'flat',
    flatPrice: '260',
    note: ILLUSTRATIVE,
  },
];

/** The demo enterprise's tariff plans. Idempotent: does nothing once it has any plan. */
export async function seedDemoTariffs({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(tx, sql`SELECT 1 FROM energy_tariff_plans LIMIT 1`);
    if (any) return;
    const ctx = await seedCtx(tx, tenant);
    for (const input of DEMO_TARIFF_PLANS) await createPlan({ ctx, input });
  });
}
