import { sql } from 'drizzle-orm';
import type { AlarmSeverity } from '@greenmes/contracts';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { createRule } from '../telemetry/alarms/alarm-rules.service.ts';
import { seedCtx } from './demo-ctx.ts';

interface EmissionLimit {
  device: string;
  key: string;
  type: 'high' | 'low';
  threshold: number;
  /** how long the value must stay beyond the limit: limits are judged on averages, not single readings */
  durationSeconds: number;
  name: string;
  /** the standard the limit comes from, shown with the alarm */
  message: string;
}

const HOUR = 3600;
// GB 13271-2014《锅炉大气污染物排放标准》Table 2 (boilers built after 1 July 2014; UT-BLR-01 is from 2017),
// gas-fired, at 3.5 % reference O₂; judged on hourly averages (HJ 75-2017), hence an hour above the limit
const GB13271 = 'GB 13271-2014 表 2 燃气锅炉排放限值（小时均值，基准含氧量 3.5%）';
// GB 8978-1996《污水综合排放标准》Table 4 grade 3: the outlet drains to the park's sewage works
const GB8978 = 'GB 8978-1996 表 4 三级标准（排入城镇污水处理厂）';
// GB 12348-2008《工业企业厂界环境噪声排放标准》class 3 (industrial zone): 65 dB(A) by day; the night
// limit of 55 dB(A) needs a rule that follows the clock, which a threshold rule does not
const GB12348 = 'GB 12348-2008 3 类声环境功能区 昼间限值';

/**
 * The legal limits of the demo's environmental monitors as alarm rules, so a reading beyond one raises
 * an alarm and the carbon & environment screen shows each value against its limit. The demo has no VOCs
 * monitor on the paint line, so no VOCs rule (its stack would be held to a local NMHC limit such as
 * 60 mg/m³; GB 37822-2019 covers the fugitive VOCs).
 */
export const DEMO_EMISSION_LIMITS: EmissionLimit[] = [
  {
    device: 'CEMS-01',
    key: 'pm_mgm3',
    type: 'high',
    threshold: 20,
    durationSeconds: HOUR,
    name: '锅炉烟气颗粒物超标',
    message: GB13271,
  },
  {
    device: 'CEMS-01',
    key: 'so2_mgm3',
    type: 'high',
    threshold: 50,
    durationSeconds: HOUR,
    name: '锅炉烟气 SO₂ 超标',
    message: GB13271,
  },
  {
    device: 'CEMS-01',
    key: 'nox_mgm3',
    type: 'high',
    threshold: 200,
    durationSeconds: HOUR,
    name: '锅炉烟气 NOx 超标',
    message: GB13271,
  },
  {
    device: 'WW-01',
    key: 'cod_mgl',
    type: 'high',
    threshold: 500,
    durationSeconds: HOUR,
    name: '废水 COD 超标',
    message: GB8978,
  },
  {
    device: 'WW-01',
    key: 'ph',
    type: 'high',
    threshold: 9,
    durationSeconds: 600,
    name: '废水 pH 偏高',
    message: GB8978,
  },
  {
    device: 'WW-01',
    key: 'ph',
    type: 'low',
    threshold: 6,
    durationSeconds: 600,
    name: '废水 pH 偏低',
    message: GB8978,
  },
  {
    device: 'NOISE-01',
    key: 'noise_dba',
    type: 'high',
    threshold: 65,
    // a noise level is an equivalent level over minutes, not an instant
    durationSeconds: 600,
    name: '厂界噪声超标',
    message: GB12348,
  },
];
const SEVERITY: AlarmSeverity = 'major';

/**
 * Alarm rules on the demo's emission monitors, through the alarm-rule service (audited). Once: does
 * nothing when the tenant has any alarm rule (a demo made before these rules gets them on its next start,
 * unless someone has written rules of their own meanwhile).
 */
export async function seedDemoAlarmRules({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(tx, sql`SELECT 1 FROM alarm_rules LIMIT 1`);
    if (any) return;
    const ctx = await seedCtx(tx, tenant);
    const metrics = new Map(
      (
        await queryRows<{ id: string | number; device_code: string; key: string }>(
          tx,
          sql`SELECT m.id, d.code AS device_code, m.key FROM metrics m
              JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id`,
        )
      ).map((m) => [`${m.device_code}/${m.key}`, Number(m.id)]),
    );
    for (const { device, key, ...rule } of DEMO_EMISSION_LIMITS) {
      const metricId = metrics.get(`${device}/${key}`);
      if (metricId === undefined) continue;
      await createRule({ ctx, input: { ...rule, metricId, severity: SEVERITY } });
    }
  });
}
