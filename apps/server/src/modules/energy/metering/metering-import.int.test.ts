// Excel import and export of meters, manual readings and consumption records on a real database: the round
// trip, upsert by code, the all-or-nothing rollback, one error per bad cell named by sheet, row and column,
// wall-clock times in the enterprise's time zone, and the permissions of the create endpoints.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlant, startTestApp, type TestApp } from '../../../../test/harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let token: string;
let plant: Awaited<ReturnType<typeof makePlant>>;

const METER_HEADER = [
  '计量器具编码 / Code',
  '名称 / Name',
  '能源品种 / Medium',
  '单位 / Unit',
  '级别 / Level',
  '上级计量器具 / Parent meter',
  '安装位置编码 / Plant node',
  '设备编码 / Equipment',
  '数据来源 / Source',
  '采集设备编码 / Device',
  '计数指标 / Counter metric',
  '倍率 / Multiplier',
  '公式 / Formula',
  '启用 / Enabled',
  '说明 / Description',
];
type Cell = string | number | Date | null;

async function workbook(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function load(file: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
}
const upload = (url: string, file: Buffer, as = token) =>
  t.call({ method: 'POST', url: `/api/v1${url}`, token: as, body: file, headers: { 'content-type': XLSX } });
const get = (url: string, as = token) => t.call({ url: `/api/v1${url}`, token: as });
const details = (body: string) => JSON.parse(body).error.details as Array<{ path: string; message: string }>;
const meterList = async () =>
  (await get('/energy/meters?pageSize=200')).json<{ items: Array<Record<string, unknown>> }>().items;
const meterByCode = async (code: string) => (await meterList()).find((m) => m.code === code);
const recordsOf = async (code: string) => {
  const m = await meterByCode(code);
  return (await get(`/energy/meters/${String(m!.id)}/records?pageSize=200`)).json<{
    items: Array<{
      kind: string;
      ts: string;
      periodEnd: string | null;
      value: number;
      documentNo: string | null;
    }>;
  }>().items;
};

beforeAll(async () => {
  t = await startTestApp();
  token = (await t.makeTenant('mimp-a')).token;
  plant = await makePlant(t, token, 'MI');
  const device = await t.call({
    method: 'POST',
    url: '/api/v1/devices',
    token,
    body: {
      code: 'PM-1',
      name: 'Incomer meter',
      metrics: [
        { key: 'kwh', name: 'Energy', valueType: 'number', kind: 'counter', unitCode: 'kWh' },
        { key: 'kw', name: 'Power', valueType: 'number', kind: 'gauge', unitCode: 'kW' },
      ],
    },
  });
  expect(device.statusCode, device.body).toBe(201);
});
afterAll(() => t?.close());

describe('meters', () => {
  it('serves a bilingual template that imports as it is', async () => {
    const res = await get('/energy/meters/import-template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    const ws = (await load(res.rawPayload)).worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, ...METER_HEADER]);
    // the sample names device PM-1 / kwh, which this tenant has; a dry run writes nothing
    const check = await upload('/energy/meters/import?dryRun=true', res.rawPayload);
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({ imported: 0, created: 3, updated: 0, errors: [] });
    expect(await meterList()).toHaveLength(0);
  });

  it('imports a hierarchy by codes, children and formulas before what they refer to', async () => {
    const file = await workbook({
      meters: [
        METER_HEADER,
        // the loss formula and the workshop come before the incomer they refer to
        [
          'E-LOSS',
          'Losses',
          'electricity',
          'kWh',
          2,
          'E-MAIN',
          null,
          null,
          'formula',
          null,
          null,
          null,
          'E-MAIN - E-WS',
          'Y',
          null,
        ],
        [
          'E-WS',
          'Workshop',
          'electricity',
          'kWh',
          2,
          'E-MAIN',
          'MI-A',
          null,
          'manual',
          null,
          null,
          null,
          null,
          null,
          'by hand',
        ],
        [
          'E-LATHE',
          'Lathe',
          'electricity',
          'kWh',
          3,
          'E-WS',
          'MI-L',
          'MI-EQ1',
          'manual',
          null,
          null,
          1,
          null,
          'N',
          null,
        ],
        [
          'E-MAIN',
          'Incomer',
          'electricity',
          'MWh',
          1,
          null,
          'MI-S',
          null,
          'telemetry',
          'PM-1',
          'kwh',
          200,
          null,
          'Y',
          null,
        ],
        [
          'COAL-1',
          'Coal yard',
          'raw_coal',
          't',
          1,
          null,
          'MI-S',
          null,
          'manual',
          null,
          null,
          null,
          null,
          null,
          null,
        ],
      ],
    });
    const res = await upload('/energy/meters/import', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 5, created: 5, updated: 0, errors: [] });
    const main = await meterByCode('E-MAIN');
    expect(main).toMatchObject({
      level: 1,
      unit: 'MWh',
      multiplier: 200,
      metricLabel: 'PM-1 / kwh',
      nodeId: plant.site.id,
    });
    expect(await meterByCode('E-LATHE')).toMatchObject({
      parentCode: 'E-WS',
      equipmentCode: 'MI-EQ1',
      nodeId: plant.line.id,
      isEnabled: false,
    });
    expect(await meterByCode('E-WS')).toMatchObject({
      parentId: main!.id,
      multiplier: 1,
      description: 'by hand',
    });
    expect(await meterByCode('E-LOSS')).toMatchObject({ source: 'formula', formula: 'E-MAIN - E-WS' });
    // audited like the create endpoint
    const audit = (await get('/audit?entityType=meter&action=create&pageSize=50')).json<{ total: number }>();
    expect(audit.total).toBe(5);
  });

  it('round-trips: the export imports unchanged, an edited row updates that meter only', async () => {
    const before = await meterList();
    const exported = await get('/energy/meters/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('.xlsx');
    const same = await upload('/energy/meters/import', exported.rawPayload);
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toEqual({ imported: 5, created: 0, updated: 0, errors: [] });
    expect(await meterList()).toEqual(before);

    const wb = await load(exported.rawPayload);
    const ws = wb.worksheets[0]!;
    const codes = ws.getColumn(1).values.slice(2) as string[];
    const row = ws.getRow(codes.indexOf('E-WS') + 2);
    row.getCell(2).value = 'Workshop 1';
    row.getCell(12).value = 40; // CT ratio
    const edited = await upload('/energy/meters/import', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(edited.json()).toEqual({ imported: 5, created: 0, updated: 1, errors: [] });
    expect(await meterByCode('E-WS')).toMatchObject({ name: 'Workshop 1', multiplier: 40 });
    const filtered = await load((await get('/energy/meters/export?medium=raw_coal')).rawPayload);
    expect(filtered.worksheets[0]!.rowCount).toBe(2);
  });

  it('rejects every bad cell by row and column and writes nothing, not even the good rows', async () => {
    const before = await meterList();
    const file = await workbook({
      meters: [
        METER_HEADER,
        [
          'E-NEW',
          'Fine on its own',
          'electricity',
          'kWh',
          2,
          'E-MAIN',
          null,
          null,
          'manual',
          null,
          null,
          null,
          null,
          null,
          null,
        ],
        [
          'E-WS',
          'Renamed',
          'electricity',
          'kWh',
          2,
          'E-MAIN',
          null,
          null,
          'manual',
          null,
          null,
          null,
          null,
          null,
          null,
        ],
        [
          'E-M3',
          'Wrong unit',
          'electricity',
          'm3',
          2,
          'E-MAIN',
          null,
          null,
          'manual',
          null,
          null,
          null,
          null,
          null,
          null,
        ],
        [
          'E-ORPHAN',
          'x',
          'electricity',
          'kWh',
          2,
          'E-NOPE',
          'NO-NODE',
          null,
          'manual',
          null,
          null,
          null,
          null,
          null,
          null,
        ],
        [
          'E-CT',
          'x',
          'electricity',
          'kWh',
          'two',
          null,
          null,
          null,
          'manual',
          null,
          null,
          0,
          null,
          null,
          null,
        ],
        [
          'E-GAUGE',
          'x',
          'electricity',
          'kWh',
          1,
          null,
          null,
          null,
          'telemetry',
          'PM-1',
          'kw',
          null,
          null,
          null,
          null,
        ],
        [
          'G-1',
          'Gas',
          'natural_gas',
          'm3',
          2,
          'E-MAIN',
          null,
          null,
          'manual',
          null,
          null,
          null,
          null,
          null,
          null,
        ],
        [
          'E-NEW',
          'Twice',
          'electricity',
          'kWh',
          2,
          'E-MAIN',
          null,
          null,
          'manual',
          null,
          null,
          null,
          null,
          null,
          null,
        ],
        [
          'E-SUB',
          'Under a bad row',
          'electricity',
          'kWh',
          3,
          'E-M3',
          null,
          null,
          'manual',
          null,
          null,
          null,
          null,
          null,
          null,
        ],
      ],
    });
    const res = await upload('/energy/meters/import', file);
    expect(res.statusCode, res.body).toBe(400);
    const found = details(res.body);
    const at = (path: string) => found.find((d) => d.path === path)?.message;
    expect(at('rows.4.unit')).toMatch(/m3 is not a unit of electricity/);
    expect(at('rows.5.parent')).toBe('no meter E-NOPE');
    expect(at('rows.5.node')).toBe('no plant node NO-NODE');
    expect(at('rows.6.level')).toBeDefined();
    expect(at('rows.6.multiplier')).toBeDefined();
    expect(at('rows.7.metric')).toMatch(/counter/);
    expect(at('rows.8.parent')).toMatch(/E-MAIN measures electricity/);
    expect(at('rows.9.code')).toBe('duplicate of row 2');
    expect(at('rows.10.parent')).toBe('E-M3 on row 4 has errors');
    expect(found.map((d) => d.path)).not.toContain('rows.2.code');
    expect(found.map((d) => d.path)).not.toContain('rows.3.name');
    // rows 2 and 3 were valid and written before the bad ones were found: rolled back with the rest
    expect(await meterList()).toEqual(before);
  });
});

describe('readings and consumption records', () => {
  const READING_HEADER = [
    '计量器具编码 / Meter',
    '抄表时间 / Read at',
    '读数 / Reading',
    '单位 / Unit',
    '单据号 / Document no.',
    '备注 / Note',
  ];
  const CONSUMPTION_HEADER = [
    'Meter',
    'Period start',
    'Period end',
    'Quantity',
    'Unit',
    'Document no.',
    'Note',
  ];

  it('imports readings and deliveries in the enterprise time zone, any meters in one file', async () => {
    const tpl = await get('/energy/meter-records/import-template');
    expect(tpl.statusCode).toBe(200);
    expect((await load(tpl.rawPayload)).worksheets.map((w) => w.name)).toEqual(['抄表读数', '消耗记录']);
    const file = await workbook({
      抄表读数: [
        READING_HEADER,
        ['E-WS', '2026-03-01 08:00', 1000, 'kWh', null, 'start'],
        ['E-WS', '2026/3/2 8:00', 1250.5, null, null, null],
        // a date-time cell typed into Excel: its wall clock, not UTC
        ['E-LATHE', new Date(Date.UTC(2026, 2, 1, 8, 30)), 10, 'kWh', null, null],
      ],
      consumption: [
        CONSUMPTION_HEADER,
        ['COAL-1', '2026-03-01', '2026-04-01', 120, 't', 'CG-0312', 'March coal'],
      ],
    });
    const res = await upload('/energy/meter-records/import', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 4, created: 4, updated: 0, errors: [] });
    const ws = await recordsOf('E-WS');
    expect(ws.map((r) => [r.ts, r.value])).toEqual([
      ['2026-03-02T00:00:00.000Z', 1250.5],
      ['2026-03-01T00:00:00.000Z', 1000],
    ]);
    expect((await recordsOf('E-LATHE'))[0]!.ts).toBe('2026-03-01T00:30:00.000Z');
    expect(await recordsOf('COAL-1')).toMatchObject([
      {
        kind: 'consumption',
        ts: '2026-02-28T16:00:00.000Z',
        periodEnd: '2026-03-31T16:00:00.000Z',
        value: 120,
        documentNo: 'CG-0312',
      },
    ]);
    const audit = (await get('/audit?entityType=meter_record&pageSize=50')).json<{ total: number }>();
    expect(audit.total).toBe(4);
  });

  it('round-trips: the export imports without duplicates, an edited value replaces the stored one', async () => {
    const exported = await get('/energy/meter-records/export');
    expect(exported.statusCode).toBe(200);
    const wb = await load(exported.rawPayload);
    const readings = wb.getWorksheet('抄表读数')!;
    expect(readings.getRow(2).values).toEqual([undefined, 'E-LATHE', '2026-03-01 08:30', 10, 'kWh']);
    expect(wb.getWorksheet('消耗记录')!.getRow(2).getCell(2).value).toBe('2026-03-01 00:00');
    const same = await upload('/energy/meter-records/import', exported.rawPayload);
    expect(same.json()).toEqual({ imported: 4, created: 0, updated: 0, errors: [] });

    readings.getRow(3).getCell(3).value = 1001; // E-WS at 2026-03-01 08:00
    readings.addRow(['E-WS', '2026-03-03 08:00', 1400]);
    const edited = await upload('/energy/meter-records/import', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(edited.json()).toEqual({ imported: 5, created: 1, updated: 1, errors: [] });
    expect((await recordsOf('E-WS')).map((r) => r.value)).toEqual([1400, 1250.5, 1001]);

    const oneMeter = await load(
      (await get(`/energy/meter-records/export?meterId=${String((await meterByCode('COAL-1'))!.id)}`))
        .rawPayload,
    );
    expect(oneMeter.getWorksheet('抄表读数')!.rowCount).toBe(1);
    expect(oneMeter.getWorksheet('消耗记录')!.rowCount).toBe(2);
  });

  it('rejects bad cells by sheet, row and column; nothing is written', async () => {
    const before = await recordsOf('E-WS');
    const file = await workbook({
      readings: [
        READING_HEADER,
        ['E-WS', '2026-03-10 08:00', 1500, 'kWh', null, 'good row'],
        ['E-WS', '2026-03-11 08:00', 1600, 'm3', null, null],
        ['E-MAIN', '2026-03-11 08:00', 5, null, null, null],
        ['E-WS', '2026-03-10 08:00', 1501, null, null, null],
        ['E-WS', '11/03/2026', 1700, null, null, null],
        ['E-WS', '2099-01-01 00:00', 1800, null, null, null],
        ['E-NOPE', '2026-03-11 08:00', 'lots', null, null, null],
      ],
      消耗记录: [
        CONSUMPTION_HEADER,
        ['COAL-1', '2026-04-01', '2026-03-01', 50, 't', null, null],
        ['COAL-1', '2026-04-01', null, -5, 'kg', null, null],
      ],
    });
    const res = await upload('/energy/meter-records/import', file);
    expect(res.statusCode, res.body).toBe(400);
    const found = Object.fromEntries(details(res.body).map((d) => [d.path, d.message]));
    expect(found['readings.3.unit']).toBe('"m3" is not the unit of E-WS: it measures electricity in kWh');
    expect(found['readings.4.meter']).toMatch(/telemetry counter; records go to manual meters/);
    expect(found['readings.5.ts']).toMatch(/second reading of E-WS at this time \(row 2\)/);
    expect(found['readings.6.ts']).toMatch(/not a time/);
    expect(found['readings.7.ts']).toBe('is in the future');
    expect(found['readings.8.meter']).toBe('no meter E-NOPE');
    expect(found['readings.8.value']).toBeDefined();
    expect(found['consumption.2.periodEnd']).toBe('must be after ts');
    expect(found['consumption.3.unit']).toMatch(/not the unit of COAL-1/);
    expect(found['consumption.3.periodEnd']).toMatch(/give periodEnd/);
    expect(found['consumption.3.value']).toBe('must not be negative');
    expect(Object.keys(found).some((p) => p.startsWith('readings.2.'))).toBe(false);
    expect(await recordsOf('E-WS')).toEqual(before);
  });

  it('a file with neither sheet is a bad file', async () => {
    const res = await upload('/energy/meter-records/import', await workbook({ other: [['x'], ['y']] }));
    expect(res.statusCode, res.body).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('BAD_FILE');
  });
});

describe('permissions', () => {
  it('the create endpoints’ permissions: a viewer exports but cannot import; an operator neither', async () => {
    const roles = (await get('/roles')).json<Array<{ id: string; code: string }>>();
    for (const [username, role] of [
      ['view', 'viewer'],
      ['op', 'operator'],
    ]) {
      const res = await t.call({
        method: 'POST',
        url: '/api/v1/users',
        token,
        body: {
          username,
          password: 'Strong-pw-77',
          displayName: username,
          roleIds: [roles.find((r) => r.code === role)!.id],
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const view = await t.login('mimp-a', 'view', 'Strong-pw-77');
    const op = await t.login('mimp-a', 'op', 'Strong-pw-77');
    const meters = (await get('/energy/meters/export', view)).rawPayload;
    const records = (await get('/energy/meter-records/export', view)).rawPayload;
    expect((await get('/energy/meters/export', view)).statusCode).toBe(200);
    expect((await upload('/energy/meters/import', meters, view)).statusCode).toBe(403);
    expect((await upload('/energy/meter-records/import', records, view)).statusCode).toBe(403);
    for (const url of [
      '/energy/meters/export',
      '/energy/meter-records/export',
      '/energy/meters/import-template',
    ])
      expect((await get(url, op)).statusCode, url).toBe(403);
    expect((await upload('/energy/meters/import', meters, op)).statusCode).toBe(403);
  });
});
