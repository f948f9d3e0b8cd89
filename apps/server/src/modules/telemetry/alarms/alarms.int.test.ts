import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  TAlarm,
  TAlarmDetail,
  TAlarmRule,
  TAlarmSummary,
  TPage,
  TWebhookDelivery,
} from '@greenmes/contracts';
import { makePlant, startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let tokenA: string;
let tenantA: string;
/** what the live stream hears: [tenant, alarm id, state] after each commit */
const changes: Array<[string, string, string]> = [];
let tokenB: string;
let operatorToken: string;
let operatorId: string;
let deviceId: string;
let deviceToken: string;
let metric: Record<string, number>;
/** sample time base: well in the past, so every sample below is accepted */
const T0 = Math.floor((Date.now() - 60 * 60_000) / 1000) * 1000;
const at = (seconds: number) => T0 + seconds * 1000;

async function json<T>(res: Promise<{ statusCode: number; body: string; json<U>(): U }>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json<T>();
}
const get = <T>(url: string, token = tokenA) => json<T>(t.call({ url, token }));
const post = <T>(url: string, body: unknown, token = tokenA, status = 200) =>
  json<T>(t.call({ method: 'POST', url, token, body }), status);

async function ingest(samples: Array<{ ts: number; values: Record<string, unknown> }>, bearer = deviceToken) {
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ samples }),
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json<{ rejected: number }>().rejected, res.body).toBe(0);
}

/** Transitions are written after the ingest commit, asynchronously: poll until the expectation holds. */
async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (check(v)) return v;
    if (Date.now() > until) throw new Error(`condition not met; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const runJob = (name: string) => t.app.telemetry.jobs.runNow(name);
const settle = () => new Promise((r) => setTimeout(r, 300));
const alarmsOf = (ruleId: string, token = tokenA) =>
  get<TPage<TAlarm>>(`/api/v1/alarms?ruleId=${ruleId}&pageSize=50`, token);
const system = (query: ReturnType<typeof sql>) => t.database.db.execute(query);

async function createDevice(token: string, body: Record<string, unknown>) {
  const device = await json<{ id: string }>(
    t.call({ method: 'POST', url: '/api/v1/devices', token, body }),
    201,
  );
  const metrics = await json<Array<{ id: number; key: string }>>(
    t.call({ url: `/api/v1/devices/${device.id}/metrics`, token }),
  );
  const cred = await json<{ token: string }>(
    t.call({
      method: 'POST',
      url: `/api/v1/devices/${device.id}/credentials`,
      token,
      body: { kind: 'token' },
    }),
    201,
  );
  return { id: device.id, token: cred.token, metric: Object.fromEntries(metrics.map((m) => [m.key, m.id])) };
}

beforeAll(async () => {
  t = await startTestApp();
  ({ token: tokenA, tenantId: tenantA } = await t.makeTenant('alarm-a'));
  t.app.telemetry.module.alarms.onAlarmChanged((tenantId, a) => changes.push([tenantId, a.id, a.state]));
  ({ token: tokenB } = await t.makeTenant('alarm-b'));
  const d = await createDevice(tokenA, {
    code: 'OVEN-1',
    name: 'Oven 1',
    metrics: [
      { key: 'temp', name: 'Temperature', valueType: 'number', kind: 'gauge', unitCode: null },
      { key: 'mode', name: 'Mode', valueType: 'state', kind: 'state', states: ['idle', 'run', 'fault'] },
      { key: 'door', name: 'Door open', valueType: 'boolean', kind: 'state' },
    ],
  });
  ({ id: deviceId, token: deviceToken, metric } = d);

  const roles = await json<Array<{ id: string; code: string }>>(
    t.call({ url: '/api/v1/roles', token: tokenA }),
  );
  await json(
    t.call({
      method: 'POST',
      url: '/api/v1/users',
      token: tokenA,
      body: {
        username: 'olga',
        password: 'Strong-pw-77',
        displayName: 'Olga Operator',
        roleIds: [roles.find((r) => r.code === 'operator')!.id],
      },
    }),
    201,
  );
  operatorToken = await t.login('alarm-a', 'olga', 'Strong-pw-77');
  operatorId = (
    await json<{ user: { id: string } }>(t.call({ url: '/api/v1/auth/me', token: operatorToken }))
  ).user.id;
});
afterAll(() => t?.close());

describe('alarm rules', () => {
  it('answers bad rules with 400 naming the field and the reason', async () => {
    const bad = async (body: Record<string, unknown>, path: string, message: RegExp) => {
      const res = await t.call({ method: 'POST', url: '/api/v1/alarm-rules', token: tokenA, body });
      expect(res.statusCode, res.body).toBe(400);
      const details = res.json<{ error: { details: Array<{ path: string; message: string }> } }>().error
        .details;
      expect(details).toContainEqual({ path, message: expect.stringMatching(message) });
    };
    const base = { name: 'Hot', severity: 'major', metricId: metric.temp };
    await bad({ ...base, type: 'high' }, 'body.threshold', /required for a high rule/);
    await bad({ ...base, type: 'high', threshold: 80, stateValue: 'x' }, 'body.stateValue', /not used/);
    await bad({ ...base, type: 'high', threshold: 80, deadband: -1 }, 'body.deadband', /./);
    await bad({ ...base, type: 'hot', threshold: 80 }, 'body.type', /./);
    await bad({ ...base, metricId: 999_999, type: 'high', threshold: 80 }, 'body.metricId', /unknown metric/);
    await bad(
      { ...base, metricId: metric.mode, type: 'high', threshold: 1 },
      'body.metricId',
      /number metric/,
    );
    await bad(
      { ...base, metricId: metric.mode, type: 'state_equals', stateValue: 'smoke' },
      'body.stateValue',
      /idle, run, fault/,
    );
    await bad(
      { name: 'x', severity: 'major', type: 'no_data', noDataMinutes: 5 },
      'body.metricId',
      /required/,
    );
    const unknown = await t.call({ url: '/api/v1/alarm-rules/not-a-uuid', token: tokenA });
    expect(unknown.statusCode).toBe(400);
  });

  it('needs telemetry.alarm.manage to write rules', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/alarm-rules',
      token: operatorToken,
      body: { name: 'x', severity: 'info', type: 'high', threshold: 1, metricId: metric.temp },
    });
    expect(res.statusCode).toBe(403);
    expect((await t.call({ url: '/api/v1/alarms' })).statusCode).toBe(401);
  });
});

describe('alarm lifecycle', () => {
  let rule: TAlarmRule;
  let alarm: TAlarm;

  it('raises a high alarm only after the minimum duration above the threshold', async () => {
    rule = await post<TAlarmRule>(
      '/api/v1/alarm-rules',
      {
        name: 'Oven too hot',
        metricId: metric.temp,
        type: 'high',
        threshold: 80,
        deadband: 5,
        durationSeconds: 60,
        severity: 'major',
        message: 'Check the burner',
      },
      tokenA,
      201,
    );
    expect(rule).toMatchObject({
      deviceId,
      deviceCode: 'OVEN-1',
      metricName: 'Temperature',
      windowSeconds: null,
    });
    await ingest([
      { ts: at(0), values: { temp: 81 } },
      { ts: at(30), values: { temp: 85 } },
    ]);
    await settle();
    expect((await alarmsOf(rule.id)).total).toBe(0);
    await ingest([{ ts: at(60), values: { temp: 82.5 } }]);
    const page = await eventually(
      () => alarmsOf(rule.id),
      (p) => p.total === 1,
    );
    alarm = page.items[0]!;
    expect(alarm).toMatchObject({
      state: 'active',
      severity: 'major',
      type: 'high',
      ruleName: 'Oven too hot',
      message: 'Check the burner',
      raiseValue: 82.5,
      raisedAt: new Date(at(60)).toISOString(),
      deviceCode: 'OVEN-1',
      metricKey: 'temp',
      isShelved: false,
    });
    expect(changes).toEqual([[tenantA, alarm.id, 'active']]);
    expect(await get<TAlarmSummary>('/api/v1/alarms/summary')).toEqual({
      bySeverity: { critical: 0, major: 1, minor: 0, warning: 0, info: 0 },
      open: 1,
      unacknowledged: 1,
      shelved: 0,
    });
  });

  it('records who acknowledged, with the comment, once', async () => {
    const empty = await t.call({
      method: 'POST',
      url: `/api/v1/alarms/${alarm.id}/acknowledge`,
      token: operatorToken,
      body: { comment: '  ' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ error: { details: Array<{ path: string }> } }>().error.details[0]!.path).toBe(
      'body.comment',
    );

    const acked = await post<TAlarm>(
      `/api/v1/alarms/${alarm.id}/acknowledge`,
      { comment: 'burner checked' },
      operatorToken,
    );
    expect(acked).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: operatorId,
      acknowledgedByName: 'Olga Operator',
      ackComment: 'burner checked',
    });
    const again = await t.call({
      method: 'POST',
      url: `/api/v1/alarms/${alarm.id}/acknowledge`,
      token: operatorToken,
      body: { comment: 'again' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Olga Operator');
    expect((await get<TAlarmSummary>('/api/v1/alarms/summary')).unacknowledged).toBe(0);
    expect(changes.at(-1)).toEqual([tenantA, alarm.id, 'acknowledged']);
    const audit = await json<TPage<{ actorId: string }>>(
      t.call({
        url: `/api/v1/audit?entityType=alarm&entityId=${alarm.id}&action=acknowledge`,
        token: tokenA,
      }),
    );
    expect(audit.items.map((a) => a.actorId)).toEqual([operatorId]);
  });

  it('clears only once the value is back past the deadband, keeping the history', async () => {
    await ingest([{ ts: at(90), values: { temp: 77 } }]); // below 80 but inside the 5° deadband
    await settle();
    expect((await get<TAlarm>(`/api/v1/alarms/${alarm.id}`)).state).toBe('acknowledged');
    await ingest([{ ts: at(100), values: { temp: 74.5 } }]);
    const cleared = await eventually(
      () => get<TAlarmDetail>(`/api/v1/alarms/${alarm.id}`),
      (a) => a.state === 'cleared',
    );
    expect(cleared).toMatchObject({ clearValue: 74.5, clearedAt: new Date(at(100)).toISOString() });
    expect(cleared.events.map((e) => [e.action, e.userName, e.comment, e.value])).toEqual([
      ['raise', null, null, 82.5],
      // the latest stored value when acknowledged (the writer refreshes it at most every few seconds)
      ['acknowledge', 'Olga Operator', 'burner checked', expect.any(Number)],
      ['clear', null, null, 74.5],
    ]);
    const late = await t.call({
      method: 'POST',
      url: `/api/v1/alarms/${alarm.id}/acknowledge`,
      token: tokenA,
      body: { comment: 'late' },
    });
    expect(late.statusCode).toBe(409);
    // a replay of old samples changes nothing
    await ingest([{ ts: at(70), values: { temp: 99 } }]);
    await settle();
    expect((await alarmsOf(rule.id)).total).toBe(1);
    const history = await get<TPage<TAlarm>>('/api/v1/alarms?state=cleared&severity=major&q=oven');
    expect(history.items.map((a) => a.id)).toEqual([alarm.id]);
    expect((await get<TPage<TAlarm>>('/api/v1/alarms?state=open')).total).toBe(0);
    const window = `from=${new Date(at(61)).toISOString()}&to=${new Date(at(3600)).toISOString()}`;
    expect((await get<TPage<TAlarm>>(`/api/v1/alarms?${window}`)).total).toBe(0);
    const badRange = await t.call({
      url: `/api/v1/alarms?from=${new Date(at(10)).toISOString()}&to=${new Date(at(0)).toISOString()}`,
      token: tokenA,
    });
    expect(badRange.statusCode).toBe(400);
    expect(badRange.body, badRange.body).toContain('querystring.to');
  });

  it('raises and clears a state_equals rule by state name', async () => {
    const fault = await post<TAlarmRule>(
      '/api/v1/alarm-rules',
      {
        name: 'Oven fault',
        metricId: metric.mode,
        type: 'state_equals',
        stateValue: 'fault',
        severity: 'critical',
      },
      tokenA,
      201,
    );
    await ingest([
      { ts: at(200), values: { mode: 'run' } },
      { ts: at(201), values: { mode: 'fault' } },
    ]);
    const raised = await eventually(
      () => alarmsOf(fault.id),
      (p) => p.total === 1,
    );
    expect(raised.items[0]).toMatchObject({ state: 'active', severity: 'critical', raiseValue: 2 });
    await ingest([{ ts: at(202), values: { mode: 1 } }]);
    await eventually(
      () => alarmsOf(fault.id),
      (p) => p.items[0]?.state === 'cleared',
    );
  });
});

describe('webhooks and shelving', () => {
  let server: Server;
  let url: string;
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  let failNext = 0;
  let rule: TAlarmRule;
  let hook: { id: string; secret: string };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = failNext-- > 0 ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const deliveries = (status?: string) =>
    get<TPage<TWebhookDelivery>>(
      `/api/v1/webhooks/${hook.id}/deliveries${status ? `?status=${status}` : ''}`,
    );

  it('shows the secret once and validates the URL', async () => {
    const bad = await t.call({
      method: 'POST',
      url: '/api/v1/webhooks',
      token: tokenA,
      body: { name: 'x', url: 'ftp://example.com' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.url');
    hook = await post('/api/v1/webhooks', { name: 'Ops', url, minSeverity: 'major' }, tokenA, 201);
    expect(hook.secret).toMatch(/^whsec_/);
    const shown = await get<Record<string, unknown>>(`/api/v1/webhooks/${hook.id}`);
    expect(shown).not.toHaveProperty('secret');
    expect(JSON.stringify(shown)).not.toContain(hook.secret);
    expect((await get<TPage<unknown>>('/api/v1/webhooks')).total).toBe(1);
  });

  it('delivers a signed event and retries after a 500', async () => {
    rule = await post<TAlarmRule>(
      '/api/v1/alarm-rules',
      {
        name: 'Oven cold',
        metricId: metric.temp,
        type: 'low',
        threshold: 20,
        deadband: 2,
        severity: 'critical',
      },
      tokenA,
      201,
    );
    await ingest([{ ts: at(300), values: { temp: 15 } }]);
    await eventually(
      () => deliveries(),
      (p) => p.total === 1,
    );
    failNext = 1;
    await runJob('alarms.webhooks');
    let [d] = (await deliveries()).items;
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, event: 'alarm.raised' });
    const due = Date.parse(d!.nextAttemptAt!) - Date.now();
    expect(due).toBeGreaterThan(20_000);
    expect(due).toBeLessThan(31_000);
    await runJob('alarms.webhooks'); // not due yet
    expect(received).toHaveLength(1);

    await system(sql`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = ${d!.id}`);
    await runJob('alarms.webhooks');
    [d] = (await deliveries()).items;
    expect(d).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 204, nextAttemptAt: null });
    expect(received).toHaveLength(2);
    const { headers, body } = received[1]!;
    expect(headers['x-greenmes-event']).toBe('alarm.raised');
    const timestamp = headers['x-greenmes-timestamp'] as string;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const expected = createHmac('sha256', hook.secret).update(`${timestamp}.${body}`).digest('hex');
    expect(headers['x-greenmes-signature']).toBe(`sha256=${expected}`);
    const payload = JSON.parse(body) as { event: string; alarm: TAlarm };
    expect(payload).toMatchObject({ event: 'alarm.raised', alarm: { ruleId: rule.id, raiseValue: 15 } });
  });

  it('skips alarms below the minimum severity, and answers a test ping', async () => {
    const minor = await post<TAlarmRule>(
      '/api/v1/alarm-rules',
      {
        name: 'Door open',
        metricId: metric.door,
        type: 'state_equals',
        stateValue: 'true',
        severity: 'minor',
      },
      tokenA,
      201,
    );
    await ingest([{ ts: at(310), values: { door: true } }]);
    await eventually(
      () => alarmsOf(minor.id),
      (p) => p.total === 1,
    );
    expect((await deliveries()).total).toBe(1);
    const ping = await post<TWebhookDelivery>(`/api/v1/webhooks/${hook.id}/test`, undefined);
    expect(ping).toMatchObject({ event: 'webhook.test', status: 'delivered', attempts: 1 });
    expect(received.at(-1)!.headers['x-greenmes-event']).toBe('webhook.test');
  });

  it('shelving silences the alarm until it is unshelved by the job', async () => {
    const [open] = (await alarmsOf(rule.id)).items;
    const badShelve = await t.call({
      method: 'POST',
      url: `/api/v1/alarms/${open!.id}/shelve`,
      token: operatorToken,
      body: { minutes: 0, reason: 'maintenance' },
    });
    expect(badShelve.statusCode).toBe(400);
    expect(badShelve.body).toContain('body.minutes');
    const shelved = await post<TAlarm>(
      `/api/v1/alarms/${open!.id}/shelve`,
      { minutes: 60, reason: 'oven in maintenance' },
      operatorToken,
    );
    expect(shelved).toMatchObject({
      isShelved: true,
      shelvedBy: operatorId,
      shelveReason: 'oven in maintenance',
    });
    expect(await get<TAlarmSummary>('/api/v1/alarms/summary')).toMatchObject({
      bySeverity: { critical: 0, minor: 1 },
      shelved: 1,
    });
    expect((await get<TPage<TAlarm>>('/api/v1/alarms?isShelved=true')).items.map((a) => a.id)).toEqual([
      open!.id,
    ]);
    const before = (await deliveries()).total; // the shelve itself is announced

    // clears and comes back while shelved: no notification, and the new occurrence is shelved too
    await ingest([{ ts: at(320), values: { temp: 25 } }]);
    await eventually(
      () => alarmsOf(rule.id),
      (p) => p.items[0]?.state === 'cleared',
    );
    await ingest([{ ts: at(330), values: { temp: 10 } }]);
    const again = await eventually(
      () => alarmsOf(rule.id),
      (p) => p.total === 2,
    );
    const second = again.items.find((a) => a.state === 'active')!;
    expect(second).toMatchObject({ isShelved: true, shelveReason: 'oven in maintenance' });
    expect((await deliveries()).total).toBe(before);
    expect((await deliveries()).items[0]!.event).toBe('alarm.shelved');

    await runJob('alarms.unshelve'); // not due yet
    expect((await get<TAlarm>(`/api/v1/alarms/${second.id}`)).isShelved).toBe(true);
    await system(
      sql`UPDATE alarms SET shelved_until = now() - interval '1 second' WHERE rule_id = ${rule.id}`,
    );
    await runJob('alarms.unshelve');
    const back = await get<TAlarmDetail>(`/api/v1/alarms/${second.id}`);
    expect(back).toMatchObject({ isShelved: false, shelvedUntil: null, state: 'active' });
    expect(back.events.map((e) => [e.action, e.comment])).toEqual([
      ['raise', null],
      ['unshelve', 'shelving expired'],
    ]);
    expect((await deliveries()).items[0]!.event).toBe('alarm.unshelved');
    expect((await get<TAlarmSummary>('/api/v1/alarms/summary')).bySeverity.critical).toBe(1);

    const notShelved = await t.call({
      method: 'POST',
      url: `/api/v1/alarms/${second.id}/unshelve`,
      token: operatorToken,
    });
    expect(notShelved.statusCode, notShelved.body).toBe(409);
    await post(`/api/v1/alarms/${second.id}/shelve`, { minutes: 5, reason: 'again' }, operatorToken);
    const unshelved = await post<TAlarm>(
      `/api/v1/alarms/${second.id}/unshelve`,
      { comment: 'done' },
      operatorToken,
    );
    expect(unshelved.isShelved).toBe(false);
  });

  it('clears the open alarms of a deleted rule and keeps them as history', async () => {
    const res = await t.call({ method: 'DELETE', url: `/api/v1/alarm-rules/${rule.id}`, token: tokenA });
    expect(res.statusCode, res.body).toBe(200);
    const kept = await get<TPage<TAlarm>>('/api/v1/alarms?q=Oven%20cold');
    expect(kept.total).toBe(2);
    expect(kept.items.every((a) => a.state === 'cleared' && a.ruleId === null)).toBe(true);
    expect((await t.call({ url: `/api/v1/alarm-rules/${rule.id}`, token: tokenA })).statusCode).toBe(404);
  });
});

describe('no-data rule', () => {
  it('raises when a metric never reported or fell silent, and clears when data arrives', async () => {
    const sensor = await createDevice(tokenA, {
      code: 'SENSOR-9',
      name: 'Sensor 9',
      metrics: [{ key: 'rh', name: 'Humidity', valueType: 'number', kind: 'gauge', unitCode: null }],
    });
    const rule = await post<TAlarmRule>(
      '/api/v1/alarm-rules',
      {
        name: 'Sensor offline',
        metricId: sensor.metric.rh,
        type: 'no_data',
        noDataMinutes: 5,
        severity: 'warning',
      },
      tokenA,
      201,
    );
    await runJob('alarms.no-data'); // never reported, but only just created
    expect((await alarmsOf(rule.id)).total).toBe(0);
    await system(
      sql`UPDATE metrics SET created_at = now() - interval '6 minutes' WHERE id = ${sensor.metric.rh}`,
    );
    await system(sql`UPDATE alarm_rules SET updated_at = now() - interval '6 minutes' WHERE id = ${rule.id}`);
    await runJob('alarms.no-data');
    const [raised] = (await alarmsOf(rule.id)).items;
    expect(raised).toMatchObject({ state: 'active', type: 'no_data', severity: 'warning', raiseValue: null });
    await runJob('alarms.no-data'); // still silent: one alarm, not two
    expect((await alarmsOf(rule.id)).total).toBe(1);

    await ingest([{ ts: Date.now() - 1000, values: { rh: 50 } }], sensor.token);
    await runJob('alarms.no-data');
    const cleared = await get<TAlarmDetail>(`/api/v1/alarms/${raised!.id}`);
    expect(cleared).toMatchObject({ state: 'cleared', clearValue: 50 });
    expect(cleared.events.at(-1)).toMatchObject({ action: 'clear', comment: 'data received again' });

    await system(
      sql`UPDATE metric_latest SET received_at = now() - interval '5 minutes 1 second' WHERE metric_id = ${sensor.metric.rh}`,
    );
    await runJob('alarms.no-data');
    expect((await alarmsOf(rule.id)).items.map((a) => a.state)).toEqual(['active', 'cleared']);
  });
});

describe('profile rules', () => {
  it('watch every device of the profile, including devices added later', async () => {
    const profile = await json<{ id: string }>(
      t.call({
        method: 'POST',
        url: '/api/v1/device-profiles',
        token: tokenA,
        body: {
          code: 'PUMP',
          name: 'Pump',
          metrics: [
            { key: 'pressure', name: 'Pressure', valueType: 'number', kind: 'gauge', unitCode: null },
          ],
        },
      }),
      201,
    );
    const badKey = await t.call({
      method: 'POST',
      url: '/api/v1/alarm-rules',
      token: tokenA,
      body: {
        name: 'x',
        profileId: profile.id,
        metricKey: 'flow',
        type: 'high',
        threshold: 1,
        severity: 'info',
      },
    });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.body).toContain('body.metricKey');
    const rule = await post<TAlarmRule>(
      '/api/v1/alarm-rules',
      {
        name: 'Overpressure',
        profileId: profile.id,
        metricKey: 'pressure',
        type: 'high',
        threshold: 6,
        severity: 'major',
      },
      tokenA,
      201,
    );
    expect(rule).toMatchObject({ metricId: null, metricKey: 'pressure' });
    const pump = await createDevice(tokenA, { code: 'PUMP-1', name: 'Pump 1', profileId: profile.id });
    await ingest([{ ts: at(400), values: { pressure: 7 } }], pump.token);
    const raised = await eventually(
      () => alarmsOf(rule.id),
      (p) => p.total === 1,
    );
    expect(raised.items[0]).toMatchObject({ deviceId: pump.id, metricId: pump.metric.pressure });
    const byDevice = await get<TPage<TAlarmRule>>(`/api/v1/alarm-rules?deviceId=${pump.id}`);
    expect(byDevice.items.map((r) => r.id)).toEqual([rule.id]);

    // disabling the rule ends its alarm
    const disabled = await json<TAlarmRule>(
      t.call({
        method: 'PATCH',
        url: `/api/v1/alarm-rules/${rule.id}`,
        token: tokenA,
        body: { isEnabled: false },
      }),
    );
    expect(disabled).toMatchObject({ isEnabled: false, openAlarms: 0 });
    const retyped = await t.call({
      method: 'PATCH',
      url: `/api/v1/alarm-rules/${rule.id}`,
      token: tokenA,
      body: { type: 'no_data' },
    });
    expect(retyped.statusCode).toBe(400);
    expect(retyped.body).toContain('body.noDataMinutes');
  });
});

describe('tenant isolation', () => {
  it('hides tenant A’s alarms, rules and webhooks from tenant B', async () => {
    const [anAlarm] = (await get<TPage<TAlarm>>('/api/v1/alarms')).items;
    const [aRule] = (await get<TPage<TAlarmRule>>('/api/v1/alarm-rules')).items;
    const [aHook] = (await get<TPage<{ id: string }>>('/api/v1/webhooks')).items;
    expect(anAlarm && aRule && aHook).toBeTruthy();
    const as = (method: string, url: string, body?: unknown) => t.call({ method, url, token: tokenB, body });
    for (const res of [
      await as('GET', `/api/v1/alarms/${anAlarm!.id}`),
      await as('POST', `/api/v1/alarms/${anAlarm!.id}/acknowledge`, { comment: 'mine now' }),
      await as('POST', `/api/v1/alarms/${anAlarm!.id}/shelve`, { minutes: 5, reason: 'x' }),
      await as('POST', `/api/v1/alarms/${anAlarm!.id}/unshelve`, {}),
      await as('GET', `/api/v1/alarm-rules/${aRule!.id}`),
      await as('PATCH', `/api/v1/alarm-rules/${aRule!.id}`, { name: 'x' }),
      await as('DELETE', `/api/v1/alarm-rules/${aRule!.id}`),
      await as('GET', `/api/v1/webhooks/${aHook!.id}`),
      await as('PATCH', `/api/v1/webhooks/${aHook!.id}`, { isEnabled: false }),
      await as('GET', `/api/v1/webhooks/${aHook!.id}/deliveries`),
      await as('POST', `/api/v1/webhooks/${aHook!.id}/test`),
      await as('DELETE', `/api/v1/webhooks/${aHook!.id}`),
    ])
      expect(res.statusCode, res.body).toBe(404);
    expect((await get<TPage<TAlarm>>('/api/v1/alarms', tokenB)).total).toBe(0);
    expect((await get<TPage<TAlarm>>(`/api/v1/alarms?deviceId=${deviceId}`, tokenB)).total).toBe(0);
    expect((await get<TAlarmSummary>('/api/v1/alarms/summary', tokenB)).open).toBe(0);
    const foreignMetric = await t.call({
      method: 'POST',
      url: '/api/v1/alarm-rules',
      token: tokenB,
      body: { name: 'x', metricId: metric.temp, type: 'high', threshold: 1, severity: 'info' },
    });
    expect(foreignMetric.statusCode).toBe(400);
    expect(foreignMetric.body).toContain('unknown metric');
    expect((await get<TAlarm>(`/api/v1/alarms/${anAlarm!.id}`)).ackComment).not.toBe('mine now');
  });

  it('limits a user scoped to an area to the alarms of devices bound to equipment there', async () => {
    const plant = await makePlant(t, tokenA, 'AL');
    const bound = await createDevice(tokenA, {
      code: 'BOUND-1',
      name: 'Bound 1',
      equipmentId: plant.equipment.id,
      metrics: [{ key: 'temp', name: 'Temperature', valueType: 'number', kind: 'gauge', unitCode: null }],
    });
    const rule = await post<TAlarmRule>(
      '/api/v1/alarm-rules',
      { name: 'Bound hot', metricId: bound.metric.temp, type: 'high', threshold: 0, severity: 'info' },
      tokenA,
      201,
    );
    await ingest([{ ts: at(500), values: { temp: 5 } }], bound.token);
    const [mine] = (
      await eventually(
        () => alarmsOf(rule.id),
        (p) => p.total === 1,
      )
    ).items;
    const roles = await json<Array<{ id: string; code: string }>>(
      t.call({ url: '/api/v1/roles', token: tokenA }),
    );
    await json(
      t.call({
        method: 'POST',
        url: '/api/v1/users',
        token: tokenA,
        body: {
          username: 'sam',
          password: 'Strong-pw-77',
          displayName: 'Scoped Sam',
          roleIds: [roles.find((r) => r.code === 'operator')!.id],
          dataScope: { nodeIds: [plant.area.id] },
        },
      }),
      201,
    );
    const sam = await t.login('alarm-a', 'sam', 'Strong-pw-77');
    const seen = await get<TPage<TAlarm>>('/api/v1/alarms', sam);
    expect(seen.items.map((a) => a.id)).toEqual([mine!.id]);
    expect((await get<TAlarmSummary>('/api/v1/alarms/summary', sam)).bySeverity).toMatchObject({
      info: 1,
      minor: 0,
    });
    const [outside] = (await get<TPage<TAlarm>>('/api/v1/alarms?deviceId=' + deviceId)).items;
    const hidden = await t.call({ url: `/api/v1/alarms/${outside!.id}`, token: sam });
    expect(hidden.statusCode).toBe(404);
    const ack = await t.call({
      method: 'POST',
      url: `/api/v1/alarms/${outside!.id}/acknowledge`,
      token: sam,
      body: { comment: 'not mine' },
    });
    expect(ack.statusCode).toBe(404);
    expect(
      (await post<TAlarm>(`/api/v1/alarms/${mine!.id}/acknowledge`, { comment: 'seen' }, sam)).state,
    ).toBe('acknowledged');
  });
});
