import { sql } from 'drizzle-orm';
import type { TCreateSavingProject, TUpdateSavingProject } from '@greenmes/contracts';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { putEconomicMonth } from '../energy/ledgers/economics.service.ts';
import {
  createProject,
  transitionProject,
  updateProject,
} from '../energy/ledgers/saving-projects.service.ts';
import { seedCtx } from './demo-ctx.ts';

// A valve-and-pump factory of ~2.8×10⁸ yuan a year: monthly output in 10⁴ yuan before the
// season, value added about 29 % of it, and output per finished product in its own unit.
const BASE_OUTPUT_VALUE = 2350;
const VALUE_ADDED_RATE = 0.29;
/** By calendar month: the Spring Festival empties February; the year-end rush fills December. */
const SEASON = [0.98, 0.64, 1.02, 1.04, 1.07, 1.09, 1.03, 0.99, 1.06, 1.02, 1.08, 1.16];
/**
 * The month's output relative to the base: its season with a small wobble so the months are not
 * multiples of each other. `back` counts months before the current one (the demo history reuses it,
 * so metered energy tracks output).
 */
export const demoOutputFactor = (month0: number, back: number) =>
  SEASON[month0]! * (1 + (((back * 37) % 11) - 5) / 200);
const PRODUCTS: Array<{ code: string; perMonth: number; qualifiedRate: number }> = [
  { code: 'FG-BV-100', perMonth: 3600, qualifiedRate: 0.992 },
  { code: 'FG-GV-150', perMonth: 1250, qualifiedRate: 0.987 },
  { code: 'FG-CV-80', perMonth: 2100, qualifiedRate: 0.994 },
  { code: 'FG-PMP-150', perMonth: 185, qualifiedRate: 0.984 },
  { code: 'FG-PMP-100', perMonth: 360, qualifiedRate: 0.989 },
];

type Project = TCreateSavingProject & {
  path: Array<{ status: 'ongoing' | 'done'; date: string }>;
  verified?: TUpdateSavingProject;
};

/** Savings in tce use the equivalent value 0.1229 kgce/kWh and 1.2143 kgce/m³ of natural gas (GB/T 2589). */
function projects(year: number): Project[] {
  const y1 = year - 1;
  return [
    {
      code: `ES-${y1}-01`,
      name: '空压站永磁变频螺杆机替换',
      nodeId: 'UT',
      measureType: 'compressed_air',
      investment: '68',
      media: ['electricity', 'compressed_air'],
      expectedSavingsTce: '47.93',
      expectedSavingsQuantity: '390000',
      expectedSavingsUnit: 'kWh',
      expectedSavingsValue: '27.3',
      description: '两台 110 kW 工频螺杆机换为一台 132 kW 永磁变频机，管网压力由 0.75 降至 0.65 MPa',
      path: [
        { status: 'ongoing', date: `${y1}-03-01` },
        { status: 'done', date: `${y1}-05-20` },
      ],
      verified: {
        verifiedSavingsTce: '45.2',
        verifiedSavingsValue: '25.8',
        verificationMethod: '改造前后各 30 天电能表计量比对，按产量修正（GB/T 28750）',
        verifiedOn: `${y1}-09-15`,
        verifiedBy: '能源管理员 王工',
      },
    },
    {
      code: `ES-${y1}-02`,
      name: '机加工车间 LED 照明改造',
      nodeId: 'MC',
      measureType: 'lighting',
      investment: '18.5',
      media: ['electricity'],
      expectedSavingsTce: '18.44',
      expectedSavingsQuantity: '150000',
      expectedSavingsUnit: 'kWh',
      expectedSavingsValue: '10.5',
      description: '420 盏 400 W 金卤灯换为 150 W LED 工矿灯，分区感应控制',
      path: [
        { status: 'ongoing', date: `${y1}-06-10` },
        { status: 'done', date: `${y1}-07-31` },
      ],
      verified: {
        verifiedSavingsTce: '17.6',
        verifiedSavingsValue: '10.1',
        verificationMethod: '照明回路分表计量，改造前后同期对比',
        verifiedOn: `${y1}-11-05`,
        verifiedBy: '能源管理员 王工',
      },
    },
    {
      code: `ES-${year}-01`,
      name: '涂装烘干炉烟气余热回收',
      nodeId: 'PT',
      measureType: 'waste_heat_recovery',
      investment: '120',
      media: ['natural_gas'],
      expectedSavingsTce: '103.22',
      expectedSavingsQuantity: '85000',
      expectedSavingsUnit: 'm3',
      expectedSavingsValue: '32.3',
      description: '烘干炉排烟 280 °C 经板式换热器预热新风，排烟降至 120 °C',
      path: [{ status: 'ongoing', date: `${year}-03-10` }],
    },
    {
      code: `ES-${year}-02`,
      name: '冷却泵与排风机电机变频改造',
      nodeId: 'MC',
      measureType: 'motor_vfd',
      investment: '32',
      media: ['electricity'],
      expectedSavingsTce: '25.81',
      expectedSavingsQuantity: '210000',
      expectedSavingsUnit: 'kWh',
      expectedSavingsValue: '14.7',
      startDate: `${year}-10-01`,
      description: '12 台 15–37 kW 电机加装变频器，按压差/温度闭环调速',
      path: [],
    },
    {
      code: `ES-${year}-03`,
      name: '厂房屋顶分布式光伏 1.2 MWp',
      nodeId: 'GY-SITE',
      measureType: 'renewables',
      investment: '480',
      media: ['electricity'],
      expectedSavingsTce: '159.77',
      expectedSavingsQuantity: '1300000',
      expectedSavingsUnit: 'kWh',
      expectedSavingsValue: '91',
      description: '自发自用、余电上网；年等效利用小时约 1080 h',
      path: [],
    },
  ];
}

/** Twelve months of economic figures and five saving projects for the demo site. Idempotent. */
export async function seedDemoLedgers({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(
      tx,
      sql`SELECT 1 FROM energy_economic_months UNION ALL SELECT 1 FROM energy_saving_projects LIMIT 1`,
    );
    if (any) return;
    const nodes = new Map(
      (await queryRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM plant_nodes`)).map((n) => [
        n.code,
        n.id,
      ]),
    );
    const site = nodes.get('GY-SITE');
    if (!site) return;
    const materials = new Map(
      (
        await queryRows<{ id: string; code: string }>(
          tx,
          sql`SELECT id, code FROM materials WHERE type = 'finished'`,
        )
      ).map((m) => [m.code, m.id]),
    );
    const ctx = await seedCtx(tx, tenant);
    const now = new Date(Date.now() + 8 * 3_600_000); // Asia/Shanghai
    for (let back = 12; back >= 1; back--) {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
      const month = d.toISOString().slice(0, 7);
      const f = demoOutputFactor(d.getUTCMonth(), back);
      const gross = BASE_OUTPUT_VALUE * f;
      await putEconomicMonth(ctx, {
        siteId: site,
        month,
        input: {
          grossOutputValue: gross.toFixed(2),
          valueAdded: (gross * VALUE_ADDED_RATE).toFixed(2),
          note: d.getUTCMonth() === 1 ? '春节停产 9 天' : null,
          products: PRODUCTS.filter((p) => materials.has(p.code)).map((p) => {
            const quantity = Math.round(p.perMonth * f);
            return {
              materialId: materials.get(p.code)!,
              quantity: String(quantity),
              qualifiedQuantity: String(Math.floor(quantity * p.qualifiedRate)),
            };
          }),
        },
      });
    }
    for (const p of projects(now.getUTCFullYear())) {
      const { path, verified, nodeId, ...input } = p;
      const created = await createProject(ctx, { ...input, nodeId: nodes.get(nodeId) ?? site });
      for (const step of path) await transitionProject(ctx, { id: created.id, ...step });
      if (verified) await updateProject(ctx, created.id, verified);
    }
  });
}
