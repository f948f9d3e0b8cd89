import type {
  TCarbonCalcRequest,
  TCarbonCalcResult,
  TEnergyCalcRequest,
  TEnergyCalcResult,
  TEnergyYearSettings,
  TEnergyYearSettingsResult,
  TFactor,
} from '@greenmes/contracts';
import { api, apiRequest } from '../../../api/client.ts';

export const energyApi = {
  calculateEnergy: (body: TEnergyCalcRequest) => api.post<TEnergyCalcResult>('/energy/calculate', body),
  calculateCarbon: (body: TCarbonCalcRequest) => api.post<TCarbonCalcResult>('/carbon/calculate', body),
  factors: (signal?: AbortSignal) => api.get<TFactor[]>('/energy/factors', undefined, signal),
  yearSettingsList: (signal?: AbortSignal) =>
    api.get<TEnergyYearSettingsResult[]>('/energy/year-settings', undefined, signal),
  yearSettings: (year: number, signal?: AbortSignal) =>
    api.get<TEnergyYearSettingsResult>(`/energy/year-settings/${year}`, undefined, signal),
  putYearSettings: (body: TEnergyYearSettings) =>
    apiRequest<TEnergyYearSettingsResult>(`/energy/year-settings/${body.year}`, { method: 'PUT', body }),
};
