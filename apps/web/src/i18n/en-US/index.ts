import type { Messages } from '../messages.ts';
import type { ZhCatalogue } from '../zh-CN/index.ts';
import { common, errors } from './common.ts';
import { platform } from './platform.ts';
import { modeling } from './modeling.ts';
import { telemetry } from './telemetry.ts';
import { alarms } from './alarms.ts';
import { energy } from './energy.ts';
import { energyLedgers } from './energy-ledgers.ts';
import { energyReports } from './energy-reports.ts';
import { metering } from './metering.ts';
import { tariffs } from './tariffs.ts';
import { calendars } from './calendars.ts';
import { energyTables } from './energy-tables.ts';
import { enpi } from './enpi.ts';
import { carbonSources } from './carbon-sources.ts';
import { energyCost } from './energy-cost.ts';
import { energyProducts } from './energy-products.ts';
import { production } from './production.ts';
import { workOrders } from './work-orders.ts';
import { scheduling } from './scheduling.ts';
import { labour } from './labour.ts';
import { wages } from './wages.ts';
import { terminal } from './terminal.ts';
import { workOrderEnergy } from './work-order-energy.ts';
import { andon } from './andon.ts';
import { wip } from './wip.ts';
import { oee } from './oee.ts';
import { lots } from './lots.ts';
import { dashboards } from './dashboards.ts';
import { plantViews } from './plant-views.ts';
import { screens } from './screens.ts';
import { liveProduction } from './live-production.ts';

export const enUS: Messages<ZhCatalogue> = {
  ...common,
  ...errors,
  ...platform,
  ...modeling,
  ...telemetry,
  ...alarms,
  ...energy,
  ...energyLedgers,
  ...energyReports,
  ...metering,
  ...tariffs,
  ...calendars,
  ...energyTables,
  ...enpi,
  ...carbonSources,
  ...energyCost,
  ...energyProducts,
  ...production,
  ...workOrders,
  ...scheduling,
  ...labour,
  ...wages,
  ...terminal,
  ...workOrderEnergy,
  ...andon,
  ...wip,
  ...oee,
  ...lots,
  ...dashboards,
  ...plantViews,
  ...screens,
  ...liveProduction,
};
