import type {
  EnergyMedium,
  EnergyUnit,
  TCarbonCalcRequest,
  TCarbonCalcResult,
  TEnergyCalcRequest,
  TEnergyCalcResult,
} from '@greenmes/contracts';
import { AppError } from '../../../platform/http/errors.ts';
import {
  baseUnitOf,
  CO2_PER_C,
  COAL_COEFFICIENTS,
  COMBUSTION_DEFAULTS,
  KGCE_PER_MJ,
} from '../factors/library.ts';
import { dimensionOf, unitRatio, unitsOf, type Dimension } from './units.ts';

/** A factor the engine was given (from the request, or the tenant's choice for the year). */
export interface ChosenFactor {
  value: number;
  source: string;
}

/** The tenant's choices for the reporting year, used where a request does not give its own. */
export interface YearFactors {
  electricityEqualValueKgcePerKwh: ChosenFactor;
  gridEmissionFactorTco2PerMWh: ChosenFactor;
  heatEmissionFactorTco2PerGj: ChosenFactor;
}

const GIVEN = 'given in the request';
/** Media that are not burnt: never a combustion fuel. */
export const NOT_FUELS = new Set<EnergyMedium>([
  'electricity',
  'steam',
  'hot_water',
  'heat',
  'new_water',
  'compressed_air',
]);
/** The dimension a medium is measured in: its library coefficient's unit (hot water: mass). */
export const mediumDimension = (medium: EnergyMedium): Dimension => dimensionOf(baseUnitOf(medium));

class Problems {
  readonly list: Array<{ path: string; message: string }> = [];
  add(path: string, message: string) {
    this.list.push({ path, message });
  }
  throwIfAny() {
    if (this.list.length > 0) throw new AppError('VALIDATION', {}, this.list);
  }
}

/** `quantity unit` → how many of the medium's base unit; adds a problem when the unit does not fit. */
function ratioTo(
  problems: Problems,
  path: string,
  what: string,
  unit: EnergyUnit,
  to: EnergyUnit,
): number | null {
  const r = unitRatio(unit, to);
  if (r === null)
    problems.add(path, `${unit} is not a unit of ${what}: use ${unitsOf(dimensionOf(to)).join(' or ')}`);
  return r;
}

/**
 * Comprehensive energy consumption (GB/T 2589-2020): Σ quantity × coefficient, in equivalent value and, with
 * electricity at the year's equal value, in equal value. Pure: the caller supplies the year's factors.
 */
export function calculateEnergy(input: TEnergyCalcRequest, year: YearFactors): TEnergyCalcResult {
  const problems = new Problems();
  const equal: ChosenFactor =
    input.electricityEqualValueKgcePerKwh !== undefined
      ? { value: input.electricityEqualValueKgcePerKwh, source: GIVEN }
      : year.electricityEqualValueKgcePerKwh;
  const items = input.items.map((item, i) => {
    const at = `body.items.${i}`;
    const library = COAL_COEFFICIENTS.get(item.medium);
    const baseUnit = baseUnitOf(item.medium);
    const perBase = ratioTo(problems, `${at}.unit`, item.medium, item.unit, baseUnit) ?? 0;
    if (item.enthalpyKjPerKg !== undefined && item.medium !== 'steam')
      problems.add(`${at}.enthalpyKjPerKg`, 'only for steam');
    let kgcePerUnit: number;
    let factorSource: string;
    if (item.kgcePerUnit !== undefined) {
      kgcePerUnit = item.kgcePerUnit;
      factorSource = GIVEN;
    } else if (item.medium === 'steam' && item.enthalpyKjPerKg !== undefined) {
      // heat content: kg × kJ/kg ÷ 1000 = MJ, × 0.03412 kgce/MJ
      kgcePerUnit = ((perBase * item.enthalpyKjPerKg) / 1000) * KGCE_PER_MJ;
      factorSource = `enthalpy ${item.enthalpyKjPerKg} kJ/kg × ${KGCE_PER_MJ} kgce/MJ (GB/T 2589-2020)`;
    } else if (library) {
      kgcePerUnit = library.value * perBase;
      factorSource =
        library.source + (library.toConfirm ? ' (default to confirm: see the factor library)' : '');
    } else {
      problems.add(`${at}.medium`, `no library coefficient for ${item.medium}: give kgcePerUnit`);
      kgcePerUnit = 0;
      factorSource = '';
    }
    const isElectricity = item.medium === 'electricity';
    const kgcePerUnitEqual = isElectricity ? equal.value * perBase : kgcePerUnit;
    return {
      medium: item.medium,
      quantity: item.quantity,
      unit: item.unit,
      kgcePerUnit,
      factorSource,
      kgcePerUnitEqual,
      factorSourceEqual: isElectricity
        ? `equal value ${equal.value} kgce/kWh (${equal.source})`
        : factorSource,
      tceEquivalent: (item.quantity * kgcePerUnit) / 1000,
      tceEqual: (item.quantity * kgcePerUnitEqual) / 1000,
    };
  });
  problems.throwIfAny();
  const totalTceEquivalent = sum(items.map((i) => i.tceEquivalent));
  const totalTceEqual = sum(items.map((i) => i.tceEqual));
  const per = (d: number | undefined, scale = 1) =>
    d === undefined
      ? undefined
      : { equivalent: (totalTceEquivalent * scale) / d, equal: (totalTceEqual * scale) / d };
  return {
    items,
    totalTceEquivalent,
    totalTceEqual,
    ...(input.outputValue10kYuan !== undefined && { perOutputValueTce: per(input.outputValue10kYuan) }),
    ...(input.valueAdded10kYuan !== undefined && { perValueAddedTce: per(input.valueAdded10kYuan) }),
    ...(input.productOutput !== undefined && { perProductKgce: per(input.productOutput, 1000) }),
  };
}

/** GJ of heat in purchased steam (t × (h − 83.74) × 10⁻³), hot water (t × (T − 20) × 4.1868 × 10⁻³) or heat. */
export function heatGj(h: TCarbonCalcRequest['purchasedHeat'][number]): number {
  if (h.kind === 'steam') return h.tonnes * (h.enthalpyKjPerKg - 83.74) * 1e-3;
  if (h.kind === 'hot_water') return h.tonnes * (h.temperatureC - 20) * 4.1868 * 1e-3;
  return h.gj;
}

/**
 * GHG emissions (GB/T 32150): combustion + process + purchased electricity and heat − exported − recovered.
 * Combustion: quantity in the fuel's NCV unit × NCV × carbon content × oxidation × 44/12.
 */
export function calculateCarbon(input: TCarbonCalcRequest, year: YearFactors): TCarbonCalcResult {
  const problems = new Problems();
  const combustion = input.combustion.map((c, i) => {
    const at = `body.combustion.${i}`;
    const defaults = COMBUSTION_DEFAULTS.get(c.fuel);
    const isGiven =
      c.ncvGjPerUnit !== undefined && c.carbonContentTcPerGj !== undefined && c.oxidationRate !== undefined;
    if (NOT_FUELS.has(c.fuel))
      problems.add(`${at}.fuel`, `${c.fuel} is not a fuel: report it as purchased energy`);
    else if (!defaults && !isGiven)
      problems.add(
        `${at}.fuel`,
        `no default combustion parameters for ${c.fuel}: give ncvGjPerUnit, carbonContentTcPerGj and oxidationRate`,
      );
    const ncvUnit = defaults?.ncvUnit ?? (mediumDimension(c.fuel) === 'volume' ? '10^4Nm3' : 't');
    const ratio = ratioTo(problems, `${at}.unit`, c.fuel, c.unit, ncvUnit) ?? 0;
    const ncv = c.ncvGjPerUnit ?? defaults?.ncvGjPerUnit ?? 0;
    const cc = c.carbonContentTcPerGj ?? defaults?.carbonContentTcPerGj ?? 0;
    const of = c.oxidationRate ?? defaults?.oxidationRate ?? 0;
    const given = [
      c.ncvGjPerUnit !== undefined && 'NCV',
      c.carbonContentTcPerGj !== undefined && 'carbon content',
      c.oxidationRate !== undefined && 'oxidation rate',
    ].filter(Boolean);
    const quantityInNcvUnit = c.quantity * ratio;
    const activityGj = quantityInNcvUnit * ncv;
    return {
      fuel: c.fuel,
      quantity: c.quantity,
      unit: c.unit,
      ncvUnit,
      quantityInNcvUnit,
      ncvGjPerUnit: ncv,
      carbonContentTcPerGj: cc,
      oxidationRate: of,
      activityGj,
      factorSource:
        given.length === 3
          ? GIVEN
          : `${defaults?.factor.source ?? ''}${given.length ? `; ${given.join(', ')} ${GIVEN}` : ''}`,
      tco2: activityGj * cc * of * CO2_PER_C,
    };
  });
  problems.throwIfAny();

  const grid: ChosenFactor =
    input.gridEmissionFactorTco2PerMWh !== undefined
      ? { value: input.gridEmissionFactorTco2PerMWh, source: GIVEN }
      : year.gridEmissionFactorTco2PerMWh;
  const heat: ChosenFactor =
    input.heatEmissionFactorTco2PerGj !== undefined
      ? { value: input.heatEmissionFactorTco2PerGj, source: GIVEN }
      : year.heatEmissionFactorTco2PerGj;
  const combustionTco2 = sum(combustion.map((c) => c.tco2));
  const processTco2 = sum(input.process.map((p) => p.activity * p.emissionFactorTco2PerUnit));
  const purchasedElectricityTco2 = input.purchasedElectricityMWh * grid.value;
  const purchasedHeatGj = sum(input.purchasedHeat.map(heatGj));
  const purchasedHeatTco2 = purchasedHeatGj * heat.value;
  const exportedTco2 = input.exportedElectricityMWh * grid.value + input.exportedHeatGj * heat.value;
  const recoveredTco2 = input.recoveredTco2;
  const scope1Tco2 = combustionTco2 + processTco2 - recoveredTco2;
  const scope2Tco2 = purchasedElectricityTco2 + purchasedHeatTco2 - exportedTco2;
  const totalTco2 = scope1Tco2 + scope2Tco2;
  return {
    combustion,
    combustionTco2,
    processTco2,
    gridEmissionFactorTco2PerMWh: grid.value,
    gridFactorSource: grid.source,
    purchasedElectricityTco2,
    purchasedHeatGj,
    heatEmissionFactorTco2PerGj: heat.value,
    heatFactorSource: heat.source,
    purchasedHeatTco2,
    exportedTco2,
    recoveredTco2,
    totalTco2,
    scope1Tco2,
    scope2Tco2,
    ...(input.outputValue10kYuan !== undefined && {
      perOutputValueTco2: totalTco2 / input.outputValue10kYuan,
    }),
    ...(input.productOutput !== undefined && { perProductTco2: totalTco2 / input.productOutput }),
  };
}

/** Neumaier-compensated sum: totals equal the sum of their parts however they are split. */
export function sum(values: number[]): number {
  let s = 0;
  let c = 0;
  for (const v of values) {
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}
