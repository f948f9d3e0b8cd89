// Tariff plans on a real database: CRUD with audit, 400s naming the field, 409 on overlapping
// validity, the cost endpoint, tenant isolation attacked from tenant B, and the permissions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { TTariffPlan, TTariffPlanValues } from '@greenmes/contracts';
import { startTestApp, type TestApp } from '../../../../test/harness.ts';
import { DEMO_TARIFF_PLANS } from '../../demo/demo-tariffs.seed.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string };
const TOU = DEMO_TARIFF_PLANS[0]!;
const GAS = DEMO_TARIFF_PLANS[1]!;
const send = (method: string, url: string, token: string, body?: unknown) =>
  t.call({ method, url: `/api/v1${url}`, token, body });
const detailPaths = (body: string) =>
  (JSON.parse(body) as { error: { details?: Array<{ path: string }> } }).error.details?.map((d) => d.path) ??
  [];

let plan: TTariffPlan;
beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('tariff-a');
  b = await t.makeTenant('tariff-b');
});
afterAll(() => t?.close());

describe('tariff plans', () => {
  it('creates a time-of-use plan and reads it back as given, audited', async () => {
    const res = await send('POST', '/energy/tariffs', a.token, TOU);
    expect(res.statusCode, res.body).toBe(201);
    plan = res.json<TTariffPlan>();
    expect(plan).toMatchObject({
      code: TOU.code,
      medium: 'electricity',
      validFrom: '2026-01-01',
      validTo: null,
      prices: TOU.prices,
      seasons: TOU.seasons,
      basicCharge: { basis: 'demand', pricePerKwMonth: '40' },
      flatPrice: null,
    });
    expect((await send('GET', `/energy/tariffs/${plan.id}`, a.token)).json()).toEqual(plan);
    const audit = await send('GET', `/audit?entityType=energy_tariff_plan`, a.token);
    expect(audit.body).toContain(plan.id);
  });

  it('400 naming the field: gap, overlap, missing price, month twice, unknown field, bad clock', async () => {
    const other = TOU.seasons![1]!;
    const s = other.schedule;
    const withSchedule = (schedule: unknown[]) => ({
      ...TOU,
      code: 'BAD',
      seasons: [TOU.seasons![0], { ...other, schedule }],
    });
    const cases: Array<[unknown, string]> = [
      [withSchedule([s[0], { ...s[1], start: '08:30' }, ...s.slice(2)]), 'body.seasons.1.schedule.1.start'],
      [withSchedule([{ ...s[0], end: '09:00' }, ...s.slice(1)]), 'body.seasons.1.schedule.1.start'],
      [withSchedule(s.slice(0, -1)), 'body.seasons.1.schedule'],
      [withSchedule([{ ...s[0], start: '00:10' }, ...s.slice(1)]), 'body.seasons.1.schedule.0.start'],
      [withSchedule([{ ...s[0], period: 'deep_valley' }, ...s.slice(1)]), 'body.prices.deep_valley'],
      [{ ...TOU, code: 'BAD', seasons: [TOU.seasons![0], { ...other, months: [1, 7] }] }, 'body.seasons'],
      [{ ...TOU, code: 'BAD', colour: 'red' }, 'body'],
      [{ ...GAS, code: 'BAD', flatPrice: '-1' }, 'body.flatPrice'],
      [{ ...GAS, code: 'BAD', unit: 'kWh' }, 'body.unit'],
      [{ ...TOU, code: 'BAD', validTo: '2025-06-30' }, 'body.validTo'],
    ];
    for (const [body, path] of cases) {
      const res = await send('POST', '/energy/tariffs', a.token, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(detailPaths(res.body), `${path}: ${res.body}`).toContain(path);
    }
  });

  it('409 when validity overlaps another plan of the medium or the code is taken; other media are free', async () => {
    const overlap = await send('POST', '/energy/tariffs', a.token, {
      ...TOU,
      code: 'TOU-2027',
      validFrom: '2027-01-01',
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.body).toContain(TOU.code);
    expect((await send('POST', '/energy/tariffs', a.token, { ...GAS, code: TOU.code })).statusCode).toBe(409);
    expect((await send('POST', '/energy/tariffs', a.token, GAS)).statusCode).toBe(201);
    // end the first plan; then a successor from the next day fits
    const ended: TTariffPlanValues = { ...TOU, validTo: '2026-12-31' };
    const put = await send('PUT', `/energy/tariffs/${plan.id}`, a.token, ended);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<TTariffPlan>().validTo).toBe('2026-12-31');
    const next = await send('POST', '/energy/tariffs', a.token, {
      ...TOU,
      code: 'TOU-2027',
      validFrom: '2027-01-01',
      prices: { ...TOU.prices, peak: '1.1' },
    });
    expect(next.statusCode, next.body).toBe(201);
  });

  it('lists with search, medium filter, validity date and pagination; exports Excel', async () => {
    const list = (q: string) =>
      send('GET', `/energy/tariffs?${q}`, a.token).then((r) =>
        r.json<{ items: TTariffPlan[]; total: number }>(),
      );
    expect((await list('')).total).toBe(3);
    expect((await list('medium=electricity')).items.map((p) => p.code)).toEqual(['TOU-2027', TOU.code]);
    expect((await list('on=2026-06-01&medium=electricity')).items.map((p) => p.code)).toEqual([TOU.code]);
    expect((await list('q=天然气')).items.map((p) => p.code)).toEqual([GAS.code]);
    const page2 = await list('pageSize=2&page=2');
    expect(page2).toMatchObject({ total: 3 });
    expect(page2.items).toHaveLength(1);
    expect((await send('GET', '/energy/tariffs?pageSize=500', a.token)).statusCode).toBe(400);

    const xlsx = await send('GET', '/energy/tariffs/export?medium=electricity', a.token);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(5); // header + 2 plans × 2 seasons
    expect(String(ws.getRow(2).getCell(1).value)).toBe(TOU.code);
    expect(JSON.stringify(ws.getRow(2).values)).toContain('10:00-11:00, 14:00-15:00');
  });
});

describe('POST /api/v1/energy/cost/calculate', () => {
  const day = Array.from({ length: 24 }, (_, h) => ({
    ts: `2026-07-15T${String(h).padStart(2, '0')}:00:00+08:00`,
    quantity: 100 + 10 * h,
  }));

  it('with a stored plan: the hand-worked summer day', async () => {
    const res = await send('POST', '/energy/cost/calculate', a.token, { tariffId: plan.id, points: day });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      energyCost: '4017.60',
      totalCost: '17217.60',
      averagePrice: '0.7786',
    });
  });

  it('by medium: the plan valid on each day; an inline plan; days no plan covers are uncosted', async () => {
    const points = [
      { ts: '2025-12-31T12:00:00+08:00', quantity: 5 },
      { ts: '2026-03-10T09:00:00+08:00', quantity: 10 },
      { ts: '2027-03-10T09:00:00+08:00', quantity: 10 },
    ];
    const res = await send('POST', '/energy/cost/calculate', a.token, { medium: 'electricity', points });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      lines: Array<{ planCode: string; cost: string }>;
      uncosted: { quantity: number };
    }>();
    expect(r.lines.map((l) => [l.planCode, l.cost])).toEqual([
      [TOU.code, '10.70'],
      ['TOU-2027', '11.00'],
    ]);
    expect(r.uncosted.quantity).toBe(5);
    const inline = await send('POST', '/energy/cost/calculate', b.token, {
      plan: GAS,
      intervalMinutes: 1440,
      points: [{ ts: '2026-05-01T00:00:00+08:00', quantity: 1000 }],
    });
    expect(inline.statusCode, inline.body).toBe(200);
    expect(inline.json()).toMatchObject({ unit: 'm3', energyCost: '3850.00' });
  });

  it('400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ points: day }, 'body.tariffId'],
      [{ tariffId: plan.id, medium: 'electricity', points: day }, 'body.tariffId'],
      [{ tariffId: plan.id, points: [] }, 'body.points'],
      [{ tariffId: plan.id, points: [{ ts: 'yesterday', quantity: 1 }] }, 'body.points.0.ts'],
      [{ tariffId: plan.id, points: [{ ts: day[0]!.ts, quantity: -1 }] }, 'body.points.0.quantity'],
      [{ tariffId: plan.id, timeZone: 'Mars/Olympus', points: day }, 'body.timeZone'],
      [{ plan: { ...TOU, seasons: [] }, points: day }, 'body.plan.seasons'],
      [{ medium: 'steam', points: day }, 'body.medium'],
    ];
    for (const [body, path] of cases) {
      const res = await send('POST', '/energy/cost/calculate', a.token, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(detailPaths(res.body), `${path}: ${res.body}`).toContain(path);
    }
  });
});

describe('seasonal prices (丰水期 / 枯水期)', () => {
  const schedule = [
    { period: 'valley', start: '00:00', end: '08:00' },
    { period: 'peak', start: '08:00', end: '12:00' },
    { period: 'flat', start: '12:00', end: '18:00' },
    { period: 'peak', start: '18:00', end: '22:00' },
    { period: 'flat', start: '22:00', end: '24:00' },
  ];
  const HYDRO = {
    ...TOU,
    code: 'HYDRO',
    basicCharge: null,
    prices: { peak: '1.00', flat: '0.60', valley: '0.30' },
    seasons: [
      { name: '丰水期 Wet', months: [6, 7, 8, 9], schedule, prices: { flat: '0.50', valley: '0.20' } },
      { name: '枯水期 Dry', months: [1, 2, 3, 4, 5, 10, 11, 12], schedule, prices: { peak: '1.20' } },
    ],
  };
  const hours = (date: string) =>
    Array.from({ length: 24 }, (_, h) => ({
      ts: `${date}T${String(h).padStart(2, '0')}:00:00+08:00`,
      quantity: 10,
    }));

  it('a stored plan with season prices reads back as given and bills each season at its prices', async () => {
    const c = await t.makeTenant('tariff-c');
    const created = await send('POST', '/energy/tariffs', c.token, HYDRO);
    expect(created.statusCode, created.body).toBe(201);
    const stored = created.json<TTariffPlan>();
    expect(stored.seasons.map((x) => x.prices)).toEqual([HYDRO.seasons[0]!.prices, HYDRO.seasons[1]!.prices]);
    const res = await send('POST', '/energy/cost/calculate', c.token, {
      tariffId: stored.id,
      points: [...hours('2026-07-15'), ...hours('2026-01-15')],
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      lines: Array<{ season: string | null; period: string; price: string; cost: string }>;
    }>();
    // 80 kWh in each period of each day: July at the wet season's flat and valley, January at the dry peak
    expect(r.lines.map((l) => [l.period, l.season, l.price, l.cost])).toEqual([
      ['peak', null, '1.00', '80.00'],
      ['peak', '枯水期 Dry', '1.20', '96.00'],
      ['flat', null, '0.60', '48.00'],
      ['flat', '丰水期 Wet', '0.50', '40.00'],
      ['valley', null, '0.30', '24.00'],
      ['valley', '丰水期 Wet', '0.20', '16.00'],
    ]);
    expect(res.json()).toMatchObject({ energyCost: '304.00', totalCost: '304.00' });
  });

  it('400 naming the field: a season price outside its schedule, a period priced nowhere', async () => {
    const [wet, dry] = HYDRO.seasons;
    const cases: Array<[unknown, string]> = [
      [{ ...HYDRO, seasons: [{ ...wet, prices: { sharp: '2' } }, dry] }, 'body.seasons.0.prices.sharp'],
      [{ ...HYDRO, seasons: [{ ...wet, prices: { flat: 'cheap' } }, dry] }, 'body.seasons.0.prices.flat'],
      [{ ...HYDRO, prices: { peak: '1.00', flat: '0.60' } }, 'body.prices.valley'],
    ];
    for (const [body, path] of cases) {
      const res = await send('POST', '/energy/tariffs', a.token, { ...(body as object), code: 'HYDRO-BAD' });
      expect(res.statusCode, res.body).toBe(400);
      expect(detailPaths(res.body), `${path}: ${res.body}`).toContain(path);
    }
  });
});

describe('tenant isolation and permissions', () => {
  it("tenant B neither sees nor changes A's plans", async () => {
    expect((await send('GET', '/energy/tariffs', b.token)).json()).toMatchObject({ total: 0, items: [] });
    expect((await send('GET', `/energy/tariffs/${plan.id}`, b.token)).statusCode).toBe(404);
    expect((await send('PUT', `/energy/tariffs/${plan.id}`, b.token, TOU)).statusCode).toBe(404);
    expect((await send('DELETE', `/energy/tariffs/${plan.id}`, b.token)).statusCode).toBe(404);
    expect(
      (
        await send('POST', '/energy/cost/calculate', b.token, {
          tariffId: plan.id,
          points: [{ ts: '2026-07-15T00:00:00+08:00', quantity: 1 }],
        })
      ).statusCode,
    ).toBe(404);
    // B's own plan with A's code and period is fine: codes and validity are per enterprise
    expect((await send('POST', '/energy/tariffs', b.token, TOU)).statusCode).toBe(201);
    expect((await send('GET', `/energy/tariffs/${plan.id}`, a.token)).json<TTariffPlan>().validTo).toBe(
      '2026-12-31',
    );
  });

  it('viewers read and calculate but do not manage; roles without the permission get 403', async () => {
    const roles = (await send('GET', '/roles', a.token)).json<Array<{ id: string; code: string }>>();
    const user = async (username: string, role: string) => {
      const res = await send('POST', '/users', a.token, {
        username,
        password: 'Strong-pw-77',
        displayName: username,
        roleIds: [roles.find((r) => r.code === role)!.id],
      });
      expect(res.statusCode, res.body).toBe(201);
      return t.login('tariff-a', username, 'Strong-pw-77');
    };
    const viewer = await user('viewer1', 'viewer');
    expect((await send('GET', '/energy/tariffs', viewer)).statusCode).toBe(200);
    expect(
      (await send('POST', '/energy/cost/calculate', viewer, { tariffId: plan.id, points: day1() }))
        .statusCode,
    ).toBe(200);
    expect((await send('POST', '/energy/tariffs', viewer, { ...GAS, code: 'V' })).statusCode).toBe(403);
    expect((await send('PUT', `/energy/tariffs/${plan.id}`, viewer, TOU)).statusCode).toBe(403);
    expect((await send('DELETE', `/energy/tariffs/${plan.id}`, viewer)).statusCode).toBe(403);
    const planner = await user('planner1', 'production_planner');
    expect((await send('GET', '/energy/tariffs', planner)).statusCode).toBe(403);
    expect(
      (await send('POST', '/energy/cost/calculate', planner, { tariffId: plan.id, points: day1() }))
        .statusCode,
    ).toBe(403);
    expect((await t.call({ url: '/api/v1/energy/tariffs' })).statusCode).toBe(401);
  });

  it('deletes, audited', async () => {
    const gas = (await send('GET', '/energy/tariffs?medium=natural_gas', a.token)).json<{
      items: TTariffPlan[];
    }>().items[0]!;
    expect((await send('DELETE', `/energy/tariffs/${gas.id}`, a.token)).statusCode).toBe(200);
    expect((await send('GET', `/energy/tariffs/${gas.id}`, a.token)).statusCode).toBe(404);
    const audit = await send('GET', `/audit?entityType=energy_tariff_plan&action=delete`, a.token);
    expect(audit.body).toContain(gas.id);
  });
});

const day1 = () => [{ ts: '2026-07-15T00:00:00+08:00', quantity: 1 }];
