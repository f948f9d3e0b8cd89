import type { Messages } from '../messages.ts';
import type { wip as zh } from '../zh-CN/wip.ts';

/** Production: WIP board, transfers between operations, counter-driven reporting */
export const wip: Messages<typeof zh> = {
  wip: {
    menu: 'WIP board',
    title: 'WIP board',
    site: 'Site',
    allSites: 'All sites',
    refreshed: 'Updated {{time}}, refreshes every 5 s',
    waiting: 'Waiting',
    inProcess: 'In process',
    done: 'Done',
    orders: '{{count}} orders',
    empty: 'No work in process',
    noWorkCenters: 'No work centers',
    explicitTransfers: 'Explicit transfers between operations',
    automaticTransfers: 'Good quantity moves on automatically',
    overReported: 'Over-reported {{qty}}',
    fullscreen: 'Full screen',
    exitFullscreen: 'Exit full screen',
  },
  transfer: {
    button: 'Transfer to next operation',
    title: 'Transfer to the next operation',
    available: 'Available: {{qty}} (good {{good}}, transferred {{out}})',
    transferredIn: 'Transferred in: {{qty}}',
    quantity: 'Quantity',
    done: 'Transferred {{qty}}',
  },
  counter: {
    title: 'Counter',
    loading: 'Reading the counter…',
    proposed: 'Proposed good quantity',
    source:
      '{{equipment}} · {{metric}}: {{counts}} counts × {{factor}}, {{minutes}} min running ({{from}} – {{to}})',
    nothing: 'No new counts since the last confirmation',
    confirm: 'Confirm report',
    edit: 'Edit and confirm',
    editTitle: 'Edit the counter proposal',
    goodQty: 'Good quantity',
    confirmed: 'Reported {{qty}} from the counter',
    method:
      "Sum of the counter's increase per minute (resets count from zero, rollovers wrap) over the minutes the operation ran",
  },
  counterConfig: {
    menu: 'Counters and transfers',
    title: 'Counter-driven reporting and transfers',
    explicitTransfers: 'Explicit transfers between operations',
    explicitTransfersHint:
      'On: good quantity reaches the next operation only when transferred at the terminal, and the next operation reports only what came in. Off: it moves on automatically.',
    hint: 'Per piece of equipment: the part-counter metric, parts per count and the mode. In "propose" mode the terminal proposes a quantity while an operation runs on the equipment\'s work center; the operator confirms it.',
    equipment: 'Equipment',
    node: 'Location',
    metric: 'Counter metric',
    partsPerCount: 'Parts per count',
    mode: 'Mode',
    modes: { off: 'Off', propose: 'Propose' },
    notConfigured: 'Not configured',
    save: 'Save',
    remove: 'Remove',
    saved: 'Saved',
    removed: 'Removed',
    empty: 'No equipment with counter metrics (bind a device with a counter metric to the equipment)',
  },
};
