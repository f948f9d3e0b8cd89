import { sql } from 'drizzle-orm';
import type { TWidgetInput } from '@greenmes/contracts';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { createDashboard } from '../visualization/dashboards/dashboards.service.ts';
import { seedCtx } from './demo-ctx.ts';

/**
 * The demo's operations dashboard: KPIs, the main meter's power, energy by medium, the equipment grid, open
 * alarms and the plant layout, shared with every built-in role that reads dashboards. Through the service
 * (validated, audited). Once: nothing when any dashboard exists.
 */
export async function seedDemoDashboards({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(tx, sql`SELECT 1 FROM dashboards LIMIT 1`);
    if (any) return;
    const ctx = await seedCtx(tx, tenant);
    const [power] = await queryRows<{ id: string | number }>(
      tx,
      sql`SELECT m.id FROM metrics m JOIN devices d ON d.tenant_id = m.tenant_id AND d.id = m.device_id
          WHERE d.code = 'PM-MAIN' AND m.key = 'kw'`,
    );
    const [layout] = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM plant_layouts ORDER BY created_at LIMIT 1`,
    );
    const roles = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM roles WHERE 'visualization.dashboard.read' = ANY(permissions) AND code <> 'tenant_admin'`,
    );
    const kpi = (id: string, x: number, kpiName: string): TWidgetInput => ({
      id,
      type: 'kpi',
      layout: { x, y: 0, w: 3, h: 3 },
      binding: { source: 'kpi', kpi: kpiName as 'alarms.open' },
    });
    const widgets: TWidgetInput[] = [
      kpi('energy-tce', 0, 'energy.today.tce'),
      kpi('electricity', 3, 'energy.today.electricityKwh'),
      kpi('alarms', 6, 'alarms.open'),
      kpi('andon', 9, 'andon.unresolved'),
      ...(power
        ? [
            {
              id: 'main-power',
              type: 'area',
              title: '总进线有功功率',
              layout: { x: 0, y: 3, w: 8, h: 7 },
              binding: {
                source: 'metrics',
                metricIds: [Number(power.id)],
                agg: 'avg',
                timeRange: { kind: 'relative', last: '24h' },
              },
            } satisfies TWidgetInput,
          ]
        : []),
      {
        id: 'media',
        type: 'pie',
        title: '近 7 天分介质能耗（tce）',
        layout: { x: 8, y: 3, w: 4, h: 7 },
        binding: { source: 'query', query: 'energy.byMedium', timeRange: { kind: 'relative', last: '7d' } },
      },
      { id: 'machines', type: 'equipment-status', title: '设备状态', layout: { x: 0, y: 10, w: 6, h: 7 } },
      {
        id: 'open-alarms',
        type: 'alarms',
        title: '未关闭报警',
        layout: { x: 6, y: 10, w: 6, h: 7 },
        binding: { source: 'query', query: 'alarms.open' },
      },
      ...(layout
        ? [
            {
              id: 'plan',
              type: 'plant-layout',
              title: '工厂平面',
              layout: { x: 0, y: 17, w: 12, h: 10 },
              options: { layoutId: layout.id },
            } satisfies TWidgetInput,
          ]
        : []),
    ];
    await createDashboard(ctx, {
      name: '工厂运营总览',
      description: '能耗、报警、安灯与设备状态一屏总览',
      widgets,
      sharedRoleIds: roles.map((r) => r.id),
    });
  });
}
