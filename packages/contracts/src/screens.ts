import { z } from 'zod';
import { ZId, ZTimestamp } from './common.ts';
import { ENERGY_MEDIA } from './energy-media.ts';
import { ZEnergyUnit } from './energy.ts';
import { ZEnergyFlow } from './energy-reports.ts';
import { ZAlarmSeverity } from './alarms.ts';
import { ZConnectivity } from './telemetry.ts';
import { ZWorkOrderStatus } from './work-orders.ts';

/** The big screens (数据大屏), in the order the picker lists them. */
export const SCREEN_KEYS = ['summary', 'production', 'equipment', 'energy', 'carbon'] as const;
export const ZScreenKey = z.enum(SCREEN_KEYS);
export type ScreenKey = z.infer<typeof ZScreenKey>;

export const ZScreenQuery = z
  .object({
    /** the moment the screen shows (its day, month and year in the tenant's time zone); default now */
    at: z.iso.datetime({ offset: true }).optional(),
    /** one site's screen: what belongs to a place (WIP, Andon, equipment, alarms, meters, monitors) in it */
    siteId: ZId.optional(),
  })
  .strict();
export type TScreenQuery = z.infer<typeof ZScreenQuery>;

/** The calendar spans a screen speaks of, in the tenant's time zone (epoch ms, [start, end)). */
const ZScreenPeriods = z.object({
  at: ZTimestamp,
  timezone: z.string(),
  day: z.tuple([z.number(), z.number()]),
  month: z.tuple([z.number(), z.number()]),
  year: z.tuple([z.number(), z.number()]),
});
/** The site a screen is limited to (`?siteId=`), named in its header; null: the whole enterprise. */
export const ZScreenSite = z.object({ id: ZId, name: z.string() }).nullable();
export type TScreenSite = z.infer<typeof ZScreenSite>;

// ---- production ----
export const ZProductionScreen = z.object({
  periods: ZScreenPeriods,
  site: ZScreenSite,
  today: z.object({
    /** good quantity reported today at the last operation of its order */
    goodQty: z.number(),
    /** scrap reported today at any operation */
    scrapQty: z.number(),
    /** quantity of the orders planned to end (or due) today */
    plannedQty: z.number(),
    /** goodQty ÷ plannedQty; null when nothing is planned for today */
    attainment: z.number().nullable(),
    reports: z.number().int(),
  }),
  /** good output at last operations per hour of today: [hour start, quantity] */
  hourly: z.array(z.tuple([z.number(), z.number()])),
  wip: z.object({
    waiting: z.number(),
    inProcess: z.number(),
    done: z.number(),
    orders: z.number().int(),
    workCenters: z.array(
      z.object({ id: ZId, code: z.string(), name: z.string(), waiting: z.number(), inProcess: z.number() }),
    ),
  }),
  /** open orders (released, in progress, on hold), earliest due first */
  orders: z.array(
    z.object({
      id: ZId,
      number: z.string(),
      productName: z.string(),
      status: ZWorkOrderStatus,
      quantity: z.number(),
      goodQty: z.number(),
      /** goodQty ÷ quantity, capped at 1 */
      progress: z.number(),
      dueDate: z.string().nullable(),
    }),
  ),
  openOrders: z.number().int(),
  /** scrap of today by reason, largest first (at most 5) */
  scrapReasons: z.array(z.object({ code: z.string().nullable(), name: z.string(), quantity: z.number() })),
  andon: z.object({
    unresolved: z.number().int(),
    items: z.array(
      z.object({
        id: ZId,
        kind: z.string(),
        severity: ZAlarmSeverity,
        isStopping: z.boolean(),
        description: z.string(),
        workCenterName: z.string(),
        raisedAt: ZTimestamp,
      }),
    ),
  }),
});
export type TProductionScreen = z.infer<typeof ZProductionScreen>;

// ---- equipment ----
export const ZEquipmentGridQuery = z.object({ siteId: ZId.optional() }).strict();
export type TEquipmentGridQuery = z.infer<typeof ZEquipmentGridQuery>;
/** Every visible piece of equipment with its running state, in one answer (a status grid of 1,000+). */
export const ZEquipmentGrid = z.object({
  items: z.array(
    z.object({
      id: ZId,
      code: z.string(),
      name: z.string(),
      nodeId: ZId,
      /** the state name (or index) of its state metric; null when none is reported */
      state: z.string().nullable(),
      stateAt: ZTimestamp.nullable(),
      connectivity: ZConnectivity.nullable(),
    }),
  ),
});
export type TEquipmentGrid = z.infer<typeof ZEquipmentGrid>;

const ZScreenOeeCenter = z.object({ id: ZId, code: z.string(), name: z.string(), oee: z.number() });
export const ZEquipmentScreen = z.object({
  periods: ZScreenPeriods,
  site: ZScreenSite,
  grid: ZEquipmentGrid,
  /** equipment per reported state ('none': no state reported, 'offline': its controller is offline) */
  byState: z.array(z.object({ state: z.string(), count: z.number().int() })),
  /** running ÷ equipment reporting a state, now; null when none reports a state */
  runningShare: z.number().nullable(),
  /**
   * Today's OEE so far: the plant's (work centers with data, weighted by planned time) and the best and
   * worst work centers; null when no work center has data (calendar, running state and job reports)
   */
  oee: z
    .object({
      value: z.number(),
      workCenters: z.number().int(),
      top: z.array(ZScreenOeeCenter),
      bottom: z.array(ZScreenOeeCenter),
    })
    .nullable(),
  alarms: z.object({
    open: z.number().int(),
    unacknowledged: z.number().int(),
    bySeverity: z.record(ZAlarmSeverity, z.number().int()),
    items: z.array(
      z.object({
        id: ZId,
        severity: ZAlarmSeverity,
        ruleName: z.string(),
        deviceName: z.string().nullable(),
        message: z.string().nullable(),
        state: z.string(),
        raisedAt: ZTimestamp,
      }),
    ),
  }),
});
export type TEquipmentScreen = z.infer<typeof ZEquipmentScreen>;

// ---- energy ----
const ZScreenMedium = z.object({
  medium: z.enum(ENERGY_MEDIA),
  unit: ZEnergyUnit,
  quantity: z.number(),
  tceEquivalent: z.number().nullable(),
});
export const ZEnergyScreen = z.object({
  periods: ZScreenPeriods,
  site: ZScreenSite,
  today: z.object({ byMedium: z.array(ZScreenMedium), tce: z.number() }),
  month: z.object({
    byMedium: z.array(ZScreenMedium),
    tce: z.number(),
    /** the month before, same span */
    previousTce: z.number().nullable(),
  }),
  /** tce per day of the month: [day start, tce or null when nothing was measured] */
  trend: z.array(z.tuple([z.number(), z.number().nullable()])),
  /** electricity of the month by time-of-use period, over the incomers (level-1 meters) */
  electricityByPeriod: z.array(z.object({ period: z.string(), quantity: z.number(), share: z.number() })),
  /** energy and basic charges of the month so far at the incomers, yuan; null when no tariff prices them */
  monthCost: z.string().nullable(),
  /** areas (level-2 meters by plant node) by tce of the month, largest first */
  topConsumers: z.array(z.object({ name: z.string(), tce: z.number() })),
  flow: ZEnergyFlow,
  /** the incomers' live load: gauge metrics of the incomer's medium on its device (a power meter's kW) */
  loads: z.array(
    z.object({
      meterCode: z.string(),
      meterName: z.string(),
      medium: z.enum(ENERGY_MEDIA),
      metricId: z.number().int(),
      name: z.string(),
      unitCode: z.string().nullable(),
      value: z.number().nullable(),
      ts: ZTimestamp.nullable(),
    }),
  ),
});
export type TEnergyScreen = z.infer<typeof ZEnergyScreen>;

// ---- carbon and environment ----
export const ZCarbonScreen = z.object({
  periods: ZScreenPeriods,
  site: ZScreenSite,
  year: z.object({
    scope1Tco2: z.number(),
    scope2Tco2: z.number(),
    totalTco2: z.number(),
    /** tCO₂ per 10k yuan gross output value; null without economic figures */
    perOutputValueTco2: z.number().nullable(),
  }),
  months: z.array(
    z.object({ start: z.number(), scope1Tco2: z.number(), scope2Tco2: z.number(), totalTco2: z.number() }),
  ),
  /** latest values of the environmental monitors, each against the threshold of its 'high' alarm rule */
  pollutants: z.array(
    z.object({
      metricId: z.number().int(),
      key: z.string(),
      name: z.string(),
      deviceCode: z.string(),
      unitCode: z.string().nullable(),
      value: z.number().nullable(),
      ts: ZTimestamp.nullable(),
      /** null: no enabled 'high' rule watches it */
      limit: z.number().nullable(),
    }),
  ),
});
export type TCarbonScreen = z.infer<typeof ZCarbonScreen>;

// ---- summary ----
export const ZSummaryScreen = z.object({
  periods: ZScreenPeriods,
  site: ZScreenSite,
  production: ZProductionScreen.shape.today.extend({
    openOrders: z.number().int(),
    wipOrders: z.number().int(),
  }),
  equipment: z.object({
    total: z.number().int(),
    runningShare: z.number().nullable(),
    openAlarms: z.number().int(),
  }),
  energy: z.object({
    todayTce: z.number(),
    monthTce: z.number(),
    monthCost: z.string().nullable(),
    trend: ZEnergyScreen.shape.trend,
  }),
  carbon: z.object({ yearTco2: z.number(), months: ZCarbonScreen.shape.months }),
  alarms: ZEquipmentScreen.shape.alarms.shape.items,
});
export type TSummaryScreen = z.infer<typeof ZSummaryScreen>;
