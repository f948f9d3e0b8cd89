// The calculation endpoints exactly as ../shared/reference/calculation-api.md specifies them, on a real
// database: permissions, 400s naming the field, and the year's factors chosen per enterprise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { CARBON_CONTRACT_EXAMPLE, ENERGY_CONTRACT_EXAMPLE } from './calc/contract-examples.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string };
const calc = (kind: 'energy' | 'carbon', token: string, body: unknown) =>
  t.call({ method: 'POST', url: `/api/v1/${kind}/calculate`, token, body });

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('energy-a');
  b = await t.makeTenant('energy-b');
});
afterAll(() => t?.close());

describe('POST /api/v1/energy/calculate', () => {
  it('computes the contract example, naming the factors used', async () => {
    const res = await calc('energy', a.token, ENERGY_CONTRACT_EXAMPLE);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      items: Array<{ kgcePerUnit: number; factorSource: string; tceEquivalent: number }>;
      totalTceEquivalent: number;
      totalTceEqual: number;
      perProductKgce: { equivalent: number; equal: number };
    }>();
    expect(r.items[0]).toMatchObject({
      medium: 'raw_coal',
      quantity: 1000,
      unit: 't',
      factorSource: 'GB/T 2589-2020',
    });
    expect(r.items[0]!.kgcePerUnit).toBeCloseTo(714.3, 9);
    expect(r.totalTceEquivalent).toBeCloseTo(1882.59248, 9);
    expect(r.totalTceEqual).toBeCloseTo(2768.09248, 9);
    expect(r.perProductKgce.equal).toBeCloseTo(276.809248, 9);
  });

  it('answers 400 naming the field: unknown field, unknown medium, negative quantity, unit mismatch', async () => {
    const item = { medium: 'raw_coal', quantity: 1, unit: 't' };
    const cases: Array<[unknown, string]> = [
      [{ items: [item], extra: 1 }, 'body'],
      [{ items: [{ ...item, colour: 'red' }] }, 'body.items.0'],
      [{ items: [{ ...item, medium: 'plutonium' }] }, 'body.items.0.medium'],
      [{ items: [{ ...item, quantity: -5 }] }, 'body.items.0.quantity'],
      [{ items: [{ ...item, unit: 'bbl' }] }, 'body.items.0.unit'],
      [{ items: [item, { medium: 'electricity', quantity: 1, unit: 'm3' }] }, 'body.items.1.unit'],
      [{ items: [] }, 'body.items'],
    ];
    for (const [body, path] of cases) {
      const res = await calc('energy', a.token, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const details = res.json<{ error: { details: Array<{ path: string; message: string }> } }>().error
        .details;
      expect(
        details.map((d) => d.path).some((p) => p.startsWith(path)),
        `${path}: ${res.body}`,
      ).toBe(true);
    }
  });
});

describe('POST /api/v1/carbon/calculate', () => {
  it('computes the contract example', async () => {
    const res = await calc('carbon', a.token, CARBON_CONTRACT_EXAMPLE);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<Record<string, number> & { combustion: Array<{ tco2: number }> }>();
    expect(r.combustion[0]!.tco2).toBeCloseTo(648.6566427, 9);
    expect(r.totalTco2).toBeCloseTo(4063.929324566667, 9);
    expect(r.scope2Tco2).toBeCloseTo(3256.5172, 9);
    expect(r.perOutputValueTco2).toBeCloseTo(0.507991165570833, 9);
  });

  it('400 for a non-fuel and for a heat entry missing its enthalpy', async () => {
    const r1 = await calc('carbon', a.token, {
      combustion: [{ fuel: 'electricity', quantity: 1, unit: 'kWh' }],
    });
    expect(r1.statusCode).toBe(400);
    expect(r1.body).toContain('body.combustion.0.fuel');
    const r2 = await calc('carbon', a.token, { purchasedHeat: [{ kind: 'steam', tonnes: 1 }] });
    expect(r2.statusCode).toBe(400);
    expect(r2.body).toContain('body.purchasedHeat.0');
  });
});

describe("the year's factors", () => {
  it('defaults, then the enterprise chooses the 2023 national grid factor and an equal value; other enterprises unaffected', async () => {
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear(); // Asia/Shanghai
    const before = (await t.call({ url: `/api/v1/energy/year-settings/${year}`, token: a.token })).json<{
      isDefault: boolean;
      gridEmissionFactorTco2PerMWh: number;
    }>();
    expect(before).toMatchObject({ isDefault: true, gridEmissionFactorTco2PerMWh: 0.5703 });

    const bad = await t.call({
      method: 'PUT',
      url: `/api/v1/energy/year-settings/${year}`,
      token: a.token,
      body: {
        year,
        gridFactorKey: 'grid.atlantis',
        electricityEqualValueKgcePerKwh: 0.3,
        heatEmissionFactorTco2PerGj: 0.11,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.gridFactorKey');

    const put = await t.call({
      method: 'PUT',
      url: `/api/v1/energy/year-settings/${year}`,
      token: a.token,
      body: {
        year,
        gridFactorKey: 'grid.national@2023',
        electricityEqualValueKgcePerKwh: 0.3,
        heatEmissionFactorTco2PerGj: 0.12,
        note: 'per the 2025 notice',
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      isDefault: false,
      gridEmissionFactorTco2PerMWh: 0.5306,
      updatedBy: 'admin',
    });

    const carbon = (
      await calc('carbon', a.token, {
        purchasedElectricityMWh: 100,
        purchasedHeat: [{ kind: 'heat', gj: 10 }],
      })
    ).json<{ purchasedElectricityTco2: number; purchasedHeatTco2: number; gridFactorSource: string }>();
    expect(carbon.purchasedElectricityTco2).toBeCloseTo(53.06, 9);
    expect(carbon.purchasedHeatTco2).toBeCloseTo(1.2, 9);
    expect(carbon.gridFactorSource).toContain(`enterprise setting for ${year}`);
    const energy = (
      await calc('energy', a.token, { items: [{ medium: 'electricity', quantity: 1000, unit: 'kWh' }] })
    ).json<{
      totalTceEqual: number;
    }>();
    expect(energy.totalTceEqual).toBeCloseTo(0.3, 9);

    const other = (await calc('carbon', b.token, { purchasedElectricityMWh: 100 })).json<{
      purchasedElectricityTco2: number;
    }>();
    expect(other.purchasedElectricityTco2).toBeCloseTo(57.03, 9);
    const audit = await t.call({ url: '/api/v1/audit?entityType=energy_year_settings', token: a.token });
    expect(audit.body).toContain('energy_year_settings');
  });

  it('lists the media catalogue with units, coefficients and fuel roles', async () => {
    const media = (await t.call({ url: '/api/v1/energy/media', token: a.token })).json<
      Array<{
        code: string;
        unit: string;
        units: string[];
        kgcePerUnit: number | null;
        isFuel: boolean;
        ncvUnit: string | null;
      }>
    >();
    expect(media).toHaveLength(24);
    expect(media.find((m) => m.code === 'natural_gas')).toMatchObject({
      unit: 'm3',
      units: ['m3', '10^4Nm3'],
      kgcePerUnit: 1.2143,
      isFuel: true,
      ncvUnit: '10^4Nm3',
    });
    expect(media.find((m) => m.code === 'electricity')).toMatchObject({
      units: ['kWh', 'MWh'],
      isFuel: false,
      ncvUnit: null,
    });
    expect(media.find((m) => m.code === 'hot_water')).toMatchObject({ kgcePerUnit: null, isFuel: false });
  });

  it('lists the factor library with sources; a role without the permissions gets 403', async () => {
    const factors = (await t.call({ url: '/api/v1/energy/factors', token: a.token })).json<
      Array<{ key: string; value: number; source: string; toConfirm: boolean }>
    >();
    expect(factors.find((f) => f.key === 'grid.national@2023')).toMatchObject({ value: 0.5306 });
    expect(factors.find((f) => f.key === 'grid.mee-reporting-2023')).toMatchObject({ value: 0.5703 });
    expect(factors.find((f) => f.key === 'coal.natural_gas@GB/T 2589-2020')).toMatchObject({
      toConfirm: true,
    });
    const roles = (await t.call({ url: '/api/v1/roles', token: a.token })).json<
      Array<{ id: string; code: string }>
    >();
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      token: a.token,
      body: {
        username: 'planner',
        password: 'Strong-pw-77',
        displayName: 'Planner',
        roleIds: [roles.find((r) => r.code === 'production_planner')!.id],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const planner = await t.login('energy-a', 'planner', 'Strong-pw-77');
    expect(
      (await calc('energy', planner, { items: [{ medium: 'raw_coal', quantity: 1, unit: 't' }] })).statusCode,
    ).toBe(403);
    expect((await t.call({ url: '/api/v1/energy/factors', token: planner })).statusCode).toBe(403);
  });
});

describe('coefficient overrides', () => {
  const url = '/api/v1/energy/coefficient-overrides';
  const create = (token: string, body: unknown) => t.call({ method: 'POST', url, token, body });

  it("records a supplier's measured gas coefficient for a period, shows it beside the library value, refuses overlaps", async () => {
    const gas = {
      medium: 'natural_gas',
      kgcePerUnit: 12_500,
      unit: '10^4Nm3',
      validFrom: '2026-01-01',
      validTo: '2026-06-30',
      source: 'supplier NCV report 2026-H1',
    };
    const res = await create(a.token, gas);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<{ id: string; libraryKgcePerUnit: number; createdBy: string }>();
    expect(created.libraryKgcePerUnit).toBeCloseTo(12_143, 9); // 1.2143 kgce/m³ × 10 000 m³
    expect(created.createdBy).toBe('admin');

    const overlap = await create(a.token, { ...gas, validFrom: '2026-06-01', validTo: null });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.body).toContain('2026-01-01');
    const next = await create(a.token, {
      ...gas,
      validFrom: '2026-07-01',
      validTo: null,
      kgcePerUnit: 12_400,
    });
    expect(next.statusCode, next.body).toBe(201);

    const wrongUnit = await create(a.token, { ...gas, unit: 'kWh', validFrom: '2030-01-01' });
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.body).toContain('body.unit');
    const backwards = await create(a.token, { ...gas, validFrom: '2031-02-01', validTo: '2031-01-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('body.validTo');

    const onDay = (await t.call({ url: `${url}?medium=natural_gas&on=2026-08-15`, token: a.token })).json<
      Array<{ kgcePerUnit: number }>
    >();
    expect(onDay.map((o) => o.kgcePerUnit)).toEqual([12_400]);
    expect((await t.call({ url, token: b.token })).json()).toEqual([]); // another enterprise sees none

    const del = await t.call({ method: 'DELETE', url: `${url}/${created.id}`, token: a.token });
    expect(del.statusCode).toBe(200);
    expect((await t.call({ method: 'DELETE', url: `${url}/${created.id}`, token: a.token })).statusCode).toBe(
      404,
    );
    const audit = await t.call({
      url: '/api/v1/audit?entityType=energy_coefficient_override',
      token: a.token,
    });
    expect(audit.body).toContain('supplier NCV report');
  });
});
