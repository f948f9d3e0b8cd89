import type { Messages } from '../messages.ts';
import type { liveProduction as zh } from '../zh-CN/live-production.ts';

/** Production: live updates, Andon stops and flags, carbon per lot */
export const liveProduction: Messages<typeof zh> = {
  liveProduction: {
    live: 'Live',
    refreshedLive: 'Updated {{time}}, reports pushed live',
    stopped: 'Stopped: {{text}}',
    flagged: 'Flagged: {{text}}',
    paused: 'Paused: {{text}}',
  },
  lotCarbon: {
    title: 'Carbon footprint',
    loading: 'Computing the footprint…',
    total: 'Total',
    perUnit: 'Per unit',
    energy: 'Energy share',
    materials: 'Materials',
    share: '{{percent}}% of the order’s output ({{qty}} / {{good}})',
    received: 'Purchased lot: by the material’s emission factor',
    component: 'Consumed lot',
    material: 'Material',
    quantity: 'Quantity',
    factor: 'Factor kgCO₂e/unit',
    emission: 'kgCO₂e',
    noComponents: 'No consumed lots in the genealogy',
    missing: 'No emission factor for: {{codes}}',
    method: 'Method',
    methodText:
      "Energy: the lot's share of its work order's energy and carbon by quantity (its output ÷ the good quantity of the order's last operation). Materials: each lot consumed into it (the genealogy) × its footprint per unit — the purchased material's factor for a received lot, that lot's own footprint per unit (computed the same way) for a produced one.",
    unknown: 'unknown',
  },
};
