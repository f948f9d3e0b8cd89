// Dashboards on a real database: CRUD with search and paging, optimistic concurrency, visibility by owner,
// shared role and tenant admin; import refuses unknown widget types and bad bindings naming the path; an
// export imports back to the same widgets; widget data from telemetry (≤ 2,000 points per series) and
// KPIs; a TV link reads its dashboard without login and nothing else, and stops at revocation or expiry;
// another enterprise sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { TCreatedTvLink, TDashboard, TDashboardFile, TWidgetData } from '@greenmes/contracts';
import { api, details, ingestAll, makePlant, startTestApp, type TestApp } from '../../../../test/harness.ts';

let t: TestApp;
let a: { token: string };
let b: { token: string };
let manager: string;
let otherManager: string;
let viewer: string;
let operator: string;
let kw: number;
let samplesFrom: number;

const { call, ok } = api(
  () => t,
  () => a.token,
);

const MIN = 60_000;
const lineWidget = (metricId: number) => ({
  id: 'power',
  type: 'line',
  title: 'Power',
  layout: { x: 0, y: 0, w: 8, h: 6 },
  binding: {
    source: 'metrics',
    metricIds: [metricId],
    agg: 'avg',
    timeRange: { kind: 'relative', last: '6h' },
  },
});
const kpiWidget = (metricId: number) => ({
  id: 'power-now',
  type: 'kpi',
  title: 'Power now',
  layout: { x: 8, y: 0, w: 4, h: 3 },
  binding: {
    source: 'metrics',
    metricIds: [metricId],
    agg: 'last',
    timeRange: { kind: 'relative', last: '1h' },
  },
});
const alarmsKpi = {
  id: 'alarms',
  type: 'kpi',
  title: 'Open alarms',
  layout: { x: 8, y: 3, w: 4, h: 3 },
  binding: { source: 'kpi', kpi: 'alarms.open' },
};
const note = { id: 'note', type: 'text', layout: { x: 0, y: 6, w: 12, h: 2 }, options: { text: '安全第一' } };

async function user(username: string, roleCode: string) {
  const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
  const role = roles.find((r) => r.code === roleCode)!;
  await ok('POST', '/users', {
    username,
    password: 'Strong-pw-77',
    displayName: username,
    roleIds: [role.id],
  });
  return { token: await t.login('dash-a', username, 'Strong-pw-77'), roleId: role.id };
}

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('dash-a');
  b = await t.makeTenant('dash-b');
  manager = (await user('mia', 'plant_manager')).token;
  otherManager = (await user('pat', 'plant_manager')).token;
  viewer = (await user('vic', 'viewer')).token;
  operator = (await user('otto', 'operator')).token;
  const d = await ok('POST', '/devices', {
    code: 'PM-1',
    name: 'Meter 1',
    metrics: [{ key: 'kw', name: 'Active power', valueType: 'number', kind: 'gauge', unitCode: 'kW' }],
  });
  const cred = await ok<{ token: string }>('POST', `/devices/${d.id}/credentials`, { kind: 'token' });
  kw = (await ok<Array<{ id: number }>>('GET', `/devices/${d.id}/metrics`))[0]!.id;
  // 3,000 samples over the last 100 minutes: more than a series may carry to the browser
  const now = Date.now();
  samplesFrom = now - 100 * MIN;
  for (let batch = 0; batch < 3; batch++)
    await ingestAll(
      t,
      cred.token,
      Array.from({ length: 1000 }, (_, i) => {
        const n = batch * 1000 + i;
        return { ts: now - 100 * MIN + n * 2000, values: { kw: 50 + 10 * Math.sin(n / 50) } };
      }),
    );
});
afterAll(() => t?.close());

describe('dashboards', () => {
  it('creates, lists with search and paging, saves with a version, deletes, audited', async () => {
    const created = await ok<TDashboard>(
      'POST',
      '/dashboards',
      { name: '能源总览', description: 'Workshop 1', widgets: [lineWidget(kw), note] },
      manager,
    );
    expect(created).toMatchObject({ name: '能源总览', version: 1, widgetCount: 2, canManage: true });
    await ok('POST', '/dashboards', { name: 'Line 2', widgets: [] }, manager);
    const found = await ok<{ items: TDashboard[]; total: number }>(
      'GET',
      '/dashboards?q=能源',
      undefined,
      manager,
    );
    expect(found.items.map((d) => d.name)).toEqual(['能源总览']);
    const paged = await ok<{ items: TDashboard[]; total: number }>(
      'GET',
      '/dashboards?pageSize=1',
      undefined,
      manager,
    );
    expect(paged).toMatchObject({ total: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);

    const saved = await ok<TDashboard>(
      'PUT',
      `/dashboards/${created.id}`,
      { name: '能源总览', widgets: [lineWidget(kw), kpiWidget(kw)], version: 1 },
      manager,
    );
    expect(saved.version).toBe(2);
    expect(saved.widgets.map((w) => w.id)).toEqual(['power', 'power-now']);
    // someone else's save in between: the stale version is refused
    const stale = await call(
      'PUT',
      `/dashboards/${created.id}`,
      { name: 'x', widgets: [], version: 1 },
      manager,
    );
    expect(stale.statusCode).toBe(409);

    await ok('DELETE', `/dashboards/${created.id}`, undefined, manager);
    expect((await call('GET', `/dashboards/${created.id}`, undefined, manager)).statusCode).toBe(404);
    const audit = await ok<{ items: Array<{ action: string; entityId: string }> }>(
      'GET',
      '/audit?entityType=dashboard&pageSize=50',
    );
    expect(
      audit.items
        .filter((e) => e.entityId === created.id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['create', 'delete', 'update']);
  });

  it('shows own dashboards, those shared with a role, and all to tenant admins; only owners manage', async () => {
    const roles = await ok<Array<{ id: string; code: string }>>('GET', '/roles');
    const viewerRole = roles.find((r) => r.code === 'viewer')!.id;
    const shared = await ok<TDashboard>(
      'POST',
      '/dashboards',
      { name: 'Shared board', widgets: [note], sharedRoleIds: [viewerRole] },
      manager,
    );
    const mine = await ok<TDashboard>(
      'POST',
      '/dashboards',
      { name: 'Private board', widgets: [note] },
      manager,
    );
    const names = async (token: string) =>
      (await ok<{ items: TDashboard[] }>('GET', '/dashboards?pageSize=100', undefined, token)).items.map(
        (d) => d.name,
      );
    expect(await names(viewer)).toContain('Shared board');
    expect(await names(viewer)).not.toContain('Private board');
    expect(await names(operator)).not.toContain('Shared board');
    expect(await names(a.token)).toEqual(expect.arrayContaining(['Shared board', 'Private board']));
    expect((await call('GET', `/dashboards/${mine.id}`, undefined, viewer)).statusCode).toBe(404);
    expect(
      (await call('GET', `/dashboards/${shared.id}`, undefined, viewer)).json<TDashboard>().canManage,
    ).toBe(false);

    // the viewer lacks the manage permission; another manager is not the owner; the admin may
    expect((await call('DELETE', `/dashboards/${shared.id}`, undefined, viewer)).statusCode).toBe(403);
    expect(
      (await call('PUT', `/dashboards/${mine.id}`, { name: 'x', widgets: [] }, otherManager)).statusCode,
    ).toBe(404);
    const sharedToPat = await ok<TDashboard>(
      'POST',
      '/dashboards',
      {
        name: 'For managers',
        widgets: [],
        sharedRoleIds: [roles.find((r) => r.code === 'plant_manager')!.id],
      },
      manager,
    );
    expect(
      (await call('PUT', `/dashboards/${sharedToPat.id}`, { name: 'x', widgets: [] }, otherManager))
        .statusCode,
    ).toBe(403);
    expect(
      (await ok<TDashboard>('PUT', `/dashboards/${mine.id}`, { name: 'Renamed', widgets: [] })).name,
    ).toBe('Renamed');
    const badRole = await call('POST', '/dashboards', {
      name: 'x',
      widgets: [],
      sharedRoleIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(badRole.statusCode).toBe(400);
    expect(details(badRole.body)[0]!.path).toBe('body.sharedRoleIds.0');
  });

  it('refuses bad widgets naming the path, and an export imports back to the same widgets', async () => {
    const file = (widgets: unknown[]) => ({
      format: 'greenmes.dashboard',
      formatVersion: 1,
      dashboard: { name: 'Imported', widgets },
    });
    const unknownType = await call('POST', '/dashboards/import', file([{ ...note, type: 'radar' }]));
    expect(unknownType.statusCode).toBe(400);
    expect(details(unknownType.body).map((d) => d.path)).toContain('body.dashboard.widgets.0.type');
    const noMetric = await call('POST', '/dashboards/import', file([note, lineWidget(987654)]));
    expect(noMetric.statusCode).toBe(400);
    expect(details(noMetric.body)).toEqual([
      { path: 'body.dashboard.widgets.1.binding.metricIds.0', message: 'no metric 987654' },
    ]);
    const wrongSource = await call(
      'POST',
      '/dashboards/import',
      file([{ ...lineWidget(kw), binding: { source: 'kpi', kpi: 'alarms.open' } }]),
    );
    expect(details(wrongSource.body).map((d) => d.path)).toContain('body.dashboard.widgets.0.binding.source');
    const offGrid = await call(
      'POST',
      '/dashboards/import',
      file([{ ...note, layout: { x: 6, y: 0, w: 8, h: 2 } }]),
    );
    expect(details(offGrid.body).map((d) => d.path)).toContain('body.dashboard.widgets.0.layout.w');
    const newerFormat = await call('POST', '/dashboards/import', { ...file([]), formatVersion: 2 });
    expect(details(newerFormat.body).map((d) => d.path)).toContain('body.formatVersion');
    const bigImage = await call(
      'POST',
      '/dashboards/import',
      file([
        {
          id: 'logo',
          type: 'image',
          layout: { x: 0, y: 0, w: 2, h: 2 },
          options: { imageSrc: `data:image/png;base64,${'A'.repeat(400_000)}` },
        },
      ]),
    );
    expect(details(bigImage.body).map((d) => d.path)).toContain('body.dashboard.widgets.0.options.imageSrc');

    const original = await ok<TDashboard>('POST', '/dashboards', {
      name: 'Round trip',
      description: 'export → import',
      widgets: [lineWidget(kw), kpiWidget(kw), alarmsKpi, note],
    });
    const exported = await call('GET', `/dashboards/${original.id}/export`);
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename="dashboard-.+\.json"/);
    const json = exported.json<TDashboardFile>();
    expect(json).toMatchObject({ format: 'greenmes.dashboard', formatVersion: 1 });
    const imported = await ok<TDashboard>('POST', '/dashboards/import', json);
    expect(imported.id).not.toBe(original.id);
    expect(imported).toMatchObject({ name: 'Round trip', description: 'export → import', sharedRoleIds: [] });
    expect(imported.widgets).toEqual(original.widgets);
  });

  it('answers widget data from telemetry (at most 2,000 points) and KPIs', async () => {
    const d = await ok<TDashboard>('POST', '/dashboards', {
      name: 'Data',
      widgets: [lineWidget(kw), kpiWidget(kw), alarmsKpi, note],
    });
    const line = await ok<TWidgetData>('GET', `/dashboards/${d.id}/widgets/power/data`);
    if (line.kind !== 'series') throw new Error(line.kind);
    expect(line.series[0]).toMatchObject({ metricId: kw, unitCode: 'kW' });
    expect(line.series[0]!.points.length).toBeGreaterThan(0);
    // the raw samples of the last 100 minutes: 3,000 stored, at most 2,000 drawn
    const raw = await ok<TWidgetData>('POST', '/dashboards/widget-preview', {
      widget: {
        ...lineWidget(kw),
        binding: {
          source: 'metrics',
          metricIds: [kw],
          agg: 'avg',
          timeRange: {
            kind: 'absolute',
            from: new Date(samplesFrom - MIN).toISOString(),
            to: new Date(samplesFrom + 101 * MIN).toISOString(),
          },
        },
      },
    });
    if (raw.kind !== 'series') throw new Error(raw.kind);
    expect(raw).toMatchObject({ resolution: 'raw', series: [{ sourcePoints: 3000 }] });
    expect(raw.series[0]!.points.length).toBe(2000);
    const now = await ok<TWidgetData>('GET', `/dashboards/${d.id}/widgets/power-now/data`);
    expect(now).toMatchObject({ kind: 'value', unit: 'kW' });
    if (now.kind !== 'value') throw new Error(now.kind);
    expect(now.value).toBeCloseTo(50 + 10 * Math.sin(2999 / 50), 6);
    expect(now.previous).toBeCloseTo(50 + 10 * Math.sin(2998 / 50), 6);
    expect(await ok('GET', `/dashboards/${d.id}/widgets/alarms/data`)).toEqual({
      kind: 'value',
      value: 0,
      previous: null,
      unit: null,
    });
    expect(await ok('GET', `/dashboards/${d.id}/widgets/note/data`)).toEqual({ kind: 'none' });
    expect((await call('GET', `/dashboards/${d.id}/widgets/nope/data`)).statusCode).toBe(404);
    // the builder previews an unsaved widget the same way
    const preview = await ok<TWidgetData>('POST', '/dashboards/widget-preview', { widget: kpiWidget(kw) });
    expect(preview).toEqual(now);
    // a dashboard shares its layout, not the rights to the data: the operator may not read energy reports
    const energyKpi = { ...alarmsKpi, id: 'energy', binding: { source: 'kpi', kpi: 'energy.today.tce' } };
    const forOperator = await ok<TDashboard>('POST', '/dashboards', {
      name: 'Energy for all',
      widgets: [energyKpi],
      sharedRoleIds: [
        (await ok<Array<{ id: string; code: string }>>('GET', '/roles')).find((r) => r.code === 'operator')!
          .id,
      ],
    });
    expect(
      (await call('GET', `/dashboards/${forOperator.id}/widgets/energy/data`, undefined, operator))
        .statusCode,
    ).toBe(403);
    expect(await ok('GET', `/dashboards/${forOperator.id}/widgets/energy/data`)).toEqual({
      kind: 'value',
      value: 0,
      previous: 0,
      unit: 'tce',
    });
  });

  it('answers the named queries, the heatmap and the Sankey range', async () => {
    const preview = (widget: unknown) => ok<TWidgetData>('POST', '/dashboards/widget-preview', { widget });
    const at = { x: 0, y: 0, w: 6, h: 6 };
    const alarms = await preview({
      id: 'a',
      type: 'alarms',
      layout: at,
      binding: { source: 'query', query: 'alarms.open' },
    });
    expect(alarms).toMatchObject({ kind: 'rows', rows: [] });
    if (alarms.kind !== 'rows') throw new Error(alarms.kind);
    expect(alarms.columns).toContain('severity');
    const media = await preview({
      id: 'm',
      type: 'pie',
      layout: at,
      binding: { source: 'query', query: 'energy.byMedium', timeRange: { kind: 'relative', last: '7d' } },
    });
    expect(media.kind).toBe('rows');
    const andon = await preview({
      id: 'n',
      type: 'table',
      layout: at,
      binding: { source: 'query', query: 'andon.unresolved' },
    });
    expect(andon).toMatchObject({ kind: 'rows', rows: [] });
    const flow = await preview({
      id: 's',
      type: 'sankey',
      layout: at,
      binding: { source: 'query', query: 'energy.flow', timeRange: { kind: 'relative', last: '24h' } },
    });
    if (flow.kind !== 'range') throw new Error(flow.kind);
    expect(Date.parse(flow.to) - Date.parse(flow.from)).toBeCloseTo(86_400_000, -4);
    const heat = await preview({
      id: 'h',
      type: 'heatmap',
      layout: at,
      binding: {
        source: 'metrics',
        metricIds: [kw],
        agg: 'max',
        timeRange: { kind: 'relative', last: '7d' },
      },
    });
    if (heat.kind !== 'heatmap') throw new Error(heat.kind);
    expect(heat.days.length).toBeGreaterThanOrEqual(1);
    // 100 minutes of samples fall in two or three local hours
    expect(heat.cells.filter((c) => c[2] !== null).length).toBeGreaterThanOrEqual(2);
    expect(heat.cells.every(([d, h]) => d < heat.days.length && h >= 0 && h < 24)).toBe(true);
    // a pie of metrics is not a pie this catalogue draws
    const badPie = await call('POST', '/dashboards/widget-preview', {
      widget: { id: 'p', type: 'pie', layout: at, binding: { source: 'query', query: 'alarms.open' } },
    });
    expect(details(badPie.body).map((d) => d.path)).toContain('body.widget.binding.query');
    const noLayout = await call('POST', '/dashboards', {
      name: 'x',
      widgets: [
        {
          id: 'l',
          type: 'plant-layout',
          layout: at,
          options: { layoutId: '00000000-0000-4000-8000-000000000000' },
        },
      ],
    });
    expect(details(noLayout.body)).toEqual([
      {
        path: 'body.widgets.0.options.layoutId',
        message: 'no plant layout 00000000-0000-4000-8000-000000000000',
      },
    ]);
  });

  it('lets a TV link read its dashboard and its widgets’ data without login, and nothing else', async () => {
    const d = await ok<TDashboard>(
      'POST',
      '/dashboards',
      { name: 'Shop floor', widgets: [lineWidget(kw), note] },
      manager,
    );
    const other = await ok<TDashboard>(
      'POST',
      '/dashboards',
      { name: 'Other', widgets: [lineWidget(kw)] },
      manager,
    );
    const created = await ok<TCreatedTvLink>(
      'POST',
      `/dashboards/${d.id}/tv-links`,
      { label: 'Hall TV' },
      manager,
    );
    expect(created.token).toMatch(/^gmv_/);
    expect(created.link).toMatchObject({
      label: 'Hall TV',
      revokedAt: null,
      prefix: created.token.slice(0, 10),
    });
    // only the hash is stored
    const stored = await t.database.db.execute(sql`SELECT token_hash FROM dashboard_tv_links`);
    expect(JSON.stringify(stored)).not.toContain(created.token);
    const tv = created.token;

    expect((await ok<TDashboard>('GET', '/tv/dashboard', undefined, tv)).name).toBe('Shop floor');
    const data = await ok<TWidgetData>('GET', `/dashboards/${d.id}/widgets/power/data`, undefined, tv);
    expect(data.kind).toBe('series');
    const refused = [
      ['GET', `/dashboards/${d.id}`],
      ['GET', '/dashboards'],
      ['GET', `/dashboards/${other.id}/widgets/power/data`],
      ['GET', `/dashboards/${d.id}/export`],
      ['PUT', `/dashboards/${d.id}`],
      ['DELETE', `/dashboards/${d.id}`],
      ['POST', `/dashboards/${d.id}/tv-links`],
      ['POST', '/dashboards/widget-preview'],
      ['GET', '/equipment'],
      ['GET', '/alarms'],
      ['GET', '/auth/me'],
    ] as const;
    for (const [method, url] of refused)
      expect([
        method,
        url,
        (await call(method, url, method === 'GET' ? undefined : {}, tv)).statusCode,
      ]).toEqual([method, url, 403]);
    // a shared widget's own endpoint only when the dashboard shows such a widget
    expect((await call('GET', '/screens/equipment-grid', undefined, tv)).statusCode).toBe(403);
    const grid = await ok<TDashboard>(
      'POST',
      '/dashboards',
      {
        name: 'Machines',
        widgets: [{ id: 'grid', type: 'equipment-status', layout: { x: 0, y: 0, w: 6, h: 6 } }],
      },
      manager,
    );
    const gridTv = (
      await ok<TCreatedTvLink>('POST', `/dashboards/${grid.id}/tv-links`, { label: 'Grid' }, manager)
    ).token;
    expect((await call('GET', '/screens/equipment-grid', undefined, gridTv)).statusCode).toBe(200);
    expect((await call('GET', '/energy/flow', undefined, gridTv)).statusCode).toBe(403);
    const links = await ok<Array<{ id: string; lastUsedAt: string | null }>>(
      'GET',
      `/dashboards/${d.id}/tv-links`,
      undefined,
      manager,
    );
    expect(links[0]!.lastUsedAt).not.toBeNull();

    // revoked: 401 from the next request
    await ok('POST', `/dashboards/${d.id}/tv-links/${created.link.id}/revoke`, undefined, manager);
    expect((await call('GET', '/tv/dashboard', undefined, tv)).statusCode).toBe(401);
    // expired: 401 as well
    const expiring = await ok<TCreatedTvLink>(
      'POST',
      `/dashboards/${d.id}/tv-links`,
      { label: 'Temp', expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
      manager,
    );
    expect((await call('GET', '/tv/dashboard', undefined, expiring.token)).statusCode).toBe(200);
    await t.database.db.execute(
      sql`UPDATE dashboard_tv_links SET expires_at = now() - interval '1 second' WHERE id = ${expiring.link.id}`,
    );
    expect((await call('GET', '/tv/dashboard', undefined, expiring.token)).statusCode).toBe(401);
    expect((await call('GET', '/tv/dashboard', undefined, 'gmv_forged')).statusCode).toBe(401);
    // a signed-in user has no TV dashboard
    expect((await call('GET', '/tv/dashboard', undefined, manager)).statusCode).toBe(404);

    const audit = await ok<{ items: Array<{ action: string; entityId: string }> }>(
      'GET',
      '/audit?entityType=dashboard_tv_link&pageSize=50',
    );
    expect(
      audit.items
        .filter((e) => e.entityId === created.link.id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['create', 'revoke']);
  });

  it('lets a TV link load the background of the plant layout it shows, and of no other layout', async () => {
    const plant = await makePlant(t, a.token, 'TV');
    const plan =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 800"><rect width="1200" height="800"/></svg>';
    const layoutWithPlan = async (name: string) => {
      const layout = await ok<{ id: string; version: number }>('POST', '/visualization/layouts', {
        nodeId: plant.site.id,
        name,
      });
      const res = await t.call({
        method: 'PUT',
        url: `/api/v1/visualization/layouts/${layout.id}/background?version=${layout.version}`,
        token: a.token,
        body: plan,
        headers: { 'content-type': 'image/svg+xml' },
      });
      expect(res.statusCode, res.body).toBe(200);
      return layout.id;
    };
    const shown = await layoutWithPlan('Hall 1');
    const hidden = await layoutWithPlan('Hall 2');
    const d = await ok<TDashboard>('POST', '/dashboards', {
      name: 'Hall 1 floor',
      widgets: [
        {
          id: 'plan',
          type: 'plant-layout',
          layout: { x: 0, y: 0, w: 12, h: 8 },
          options: { layoutId: shown },
        },
      ],
    });
    const tv = (await ok<TCreatedTvLink>('POST', `/dashboards/${d.id}/tv-links`, { label: 'Hall 1' })).token;
    const image = await call('GET', `/visualization/layouts/${shown}/background?v=2`, undefined, tv);
    expect(image.statusCode, image.body).toBe(200);
    expect(image.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(image.body).toContain('viewBox="0 0 1200 800"');
    expect((await call('GET', `/visualization/layouts/${shown}`, undefined, tv)).statusCode).toBe(200);
    for (const url of [`/visualization/layouts/${hidden}/background`, `/visualization/layouts/${hidden}`])
      expect([url, (await call('GET', url, undefined, tv)).statusCode]).toEqual([url, 403]);
  });

  it('keeps another enterprise out', async () => {
    const d = await ok<TDashboard>('POST', '/dashboards', { name: 'A only', widgets: [note] });
    expect((await call('GET', `/dashboards/${d.id}`, undefined, b.token)).statusCode).toBe(404);
    expect((await call('GET', `/dashboards/${d.id}/export`, undefined, b.token)).statusCode).toBe(404);
    expect((await call('GET', `/dashboards/${d.id}/widgets/note/data`, undefined, b.token)).statusCode).toBe(
      404,
    );
    expect((await call('PUT', `/dashboards/${d.id}`, { name: 'x', widgets: [] }, b.token)).statusCode).toBe(
      404,
    );
    expect((await call('DELETE', `/dashboards/${d.id}`, undefined, b.token)).statusCode).toBe(404);
    expect((await call('POST', `/dashboards/${d.id}/tv-links`, { label: 'x' }, b.token)).statusCode).toBe(
      404,
    );
    expect((await ok<{ total: number }>('GET', '/dashboards', undefined, b.token)).total).toBe(0);
    // A's metric does not exist for B
    const theirs = await call('POST', '/dashboards', { name: 'x', widgets: [lineWidget(kw)] }, b.token);
    expect(details(theirs.body)[0]!.path).toBe('body.widgets.0.binding.metricIds.0');
  });
});
