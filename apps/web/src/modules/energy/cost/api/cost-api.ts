import type { TEnergyCostReport } from '@greenmes/contracts';
import { api } from '../../../../api/client.ts';

/** [from, to) as ISO instants. */
export interface CostQuery {
  from: string;
  to: string;
}

export const costApi = {
  report: (query: CostQuery, signal?: AbortSignal) =>
    api.get<TEnergyCostReport>('/energy/cost', { ...query }, signal),
};
