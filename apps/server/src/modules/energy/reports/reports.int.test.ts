// The energy overview and the GHG inventory over the metered boundary, with hand-worked numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlant, startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let token: string;
let areaId: string;
const D0 = Date.parse('2026-03-01T00:00:00+08:00');
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function post(url: string, body: unknown) {
  const res = await t.call({ method: 'POST', url, token, body });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(201);
  return res.json<{ id: string; token?: string }>();
}

/** A device with one counter metric and its samples, and a level-1 meter on it. */
async function counterMeter(code: string, key: string, unit: string, medium: string, values: number[]) {
  const device = await post('/api/v1/devices', {
    code: `DEV-${code}`,
    name: code,
    metrics: [{ key, name: key, valueType: 'number', kind: 'counter', unitCode: unit }],
  });
  const metric = (await t.call({ url: `/api/v1/devices/${device.id}/metrics`, token })).json<
    Array<{ id: number }>
  >()[0]!;
  const cred = await post(`/api/v1/devices/${device.id}/credentials`, { kind: 'token' });
  const at = [1, 7, 25, 31];
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: { authorization: `Bearer ${cred.token!}`, 'content-type': 'application/json' },
    body: JSON.stringify(values.map((v, i) => ({ ts: D0 + at[i]! * H, values: { [key]: v } }))),
  });
  expect(res.json<{ rejected: number }>().rejected, res.body).toBe(0);
  return post('/api/v1/energy/meters', {
    code,
    name: code,
    medium,
    unit,
    level: 1,
    source: 'telemetry',
    metricId: metric.id,
  });
}

beforeAll(async () => {
  t = await startTestApp();
  token = (await t.makeTenant('reports-a')).token;
  const plant = await makePlant(t, token, 'R');
  areaId = plant.area.id;
  const main = await counterMeter('E-MAIN', 'kwh', 'kWh', 'electricity', [100, 150, 200, 260]); // 50 + 110 kWh
  await counterMeter('G-MAIN', 'gas', 'm3', 'natural_gas', [1000, 1100, 1200, 1300]); // 100 + 200 m³
  const diesel = await post('/api/v1/energy/meters', {
    code: 'D-1',
    name: 'Diesel',
    medium: 'diesel',
    unit: 'kg',
    level: 1,
    source: 'manual',
  });
  await post(`/api/v1/energy/meters/${diesel.id}/records`, {
    kind: 'consumption',
    ts: iso(D0),
    periodEnd: iso(D0 + 24 * H),
    value: 500,
    documentNo: 'INV-1',
  });
  const ws = await post('/api/v1/energy/meters', {
    code: 'E-WS',
    name: 'Workshop',
    medium: 'electricity',
    unit: 'kWh',
    level: 2,
    parentId: main.id,
    nodeId: plant.area.id,
    source: 'manual',
  });
  await post(`/api/v1/energy/meters/${ws.id}/records`, { kind: 'reading', ts: iso(D0), value: 0 });
  await post(`/api/v1/energy/meters/${ws.id}/records`, { kind: 'reading', ts: iso(D0 + 48 * H), value: 100 });
  const econ = await t.call({
    method: 'PUT',
    url: `/api/v1/energy/economics/${plant.site.id}/2026-03`,
    token,
    body: { grossOutputValue: '100', valueAdded: '25' },
  });
  expect(econ.statusCode, econ.body).toBe(200);
});
afterAll(() => t?.close());

describe('energy overview', () => {
  it('the boundary by medium in physical units and tce, the daily trend, areas and intensities', async () => {
    const res = await t.call({
      url: `/api/v1/energy/overview?from=${encodeURIComponent(iso(D0))}&to=${encodeURIComponent(iso(D0 + 48 * H))}&granularity=day`,
      token,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      byMedium: Array<{
        medium: string;
        quantity: number;
        unit: string;
        tceEquivalent: number;
        tceEqual: number;
        quality: { metered: number; manual: number };
      }>;
      totalTceEquivalent: number;
      totalTceEqual: number;
      trend: Array<[number, number]>;
      byArea: Array<{ nodeName: string; tceEquivalent: number; meters: string[] }>;
      perOutputValueTce: { equivalent: number };
      economics: { grossOutputValue10kYuan: number };
      previousTceEquivalent: number | null;
    }>();
    const m = new Map(r.byMedium.map((x) => [x.medium, x]));
    expect(m.get('electricity')).toMatchObject({
      quantity: 160,
      unit: 'kWh',
      quality: { metered: 160, manual: 0 },
    });
    expect(m.get('electricity')!.tceEquivalent).toBeCloseTo(0.019664, 9); // 160 × 0.1229 / 1000
    expect(m.get('electricity')!.tceEqual).toBeCloseTo(0.04888, 9); // × 0.3055, the default equal value
    expect(m.get('natural_gas')!.tceEquivalent).toBeCloseTo(0.36429, 9); // 300 m³ × 1.2143
    expect(m.get('diesel')).toMatchObject({
      quantity: 500,
      unit: 'kg',
      quality: { metered: 0, manual: 500 },
    });
    expect(m.get('diesel')!.tceEquivalent).toBeCloseTo(0.72855, 9);
    expect(r.totalTceEquivalent).toBeCloseTo(1.112504, 9);
    expect(r.totalTceEqual).toBeCloseTo(1.14172, 9);
    expect(r.trend.map(([, v]) => v)).toEqual([expect.closeTo(0.856125, 9), expect.closeTo(0.256379, 9)]);
    expect(r.byArea).toMatchObject([{ meters: ['E-WS'] }]);
    expect(r.byArea[0]!.tceEquivalent).toBeCloseTo(0.01229, 9); // 100 kWh
    expect(r.economics.grossOutputValue10kYuan).toBe(100);
    expect(r.perOutputValueTce.equivalent).toBeCloseTo(0.01112504, 9);
    expect(r.previousTceEquivalent).toBeNull(); // nothing measured before
  });
});

describe('GHG inventory (GB/T 32150)', () => {
  it('combustion, purchased electricity, scopes, per day, with data quality', async () => {
    const res = await t.call({
      url: `/api/v1/carbon/inventory?from=${encodeURIComponent(iso(D0))}&to=${encodeURIComponent(iso(D0 + 48 * H))}&granularity=day`,
      token,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      totals: {
        combustionTco2: number;
        purchasedElectricityTco2: number;
        scope1Tco2: number;
        scope2Tco2: number;
        totalTco2: number;
      };
      periods: Array<{ totalTco2: number }>;
      dataQuality: Array<{ medium: string; quality: { manual: number } }>;
      excluded: unknown[];
      perOutputValueTco2: number;
    }>();
    // gas 0.03 × 10⁴Nm³ × 389.31 × 0.0153 × 0.99 × 44/12 + diesel 0.5 t × 42.652 × 0.0202 × 0.98 × 44/12
    expect(r.totals.combustionTco2).toBeCloseTo(0.648656643 + 1.547954819, 8);
    expect(r.totals.purchasedElectricityTco2).toBeCloseTo(0.091248, 9); // 0.16 MWh × 0.5703
    expect(r.totals.scope1Tco2).toBeCloseTo(2.196611462, 8);
    expect(r.totals.totalTco2).toBeCloseTo(2.287859462, 8);
    expect(r.periods).toHaveLength(2);
    expect(r.periods[0]!.totalTco2 + r.periods[1]!.totalTco2).toBeCloseTo(r.totals.totalTco2, 9);
    expect(r.dataQuality.find((d) => d.medium === 'diesel')!.quality.manual).toBe(500);
    expect(r.excluded).toEqual([]);
    expect(r.perOutputValueTco2).toBeCloseTo(0.02287859462, 9);
  });
});

describe('energy flow (Sankey)', () => {
  it('purchased → medium → area, with the losses, in tce', async () => {
    const res = await t.call({
      url: `/api/v1/energy/flow?from=${encodeURIComponent(iso(D0))}&to=${encodeURIComponent(iso(D0 + 48 * H))}`,
      token,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      nodes: Array<{ id: string; kind: string }>;
      links: Array<{ source: string; target: string; tce: number }>;
    }>();
    const link = (s: string, tgt: string) =>
      r.links.find((l) => l.source === s && l.target.startsWith(tgt))?.tce;
    expect(link('source:electricity', 'medium:electricity')).toBeCloseTo(0.019664, 9);
    expect(link('medium:electricity', 'area:')).toBeCloseTo(0.01229, 9);
    expect(link('medium:electricity', 'loss:electricity')).toBeCloseTo(0.007374, 9);
    expect(link('source:natural_gas', 'medium:natural_gas')).toBeCloseTo(0.36429, 9);
    // what flows out of a medium never exceeds what flows in
    for (const n of r.nodes.filter((x) => x.kind === 'medium')) {
      const inflow = r.links.filter((l) => l.target === n.id).reduce((a, l) => a + l.tce, 0);
      const outflow = r.links.filter((l) => l.source === n.id).reduce((a, l) => a + l.tce, 0);
      expect(outflow).toBeLessThanOrEqual(inflow + 1e-12);
    }
  });
});

describe("the standard's tables", () => {
  it('Table 1: by energy type per year, totals in equivalent and equal value, Excel export', async () => {
    const res = await t.call({ url: '/api/v1/energy/tables/1?year=2026&years=2', token });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      years: number[];
      forecastYear: number;
      rows: Array<{ medium: string; quantities: Array<number | null>; forecastQuantity: number | null }>;
      totalTceEquivalent: number[];
      totalTceEqual: number[];
    }>();
    expect(r.years).toEqual([2025, 2026]);
    expect(r.forecastYear).toBe(2027);
    expect(r.rows.find((x) => x.medium === 'natural_gas')).toMatchObject({
      quantities: [null, 300],
      forecastQuantity: null,
    });
    expect(r.totalTceEquivalent[0]).toBe(0);
    expect(r.totalTceEquivalent[1]).toBeCloseTo(1.112504, 9);
    expect(r.totalTceEqual[1]).toBeCloseTo(1.14172, 9);
    const xlsx = await t.call({ url: '/api/v1/energy/tables/1/export?year=2026&years=2', token });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('Table 3: key energy consumers from the factory model with their metered consumption', async () => {
    const press = await post('/api/v1/equipment', {
      nodeId: areaId,
      code: 'PRESS-1',
      name: 'Hydraulic press',
      category: 'other',
      ratedPowerKw: '55',
      energyMedia: ['electricity'],
      isKeyEnergyConsumer: true,
    });
    const parent = (await t.call({ url: '/api/v1/energy/meters?q=E-WS', token })).json<{
      items: Array<{ id: string }>;
    }>().items[0]!;
    const meter = await post('/api/v1/energy/meters', {
      code: 'E-PRESS',
      name: 'Press',
      medium: 'electricity',
      unit: 'kWh',
      level: 3,
      parentId: parent.id,
      equipmentId: press.id,
      source: 'manual',
    });
    await post(`/api/v1/energy/meters/${meter.id}/records`, { kind: 'reading', ts: iso(D0), value: 0 });
    await post(`/api/v1/energy/meters/${meter.id}/records`, {
      kind: 'reading',
      ts: iso(D0 + 24 * H),
      value: 40,
    });
    const res3 = await t.call({ url: '/api/v1/energy/tables/3?year=2026', token });
    expect(res3.statusCode, res3.body).toBe(200);
    const r = res3.json<{
      rows: Array<{ code: string; ratedPowerKw: number; meters: string[]; tceEquivalent: number }>;
    }>();
    const row = r.rows.find((x) => x.code === 'PRESS-1')!;
    expect(row).toMatchObject({ ratedPowerKw: 55, meters: ['E-PRESS'] });
    expect(row.tceEquivalent).toBeCloseTo(0.004916, 9); // 40 kWh × 0.1229
    const xlsx = await t.call({ url: '/api/v1/energy/tables/3/export?year=2026', token });
    expect(xlsx.statusCode).toBe(200);
  });
});

describe('inventory inputs no meter gives', () => {
  it('process emissions, recovered CO₂ and exported electricity by month enter the inventory', async () => {
    const source = async (body: unknown) => {
      const res = await t.call({ method: 'POST', url: '/api/v1/carbon/sources', token, body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const bad = await t.call({
      method: 'POST',
      url: '/api/v1/carbon/sources',
      token,
      body: { code: 'X', name: 'x', kind: 'process', unit: 't' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.emissionFactor');
    const limestone = await source({
      code: 'P-LIME',
      name: 'Limestone calcination',
      kind: 'process',
      unit: 't',
      emissionFactor: 0.44,
      factorSource: 'GB/T 32151 annex (CaCO₃)',
    });
    const recovered = await source({
      code: 'R-CO2',
      name: 'CO₂ sold to a beverage plant',
      kind: 'recovered_co2',
    });
    const exported = await source({
      code: 'X-PV',
      name: 'PV surplus to the grid',
      kind: 'exported_electricity',
    });
    const put = (id: string, quantity: number) =>
      t.call({
        method: 'PUT',
        url: `/api/v1/carbon/sources/${id}/activity/2026-03`,
        token,
        body: { quantity },
      });
    expect((await put(limestone, 10)).statusCode).toBe(200);
    expect((await put(recovered, 1)).statusCode).toBe(200);
    expect((await put(exported, 0.05)).statusCode).toBe(200);
    expect((await put(exported, -1)).statusCode).toBe(400);

    const res = await t.call({
      url: `/api/v1/carbon/inventory?from=${encodeURIComponent('2026-03-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-04-01T00:00:00+08:00')}&granularity=month`,
      token,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      totals: {
        processTco2: number;
        recoveredTco2: number;
        exportedTco2: number;
        scope1Tco2: number;
        scope2Tco2: number;
        totalTco2: number;
      };
      dataQuality: Array<{ line: string }>;
    }>();
    expect(r.totals.processTco2).toBeCloseTo(4.4, 9); // 10 t × 0.44
    expect(r.totals.recoveredTco2).toBeCloseTo(1, 9);
    expect(r.totals.exportedTco2).toBeCloseTo(0.028515, 9); // 0.05 MWh × 0.5703
    expect(r.totals.scope1Tco2).toBeCloseTo(5.596611462, 8);
    expect(r.totals.scope2Tco2).toBeCloseTo(0.062733, 9);
    expect(r.totals.totalTco2).toBeCloseTo(5.659344462, 8);
    expect(r.dataQuality.map((d) => d.line)).toEqual(expect.arrayContaining(['P-LIME', 'R-CO2', 'X-PV']));
    const xlsx = await t.call({
      url: `/api/v1/carbon/inventory/export?from=${encodeURIComponent('2026-03-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-04-01T00:00:00+08:00')}`,
      token,
    });
    expect(xlsx.statusCode, xlsx.body.slice(0, 300)).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '1 排放汇总',
      '2 化石燃料燃烧',
      '3 分期',
      '4 数据质量',
    ]);
    const total = wb.worksheets[0]!.getRows(1, 20)!.find((row) =>
      String(row.getCell(1).value).startsWith('排放总量'),
    );
    expect(Number(total!.getCell(2).value)).toBeCloseTo(5.659344462, 8);
    expect(
      (await t.call({ method: 'DELETE', url: `/api/v1/carbon/sources/${limestone}`, token })).statusCode,
    ).toBe(409);
  });
});

describe('energy cost', () => {
  it('prices each incomer and area meter under the tariff plans; no plan is said, not priced at 0', async () => {
    const plan = await t.call({
      method: 'POST',
      url: '/api/v1/energy/tariffs',
      token,
      body: {
        code: 'GAS-2026',
        name: 'Gas',
        medium: 'natural_gas',
        unit: 'm3',
        validFrom: '2026-01-01',
        pricing: 'flat',
        flatPrice: '3.5',
      },
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const res = await t.call({
      url: `/api/v1/energy/cost?from=${encodeURIComponent(iso(D0))}&to=${encodeURIComponent(iso(D0 + 48 * H))}`,
      token,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      meters: Array<{
        code: string;
        cost: { totalCost: string; totalQuantity: number } | null;
        note: string | null;
      }>;
      totalCost: string;
    }>();
    const gas = r.meters.find((m) => m.code === 'G-MAIN')!;
    expect(gas.cost).toMatchObject({ totalQuantity: 300, totalCost: '1050.00' }); // 300 m³ × 3.5
    expect(r.meters.find((m) => m.code === 'D-1')).toMatchObject({
      cost: null,
      note: 'no tariff plan for diesel',
    });
    expect(r.totalCost).toBe('1050.00');
  });
});

describe('one site of the enterprise', () => {
  it('the inventory and overview of a site take only its meters and its figures; a non-site is a 400', async () => {
    const site2 = await post('/api/v1/plant/nodes', { kind: 'site', code: 'R2-S', name: 'Second site' });
    const m = await post('/api/v1/energy/meters', {
      code: 'E-S2',
      name: 'Second site incomer',
      medium: 'electricity',
      unit: 'kWh',
      level: 1,
      nodeId: site2.id,
      source: 'manual',
    });
    await post(`/api/v1/energy/meters/${m.id}/records`, { kind: 'reading', ts: iso(D0), value: 0 });
    await post(`/api/v1/energy/meters/${m.id}/records`, {
      kind: 'reading',
      ts: iso(D0 + 48 * H),
      value: 2000,
    });
    const period = `from=${encodeURIComponent(iso(D0))}&to=${encodeURIComponent(iso(D0 + 48 * H))}&granularity=day`;
    const res = await t.call({ url: `/api/v1/carbon/inventory?${period}&siteId=${site2.id}`, token });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      totals: {
        purchasedElectricityTco2: number;
        gridEmissionFactorTco2PerMWh: number;
        combustionTco2: number;
      };
      dataQuality: Array<{ line: string }>;
      siteId: string;
      notes: string[];
    }>();
    expect(r.siteId).toBe(site2.id);
    expect(r.dataQuality.map((l) => l.line)).toEqual(['E-S2']);
    expect(r.totals.combustionTco2).toBe(0); // the gas and diesel of the first site are not in it
    expect(r.totals.purchasedElectricityTco2).toBeCloseTo(2 * r.totals.gridEmissionFactorTco2PerMWh, 12);
    expect(r.notes).toHaveLength(1);
    const whole = (await t.call({ url: `/api/v1/carbon/inventory?${period}`, token })).json<{
      dataQuality: Array<{ line: string }>;
      notes: string[];
    }>();
    expect(whole.dataQuality.map((l) => l.line)).toContain('E-MAIN + E-S2');
    expect(whole.notes).toEqual([]);
    const overview = await t.call({ url: `/api/v1/energy/overview?${period}&siteId=${site2.id}`, token });
    expect(overview.json<{ totalTceEquivalent: number }>().totalTceEquivalent).toBeCloseTo(0.2458, 9);
    const notSite = await t.call({ url: `/api/v1/carbon/inventory?${period}&siteId=${areaId}`, token });
    expect(notSite.statusCode).toBe(400);
    expect(notSite.json<{ error: { details: Array<{ path: string }> } }>().error.details[0]!.path).toBe(
      'querystring.siteId',
    );
  });
});
