// EnPI alarms through the alarm system, on a real database: the job raises one alarm per EnPI-month
// beyond the margin (history, webhook outbox, live listeners), never a second on a re-run, clears it
// when corrected readings bring the month back within the margin, and keeps tenants apart.
// The months are the last complete ones before today, in the enterprise's time zone (Asia/Shanghai).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type TAlarm, type TAlarmDetail, type TPage } from '@greenmes/contracts';
import { makePlant, startTestApp, type TestApp } from '../../../../test/harness.ts';
import { ENPI_ALARM_MONTHS, monthIn } from './enpi-alarms.job.ts';

let t: TestApp;
const TZ = 'Asia/Shanghai';
const NOW = new Date();
const month = (delta: number) => monthIn(TZ, NOW, delta);
const runJob = (name: string) => t.app.telemetry.jobs.runNow(name);
const announced: Array<{ tenantId: string; alarm: TAlarm }> = [];

/** 6 baseline months (exactly 100 + 2 × output), then the 3 months the job evaluates. */
const OUTPUT = [50, 60, 55, 70, 65, 80, 75, 90, 60];
const MONTHS = OUTPUT.map((_, i) => month(i - OUTPUT.length));
/** actual − expected of the evaluated months */
const on = (output: number) => 100 + 2 * output;

interface Tenant {
  tenantId: string;
  token: string;
  enpiId: string;
  meterId: string;
  /** the register readings at the start of each month and of this month, by month */
  readings: Map<string, { id: string; value: number }>;
}

async function setUp(code: string, over: number[], marginPct: number): Promise<Tenant> {
  const { tenantId, token } = await t.makeTenant(code);
  const siteId = (await makePlant(t, token, 'N')).site.id;
  const meter = await t.call({
    method: 'POST',
    url: '/api/v1/energy/meters',
    token,
    body: { code: 'E-1', name: 'Incomer', medium: 'electricity', unit: 'kWh', level: 1, source: 'manual' },
  });
  const meterId = meter.json<{ id: string }>().id;
  const consumption = OUTPUT.map((o, i) => on(o) + (over[i - 6] ?? 0));
  const readings = new Map<string, { id: string; value: number }>();
  let register = 0;
  for (const [i, m] of [...MONTHS, month(0)].entries()) {
    const res = await t.call({
      method: 'POST',
      url: `/api/v1/energy/meters/${meterId}/records`,
      token,
      body: { kind: 'reading', ts: `${m}-01T00:00:00+08:00`, value: register },
    });
    expect(res.statusCode, res.body).toBe(201);
    readings.set(m, { id: res.json<{ id: string }>().id, value: register });
    register += consumption[i] ?? 0;
  }
  for (const [i, m] of MONTHS.entries()) {
    const res = await t.call({
      method: 'PUT',
      url: `/api/v1/energy/economics/${siteId}/${m}`,
      token,
      body: { grossOutputValue: String(OUTPUT[i]), valueAdded: '1' },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const enpi = await t.call({
    method: 'POST',
    url: '/api/v1/energy/enpis',
    token,
    body: {
      code: 'ENPI-E',
      name: `Electricity per output ${code}`,
      meterId,
      siteId,
      driver: 'output_value',
      baselineFrom: MONTHS[0],
      baselineTo: MONTHS[5],
      marginPct,
    },
  });
  expect(enpi.statusCode, enpi.body).toBe(201);
  return { tenantId, token, enpiId: enpi.json<{ id: string }>().id, meterId, readings };
}

const enpiAlarms = async (x: Tenant, query = '') => {
  const res = await t.call({ url: `/api/v1/alarms?source=enpi${query}`, token: x.token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TPage<TAlarm>>();
};
const detail = async (x: Tenant, id: string) =>
  (await t.call({ url: `/api/v1/alarms/${id}`, token: x.token })).json<TAlarmDetail>();

let a: Tenant;
let b: Tenant;
let hookId: string;
beforeAll(async () => {
  expect(DEFAULT_SETTINGS.timezone).toBe(TZ);
  expect(ENPI_ALARM_MONTHS).toBe(3);
  t = await startTestApp();
  t.app.telemetry.module.alarms.onAlarmChanged((tenantId, alarm) => announced.push({ tenantId, alarm }));
  // A: the middle evaluated month 20 kWh above the model (280 expected: +7.1 %, margin 5 %)
  a = await setUp('enpi-alarm-a', [0, 20, 0], 5);
  // B: the last month 12 above its model (220 expected: +5.5 %), margin 3 %
  b = await setUp('enpi-alarm-b', [0, 0, 12], 3);
  const hook = await t.call({
    method: 'POST',
    url: '/api/v1/webhooks',
    token: a.token,
    body: { name: 'Energy desk', url: 'http://127.0.0.1:9/hook', minSeverity: 'warning' },
  });
  expect(hook.statusCode, hook.body).toBe(201);
  hookId = hook.json<{ id: string }>().id;
});
afterAll(() => t?.close());

describe('EnPI alarms', () => {
  let alarmId: string;

  it('raises one alarm for the month beyond the margin, naming the EnPI, month, expected, actual and deviation', async () => {
    expect(await runJob('energy.enpi-alarms')).toBe(true);
    const page = await enpiAlarms(a);
    expect(page.total).toBe(1);
    const alarm = page.items[0]!;
    alarmId = alarm.id;
    expect(alarm).toMatchObject({
      source: 'enpi',
      sourceId: a.enpiId,
      sourceKey: MONTHS[7],
      type: 'enpi_deviation',
      ruleId: null,
      ruleName: 'ENPI-E Electricity per output enpi-alarm-a',
      metricId: null,
      deviceId: null,
      severity: 'warning',
      state: 'active',
      raiseValue: expect.closeTo(300, 6),
    });
    expect(alarm.message).toBe(
      `ENPI-E Electricity per output enpi-alarm-a, ${MONTHS[7]}: actual 300 kWh, expected 280 kWh, +7.1 % (margin 5 %)`,
    );
    // the same path as metric alarms: history, the webhook outbox and the live listeners
    expect((await detail(a, alarmId)).events.map((e) => e.action)).toEqual(['raise']);
    const deliveries = await t.call({ url: `/api/v1/webhooks/${hookId}/deliveries`, token: a.token });
    expect(deliveries.json<TPage<{ event: string; alarmId: string }>>().items).toEqual([
      expect.objectContaining({ event: 'alarm.raised', alarmId }),
    ]);
    expect(announced.filter((x) => x.tenantId === a.tenantId).map((x) => x.alarm.id)).toEqual([alarmId]);
    // in the open counts and the unfiltered list too
    const summary = await t.call({ url: '/api/v1/alarms/summary', token: a.token });
    expect(summary.json()).toMatchObject({ open: 1, unacknowledged: 1, bySeverity: { warning: 1 } });
    expect((await t.call({ url: '/api/v1/alarms', token: a.token })).json<TPage<TAlarm>>().total).toBe(1);
  });

  it('a re-run raises nothing twice; the metric alarms’ housekeeping leaves it alone', async () => {
    expect(await runJob('energy.enpi-alarms')).toBe(true);
    expect(await runJob('alarms.no-data')).toBe(true);
    const page = await enpiAlarms(a);
    expect(page.items.map((x) => [x.id, x.state])).toEqual([[alarmId, 'active']]);
    expect((await detail(a, alarmId)).events.map((e) => e.action)).toEqual(['raise']);
    const deliveries = await t.call({ url: `/api/v1/webhooks/${hookId}/deliveries`, token: a.token });
    expect(deliveries.json<TPage<unknown>>().total).toBe(1);
  });

  it('is acknowledged like any alarm', async () => {
    const res = await t.call({
      method: 'POST',
      url: `/api/v1/alarms/${alarmId}/acknowledge`,
      token: a.token,
      body: { comment: 'meter being checked' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'acknowledged', lastValue: expect.closeTo(300, 6) });
  });

  it('clears once corrected readings bring the month back within the margin', async () => {
    // the register read 20 kWh high from the start of the following month: correct both readings
    for (const m of [MONTHS[8]!, month(0)]) {
      const r = a.readings.get(m)!;
      const del = await t.call({
        method: 'DELETE',
        url: `/api/v1/energy/meters/${a.meterId}/records/${r.id}`,
        token: a.token,
      });
      expect(del.statusCode, del.body).toBe(200);
      const res = await t.call({
        method: 'POST',
        url: `/api/v1/energy/meters/${a.meterId}/records`,
        token: a.token,
        body: { kind: 'reading', ts: `${m}-01T00:00:00+08:00`, value: r.value - 20 },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect(await runJob('energy.enpi-alarms')).toBe(true);
    const alarm = await detail(a, alarmId);
    expect(alarm).toMatchObject({ state: 'cleared', clearValue: expect.closeTo(280, 6) });
    expect(alarm.events.map((e) => [e.action, e.comment])).toEqual([
      ['raise', null],
      ['acknowledge', 'meter being checked'],
      ['clear', 'back within the margin: +0.0 % (margin 5 %)'],
    ]);
    const deliveries = await t.call({ url: `/api/v1/webhooks/${hookId}/deliveries`, token: a.token });
    expect(deliveries.json<TPage<{ event: string }>>().items.map((d) => d.event)).toEqual([
      'alarm.cleared',
      'alarm.acknowledged',
      'alarm.raised',
    ]);
    // and stays cleared
    expect(await runJob('energy.enpi-alarms')).toBe(true);
    expect((await enpiAlarms(a)).items.map((x) => x.state)).toEqual(['cleared']);
  });

  it('tenants apart: each sees, acknowledges and filters only its own EnPI alarms', async () => {
    const own = await enpiAlarms(b);
    expect(own.items.map((x) => [x.sourceId, x.sourceKey, x.state])).toEqual([
      [b.enpiId, MONTHS[8], 'active'],
    ]);
    expect(own.items[0]!.message).toContain('+5.5 % (margin 3 %)');
    expect((await t.call({ url: `/api/v1/alarms/${alarmId}`, token: b.token })).statusCode).toBe(404);
    const ack = await t.call({
      method: 'POST',
      url: `/api/v1/alarms/${alarmId}/acknowledge`,
      token: b.token,
      body: { comment: 'not mine' },
    });
    expect(ack.statusCode).toBe(404);
    expect((await enpiAlarms(b, `&sourceId=${a.enpiId}`)).total).toBe(0);
    expect((await enpiAlarms(a, `&sourceId=${b.enpiId}`)).total).toBe(0);
    expect(announced.filter((x) => x.tenantId === b.tenantId).map((x) => x.alarm.sourceId)).toEqual([
      b.enpiId,
    ]);
  });

  it('turning the EnPI’s alarms off ends its open alarm; the rest of the EnPI is kept', async () => {
    const patched = await t.call({
      method: 'PATCH',
      url: `/api/v1/energy/enpis/${b.enpiId}`,
      token: b.token,
      body: { isAlarmEnabled: false },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ isAlarmEnabled: false, marginPct: 3 });
    expect(await runJob('energy.enpi-alarms')).toBe(true);
    const [alarm] = (await enpiAlarms(b)).items;
    expect(alarm!.state).toBe('cleared');
    expect((await detail(b, alarm!.id)).events.at(-1)).toMatchObject({
      action: 'clear',
      comment: 'alarms turned off for the EnPI',
    });
  });
});
