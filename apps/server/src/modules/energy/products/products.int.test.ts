// Energy, unit consumption, carbon and cost per product (GB/T 2589 allocation, Table 2), hand-worked numbers.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlant, startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let token: string;
let plant: Awaited<ReturnType<typeof makePlant>>;
let areaB: { id: string };
let valve: { id: string };
let pump: { id: string };
const MARCH = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' };
const q = (o: { from: string; to: string }) =>
  `from=${encodeURIComponent(o.from)}&to=${encodeURIComponent(o.to)}`;

async function call(method: string, url: string, body?: unknown, as = token) {
  return t.call({ method, url: `/api/v1${url}`, token: as, body });
}
async function post(url: string, body: unknown) {
  const res = await call('POST', url, body);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(201);
  return res.json<{ id: string }>();
}
/** A manual meter read at the start and the end of March: `used` in between. */
async function meter(code: string, o: Record<string, unknown>, used: number) {
  const m = await post('/energy/meters', { code, name: code, source: 'manual', ...o });
  await post(`/energy/meters/${m.id}/records`, { kind: 'reading', ts: MARCH.from, value: 0 });
  await post(`/energy/meters/${m.id}/records`, { kind: 'reading', ts: MARCH.to, value: used });
  return m;
}

beforeAll(async () => {
  t = await startTestApp();
  token = (await t.makeTenant('products-a')).token;
  plant = await makePlant(t, token, 'P');
  areaB = await post('/plant/nodes', { kind: 'area', parentId: plant.site.id, code: 'P-B', name: 'Area B' });
  const pcs = plant.units.find((u) => u.code === 'pcs')!;
  valve = await post('/materials', { code: 'FG-VALVE', name: 'Valve', type: 'finished', unitId: pcs.id });
  pump = await post('/materials', { code: 'FG-PUMP', name: 'Pump', type: 'finished', unitId: pcs.id });
  const elec = { medium: 'electricity', unit: 'kWh' };
  const main = await meter('E-MAIN', { ...elec, level: 1 }, 1000);
  const a = await meter('E-A', { ...elec, level: 2, parentId: main.id, nodeId: plant.area.id }, 400);
  await meter('E-B', { ...elec, level: 2, parentId: main.id, nodeId: areaB.id }, 300);
  // inside area A and fed by E-A: must not be counted again
  await meter('E-LATHE', { ...elec, level: 3, parentId: a.id, equipmentId: plant.equipment.id }, 100);
  await meter('G-MAIN', { medium: 'natural_gas', unit: 'm3', level: 1 }, 100);
  const econ = await call('PUT', `/energy/economics/${plant.site.id}/2026-03`, {
    grossOutputValue: '100',
    valueAdded: '25',
    products: [
      { materialId: valve.id, quantity: '100', qualifiedQuantity: '80' },
      { materialId: pump.id, quantity: '50' },
    ],
  });
  expect(econ.statusCode, econ.body).toBe(200);
  const gas = await call('POST', '/energy/tariffs', {
    code: 'GAS-2026',
    name: 'Gas',
    medium: 'natural_gas',
    unit: 'm3',
    validFrom: '2026-01-01',
    pricing: 'flat',
    flatPrice: '3.5',
  });
  expect(gas.statusCode, gas.body).toBe(201);
});
afterAll(() => t?.close());

describe('production nodes of products', () => {
  it('are set per product with weights and a limit, and listed', async () => {
    const v = await call('PUT', `/energy/products/${valve.id}`, {
      nodes: [
        { nodeId: plant.area.id, weight: '1' },
        { nodeId: areaB.id, weight: '2' },
      ],
      limitKgcePerUnit: '2.5',
      limitStandard: 'GB 00000-2026',
    });
    expect(v.statusCode, v.body).toBe(200);
    const p = await call('PUT', `/energy/products/${pump.id}`, {
      nodes: [{ nodeId: plant.area.id, weight: '3' }],
      limitKgcePerUnit: '1',
      limitValueKind: 'equal',
    });
    expect(p.statusCode, p.body).toBe(200);
    const list = (await call('GET', '/energy/products')).json<
      Array<{ materialCode: string; nodes: Array<{ nodeCode: string; weight: string }> }>
    >();
    expect(list.map((x) => [x.materialCode, x.nodes.map((n) => `${n.nodeCode}×${n.weight}`)])).toEqual([
      ['FG-PUMP', ['P-A×3']],
      ['FG-VALVE', ['P-A×1', 'P-B×2']],
    ]);
  });

  it('refuse nested nodes, raw materials, unknown nodes and bad weights, naming the field', async () => {
    const nested = await call('PUT', `/energy/products/${pump.id}`, {
      nodes: [{ nodeId: plant.line.id }],
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.details).toEqual([
      expect.objectContaining({
        path: 'body.nodes.0.nodeId',
        message: expect.stringMatching(/P-L lies within P-A/),
      }),
    ]);
    const raw = await call('PUT', `/energy/products/${plant.material.id}`, { nodes: [{ nodeId: areaB.id }] });
    expect(raw.statusCode).toBe(400);
    expect(raw.json().error.details[0].path).toBe('params.materialId');
    const unknown = await call('PUT', `/energy/products/${pump.id}`, {
      nodes: [{ nodeId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(unknown.json().error.details[0].path).toBe('body.nodes.0.nodeId');
    const weight = await call('PUT', `/energy/products/${pump.id}`, {
      nodes: [{ nodeId: areaB.id, weight: '0' }],
    });
    expect(weight.statusCode).toBe(400);
    expect(JSON.stringify(weight.json().error.details)).toContain('nodes.0.weight');
  });
});

describe('product report', () => {
  it('allocates node energy by output × weight and the remainder by direct share', async () => {
    const res = await call('GET', `/energy/products/report?${q(MARCH)}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      months: { from: string; to: string };
      products: Array<{
        materialCode: string;
        output: number;
        qualifiedOutput: number;
        media: Array<{ medium: string; direct: number; auxiliary: number; tceEquivalent: number }>;
        tceEquivalent: number;
        tceEqual: number;
        unitKgceEquivalent: number | null;
        unitKgceEqual: number | null;
        limit: { meets: boolean | null } | null;
        carbon: { scope1Tco2: number; scope2Tco2: number; totalTco2: number; unitKgco2: number | null };
        cost: string | null;
        unitCost: string | null;
        notes: string[];
      }>;
      balance: Array<{
        medium: string;
        boundary: number;
        nodes: number;
        toProducts: number;
        unallocated: number;
      }>;
      basis: { gridFactorTco2PerMWh: number; electricityEqualValueKgcePerKwh: number };
    }>();
    expect(r.months).toEqual({ from: '2026-03', to: '2026-03' });
    const by = new Map(r.products.map((p) => [p.materialCode, p]));
    const v = by.get('FG-VALVE')!;
    const p = by.get('FG-PUMP')!;
    const medium = (x: typeof v, m: string) => x.media.find((y) => y.medium === m)!;
    // area A (400 kWh; the lathe's 100 are inside it): valve 100 × 1, pump 50 × 3 → 160 / 240; area B: valve 300
    expect(medium(v, 'electricity').direct).toBeCloseTo(460, 9);
    expect(medium(p, 'electricity').direct).toBeCloseTo(240, 9);
    // remainder 1000 − 700 = 300 kWh and the 100 m³ of gas, shared 460 : 240 (direct tce is all electricity)
    expect(medium(v, 'electricity').auxiliary).toBeCloseTo((300 * 460) / 700, 9);
    expect(medium(p, 'natural_gas').auxiliary).toBeCloseTo((100 * 240) / 700, 9);
    const vKwh = 460 + (300 * 460) / 700;
    const vM3 = (100 * 460) / 700;
    const vTce = (vKwh * 0.1229) / 1000 + (vM3 * 1.2143) / 1000;
    expect(v.tceEquivalent).toBeCloseTo(vTce, 12);
    expect(v.tceEqual).toBeCloseTo(
      (vKwh * r.basis.electricityEqualValueKgcePerKwh) / 1000 + (vM3 * 1.2143) / 1000,
      12,
    );
    expect(v.unitKgceEquivalent).toBeCloseTo((vTce * 1000) / 80, 9); // ÷ qualified output
    // (657.142857 kWh × 0.1229 + 65.7142857 m³ × 1.2143) kgce ÷ 80
    expect(v.unitKgceEquivalent).toBeCloseTo(2.006996429, 8);
    expect(v.limit?.meets).toBe(true); // ≤ 2.5
    expect(p.limit?.meets).toBe(false); // equal value of the pump > 1 kgce/pcs
    expect(p.qualifiedOutput).toBe(50); // no qualified figure: all of it
    // carbon: electricity × grid factor; gas burnt: 10⁴ Nm³ × 389.31 GJ × 0.0153 tC/GJ × 0.99 × 44/12
    const gasT = (vM3 / 10_000) * 389.31 * 0.0153 * 0.99 * (44 / 12);
    expect(v.carbon.scope1Tco2).toBeCloseTo(gasT, 12);
    expect(v.carbon.scope2Tco2).toBeCloseTo((vKwh / 1000) * r.basis.gridFactorTco2PerMWh, 12);
    expect(v.carbon.unitKgco2).toBeCloseTo((v.carbon.totalTco2 * 1000) / 80, 9);
    // cost: gas at its flat 3.5 yuan/m³; electricity has no plan and is named
    expect(v.cost).toBe((vM3 * 3.5).toFixed(2));
    expect(v.unitCost).toBe(((vM3 * 3.5) / 80).toFixed(4));
    expect(v.notes).toContain('not costed: electricity');
    // the balance: all of the boundary went to products
    expect(r.balance.find((b) => b.medium === 'electricity')).toMatchObject({
      boundary: 1000,
      nodes: 700,
      unallocated: 0,
    });
    for (const b of r.balance) expect(b.toProducts + b.unallocated).toBeCloseTo(b.boundary, 9);
  });

  it('adds the bought components of the BOM × their factors to the footprint; says what has no factor', async () => {
    const pcs = plant.units.find((u) => u.code === 'pcs')!;
    const gasket = await post('/materials', {
      code: 'RM-GASKET',
      name: 'Gasket',
      type: 'raw',
      unitId: pcs.id,
    });
    const bom = await post('/production/boms', {
      productId: valve.id,
      version: 'V1',
      effectiveFrom: '2026-01-01',
      lines: [
        { componentId: plant.material.id, quantity: '2.5', scrapPercent: '4' }, // steel, kg
        { componentId: gasket.id, quantity: '2' },
      ],
    });
    const active = await call('POST', `/production/boms/${bom.id}/transition`, { status: 'active' });
    expect(active.statusCode, active.body).toBe(200);
    const factor = await call('PUT', `/carbon/material-factors/${plant.material.id}`, {
      kgco2ePerUnit: '2.1',
      source: 'supplier EPD 2025',
      year: 2025,
    });
    expect(factor.statusCode, factor.body).toBe(200);
    const bad = await call('PUT', `/carbon/material-factors/${gasket.id}`, {
      kgco2ePerUnit: '-1',
      source: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toMatch(
      /kgco2ePerUnit[\s\S]*source|source[\s\S]*kgco2ePerUnit/,
    );
    const r = (await call('GET', `/energy/products/report?${q(MARCH)}`)).json<{
      products: Array<{
        materialCode: string;
        carbon: { unitKgco2: number };
        materials: {
          date: string;
          kgco2e: number;
          missing: string[];
          lines: Array<{ materialCode: string; quantityPerUnit: number }>;
        } | null;
        footprintKgco2ePerUnit: number | null;
        notes: string[];
      }>;
    }>();
    const v = r.products.find((p) => p.materialCode === 'FG-VALVE')!;
    expect(v.materials).toMatchObject({ date: '2026-03-31', missing: ['RM-GASKET'] });
    expect(v.materials!.kgco2e).toBeCloseTo(2.5 * 1.04 * 2.1, 12); // 5.46 kgCO₂e of steel per valve
    expect(v.footprintKgco2ePerUnit).toBeCloseTo(v.carbon.unitKgco2 + 5.46, 9);
    expect(v.notes.join(' ')).toContain('no emission factor for RM-GASKET');
    const p = r.products.find((x) => x.materialCode === 'FG-PUMP')!;
    expect(p.materials).toBeNull();
    expect(p.notes.join(' ')).toContain('no active BOM on 2026-03-31');
    const list = (await call('GET', '/carbon/material-factors')).json<
      Array<{ materialCode: string; source: string }>
    >();
    expect(list).toEqual([expect.objectContaining({ materialCode: 'P-M1', source: 'supplier EPD 2025' })]);
  });

  it('Table 2 gives the year with last year, and the same numbers as Excel', async () => {
    const res = await call('GET', '/energy/tables/2?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const table = res.json<{
      rows: Array<{
        materialCode: string;
        unitKgceEquivalent: number;
        lastYearUnitKgceEquivalent: number | null;
        changePct: number | null;
        meetsLimit: boolean | null;
      }>;
    }>();
    const v = table.rows.find((x) => x.materialCode === 'FG-VALVE')!;
    // (657.142857 kWh × 0.1229 + 65.7142857 m³ × 1.2143) kgce ÷ 80
    expect(v.unitKgceEquivalent).toBeCloseTo(2.006996429, 8); // March is the only month with data
    expect(v).toMatchObject({ lastYearUnitKgceEquivalent: null, changePct: null, meetsLimit: true });
    const xlsx = await call('GET', '/energy/tables/2/export?year=2026');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const valveRow = rows.find((row) => String(row[2] ?? '').includes('FG-VALVE'))!;
    expect(Number(valveRow[8])).toBeCloseTo(2.006996429, 8);
  });

  it('is refused without permission and sees no other tenant', async () => {
    const other = (await t.makeTenant('products-b')).token;
    const list = await call('GET', '/energy/products', undefined, other);
    expect(list.json()).toEqual([]);
    const put = await call('PUT', `/energy/products/${valve.id}`, { nodes: [{ nodeId: areaB.id }] }, other);
    expect(put.statusCode).toBe(404);
    const report = await call('GET', `/energy/products/report?${q(MARCH)}`, undefined, other);
    expect(report.json().products).toEqual([]);
  });
});
