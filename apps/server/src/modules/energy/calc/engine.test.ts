// Hand-worked examples from ../shared/reference (factors) and calculation-api.md; expected values worked out
// by hand (decimal arithmetic), not by the code under test.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ZCarbonCalcRequest, type TCarbonCalcRequest, type TEnergyCalcRequest } from '@greenmes/contracts';
import { AppError } from '../../../platform/http/errors.ts';
import { CARBON_CONTRACT_EXAMPLE, ENERGY_CONTRACT_EXAMPLE } from './contract-examples.ts';
import { calculateCarbon, calculateEnergy, heatGj, sum, type YearFactors } from './engine.ts';

const YEAR: YearFactors = {
  electricityEqualValueKgcePerKwh: { value: 0.3055, source: 'test year' },
  gridEmissionFactorTco2PerMWh: { value: 0.5703, source: 'test year' },
  heatEmissionFactorTco2PerGj: { value: 0.11, source: 'test year' },
};
const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 9);

function problemsOf(fn: () => unknown): Array<{ path: string; message: string }> {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.details ?? [];
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('energy: tce in equivalent and equal value (GB/T 2589-2020)', () => {
  const example: TEnergyCalcRequest = ENERGY_CONTRACT_EXAMPLE;

  it('the contract example: per item, totals, per 10k yuan and per product', () => {
    const r = calculateEnergy(example, YEAR);
    const [coal, power, gas, steam] = r.items;
    close(coal!.kgcePerUnit, 714.3); // 0.7143 kgce/kg × 1000 kg/t
    expect(coal!.factorSource).toBe('GB/T 2589-2020');
    close(coal!.tceEquivalent, 714.3);
    close(coal!.tceEqual, 714.3);
    close(power!.kgcePerUnit, 0.1229);
    close(power!.tceEquivalent, 614.5); // 5 000 000 × 0.1229 / 1000
    close(power!.tceEqual, 1500); // × 0.300 equal value
    expect(power!.factorSourceEqual).toContain('given in the request');
    close(gas!.tceEquivalent, 364.29); // the override, per m³
    expect(gas!.factorSource).toBe('given in the request');
    close(steam!.kgcePerUnit, 94.75124); // 1000 kg × 2.777 MJ/kg × 0.03412
    close(steam!.tceEquivalent, 189.50248);
    close(r.totalTceEquivalent, 1882.59248);
    close(r.totalTceEqual, 2768.09248);
    close(r.perOutputValueTce!.equivalent, 0.23532406);
    close(r.perOutputValueTce!.equal, 0.34601156);
    close(r.perValueAddedTce!.equivalent, 0.753036992);
    close(r.perValueAddedTce!.equal, 1.107236992);
    close(r.perProductKgce!.equivalent, 188.259248);
    close(r.perProductKgce!.equal, 276.809248);
  });

  it("without an equal value in the request, the year's value is used and named", () => {
    const r = calculateEnergy({ items: [{ medium: 'electricity', quantity: 1, unit: 'MWh' }] }, YEAR);
    close(r.items[0]!.kgcePerUnit, 122.9); // per MWh
    close(r.totalTceEqual, 0.3055);
    expect(r.items[0]!.factorSourceEqual).toContain('test year');
    expect(r).not.toHaveProperty('perOutputValueTce');
  });

  it('converts units: 10⁴Nm³ of gas, kg of coal, GJ of heat — the same energy however it is entered', () => {
    const a = calculateEnergy({ items: [{ medium: 'natural_gas', quantity: 30, unit: '10^4Nm3' }] }, YEAR);
    const b = calculateEnergy({ items: [{ medium: 'natural_gas', quantity: 300_000, unit: 'm3' }] }, YEAR);
    close(a.totalTceEquivalent, 364.29); // library 1.2143 kgce/m³
    close(b.totalTceEquivalent, 364.29);
    const heat = calculateEnergy({ items: [{ medium: 'heat', quantity: 10, unit: 'GJ' }] }, YEAR);
    close(heat.totalTceEquivalent, 0.3412); // 10 000 MJ × 0.03412
    const coal = calculateEnergy({ items: [{ medium: 'raw_coal', quantity: 500, unit: 'kg' }] }, YEAR);
    close(coal.totalTceEquivalent, 0.35715);
  });

  it('steam without enthalpy falls back to 0.1286 kgce/kg and says the default is to confirm', () => {
    const r = calculateEnergy({ items: [{ medium: 'steam', quantity: 10, unit: 't' }] }, YEAR);
    close(r.totalTceEquivalent, 1.286);
    expect(r.items[0]!.factorSource).toContain('to confirm');
  });

  it('rejects a unit of another dimension, enthalpy on a non-steam item and a medium without coefficient', () => {
    const problems = problemsOf(() =>
      calculateEnergy(
        {
          items: [
            { medium: 'electricity', quantity: 1, unit: 't' },
            { medium: 'natural_gas', quantity: 1, unit: 'kWh' },
            { medium: 'raw_coal', quantity: 1, unit: 't', enthalpyKjPerKg: 100 },
            { medium: 'hot_water', quantity: 1, unit: 't' },
          ],
        },
        YEAR,
      ),
    );
    expect(problems).toEqual([
      { path: 'body.items.0.unit', message: 't is not a unit of electricity: use kWh or MWh' },
      { path: 'body.items.1.unit', message: 'kWh is not a unit of natural_gas: use m3 or 10^4Nm3' },
      { path: 'body.items.2.enthalpyKjPerKg', message: 'only for steam' },
      { path: 'body.items.3.medium', message: 'no library coefficient for hot_water: give kgcePerUnit' },
    ]);
  });

  it('property: the total equals the sum of its items however the items are split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (quantities, parts) => {
          const whole = calculateEnergy(
            {
              items: quantities.map((q) => ({ medium: 'diesel' as const, quantity: q, unit: 'kg' as const })),
            },
            YEAR,
          );
          // each quantity split into `parts` equal pieces
          const split = calculateEnergy(
            {
              items: quantities.flatMap((q) =>
                Array.from({ length: parts }, () => ({
                  medium: 'diesel' as const,
                  quantity: q / parts,
                  unit: 'kg' as const,
                })),
              ),
            },
            YEAR,
          );
          const expected = (sum(quantities) * 1.4571) / 1000;
          expect(whole.totalTceEquivalent).toBeCloseTo(expected, 6);
          expect(split.totalTceEquivalent).toBeCloseTo(whole.totalTceEquivalent, 6);
        },
      ),
    );
  });
});

describe('carbon: GB/T 32150', () => {
  const example: TCarbonCalcRequest = ZCarbonCalcRequest.parse(CARBON_CONTRACT_EXAMPLE);

  it('the contract example: combustion per fuel, process, electricity, heat, totals, scopes and intensities', () => {
    const r = calculateCarbon(example, YEAR);
    const [gas, diesel] = r.combustion;
    expect(gas).toMatchObject({
      ncvUnit: '10^4Nm3',
      ncvGjPerUnit: 389.31,
      carbonContentTcPerGj: 0.0153,
      oxidationRate: 0.99,
    });
    close(gas!.quantityInNcvUnit, 30); // 300 000 m³
    close(gas!.activityGj, 11_679.3);
    close(gas!.tco2, 648.6566427);
    close(diesel!.tco2, 154.795481866667);
    expect(diesel!.factorSource).toBe('given in the request');
    close(r.combustionTco2, 803.452124566667);
    close(r.processTco2, 3.96);
    close(r.purchasedElectricityTco2, 2653);
    close(r.purchasedHeatGj, 5486.52); // 2000 × (2777 − 83.74) × 10⁻³ + 100
    close(r.purchasedHeatTco2, 603.5172);
    close(r.totalTco2, 4063.929324566667);
    close(r.scope1Tco2, 807.412124566667);
    close(r.scope2Tco2, 3256.5172);
    close(r.perOutputValueTco2!, 0.507991165570833);
    close(r.perProductTco2!, 0.406392932456667);
    expect(r.gridFactorSource).toBe('given in the request');
  });

  it("exports and recovery are subtracted; the year's grid and heat factors apply when none is given", () => {
    const r = calculateCarbon(
      ZCarbonCalcRequest.parse({
        purchasedElectricityMWh: 1000,
        exportedElectricityMWh: 200,
        purchasedHeat: [{ kind: 'hot_water', tonnes: 500, temperatureC: 80 }],
        exportedHeatGj: 25.604,
        recoveredTco2: 10,
        combustion: [{ fuel: 'diesel', quantity: 1000, unit: 'kg' }],
      }),
      YEAR,
    );
    close(r.purchasedHeatGj, 125.604); // 500 × (80 − 20) × 4.1868 × 10⁻³
    close(r.purchasedElectricityTco2, 570.3); // × 0.5703, the year's factor
    close(r.exportedTco2, 200 * 0.5703 + 25.604 * 0.11);
    close(r.combustion[0]!.quantityInNcvUnit, 1); // 1000 kg = 1 t
    close(r.combustion[0]!.tco2, 3.09590963733333); // 42.652 × 0.0202 × 0.98 × 44/12
    close(r.scope1Tco2, 3.09590963733333 - 10);
    close(r.totalTco2, 3.09590963733333 - 10 + 570.3 + 125.604 * 0.11 - (114.06 + 2.81644));
    expect(r.gridFactorSource).toBe('test year');
    expect(r).not.toHaveProperty('perOutputValueTco2');
  });

  it('heat conversions: steam and hot water', () => {
    close(heatGj({ kind: 'steam', tonnes: 1, enthalpyKjPerKg: 2777 }), 2.69326);
    close(heatGj({ kind: 'hot_water', tonnes: 1, temperatureC: 95 }), 0.31401);
    close(heatGj({ kind: 'heat', gj: 7 }), 7);
  });

  it('rejects non-fuels, fuels without defaults, and units of another dimension', () => {
    const problems = problemsOf(() =>
      calculateCarbon(
        ZCarbonCalcRequest.parse({
          combustion: [
            { fuel: 'electricity', quantity: 1, unit: 'kWh' },
            { fuel: 'raw_coal', quantity: 1, unit: 't' },
            { fuel: 'natural_gas', quantity: 1, unit: 't' },
          ],
        }),
        YEAR,
      ),
    );
    expect(problems).toEqual([
      { path: 'body.combustion.0.fuel', message: 'electricity is not a fuel: report it as purchased energy' },
      { path: 'body.combustion.0.unit', message: 'kWh is not a unit of electricity: use kg or t' },
      {
        path: 'body.combustion.1.fuel',
        message:
          'no default combustion parameters for raw_coal: give ncvGjPerUnit, carbonContentTcPerGj and oxidationRate',
      },
      { path: 'body.combustion.2.unit', message: 't is not a unit of natural_gas: use m3 or 10^4Nm3' },
    ]);
  });

  it('raw coal with all three parameters given is accepted', () => {
    const r = calculateCarbon(
      ZCarbonCalcRequest.parse({
        combustion: [
          {
            fuel: 'raw_coal',
            quantity: 100,
            unit: 't',
            ncvGjPerUnit: 20.908,
            carbonContentTcPerGj: 0.02649,
            oxidationRate: 0.94,
          },
        ],
      }),
      YEAR,
    );
    close(r.combustionTco2, (100 * 20.908 * 0.02649 * 0.94 * 44) / 12);
  });

  it('property: the total equals scope 1 + scope 2 and the sum of the combustion items, for any split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (qs) => {
          const r = calculateCarbon(
            ZCarbonCalcRequest.parse({
              combustion: qs.map((q) => ({ fuel: 'lpg', quantity: q, unit: 't' })),
              purchasedElectricityMWh: 10,
            }),
            YEAR,
          );
          expect(r.totalTco2).toBeCloseTo(r.scope1Tco2 + r.scope2Tco2, 6);
          expect(r.combustionTco2).toBeCloseTo(sum(r.combustion.map((c) => c.tco2)), 6);
          expect(r.combustionTco2).toBeCloseTo((sum(qs) * 50.179 * 0.0172 * 0.98 * 44) / 12, 4);
        },
      ),
    );
  });
});
