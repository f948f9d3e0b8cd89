// Reason codes on a real database: CRUD by kind with list order, a code unique per kind, bad input named
// by field; a scrap code job reports name cannot be deleted nor recoded, and once inactive it is refused on
// new reports; supervisors manage, operators and viewers read; another enterprise sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TReasonCode, TWorkOrder } from '@greenmes/contracts';
import {
  api,
  details,
  makePlant,
  makeRoutedProduct,
  startTestApp,
  type TestApp,
} from '../../../test/harness.ts';

let t: TestApp;
let a: { token: string };

const { call, ok } = api(
  () => t,
  () => a.token,
);

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('rc-a');
});
afterAll(() => t?.close());

describe('reason codes', () => {
  it('creates, lists by kind and order, updates and deletes, audited', async () => {
    const late = await ok<TReasonCode>('POST', '/production/reason-codes', {
      kind: 'pause',
      code: 'P02',
      name: '设备故障',
      sortOrder: 20,
    });
    expect(late).toMatchObject({ kind: 'pause', code: 'P02', isActive: true, reportCount: 0 });
    await ok('POST', '/production/reason-codes', { kind: 'pause', code: 'P01', name: '待料', sortOrder: 10 });
    await ok('POST', '/production/reason-codes', { kind: 'scrap', code: 'S01', name: '尺寸超差' });
    // the same code under the other kind is another code
    await ok('POST', '/production/reason-codes', { kind: 'scrap', code: 'P01', name: '其他' });
    const pause = await ok<TReasonCode[]>('GET', '/production/reason-codes?kind=pause');
    expect(pause.map((c) => c.code)).toEqual(['P01', 'P02']);
    expect((await ok<TReasonCode[]>('GET', '/production/reason-codes')).length).toBe(4);

    const updated = await ok<TReasonCode>('PUT', `/production/reason-codes/${late.id}`, {
      kind: 'pause',
      code: 'P02',
      name: '设备故障停机',
      sortOrder: 5,
      isActive: false,
    });
    expect(updated).toMatchObject({ name: '设备故障停机', isActive: false });
    expect(
      (await ok<TReasonCode[]>('GET', '/production/reason-codes?kind=pause&active=true')).map((c) => c.code),
    ).toEqual(['P01']);
    await ok('DELETE', `/production/reason-codes/${late.id}`);
    expect(
      (await call('PUT', `/production/reason-codes/${late.id}`, { kind: 'pause', code: 'X', name: 'x' }))
        .statusCode,
    ).toBe(404);
    const audit = await ok<{ items: Array<{ action: string; entityId: string }> }>(
      'GET',
      `/audit?entityType=reason_code&pageSize=50`,
    );
    expect(
      audit.items
        .filter((e) => e.entityId === late.id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['create', 'delete', 'update']);
  });

  it('refuses a taken code of the same kind (409) and bad input naming the field (400)', async () => {
    const dup = await call('POST', '/production/reason-codes', { kind: 'scrap', code: 'S01', name: 'again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<{ error: { code: string } }>().error.code).toBe('DUPLICATE_CODE');
    const badKind = await call('POST', '/production/reason-codes', {
      kind: 'downtime',
      code: 'D1',
      name: 'x',
    });
    expect(badKind.statusCode).toBe(400);
    expect(details(badKind.body).map((d) => d.path)).toContain('body.kind');
    const badCode = await call('POST', '/production/reason-codes', {
      kind: 'scrap',
      code: '坏 码',
      name: 'x',
    });
    expect(details(badCode.body).map((d) => d.path)).toContain('body.code');
    const extra = await call('POST', '/production/reason-codes', {
      kind: 'scrap',
      code: 'S09',
      name: 'x',
      colour: 'red',
    });
    expect(extra.statusCode).toBe(400);
  });

  it('a scrap code job reports name stays: no delete, no recode (409); inactive ones are refused', async () => {
    const plant = await makePlant(t, a.token, 'RC');
    const { productId } = await makeRoutedProduct(t, a.token, {
      prefix: 'RC',
      parentId: plant.line.id,
      units: plant.units,
    });
    const workerId = (await ok('POST', '/labour/workers', { employeeNo: 'RC001', name: '王五' })).id;
    const order = await ok<TWorkOrder>('POST', '/production/work-orders', { productId, quantity: '10' });
    await ok('POST', `/production/work-orders/${order.id}/release`, {});
    const url = `/production/work-orders/${order.id}/operations/${order.operations[0]!.id}/job-reports`;
    await ok('POST', url, { kind: 'start', workerId });
    await ok('POST', url, { kind: 'quantity', workerId, scrapQty: '1', scrapReasonCode: 'S01' });

    const s01 = (await ok<TReasonCode[]>('GET', '/production/reason-codes?kind=scrap')).find(
      (c) => c.code === 'S01',
    )!;
    expect(s01.reportCount).toBe(1);
    const del = await call('DELETE', `/production/reason-codes/${s01.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json<{ error: { code: string } }>().error.code).toBe('IN_USE');
    const save = { kind: 'scrap', code: 'S01', name: '尺寸超差（外径）', isActive: false };
    expect(
      (await call('PUT', `/production/reason-codes/${s01.id}`, { ...save, code: 'S01A' })).statusCode,
    ).toBe(409);
    expect((await ok<TReasonCode>('PUT', `/production/reason-codes/${s01.id}`, save)).isActive).toBe(false);
    const refused = await call('POST', url, {
      kind: 'quantity',
      workerId,
      scrapQty: '1',
      scrapReasonCode: 'S01',
    });
    expect(refused.statusCode).toBe(400);
    expect(details(refused.body)).toEqual([
      { path: 'body.scrapReasonCode', message: 'scrap reason S01 is inactive' },
    ]);
  });

  it('plant managers manage; operators and viewers read; another enterprise sees nothing', async () => {
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    const tokens: Record<string, string> = {};
    for (const role of ['operator', 'plant_manager', 'viewer']) {
      await ok('POST', '/users', {
        username: `rc-${role}`,
        password: 'Strong-pw-77',
        displayName: role,
        roleIds: [roles.find((r) => r.code === role)!.id],
      });
      tokens[role] = await t.login('rc-a', `rc-${role}`, 'Strong-pw-77');
    }
    const body = { kind: 'pause', code: 'P09', name: '换型' };
    expect((await call('POST', '/production/reason-codes', body, tokens.plant_manager)).statusCode).toBe(201);
    for (const role of ['operator', 'viewer']) {
      expect((await call('POST', '/production/reason-codes', body, tokens[role])).statusCode, role).toBe(403);
      expect((await call('GET', '/production/reason-codes', undefined, tokens[role])).statusCode, role).toBe(
        200,
      );
    }
    const c = await t.makeTenant('rc-c');
    expect(await ok<TReasonCode[]>('GET', '/production/reason-codes', undefined, c.token)).toEqual([]);
    const mine = (await ok<TReasonCode[]>('GET', '/production/reason-codes'))[0]!;
    for (const [method, payload] of [
      ['PUT', body],
      ['DELETE', undefined],
    ] as const)
      expect((await call(method, `/production/reason-codes/${mine.id}`, payload, c.token)).statusCode).toBe(
        404,
      );
    // the same code in another enterprise is its own
    expect((await call('POST', '/production/reason-codes', body, c.token)).statusCode).toBe(201);
  });
});
