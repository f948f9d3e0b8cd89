// Andon exceptions on a real database: raise → acknowledge → resolve, with 409s on any other move; a
// stopping exception refuses the operation's reports (naming itself) until resolved, a flagging one does
// not; escalation by elapsed time at an explicit `now`, each level once, audited, with a webhook delivery
// naming the role's users; the rules' checks; permissions; another tenant sees and touches nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  TAndonEscalationRule,
  TAndonException,
  TAndonExceptionDetail,
  TAndonNotifyTargets,
  TPage,
  TRaisedAndonException,
  TWebhookDelivery,
  TWorkOrder,
} from '@greenmes/contracts';
import {
  api,
  details,
  makePlant,
  makeRoutedProduct,
  startTestApp,
  type TestApp,
} from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { runAndonEscalation } from './andon.jobs.ts';

let t: TestApp;
let a: { tenantId: string; token: string };
let b: { tenantId: string; token: string };
let productId: string;
let workCenterId: string;
let workerId: string;

const { call, ok } = api(
  () => t,
  () => a.token,
);
const errorOf = (body: string) =>
  (JSON.parse(body) as { error: { message: string; params?: Record<string, unknown> } }).error;

async function releasedOrder(quantity = '10') {
  const order = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity });
  await ok('POST', `/production/work-orders/${order.id}/release`, {});
  return order;
}
const opOf = (order: TWorkOrder, seq = 10) => order.operations.find((o) => o.seqNo === seq)!;
const report = (order: TWorkOrder, body: object, seq = 10) =>
  call('POST', `/production/work-orders/${order.id}/operations/${opOf(order, seq).id}/job-reports`, {
    workerId,
    ...body,
  });
const raise = (body: object, token = a.token) =>
  call('POST', '/production/andon/exceptions', { workerId, ...body }, token);
async function raiseOk(body: object, token = a.token) {
  const res = await raise(body, token);
  if (res.statusCode !== 201) throw new Error(`raise: ${res.statusCode} ${res.body}`);
  return res.json<TRaisedAndonException>();
}
const escalateAt = (raisedAt: string, minutes: number) =>
  runAndonEscalation({
    database: t.database,
    log: t.app.log,
    now: new Date(new Date(raisedAt).getTime() + minutes * 60_000),
  });

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('an-a');
  b = await t.makeTenant('an-b');
  const plant = await makePlant(t, a.token, 'AN');
  ({ productId, workCenterId } = await makeRoutedProduct(t, a.token, {
    prefix: 'AN',
    parentId: plant.line.id,
    units: plant.units,
    operations: [
      { seqNo: 10, code: 'TURN', name: 'Turn' },
      { seqNo: 20, code: 'ASSY', name: 'Assemble' },
    ],
  }));
  workerId = (await ok('POST', '/labour/workers', { employeeNo: 'AN001', name: '王五' })).id;
});
afterAll(() => t?.close());

describe('raise, acknowledge, resolve', () => {
  it('goes open → acknowledged → resolved, refuses other moves with 409, keeps the history', async () => {
    const order = await releasedOrder();
    const raised = await raiseOk({
      kind: 'material_shortage',
      operationId: opOf(order).id,
      description: '缺少棒料',
    });
    expect(raised).toMatchObject({
      isNew: true,
      status: 'open',
      kind: 'material_shortage',
      isStopping: false,
      severity: 'minor',
      workOrderId: order.id,
      workOrderNumber: order.number,
      operationSeqNo: 10,
      workCenterId,
      raisedByWorkerId: workerId,
      raisedByWorkerName: '王五',
      escalationLevel: 0,
    });
    const resolveOpen = await call('POST', `/production/andon/exceptions/${raised.id}/resolve`, {
      resolution: 'x',
    });
    expect(resolveOpen.statusCode).toBe(409);
    expect(errorOf(resolveOpen.body).params).toMatchObject({ status: 'open' });
    const acked = await ok<TAndonException>('POST', `/production/andon/exceptions/${raised.id}/acknowledge`, {
      comment: '仓库已派料',
    });
    expect(acked).toMatchObject({ status: 'acknowledged', ackComment: '仓库已派料' });
    expect(acked.acknowledgedAt).not.toBeNull();
    const again = await call('POST', `/production/andon/exceptions/${raised.id}/acknowledge`, {});
    expect(again.statusCode).toBe(409);
    expect(errorOf(again.body).params).toMatchObject({ status: 'acknowledged' });
    const noNote = await call('POST', `/production/andon/exceptions/${raised.id}/resolve`, {
      resolution: ' ',
    });
    expect(noNote.statusCode).toBe(400);
    expect(details(noNote.body).map((d) => d.path)).toContain('body.resolution');
    const resolved = await ok<TAndonException>('POST', `/production/andon/exceptions/${raised.id}/resolve`, {
      resolution: '补料 20 根',
    });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: '补料 20 根' });
    for (const action of ['acknowledge', 'resolve'])
      expect(
        (
          await call(
            'POST',
            `/production/andon/exceptions/${raised.id}/${action}`,
            action === 'resolve' ? { resolution: 'y' } : {},
          )
        ).statusCode,
      ).toBe(409);
    const detail = await ok<TAndonExceptionDetail>('GET', `/production/andon/exceptions/${raised.id}`);
    expect(detail.events.map((e) => e.action)).toEqual(['raise', 'acknowledge', 'resolve']);
    expect(detail.events[0]).toMatchObject({ workerName: '王五', comment: '缺少棒料' });
    const audit = await ok<TPage<{ action: string; entityId: string }>>(
      'GET',
      `/audit?entityType=andon_exception&pageSize=50`,
    );
    expect(
      audit.items
        .filter((e) => e.entityId === raised.id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['acknowledge', 'raise', 'resolve']);
  });

  it('validates the request and names the field; a retried clientId answers the first exception', async () => {
    const order = await releasedOrder();
    const bad = await raise({ kind: 'fire', operationId: opOf(order).id, description: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(details(bad.body).map((d) => d.path)).toContain('body.kind');
    const noTarget = await raise({ kind: 'other', description: 'x' });
    expect(noTarget.statusCode).toBe(400);
    expect(details(noTarget.body).map((d) => d.path)).toEqual(['body.workCenterId']);
    const stopNoOp = await raise({ kind: 'other', workCenterId, description: 'x', isStopping: true });
    expect(details(stopNoOp.body).map((d) => d.path)).toEqual(['body.isStopping']);
    const unknownOp = await raise({ kind: 'other', operationId: workCenterId, description: 'x' });
    expect(unknownOp.statusCode).toBe(404);
    const first = await raiseOk({ kind: 'other', workCenterId, description: 'light out', clientId: 'an-c1' });
    expect(first.operationId).toBeNull();
    const replay = await raise({ kind: 'other', workCenterId, description: 'light out', clientId: 'an-c1' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json<TRaisedAndonException>()).toMatchObject({ id: first.id, isNew: false });
  });
});

describe('stop or flag the operation', () => {
  it('a stopping exception refuses start/quantity/finish with 409 naming it, until it is resolved', async () => {
    const order = await releasedOrder('5');
    expect((await report(order, { kind: 'start' })).statusCode).toBe(201);
    const flag = await raiseOk({ kind: 'quality_issue', operationId: opOf(order).id, description: '毛刺' });
    // a flag only shows on the operation
    expect((await report(order, { kind: 'quantity', goodQty: '1' })).statusCode).toBe(201);
    const stop = await raiseOk({
      kind: 'equipment_fault',
      operationId: opOf(order).id,
      description: '主轴异响',
      isStopping: true,
    });
    expect(stop.severity).toBe('major');
    for (const body of [
      { kind: 'quantity', goodQty: '1' },
      { kind: 'finish', goodQty: '1' },
    ]) {
      const refused = await report(order, body);
      expect(refused.statusCode).toBe(409);
      expect(errorOf(refused.body).params).toMatchObject({
        exceptionId: stop.id,
        exceptionKind: 'equipment_fault',
      });
      expect(errorOf(refused.body).message).toContain(stop.id);
    }
    // the stop paused the running operation itself (a second pause is a 409); resuming is refused
    expect((await report(order, { kind: 'pause', reason: '设备故障' })).statusCode).toBe(409);
    expect((await report(order, { kind: 'resume' })).statusCode).toBe(409);
    // the other operation is not stopped
    expect((await report(order, { kind: 'start' }, 20)).statusCode).toBe(201);
    const onOp = await ok<TPage<TAndonException>>(
      'GET',
      `/production/andon/exceptions?operationId=${opOf(order).id}&status=unresolved`,
    );
    expect(onOp.items.map((x) => x.id).sort()).toEqual([flag.id, stop.id].sort());
    await ok('POST', `/production/andon/exceptions/${stop.id}/acknowledge`, {});
    expect((await report(order, { kind: 'resume' })).statusCode).toBe(409);
    await ok('POST', `/production/andon/exceptions/${stop.id}/resolve`, { resolution: '更换轴承' });
    expect((await report(order, { kind: 'resume' })).statusCode).toBe(201);
    const done = await report(order, { kind: 'finish', goodQty: '4' });
    expect(done.statusCode).toBe(201);
  });
});

describe('escalation', () => {
  it('reaches level 1 then 2 by elapsed time, once each, telling the role through the webhook', async () => {
    const roles = await ok<Array<{ id: string; code: string; name: string }>>('GET', '/roles');
    const manager = roles.find((r) => r.code === 'plant_manager')!;
    await ok('POST', '/users', {
      username: 'an-boss',
      password: 'Strong-pw-77',
      displayName: '厂长',
      roleIds: [manager.id],
    });
    const hook = await ok('POST', '/webhooks', { name: 'WeCom', url: 'http://127.0.0.1:9/hook' });
    const l1 = await ok<TAndonEscalationRule>('POST', '/production/andon/escalation-rules', {
      kind: 'equipment_fault',
      level: 1,
      afterMinutes: 5,
      notifyRoleId: manager.id,
    });
    expect(l1).toMatchObject({ level: 1, notifyRoleName: manager.name, webhookId: null, isEnabled: true });
    await ok('POST', '/production/andon/escalation-rules', {
      kind: 'equipment_fault',
      level: 2,
      afterMinutes: 15,
      notifyRoleId: manager.id,
      webhookId: hook.id,
    });
    // a rule of another kind does not touch it
    await ok('POST', '/production/andon/escalation-rules', {
      kind: 'quality_issue',
      level: 1,
      afterMinutes: 1000,
    });
    const order = await releasedOrder();
    const x = await raiseOk({
      kind: 'equipment_fault',
      operationId: opOf(order).id,
      description: '液压泄漏',
    });
    // the levels reached so far, by its history: other exceptions of the tenant may escalate in the same runs
    const levelsOf = async (id = x.id) =>
      (await ok<TAndonExceptionDetail>('GET', `/production/andon/exceptions/${id}`)).events
        .filter((e) => e.action === 'escalate')
        .map((e) => e.level);

    await escalateAt(x.raisedAt, 4);
    expect(await levelsOf()).toEqual([]);
    await escalateAt(x.raisedAt, 6);
    expect(await levelsOf()).toEqual([1]);
    await escalateAt(x.raisedAt, 7);
    expect(await levelsOf()).toEqual([1]);
    const overdue = await ok<TPage<TAndonException>>('GET', '/production/andon/exceptions?overdue=true');
    expect(overdue.items.map((i) => i.id)).toContain(x.id);
    // acknowledged but unresolved still climbs
    await ok('POST', `/production/andon/exceptions/${x.id}/acknowledge`, {});
    await escalateAt(x.raisedAt, 16);
    await escalateAt(x.raisedAt, 60);
    expect(await levelsOf()).toEqual([1, 2]);
    const detail = await ok<TAndonExceptionDetail>('GET', `/production/andon/exceptions/${x.id}`);
    expect(detail.escalationLevel).toBe(2);
    const escalations = detail.events.filter((e) => e.action === 'escalate');
    expect(escalations.map((e) => [e.level, e.notifiedRole, e.notifiedWebhook])).toEqual([
      [1, manager.name, null],
      [2, manager.name, 'WeCom'],
    ]);
    const deliveries = await ok<TPage<TWebhookDelivery>>('GET', `/webhooks/${hook.id}/deliveries`);
    const ofX = deliveries.items.filter(
      (d) => (d.payload as { exception?: { id?: string } }).exception?.id === x.id,
    );
    expect(ofX).toHaveLength(1);
    expect(ofX[0]).toMatchObject({ event: 'andon.escalated', status: 'pending', alarmId: null });
    expect(ofX[0]!.payload).toMatchObject({
      level: 2,
      notify: { role: { id: manager.id, users: [{ username: 'an-boss', displayName: '厂长' }] } },
      exception: { id: x.id, kind: 'equipment_fault' },
    });
    const audit = await ok<TPage<{ action: string; entityId: string; actorName: string }>>(
      'GET',
      '/audit?entityType=andon_exception&pageSize=100',
    );
    expect(
      audit.items.filter((e) => e.entityId === x.id && e.action === 'escalate').map((e) => e.actorName),
    ).toEqual(['system:andon-escalation', 'system:andon-escalation']);
    // a resolved exception never escalates
    const y = await raiseOk({ kind: 'equipment_fault', operationId: opOf(order).id, description: '漏油' });
    await ok('POST', `/production/andon/exceptions/${y.id}/acknowledge`, {});
    await ok('POST', `/production/andon/exceptions/${y.id}/resolve`, { resolution: 'ok' });
    await escalateAt(y.raisedAt, 60);
    // the platform's job runner has it (run once across instances under its advisory lock)
    expect(await t.app.telemetry.jobs.runNow('production.andon-escalation')).toBe(true);
    expect(await levelsOf(y.id)).toEqual([]);
  });

  it('checks the rules: unique level, growing minutes, known role and webhook', async () => {
    const base = { kind: 'material_shortage', level: 1, afterMinutes: 10 };
    const l1 = await ok<TAndonEscalationRule>('POST', '/production/andon/escalation-rules', base);
    expect((await call('POST', '/production/andon/escalation-rules', base)).statusCode).toBe(409);
    const early = await call('POST', '/production/andon/escalation-rules', {
      ...base,
      level: 2,
      afterMinutes: 10,
    });
    expect(early.statusCode).toBe(400);
    expect(details(early.body).map((d) => d.path)).toEqual(['body.afterMinutes']);
    for (const field of ['notifyRoleId', 'webhookId']) {
      const res = await call('POST', '/production/andon/escalation-rules', {
        ...base,
        level: 3,
        afterMinutes: 30,
        [field]: l1.id,
      });
      expect(res.statusCode).toBe(400);
      expect(details(res.body).map((d) => d.path)).toEqual([`body.${field}`]);
    }
    // the editor's choices, readable with the manage permission alone
    const targets = await ok<TAndonNotifyTargets>('GET', '/production/andon/notify-targets');
    expect(targets.roles.map((r) => r.name)).toContain('工厂经理');
    expect(targets.webhooks.map((w) => w.name)).toContain('WeCom');
    const moved = await ok<TAndonEscalationRule>('PUT', `/production/andon/escalation-rules/${l1.id}`, {
      ...base,
      afterMinutes: 3,
    });
    expect(moved.afterMinutes).toBe(3);
    await ok('DELETE', `/production/andon/escalation-rules/${l1.id}`);
    expect((await call('DELETE', `/production/andon/escalation-rules/${l1.id}`)).statusCode).toBe(404);
  });
});

describe('permissions and tenants', () => {
  it('operators raise, plant managers and inspectors handle, planners and viewers only read', async () => {
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    const tokens: Record<string, string> = {};
    for (const role of ['operator', 'plant_manager', 'quality_inspector', 'production_planner', 'viewer']) {
      await ok('POST', '/users', {
        username: `an-${role}`,
        password: 'Strong-pw-77',
        displayName: role,
        roleIds: [roles.find((r) => r.code === role)!.id],
      });
      tokens[role] = await t.login('an-a', `an-${role}`, 'Strong-pw-77');
    }
    const order = await releasedOrder();
    const body = { kind: 'other', operationId: opOf(order).id, description: 'p' };
    const x = (await raise(body, tokens.operator)).json<TAndonException>();
    expect(x.raisedByUserId).not.toBeNull();
    for (const role of ['production_planner', 'viewer', 'quality_inspector'])
      expect((await raise(body, tokens[role])).statusCode, role).toBe(403);
    for (const role of ['operator', 'production_planner', 'viewer']) {
      expect(
        (await call('POST', `/production/andon/exceptions/${x.id}/acknowledge`, {}, tokens[role])).statusCode,
        role,
      ).toBe(403);
      expect(
        (await call('GET', `/production/andon/exceptions/${x.id}`, undefined, tokens[role])).statusCode,
      ).toBe(200);
      expect(
        (
          await call(
            'POST',
            '/production/andon/escalation-rules',
            { kind: 'other', level: 1, afterMinutes: 1 },
            tokens[role],
          )
        ).statusCode,
      ).toBe(403);
    }
    expect(
      (await call('POST', `/production/andon/exceptions/${x.id}/acknowledge`, {}, tokens.quality_inspector))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await call(
          'POST',
          `/production/andon/exceptions/${x.id}/resolve`,
          { resolution: 'ok' },
          tokens.plant_manager,
        )
      ).statusCode,
    ).toBe(200);
  });

  it("another tenant sees nothing and gets 404 for this tenant's ids", async () => {
    const order = await releasedOrder();
    const x = await raiseOk({
      kind: 'other',
      operationId: opOf(order).id,
      description: 'mine',
      isStopping: true,
    });
    const rule = await ok('POST', '/production/andon/escalation-rules', {
      kind: 'other',
      level: 1,
      afterMinutes: 2,
    });
    expect(
      (await ok<TPage<TAndonException>>('GET', '/production/andon/exceptions', undefined, b.token)).total,
    ).toBe(0);
    expect(await ok<unknown[]>('GET', '/production/andon/escalation-rules', undefined, b.token)).toEqual([]);
    expect((await call('GET', `/production/andon/exceptions/${x.id}`, undefined, b.token)).statusCode).toBe(
      404,
    );
    for (const action of ['acknowledge', 'resolve'])
      expect(
        (
          await call(
            'POST',
            `/production/andon/exceptions/${x.id}/${action}`,
            action === 'resolve' ? { resolution: 'z' } : {},
            b.token,
          )
        ).statusCode,
      ).toBe(404);
    expect(
      (
        await call(
          'PUT',
          `/production/andon/escalation-rules/${rule.id}`,
          { kind: 'other', level: 1, afterMinutes: 3 },
          b.token,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await call('DELETE', `/production/andon/escalation-rules/${rule.id}`, undefined, b.token)).statusCode,
    ).toBe(404);
    // raising on this tenant's operation: 404; a work center of this tenant: unknown
    const bWorker = (await ok('POST', '/labour/workers', { employeeNo: 'B1', name: 'B' }, b.token)).id;
    const onOp = await call(
      'POST',
      '/production/andon/exceptions',
      { kind: 'other', operationId: opOf(order).id, description: 'x', workerId: bWorker },
      b.token,
    );
    expect(onOp.statusCode).toBe(404);
    const onWc = await call(
      'POST',
      '/production/andon/exceptions',
      { kind: 'other', workCenterId, description: 'x' },
      b.token,
    );
    expect(details(onWc.body).map((d) => d.path)).toEqual(['body.workCenterId']);
    // the history is append-only even for a buggy service
    const causedBy = (re: RegExp) => (err: unknown) =>
      re.test(String((err as { cause?: Error }).cause?.message));
    for (const statement of [
      sql`DELETE FROM andon_exception_events`,
      sql`UPDATE andon_exception_events SET comment = 'x'`,
    ])
      await expect(inTenant(t.database.db, a.tenantId, (tx) => tx.execute(statement))).rejects.toSatisfy(
        causedBy(/permission denied/),
      );
    // tenant A's rule does not escalate for B, and A's exception is still open
    expect((await ok<TAndonException>('GET', `/production/andon/exceptions/${x.id}`)).status).toBe('open');
  });
});
