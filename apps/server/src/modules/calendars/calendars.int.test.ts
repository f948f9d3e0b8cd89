// Shift calendars on a real database: CRUD with audit, 400s naming the field, 409 on overlapping
// validity, shift instances with holidays and 调休 days, the holiday Excel round trip, tenant isolation
// attacked from tenant B, and the permissions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { TImportResult, TShiftCalendar, TShiftInstancesResult } from '@greenmes/contracts';
import { makePlant, startTestApp, type TestApp } from '../../../test/harness.ts';
import { demoCalendar, seedDemoCalendars } from '../demo/demo-calendars.seed.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string; tenantId: string };
let siteId: string;
let areaId: string;
let cal: TShiftCalendar;
const send = (method: string, url: string, token: string, body?: unknown) =>
  t.call({ method, url: `/api/v1${url}`, token, body });
const detailPaths = (body: string) =>
  (JSON.parse(body) as { error: { details?: Array<{ path: string }> } }).error.details?.map((d) => d.path) ??
  [];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
async function sheet(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('节假日');
  ws.addRow(['日期 / Date', '类型 / Type', '名称 / Name', '上班班次 / Shifts']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (url: string, token: string, file: Buffer) =>
  t.call({ method: 'POST', url: `/api/v1${url}`, token, body: file, headers: { 'content-type': XLSX } });

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('cal-a');
  b = await t.makeTenant('cal-b');
  const plant = await makePlant(t, a.token, 'CA');
  siteId = plant.site.id;
  areaId = plant.area.id;
});
afterAll(() => t?.close());

describe('shift calendars', () => {
  it('creates the three-shift calendar with the 2026 holidays and reads it back, audited', async () => {
    const res = await send('POST', '/shift-calendars', a.token, demoCalendar(siteId));
    expect(res.statusCode, res.body).toBe(201);
    cal = res.json<TShiftCalendar>();
    expect(cal).toMatchObject({ siteId, siteCode: 'CA-S', validFrom: '2026-01-01', validTo: '2026-12-31' });
    expect(cal.shifts.map((s) => [s.code, s.name, s.start, s.end, s.netMinutes])).toEqual([
      ['A', '早班', '08:00', '16:00', 450],
      ['B', '中班', '16:00', '24:00', 450],
      ['C', '夜班', '00:00', '08:00', 450],
    ]);
    expect(cal.days.find((d) => d.date === '2026-02-15')).toEqual({
      date: '2026-02-15',
      kind: 'holiday',
      name: '春节',
      shiftCodes: null,
    });
    expect((await send('GET', `/shift-calendars/${cal.id}`, a.token)).json()).toEqual(cal);
    const list = (await send('GET', `/shift-calendars?siteId=${siteId}&on=2026-06-01`, a.token)).json<{
      total: number;
    }>();
    expect(list.total).toBe(1);
    expect((await send('GET', '/audit?entityType=shift_calendar', a.token)).body).toContain(cal.id);
  });

  it('400 naming the field: overlapping shifts, a break outside its shift, a clock off the grid, not a site', async () => {
    const base = demoCalendar(siteId);
    const withShift = (i: number, patch: object) => ({
      ...base,
      code: 'BAD',
      validFrom: '2030-01-01',
      validTo: null,
      days: [],
      shifts: base.shifts.map((s, k) => (k === i ? { ...s, ...patch } : s)),
    });
    const cases: Array<[unknown, string]> = [
      [withShift(1, { start: '15:00' }), 'body.shifts.1.start'],
      [withShift(2, { end: '09:00' }), 'body.shifts.2.start'],
      [withShift(0, { breaks: [{ start: '15:45', end: '16:15' }] }), 'body.shifts.0.breaks.0.end'],
      [withShift(0, { start: '08:07' }), 'body.shifts.0.start'],
      [withShift(0, { weekdays: [8] }), 'body.shifts.0.weekdays.0'],
      [{ ...withShift(0, {}), siteId: areaId }, 'body.siteId'],
      [
        { ...withShift(0, {}), days: [{ date: '2030-05-01', kind: 'workday', shiftCodes: ['Z'] }] },
        'body.days.0.shiftCodes.0',
      ],
      [{ ...withShift(0, {}), colour: 'red' }, 'body'],
    ];
    for (const [body, path] of cases) {
      const res = await send('POST', '/shift-calendars', a.token, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(detailPaths(res.body), `${path}: ${res.body}`).toContain(path);
    }
  });

  it('409 when validity overlaps another calendar of the site or the code is taken', async () => {
    const next = {
      ...demoCalendar(siteId),
      code: 'CA-2027',
      validFrom: '2026-12-01',
      validTo: null,
      days: [],
    };
    expect((await send('POST', '/shift-calendars', a.token, next)).statusCode).toBe(409);
    expect(
      (await send('POST', '/shift-calendars', a.token, { ...next, validFrom: '2027-01-01', code: cal.code }))
        .statusCode,
    ).toBe(409);
    const ok = await send('POST', '/shift-calendars', a.token, { ...next, validFrom: '2027-01-01' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(
      (await send('DELETE', `/shift-calendars/${ok.json<TShiftCalendar>().id}`, a.token)).statusCode,
    ).toBe(200);
  });

  it('PUT replaces the calendar and keeps the ids of shifts whose code stays', async () => {
    const input = {
      ...demoCalendar(siteId),
      shifts: [
        { ...demoCalendar(siteId).shifts[0]!, name: '白班', breaks: [{ start: '11:30', end: '12:15' }] },
        ...demoCalendar(siteId).shifts.slice(1),
      ],
    };
    const res = await send('PUT', `/shift-calendars/${cal.id}`, a.token, input);
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<TShiftCalendar>();
    expect(after.shifts.map((s) => s.id)).toEqual(cal.shifts.map((s) => s.id));
    expect(after.shifts[0]).toMatchObject({ name: '白班', netMinutes: 435 });
    // back as it was, for the tests below
    expect((await send('PUT', `/shift-calendars/${cal.id}`, a.token, demoCalendar(siteId))).statusCode).toBe(
      200,
    );
  });
});

describe('shift instances', () => {
  const instances = async (from: string, to: string, token = a.token, site = siteId) =>
    send(
      'GET',
      `/shift-instances?siteId=${site}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      token,
    );

  it('the Spring Festival week: Saturday 2-14 worked, 2-15…2-23 off, Monday 2-24 back', async () => {
    const res = await instances('2026-02-14T00:00:00+08:00', '2026-02-25T00:00:00+08:00');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<TShiftInstancesResult>();
    expect(body.timezone).toBe('Asia/Shanghai');
    expect([...new Set(body.instances.map((i) => i.date))]).toEqual(['2026-02-14', '2026-02-24']);
    expect(body.instances.map((i) => i.shiftCode)).toEqual(['C', 'A', 'B', 'C', 'A', 'B']);
    expect(body.instances[1]).toMatchObject({
      shiftName: '早班',
      start: '2026-02-14T00:00:00.000Z',
      end: '2026-02-14T08:00:00.000Z',
      breaks: [{ start: '2026-02-14T04:00:00.000Z', end: '2026-02-14T04:30:00.000Z' }],
      netMinutes: 450,
    });
    expect(body.workingMinutes).toBe(6 * 450);
  });

  it('a 调休 Sunday (2026-01-04) is worked; the range clips working minutes, not the instances', async () => {
    const body = (
      await instances('2026-01-04T10:00:00+08:00', '2026-01-05T00:00:00+08:00')
    ).json<TShiftInstancesResult>();
    expect(body.instances.map((i) => `${i.date} ${i.shiftCode}`)).toEqual(['2026-01-04 A', '2026-01-04 B']);
    // 10:00–16:00 minus the 12:00 break, plus the whole 中班
    expect(body.workingMinutes).toBe(330 + 450);
  });

  it('a range beyond the calendar has none; to before from is a 400', async () => {
    expect((await instances('2027-03-01T00:00:00+08:00', '2027-03-02T00:00:00+08:00')).json()).toMatchObject({
      instances: [],
      workingMinutes: 0,
    });
    const bad = await instances('2026-03-02T00:00:00+08:00', '2026-03-01T00:00:00+08:00');
    expect(bad.statusCode).toBe(400);
    expect(detailPaths(bad.body)).toContain('querystring.to');
  });

  it("tenant B gets a 400 for A's site and 404 for A's calendar", async () => {
    const res = await instances('2026-03-02T00:00:00+08:00', '2026-03-03T00:00:00+08:00', b.token);
    expect(res.statusCode).toBe(400);
    expect(detailPaths(res.body)).toContain('querystring.siteId');
    expect((await send('GET', `/shift-calendars/${cal.id}`, b.token)).statusCode).toBe(404);
    expect((await send('PUT', `/shift-calendars/${cal.id}`, b.token, demoCalendar(siteId))).statusCode).toBe(
      404,
    );
    expect((await send('DELETE', `/shift-calendars/${cal.id}`, b.token)).statusCode).toBe(404);
    expect((await send('GET', `/shift-calendars/${cal.id}/days/export`, b.token)).statusCode).toBe(404);
    expect((await send('GET', '/shift-calendars', b.token)).json()).toMatchObject({ total: 0 });
    // B cannot hang a calendar on A's site either
    expect(
      (await send('POST', '/shift-calendars', b.token, { ...demoCalendar(siteId), code: 'X' })).statusCode,
    ).toBe(400);
  });
});

describe('holidays in Excel', () => {
  it('exports the year, with a template to start from', async () => {
    const res = await send('GET', `/shift-calendars/${cal.id}/days/export?year=2026`, a.token);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(1 + cal.days.length);
    expect(ws.getRow(2).values).toEqual([undefined, '2026-01-01', '休息', '元旦']);
    expect((await send('GET', '/shift-calendars/days/import-template', a.token)).statusCode).toBe(200);
  });

  it('an import with bad rows writes nothing and names each row and column', async () => {
    const file = await sheet([
      ['2026-12-26', '上班', '年末加班', 'A,Z'],
      ['2026-12-31', '放羊', null, null],
      ['2027-01-01', '休息', '元旦', null],
      ['2026-12-26', '休息', null, null],
    ]);
    const res = await upload(`/shift-calendars/${cal.id}/days/import`, a.token, file);
    expect(res.statusCode, res.body).toBe(400);
    expect(detailPaths(res.body)).toEqual(['rows.2.shiftCodes', 'rows.3.kind', 'rows.4.date', 'rows.5.date']);
    expect((await send('GET', `/shift-calendars/${cal.id}`, a.token)).json<TShiftCalendar>().days).toEqual(
      cal.days,
    );
  });

  it('dry run counts, then the import upserts by date and keeps the other days', async () => {
    const file = await sheet([
      ['2026-12-26', '上班', '年末加班', 'A'],
      [new Date('2026-12-31T00:00:00Z'), '休息', '年末停产', null],
      ['2026-10-10', 'holiday', '国庆节调休取消', null],
    ]);
    const dry = await upload(`/shift-calendars/${cal.id}/days/import?dryRun=true`, a.token, file);
    expect(dry.json<TImportResult>()).toMatchObject({ imported: 0, created: 2, updated: 1 });
    const res = await upload(`/shift-calendars/${cal.id}/days/import`, a.token, file);
    expect(res.json<TImportResult>()).toMatchObject({ imported: 3, created: 2, updated: 1 });
    const after = (await send('GET', `/shift-calendars/${cal.id}`, a.token)).json<TShiftCalendar>();
    expect(after.days).toHaveLength(cal.days.length + 2);
    expect(after.days.find((d) => d.date === '2026-12-26')).toMatchObject({
      kind: 'workday',
      shiftCodes: ['A'],
    });
    expect(after.days.find((d) => d.date === '2026-10-10')).toMatchObject({ kind: 'holiday' });
    // Saturday 12-26 runs only the early shift; 12-31 (a Thursday) none
    const body = (
      await send(
        'GET',
        `/shift-instances?siteId=${siteId}&from=${encodeURIComponent('2026-12-26T00:00:00+08:00')}&to=${encodeURIComponent('2027-01-01T00:00:00+08:00')}`,
        a.token,
      )
    ).json<TShiftInstancesResult>();
    expect(body.instances.filter((i) => i.date === '2026-12-26').map((i) => i.shiftCode)).toEqual(['A']);
    expect(body.instances.filter((i) => i.date === '2026-12-31')).toEqual([]);
  });
});

describe('permissions', () => {
  it('viewers and operators read calendars; planners manage them; others get 403 on writes', async () => {
    const roles = (await send('GET', '/roles', a.token)).json<Array<{ id: string; code: string }>>();
    const user = async (username: string, role: string) => {
      const res = await send('POST', '/users', a.token, {
        username,
        password: 'Strong-pw-77',
        displayName: username,
        roleIds: [roles.find((r) => r.code === role)!.id],
      });
      expect(res.statusCode, res.body).toBe(201);
      return t.login('cal-a', username, 'Strong-pw-77');
    };
    const viewer = await user('viewer1', 'viewer');
    const operator = await user('op1', 'operator');
    const planner = await user('planner1', 'production_planner');
    for (const token of [viewer, operator]) {
      expect((await send('GET', `/shift-calendars/${cal.id}`, token)).statusCode).toBe(200);
      expect((await send('PUT', `/shift-calendars/${cal.id}`, token, demoCalendar(siteId))).statusCode).toBe(
        403,
      );
    }
    expect((await send('DELETE', `/shift-calendars/${cal.id}`, viewer)).statusCode).toBe(403);
    const res = await send('PUT', `/shift-calendars/${cal.id}`, planner, demoCalendar(siteId));
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('demo seed', () => {
  it("seeds the demo site's 2026 calendar once, whatever the number of runs", async () => {
    const site = await send('POST', '/plant/nodes', b.token, {
      kind: 'site',
      code: 'GY-SITE',
      name: '苏州工厂',
    });
    expect(site.statusCode, site.body).toBe(201);
    const tenant = { id: b.tenantId, code: 'cal-b', name: 'Enterprise cal-b' };
    await seedDemoCalendars({ db: t.database.db, tenant });
    await seedDemoCalendars({ db: t.database.db, tenant });
    const list = (await send('GET', '/shift-calendars', b.token)).json<{ items: TShiftCalendar[] }>();
    expect(list.items.map((c) => [c.code, c.shifts.length, c.days.length])).toEqual([
      ['GY-SITE-2026', 3, 39],
    ]);
    // National Day week: 10-01…10-07 off, Saturday 10-10 worked; Sunday 09-20 worked
    const q = (from: string, to: string) =>
      send(
        'GET',
        `/shift-instances?siteId=${site.json<{ id: string }>().id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        b.token,
      );
    const dates = (await q('2026-09-30T00:00:00+08:00', '2026-10-11T00:00:00+08:00'))
      .json<TShiftInstancesResult>()
      .instances.map((i) => i.date);
    expect([...new Set(dates)]).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
    expect((await q('2026-09-20T00:00:00+08:00', '2026-09-21T00:00:00+08:00')).json()).toMatchObject({
      workingMinutes: 3 * 450,
    });
  });
});
