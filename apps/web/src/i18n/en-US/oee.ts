import type { Messages } from '../messages.ts';
import type { oee as zh } from '../zh-CN/oee.ts';

/** Production: overall equipment effectiveness (OEE) */
export const oee: Messages<typeof zh> = {
  oee: {
    menu: 'OEE',
    title: 'Overall equipment effectiveness (OEE)',
    period: 'Period',
    periodHint: 'Empty: today so far',
    today: 'Today',
    yesterday: 'Yesterday',
    last7: 'Last 7 days',
    last30: 'Last 30 days',
    site: 'Site',
    allSites: 'All sites',
    export: 'Export Excel',
    plant: 'Plant OEE',
    plantNote: '{{count}} work centers with data, weighted by planned production time',
    noPlant: 'No work center has the data OEE needs',
    workCenter: 'Work center',
    equipment: 'Equipment',
    equipmentNoState: 'reports no running state',
    plannedMinutes: 'Planned (min)',
    runningMinutes: 'Running (min)',
    goodScrap: 'Good / scrap',
    availability: 'Availability',
    performance: 'Performance',
    uncapped: 'Measured {{value}} (capped at 100%)',
    quality: 'Quality',
    value: 'OEE',
    reasons: 'Missing data',
    empty: 'No work centers in this selection',
    formula:
      'OEE = availability × performance × quality. Availability = running time inside planned production time ÷ planned production time (shift calendar working time minus breaks); performance = Σ standard run time per piece × (good + scrap) ÷ running time; quality = good ÷ (good + scrap).',
    reason: {
      no_equipment: 'No equipment at the work center',
      no_state_data: 'Equipment reports no running state',
      no_planned_time: 'No planned time in the shift calendar',
      no_running_time: 'Did not run in planned time',
      no_standard_time: 'Operations lack a standard run time',
      no_output: 'No quantities reported',
    },
  },
};
