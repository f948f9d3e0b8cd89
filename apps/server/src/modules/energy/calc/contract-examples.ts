import type { TEnergyCalcRequest } from '@greenmes/contracts';

// The request bodies of ../shared/reference/calculation-api.md, shared by the engine's and the endpoints' tests.
export const ENERGY_CONTRACT_EXAMPLE: TEnergyCalcRequest = {
  items: [
    { medium: 'raw_coal', quantity: 1000, unit: 't' },
    { medium: 'electricity', quantity: 5_000_000, unit: 'kWh' },
    { medium: 'natural_gas', quantity: 300_000, unit: 'm3', kgcePerUnit: 1.2143 },
    { medium: 'steam', quantity: 2000, unit: 't', enthalpyKjPerKg: 2777.0 },
  ],
  electricityEqualValueKgcePerKwh: 0.3,
  outputValue10kYuan: 8000,
  valueAdded10kYuan: 2500,
  productOutput: 10_000,
};

export const CARBON_CONTRACT_EXAMPLE = {
  combustion: [
    { fuel: 'natural_gas', quantity: 300_000, unit: 'm3' },
    {
      fuel: 'diesel',
      quantity: 50,
      unit: 't',
      ncvGjPerUnit: 42.652,
      carbonContentTcPerGj: 0.0202,
      oxidationRate: 0.98,
    },
  ],
  process: [{ name: 'desulfurisation', activity: 10, unit: 't', emissionFactorTco2PerUnit: 0.396 }],
  purchasedElectricityMWh: 5000,
  gridEmissionFactorTco2PerMWh: 0.5306,
  purchasedHeat: [
    { kind: 'steam', tonnes: 2000, enthalpyKjPerKg: 2777.0 },
    { kind: 'heat', gj: 100 },
  ],
  heatEmissionFactorTco2PerGj: 0.11,
  exportedElectricityMWh: 0,
  exportedHeatGj: 0,
  recoveredTco2: 0,
  outputValue10kYuan: 8000,
  productOutput: 10_000,
};
