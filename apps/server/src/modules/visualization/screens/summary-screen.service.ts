import type { TScreenQuery, TSummaryScreen } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { carbonScreen } from './carbon-screen.service.ts';
import { energyScreen } from './energy-screen.service.ts';
import { equipmentScreen } from './equipment-screen.service.ts';
import { productionScreen } from './production-screen.service.ts';
import { screenContext, siteRef } from './screen-site.ts';

/** The headline of each screen on one page: the same figures the other screens show, computed the same way. */
export async function summaryScreen(ctx: Ctx, q: TScreenQuery): Promise<TSummaryScreen> {
  const known = await screenContext(ctx, q);
  const production = await productionScreen(ctx, q, known);
  const equipment = await equipmentScreen(ctx, q, known);
  const energy = await energyScreen(ctx, q, known);
  const carbon = await carbonScreen(ctx, q, known);
  return {
    periods: known.periods,
    site: siteRef(known.site),
    production: { ...production.today, openOrders: production.openOrders, wipOrders: production.wip.orders },
    equipment: {
      total: equipment.grid.items.length,
      runningShare: equipment.runningShare,
      openAlarms: equipment.alarms.open,
    },
    energy: {
      todayTce: energy.today.tce,
      monthTce: energy.month.tce,
      monthCost: energy.monthCost,
      trend: energy.trend,
    },
    carbon: { yearTco2: carbon.year.totalTco2, months: carbon.months },
    alarms: equipment.alarms.items,
  };
}
