// OEE per work center on a real database, worked by hand for Monday 2 March 2026 (Asia/Shanghai): one
// 08:00–16:00 shift with a 12:00–12:30 break (450 planned minutes), a press whose controller reports its
// state, and job reports on a 30 s/piece operation. Missing data gives nulls with reasons, bad input 400s
// naming the field, and the data scope and tenant B see nothing of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { TEquipmentScreen, TOeeReport, TOeeWorkCenter, TWorkOrder } from '@greenmes/contracts';
import { runCompaction } from '../telemetry/storage/maintenance.job.ts';
import {
  ingestAll,
  makePlant,
  makeRoutedProduct,
  startTestApp,
  type TestApp,
} from '../../../test/harness.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string };
let plant: Awaited<ReturnType<typeof makePlant>>;
let press: { id: string };
let pressCenter: string;
let emptyCenter: string;
let silentCenter: string;

const DAY = { from: '2026-03-02T00:00:00+08:00', to: '2026-03-03T00:00:00+08:00' };
const at = (clock: string, date = '2026-03-02') => `${date}T${clock}:00+08:00`;

const call = (url: string, token = a.token) => t.call({ url: `/api/v1${url}`, token });
async function ok<T = { id: string }>(method: string, url: string, body?: unknown, token = a.token) {
  const res = await t.call({ method, url: `/api/v1${url}`, token, body });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}
const oee = (query: Record<string, string>, token = a.token) =>
  call(`/production/oee?${new URLSearchParams(query).toString()}`, token);
async function rowOf(workCenterId: string, query: Record<string, string> = DAY): Promise<TOeeWorkCenter> {
  const res = await oee(query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TOeeReport>().workCenters.find((w) => w.workCenterId === workCenterId)!;
}

/** A work center under the plant's line, with a piece of equipment on it unless `isEmpty`. */
async function workCenter(code: string, isEmpty = false) {
  const wc = await ok('POST', '/plant/nodes', {
    kind: 'work_center',
    parentId: plant.line.id,
    code,
    name: code,
  });
  const equipment = isEmpty
    ? null
    : await ok('POST', '/equipment', {
        nodeId: wc.id,
        code: `${code}-EQ`,
        name: `${code} machine`,
        category: 'machine_tool',
        energyMedia: ['electricity'],
      });
  return { id: wc.id, equipment };
}

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('oee-a');
  b = await t.makeTenant('oee-b');
  plant = await makePlant(t, a.token, 'OE');
  await ok('POST', '/shift-calendars', {
    siteId: plant.site.id,
    code: 'OE-CAL',
    name: 'Day shift',
    validFrom: '2026-01-01',
    shifts: [
      {
        code: 'D',
        name: 'Day',
        start: '08:00',
        end: '16:00',
        breaks: [{ start: '12:00', end: '12:30' }],
        weekdays: [1, 2, 3, 4, 5, 6, 7],
      },
    ],
  });
  const pressWc = await workCenter('OE-PRESS');
  pressCenter = pressWc.id;
  press = pressWc.equipment!;
  emptyCenter = (await workCenter('OE-BENCH', true)).id;
  silentCenter = (await workCenter('OE-OLD')).id;

  // the press's controller: running since the evening before, down 09:00–09:30, idle at 15:00, running
  // again at 17:00 (after the shift: not planned, so not counted)
  const device = await ok('POST', '/devices', {
    code: 'PLC-OE-PRESS',
    name: 'Press PLC',
    equipmentId: press.id,
    metrics: [
      { key: 'state', name: 'State', valueType: 'state', kind: 'state', states: ['idle', 'running', 'down'] },
    ],
  });
  const cred = await ok<{ token: string }>('POST', `/devices/${device.id}/credentials`, { kind: 'token' });
  const state = (iso: string, s: string) => ({ ts: Date.parse(iso), values: { state: s } });
  await ingestAll(t, cred.token, [
    state(at('22:00', '2026-03-01'), 'running'),
    state(at('09:00'), 'down'),
    state(at('09:30'), 'running'),
    // a controller repeating its state changes nothing
    state(at('11:00'), 'running'),
    state(at('15:00'), 'idle'),
    state(at('17:00'), 'running'),
  ]);

  // a 30 s/piece operation on the press: 570 good and 30 scrap on the day, 100 good the day after
  const operations = [{ seqNo: 10, code: 'PRESS', name: 'Press', runSecondsPerUnit: '30' }];
  const { productId } = await makeRoutedProduct(t, a.token, {
    prefix: 'OE',
    parentId: plant.line.id,
    units: plant.units,
    workCenterId: pressCenter,
    operations,
  });
  const workerId = (await ok('POST', '/labour/workers', { employeeNo: 'OE001', name: '王五' })).id;
  await ok('POST', '/production/reason-codes', { kind: 'scrap', code: 'S01', name: '毛刺' });
  const order = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity: '1000' });
  await ok('POST', `/production/work-orders/${order.id}/release`, {});
  const report = (body: object) =>
    ok('POST', `/production/work-orders/${order.id}/operations/${order.operations[0]!.id}/job-reports`, {
      workerId,
      ...body,
    });
  await report({ kind: 'start', occurredAt: at('08:00') });
  await report({ kind: 'quantity', goodQty: '300', occurredAt: at('11:30') });
  await report({
    kind: 'quantity',
    goodQty: '270',
    scrapQty: '30',
    scrapReasonCode: 'S01',
    occurredAt: at('15:30'),
  });
  await report({ kind: 'quantity', goodQty: '100', occurredAt: at('09:00', '2026-03-03') });
});
afterAll(() => t?.close());

describe('GET /production/oee', () => {
  it('computes A, P, Q and OEE of the press as worked by hand', async () => {
    const row = await rowOf(pressCenter);
    // running inside planned time: 08:00–09:00, 09:30–12:00, 12:30–15:00 = 60 + 150 + 150 min
    expect(row).toMatchObject({
      workCenterCode: 'OE-PRESS',
      siteId: plant.site.id,
      equipmentId: press.id,
      equipment: [{ id: press.id, code: 'OE-PRESS-EQ', hasStateData: true }],
      plannedMinutes: 450,
      runningMinutes: 360,
      // (570 + 30) × 30 s
      standardMinutes: 300,
      good: '570',
      scrap: '30',
      availability: { value: 0.8, reason: null },
      reasons: [],
    });
    expect(row.performance.value).toBeCloseTo(300 / 360, 10);
    expect(row.performance.uncapped).toBeCloseTo(300 / 360, 10);
    expect(row.quality.value).toBeCloseTo(0.95, 10);
    expect(row.oee).toBeCloseTo(0.8 * (300 / 360) * 0.95, 10);
    const report = (await oee(DAY)).json<TOeeReport>();
    expect(report).toMatchObject({ from: '2026-03-01T16:00:00.000Z', to: '2026-03-02T16:00:00.000Z' });
    expect(report.timezone).toBe('Asia/Shanghai');
    // only the press has data: the plant is the press
    expect(report.plant).toMatchObject({ plannedMinutes: 450, workCenters: 1 });
    expect(report.plant!.oee).toBeCloseTo(row.oee!, 10);
  });

  it('gives nulls with reasons, never 0, where data is missing', async () => {
    expect(await rowOf(emptyCenter)).toMatchObject({
      equipment: [],
      equipmentId: null,
      plannedMinutes: 450,
      runningMinutes: null,
      availability: { value: null, reason: 'no_equipment' },
      performance: { value: null, reason: 'no_equipment', uncapped: null },
      quality: { value: null, reason: 'no_output' },
      oee: null,
      reasons: ['no_equipment', 'no_output'],
    });
    expect(await rowOf(silentCenter)).toMatchObject({
      equipment: [{ code: 'OE-OLD-EQ', hasStateData: false }],
      availability: { value: null, reason: 'no_state_data' },
      oee: null,
    });
    // before the shift nothing is planned; the press ran, but not in planned time
    const night = await rowOf(pressCenter, { from: DAY.from, to: at('08:00') });
    expect(night).toMatchObject({
      plannedMinutes: 0,
      runningMinutes: 0,
      availability: { value: null, reason: 'no_planned_time' },
      performance: { value: null, reason: 'no_running_time' },
      quality: { value: null, reason: 'no_output' },
      oee: null,
    });
    // a period in the future is clipped to now: nothing planned yet
    const future = await rowOf(pressCenter, {
      from: '2099-01-01T00:00:00+08:00',
      to: '2099-01-02T00:00:00+08:00',
    });
    expect(future).toMatchObject({ plannedMinutes: 0, oee: null });
  });

  it('reads the state the press was in before the period, and the morning by itself', async () => {
    const morning = await rowOf(pressCenter, { from: at('08:00'), to: at('12:00') });
    // 08:00–09:00 and 09:30–12:00 of 240 planned; 300 pieces × 30 s = 150 min
    expect(morning).toMatchObject({ plannedMinutes: 240, runningMinutes: 210, standardMinutes: 150 });
    expect(morning.availability.value).toBeCloseTo(210 / 240, 10);
    expect(morning.quality.value).toBe(1);
  });

  it('filters by site and work center; unknown ids are 404', async () => {
    const bySite = (await oee({ ...DAY, siteId: plant.site.id })).json<TOeeReport>();
    expect(bySite.workCenters.map((w) => w.workCenterCode).sort()).toEqual([
      'OE-BENCH',
      'OE-OLD',
      'OE-PRESS',
    ]);
    const one = (await oee({ ...DAY, workCenterId: pressCenter })).json<TOeeReport>();
    expect(one.workCenters.map((w) => w.workCenterId)).toEqual([pressCenter]);
    expect((await oee({ ...DAY, siteId: pressCenter })).statusCode).toBe(404);
    expect((await oee({ ...DAY, workCenterId: plant.site.id })).statusCode).toBe(404);
    expect((await oee({ ...DAY, workCenterId: crypto.randomUUID() })).statusCode).toBe(404);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ from: 'yesterday' }, 'querystring.from'],
      [{ to: '2026-03-02' }, 'querystring.to'],
      [{ from: DAY.to, to: DAY.from }, 'querystring.to'],
      [{ from: DAY.from, to: DAY.from }, 'querystring.to'],
      [{ from: '2026-01-01T00:00:00+08:00', to: '2026-04-05T00:00:00+08:00' }, 'querystring.to'],
      // from in the future with to defaulting to now
      [{ from: '2099-01-01T00:00:00Z' }, 'querystring.to'],
      [{ ...DAY, workCenterId: 'nope' }, 'querystring.workCenterId'],
      [{ ...DAY, siteId: '42' }, 'querystring.siteId'],
    ];
    for (const [query, path] of cases) {
      const res = await oee(query);
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      const details = res.json<{ error: { details: Array<{ path: string }> } }>().error.details;
      expect(details.map((d) => d.path)).toContain(path);
    }
    expect((await oee({ ...DAY, extra: '1' })).statusCode).toBe(400);
    // 93 days is the longest period
    const quarter = await oee({ from: '2026-01-01T00:00:00+08:00', to: '2026-04-04T00:00:00+08:00' });
    expect(quarter.statusCode, quarter.body).toBe(200);
  });

  it('defaults to today so far in the tenant time zone', async () => {
    const res = await oee({});
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<TOeeReport>();
    expect(Date.parse(report.to)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(report.to) - Date.parse(report.from)).toBeLessThanOrEqual(86_400_000);
    // midnight in Shanghai is 16:00 UTC
    expect(report.from.slice(11)).toBe('16:00:00.000Z');
  });

  it('exports the same table to Excel', async () => {
    const res = await call(`/production/oee/export?${new URLSearchParams(DAY).toString()}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    const col = (name: string) => header.findIndex((h) => h.includes(name));
    const pressRow = rows.find((r) => r[col('Work center code')] === 'OE-PRESS')!;
    expect(pressRow[col('Availability')]).toBe(80);
    expect(pressRow[col('OEE')]).toBe(63.3);
    const bench = rows.find((r) => r[col('Work center code')] === 'OE-BENCH')!;
    // unknown is an empty cell, not 0
    expect(bench[col('OEE')]).toBeUndefined();
    expect(bench[col('Reasons')]).toBe('no_equipment, no_output');
    expect((await call('/production/oee/export?from=x')).statusCode).toBe(400);
  });

  it('respects the data scope and the permission; tenant B sees none of it', async () => {
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    const otherSite = await ok('POST', '/plant/nodes', { kind: 'site', code: 'OE-S2', name: 'S2' });
    const user = async (username: string, role: string, nodeIds: string[]) => {
      await ok('POST', '/users', {
        username,
        password: 'Strong-pw-77',
        displayName: username,
        roleIds: [roles.find((r) => r.code === role)!.id],
        dataScope: { nodeIds },
      });
      return t.login('oee-a', username, 'Strong-pw-77');
    };
    const outside = await user('outside', 'production_planner', [otherSite.id]);
    const seen = await oee(DAY, outside);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json<TOeeReport>()).toMatchObject({ workCenters: [], plant: null });
    expect((await oee({ ...DAY, workCenterId: pressCenter }, outside)).statusCode).toBe(404);
    expect((await oee({ ...DAY, siteId: plant.site.id }, outside)).statusCode).toBe(404);
    const inside = await user('inside', 'production_planner', [plant.area.id]);
    const mine = (await oee({ ...DAY, workCenterId: pressCenter }, inside)).json<TOeeReport>();
    expect(mine.workCenters[0]!.oee).toBeCloseTo(0.8 * (300 / 360) * 0.95, 10);
    const engineer = await user('engineer', 'equipment_engineer', [plant.area.id]);
    expect((await oee(DAY, engineer)).statusCode).toBe(403);
    // the big screen is for everyone who watches the plant: its OEE needs no production permission
    const screen = await call(`/screens/equipment?at=${encodeURIComponent(at('16:00'))}`, engineer);
    expect(screen.json<TEquipmentScreen>().oee).toMatchObject({ workCenters: 1 });
    const outsideScreen = await call(`/screens/equipment?at=${encodeURIComponent(at('16:00'))}`, outside);
    expect(outsideScreen.json<TEquipmentScreen>().oee).toBeNull();

    const fromB = await oee(DAY, b.token);
    expect(fromB.json<TOeeReport>().workCenters).toEqual([]);
    expect((await oee({ ...DAY, workCenterId: pressCenter }, b.token)).statusCode).toBe(404);
    expect((await oee({ ...DAY, siteId: plant.site.id }, b.token)).statusCode).toBe(404);
  });

  it('reads the same states once compaction has packed them into hours', async () => {
    const before = [
      await rowOf(pressCenter),
      await rowOf(pressCenter, { from: at('08:00'), to: at('12:00') }),
    ];
    const packed = await runCompaction(t.database.db, { olderThanMs: 86_400_000, maxHours: 100 });
    expect(packed.points).toBeGreaterThanOrEqual(6);
    const after = [
      await rowOf(pressCenter),
      await rowOf(pressCenter, { from: at('08:00'), to: at('12:00') }),
    ];
    expect(after).toEqual(before);
    expect(after[0]!.runningMinutes).toBe(360);
  });

  it('is described in the OpenAPI document', async () => {
    const spec = (await t.call({ url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(spec.paths).toHaveProperty(['/api/v1/production/oee']);
    expect(spec.paths).toHaveProperty(['/api/v1/production/oee/export']);
  });
});

describe('the equipment big screen', () => {
  it('shows the plant OEE and the best work centers of the day so far', async () => {
    const res = await call(`/screens/equipment?at=${encodeURIComponent(at('16:00'))}`);
    expect(res.statusCode, res.body).toBe(200);
    const screen = res.json<TEquipmentScreen>();
    expect(screen.oee).toMatchObject({
      workCenters: 1,
      top: [{ id: pressCenter, code: 'OE-PRESS' }],
      bottom: [],
    });
    expect(screen.oee!.value).toBeCloseTo(0.8 * (300 / 360) * 0.95, 10);
    const site = (
      await call(`/screens/equipment?at=${encodeURIComponent(at('16:00'))}&siteId=${plant.site.id}`)
    ).json<TEquipmentScreen>();
    expect(site.oee!.value).toBeCloseTo(screen.oee!.value, 10);
  });

  it('keeps OEE null when no work center has data', async () => {
    // a Sunday before the calendar begins: nothing planned
    const screen = (
      await call(`/screens/equipment?at=${encodeURIComponent('2025-06-01T12:00:00+08:00')}`)
    ).json<TEquipmentScreen>();
    expect(screen.oee).toBeNull();
  });
});
