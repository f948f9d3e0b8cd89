import { sql } from 'drizzle-orm';
import type { TCreateDeviceProfile } from '@greenmes/contracts';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { createDevice } from '../telemetry/devices.service.ts';
import { createGateway } from '../telemetry/gateways.service.ts';
import { createProfile } from '../telemetry/profiles.service.ts';
import { seedCtx } from './demo-ctx.ts';

/** Metric templates of the demo factory's devices: a power meter and a CNC controller. */
const PROFILES: TCreateDeviceProfile[] = [
  {
    code: 'PM-3P',
    name: '三相电能表',
    description: 'Modbus TCP 多功能电能表（总表与分表）',
    metrics: [
      {
        key: 'kw',
        name: '有功功率',
        unitCode: 'kW',
        valueType: 'number',
        kind: 'gauge',
        energyMedium: 'electricity',
        scale: 1,
        offset: 0,
      },
      // 32-bit register pair in 0.1 kWh: rolls over at 2^32 × 0.1
      {
        key: 'kwh',
        name: '正向有功电能',
        unitCode: 'kWh',
        valueType: 'number',
        kind: 'counter',
        energyMedium: 'electricity',
        scale: 0.1,
        offset: 0,
        counterMax: 429496729.6,
      },
      { key: 'voltage', name: '线电压', valueType: 'number', kind: 'gauge', scale: 1, offset: 0 },
      { key: 'pf', name: '功率因数', valueType: 'number', kind: 'gauge', scale: 1, offset: 0 },
    ],
  },
  {
    code: 'CNC',
    name: '数控机床控制器',
    description: 'OPC UA：状态、主轴功率、计件',
    metrics: [
      {
        key: 'state',
        name: '运行状态',
        valueType: 'state',
        kind: 'state',
        states: ['idle', 'running', 'down', 'setup'],
        scale: 1,
        offset: 0,
      },
      {
        key: 'spindle_kw',
        name: '主轴功率',
        unitCode: 'kW',
        valueType: 'number',
        kind: 'gauge',
        energyMedium: 'electricity',
        scale: 1,
        offset: 0,
      },
      {
        key: 'parts',
        name: '加工件数',
        unitCode: 'pcs',
        valueType: 'number',
        kind: 'counter',
        scale: 1,
        offset: 0,
      },
      { key: 'alarm_code', name: '报警代码', valueType: 'string', kind: 'event', scale: 1, offset: 0 },
    ],
  },
];

/** Meters and machine controllers of the demo factory, behind one edge gateway. Idempotent. */
export async function seedDemoDevices({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(tx, sql`SELECT 1 FROM device_profiles LIMIT 1`);
    if (any) return;
    const ctx = await seedCtx(tx, tenant);
    const profile = new Map<string, string>();
    for (const p of PROFILES) profile.set(p.code, (await createProfile({ ctx, input: p })).id);
    const gateway = await createGateway({
      ctx,
      input: { code: 'EDGE-01', name: '工厂边缘网关', description: '机加工车间配电室' },
    });
    const equipment = new Map(
      (await queryRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM equipment`)).map((e) => [
        e.code,
        e.id,
      ]),
    );
    const devices = [
      { code: 'PM-MAIN', name: '总进线电能表', profile: 'PM-3P' },
      { code: 'PM-MC', name: '机加工车间电能表', profile: 'PM-3P' },
      { code: 'PM-AS', name: '装配车间电能表', profile: 'PM-3P' },
      { code: 'PM-PT', name: '涂装车间电能表', profile: 'PM-3P' },
      { code: 'PM-UT', name: '公用动力站电能表', profile: 'PM-3P' },
      { code: 'PLC-CNC-T01', name: '数控车床 1# 控制器', profile: 'CNC', equipment: 'CNC-T01' },
      { code: 'PLC-CNC-T02', name: '数控车床 2# 控制器', profile: 'CNC', equipment: 'CNC-T02' },
      { code: 'PLC-VMC-01', name: '立式加工中心 1# 控制器', profile: 'CNC', equipment: 'VMC-01' },
      { code: 'PLC-HMC-01', name: '卧式加工中心控制器', profile: 'CNC', equipment: 'HMC-01' },
    ];
    for (const d of devices)
      await createDevice({
        ctx,
        input: {
          code: d.code,
          name: d.name,
          profileId: profile.get(d.profile)!,
          gatewayId: gateway.id,
          equipmentId: d.equipment ? (equipment.get(d.equipment) ?? null) : null,
          metrics: [],
        },
      });
  });
}
