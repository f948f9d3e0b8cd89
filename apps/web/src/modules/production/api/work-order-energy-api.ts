import type { TWorkOrderEnergy, TWorkOrderEnergyByProduct } from '@greenmes/contracts';
import { api } from '../../../api/client.ts';

/** Energy and carbon per work order (its operations' share of the work centers' meters) and by product. */
export const workOrderEnergyApi = {
  get: (id: string, signal?: AbortSignal) =>
    api.get<TWorkOrderEnergy>(`/production/work-orders/${id}/energy`, undefined, signal),
  byProduct: (query: { from: string; to: string }, signal?: AbortSignal) =>
    api.get<TWorkOrderEnergyByProduct>('/energy/products/work-orders', { ...query }, signal),
};
