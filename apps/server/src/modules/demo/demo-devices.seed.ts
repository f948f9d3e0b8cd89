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

type Def = TCreateDeviceProfile['metrics'][number];
const num = (
  key: string,
  name: string,
  kind: 'gauge' | 'counter' = 'gauge',
  extra: Partial<Def> = {},
): Def => ({
  key,
  name,
  valueType: 'number',
  kind,
  scale: 1,
  offset: 0,
  ...extra,
});

/** Utility meters and environmental sensors the simulator publishes over MQTT (apps/simulator README). */
const SENSORS: Array<{ code: string; name: string; metrics: Def[] }> = [
  {
    code: 'FM-GAS-MAIN',
    name: '天然气总表',
    metrics: [
      num('gas_flow_m3h', '瞬时流量 (m³/h)', 'gauge', { energyMedium: 'natural_gas' }),
      num('gas_total_m3', '累计用气量', 'counter', { unitCode: 'm3', energyMedium: 'natural_gas' }),
    ],
  },
  {
    code: 'FM-GAS-OVN',
    name: '固化炉燃气表',
    metrics: [num('gas_flow_m3h', '瞬时流量 (m³/h)', 'gauge', { energyMedium: 'natural_gas' })],
  },
  {
    code: 'FM-WATER-MAIN',
    name: '自来水总表',
    metrics: [
      num('water_flow_m3h', '瞬时流量 (m³/h)', 'gauge', { energyMedium: 'new_water' }),
      num('water_total_m3', '累计用水量', 'counter', { unitCode: 'm3', energyMedium: 'new_water' }),
    ],
  },
  {
    code: 'FM-STEAM-01',
    name: '蒸汽流量计',
    metrics: [
      num('steam_flow_th', '蒸汽流量 (t/h)', 'gauge', { energyMedium: 'steam' }),
      num('steam_total_t', '累计蒸汽量', 'counter', { unitCode: 't', energyMedium: 'steam' }),
      num('steam_pressure_mpa', '蒸汽压力 (MPa)'),
    ],
  },
  {
    code: 'FM-AIR-01',
    name: '压缩空气流量计',
    metrics: [
      num('air_flow_m3min', '瞬时流量 (m³/min)', 'gauge', { energyMedium: 'compressed_air' }),
      num('air_total_m3', '累计用气量', 'counter', { unitCode: 'm3', energyMedium: 'compressed_air' }),
      num('air_pressure_bar', '管网压力 (bar)'),
    ],
  },
  {
    code: 'BLR-01',
    name: '燃气蒸汽锅炉',
    metrics: [
      { key: 'is_firing', name: '燃烧中', valueType: 'boolean', kind: 'state', scale: 1, offset: 0 },
      num('gas_flow_m3h', '燃气流量 (m³/h)', 'gauge', { energyMedium: 'natural_gas' }),
      num('steam_flow_th', '蒸发量 (t/h)', 'gauge', { energyMedium: 'steam' }),
      num('steam_pressure_mpa', '蒸汽压力 (MPa)'),
      num('flue_temp_c', '排烟温度 (°C)'),
    ],
  },
  {
    code: 'CEMS-01',
    name: '锅炉烟气在线监测',
    metrics: [
      num('so2_mgm3', 'SO₂ 浓度 (mg/m³)'),
      num('nox_mgm3', 'NOx 浓度 (mg/m³)'),
      num('pm_mgm3', '颗粒物浓度 (mg/m³)'),
      num('o2_pct', '含氧量 (%)'),
      num('flue_flow_m3h', '烟气流量 (m³/h)'),
    ],
  },
  {
    code: 'WW-01',
    name: '废水排放口在线监测',
    metrics: [num('cod_mgl', 'COD (mg/L)'), num('ph', 'pH'), num('flow_m3h', '排放流量 (m³/h)')],
  },
  { code: 'NOISE-01', name: '厂界噪声监测', metrics: [num('noise_dba', '厂界噪声 (dB(A))')] },
];

const CONTROLLER_METRICS = PROFILES.find((p) => p.code === 'CNC')!.metrics;
/** Controllers of the machines that are not machine tools: same signals, its own template. */
const PLC_PROFILE: TCreateDeviceProfile = {
  code: 'PLC',
  name: '设备控制器',
  description: 'OPC UA：状态、功率、计件（试验台、机器人、焊机、喷涂线）',
  metrics: CONTROLLER_METRICS,
};
/** Every machine the simulator runs has a controller `PLC-<equipment code>` on OPC UA. */
const MACHINE_CONTROLLERS: Array<{ equipment: string; profile: 'CNC' | 'PLC' }> = [
  ...['CNC-T03', 'VMC-02', 'CNC-T04', 'GRD-01', 'BAL-01'].map((e) => ({
    equipment: e,
    profile: 'CNC' as const,
  })),
  ...['AS-TST-01', 'AS-ROB-01', 'AS-TST-02', 'AS-WLD-01', 'PT-SPR-01', 'PT-OVN-01', 'PT-FAN-01'].map((e) => ({
    equipment: e,
    profile: 'PLC' as const,
  })),
];

/** Meters, machine controllers and sensors of the demo factory, behind one edge gateway. Idempotent. */
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
  await inTenant(db, tenant.id, async (tx) => {
    const existing = new Set(
      (await queryRows<{ code: string }>(tx, sql`SELECT code FROM devices`)).map((d) => d.code),
    );
    const [gateway] = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM gateways WHERE code = 'EDGE-01'`,
    );
    const ctx = await seedCtx(tx, tenant);
    const profiles = new Map(
      (await queryRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM device_profiles`)).map(
        (p) => [p.code, p.id],
      ),
    );
    if (!profiles.has('PLC')) profiles.set('PLC', (await createProfile({ ctx, input: PLC_PROFILE })).id);
    const machines = new Map(
      (
        await queryRows<{ id: string; code: string; name: string }>(
          tx,
          sql`SELECT id, code, name FROM equipment`,
        )
      ).map((e) => [e.code, e]),
    );
    for (const m of MACHINE_CONTROLLERS)
      if (!existing.has(`PLC-${m.equipment}`) && profiles.has(m.profile))
        await createDevice({
          ctx,
          input: {
            code: `PLC-${m.equipment}`,
            name: `${machines.get(m.equipment)?.name ?? m.equipment} 控制器`,
            profileId: profiles.get(m.profile)!,
            gatewayId: gateway?.id ?? null,
            equipmentId: machines.get(m.equipment)?.id ?? null,
            metrics: [],
          },
        });
    for (const sensor of SENSORS)
      if (!existing.has(sensor.code))
        await createDevice({
          ctx,
          input: {
            code: sensor.code,
            name: sensor.name,
            gatewayId: gateway?.id ?? null,
            metrics: sensor.metrics,
          },
        });
  });
}
