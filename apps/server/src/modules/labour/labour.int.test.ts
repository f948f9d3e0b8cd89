// Labour definitions on a real database: grades and skills, workers with unique employee numbers and
// badges, the PIN (hashed, never returned, verified, locked after repeated wrong tries), wage rates with
// effective periods (409 on overlap), which rate applies, the roster's Excel round trip, permissions,
// data scope and tenant isolation attacked from tenant B.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type {
  TGrade,
  TImportResult,
  TPieceRate,
  TRateResolution,
  TRequiredSkill,
  TSkill,
  TTimeRate,
  TWorker,
} from '@greenmes/contracts';
import { makePlant, startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let a: { token: string; tenantId: string };
let b: { token: string; tenantId: string };
let plant: Awaited<ReturnType<typeof makePlant>>;
let grades: Record<string, TGrade>;
let skills: Record<string, TSkill>;
let zhang: TWorker;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const send = (method: string, url: string, body?: unknown, token = a.token) =>
  t.call({ method, url: `/api/v1${url}`, token, body });
const ok = async <T>(method: string, url: string, body?: unknown, status = method === 'POST' ? 201 : 200) => {
  const res = await send(method, url, body);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json<T>();
};
const paths = (body: string) =>
  (JSON.parse(body) as { error: { details?: Array<{ path: string }> } }).error.details?.map((d) => d.path) ??
  [];

beforeAll(async () => {
  t = await startTestApp();
  a = await t.makeTenant('lab-a');
  b = await t.makeTenant('lab-b');
  plant = await makePlant(t, a.token, 'LA');
  grades = {};
  for (const [i, [code, name]] of [
    ['G1', '初级'],
    ['G2', '中级'],
    ['G3', '高级'],
    ['G4', '技师'],
  ].entries())
    grades[code!] = await ok<TGrade>('POST', '/labour/grades', { code, name, sortOrder: i });
  skills = {};
  for (const code of ['数控车工 中级', '检验员', '试压工（持证）'])
    skills[code] = await ok<TSkill>('POST', '/labour/skills', { code, name: code.replace(' ', '（') });
});
afterAll(() => t?.close());

const worker = (o: Record<string, unknown> = {}) => ({
  employeeNo: 'E001',
  name: '张伟',
  teamId: plant.line.id,
  gradeId: grades.G2!.id,
  badgeCode: 'BADGE-001',
  pin: '4321',
  hireDate: '2024-03-01',
  skills: [
    { skillId: skills['数控车工 中级']!.id, level: 4 },
    { skillId: skills['检验员']!.id, level: 2, validUntil: '2027-06-30' },
  ],
  ...o,
});

describe('grades and skills', () => {
  it('lists grades in order, refuses a taken code and deleting a grade in use', async () => {
    const list = await ok<TGrade[]>('GET', '/labour/grades');
    expect(list.map((g) => g.name)).toEqual(['初级', '中级', '高级', '技师']);
    expect((await send('POST', '/labour/grades', { code: 'G1', name: 'x' })).statusCode).toBe(409);
    expect((await send('POST', '/labour/skills', { code: '检验员', name: 'x' })).statusCode).toBe(409);
    const tmp = await ok<TGrade>('POST', '/labour/grades', { code: 'TMP', name: '临时' });
    await ok('PUT', `/labour/grades/${tmp.id}`, { code: 'TMP2', name: '临时工' });
    await ok('DELETE', `/labour/grades/${tmp.id}`);
    expect((await send('GET', '/audit?entityType=labour_grade')).body).toContain(tmp.id);
  });

  it('names the skills routings require and whether the catalogue has them', async () => {
    const units = plant.units;
    const wc = await ok<{ id: string }>('POST', '/plant/nodes', {
      kind: 'work_center',
      parentId: plant.line.id,
      code: 'LA-WC',
      name: 'Cell',
    });
    const product = await ok<{ id: string }>('POST', '/materials', {
      code: 'LA-FG',
      name: 'Valve',
      type: 'finished',
      unitId: units.find((u) => u.code === 'pcs')!.id,
    });
    const op = (seqNo: number, code: string, requiredSkill: string | null) => ({
      seqNo,
      code,
      name: code,
      workCenterId: wc.id,
      requiredSkill,
    });
    await ok('POST', '/production/routings', {
      productId: product.id,
      version: 'R1',
      effectiveFrom: '2025-01-01',
      operations: [op(10, 'TURN', '数控车工 中级'), op(20, 'QC', '检验员'), op(30, 'PAINT', '喷涂工')],
    });
    const required = await ok<TRequiredSkill[]>('GET', '/labour/skills/required');
    expect(required).toEqual([
      { code: '喷涂工', operationCount: 1, isInCatalogue: false },
      { code: '数控车工 中级', operationCount: 1, isInCatalogue: true },
      { code: '检验员', operationCount: 1, isInCatalogue: true },
    ]);
    const list = await ok<TSkill[]>('GET', '/labour/skills');
    expect(list.find((s) => s.code === '检验员')).toMatchObject({ operationCount: 1, workerCount: 0 });
  });
});

describe('workers', () => {
  it('creates a worker with skills; the PIN is never returned, not even in the audit log', async () => {
    const res = await send('POST', '/labour/workers', worker());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.body).not.toContain('4321');
    expect(res.body).not.toMatch(/pin_?hash/i);
    zhang = res.json<TWorker>();
    expect(zhang).toMatchObject({
      employeeNo: 'E001',
      teamCode: 'LA-L',
      gradeCode: 'G2',
      gradeName: '中级',
      hasPin: true,
      pinLockedUntil: null,
      isActive: true,
    });
    expect(zhang.skills.map((s) => [s.skillCode, s.level, s.validUntil])).toEqual([
      ['数控车工 中级', 4, null],
      ['检验员', 2, '2027-06-30'],
    ]);
    const got = await send('GET', `/labour/workers/${zhang.id}`);
    expect(got.json()).toEqual(zhang);
    const audit = await send('GET', '/audit?entityType=labour_worker');
    expect(audit.body).toContain(zhang.id);
    expect(audit.body).not.toContain('4321');
    expect(audit.body).not.toContain('$argon2');
  });

  it('409 on a taken employee number, badge or account; 400 naming the field otherwise', async () => {
    for (const [body, path] of [
      [worker({ badgeCode: 'OTHER' }), 'body.employeeNo'],
      [worker({ employeeNo: 'E002' }), 'body.badgeCode'],
    ] as const) {
      const res = await send('POST', '/labour/workers', body);
      expect(res.statusCode, res.body).toBe(409);
      expect(paths(res.body)).toContain(path);
    }
    for (const [body, path] of [
      [worker({ employeeNo: 'E009', badgeCode: null, pin: '12' }), 'body.pin'],
      [worker({ employeeNo: 'E009', badgeCode: null, pin: '12ab' }), 'body.pin'],
      [worker({ employeeNo: 'E009', badgeCode: null, teamId: plant.site.id }), 'body.teamId'],
      [worker({ employeeNo: 'E009', badgeCode: null, leaveDate: '2020-01-01' }), 'body.leaveDate'],
      [
        worker({ employeeNo: 'E009', badgeCode: null, skills: [{ skillId: grades.G1!.id, level: 3 }] }),
        'body.skills.0.skillId',
      ],
      [worker({ employeeNo: 'E009', badgeCode: 'has space' }), 'body.badgeCode'],
      [{ ...worker({ employeeNo: 'E009', badgeCode: null }), pinHash: 'x' }, 'body'],
    ] as const) {
      const res = await send('POST', '/labour/workers', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(
        paths(res.body).some((p) => p.startsWith(path)),
        `${path}: ${res.body}`,
      ).toBe(true);
    }
  });

  it('lists with search and filters by team subtree, grade, skill and active', async () => {
    await ok('POST', '/labour/workers', {
      employeeNo: 'E002',
      name: '李娜',
      teamId: plant.area.id,
      gradeId: grades.G1!.id,
      isActive: false,
      skills: [{ skillId: skills['检验员']!.id }],
    });
    const nos = async (q: string) =>
      (await ok<{ items: TWorker[] }>('GET', `/labour/workers?${q}`)).items.map((w) => w.employeeNo);
    expect(await nos('')).toEqual(['E001', 'E002']);
    expect(await nos('q=张')).toEqual(['E001']);
    expect(await nos('q=badge-001')).toEqual(['E001']);
    expect(await nos(`teamId=${plant.site.id}`)).toEqual(['E001', 'E002']);
    expect(await nos(`teamId=${plant.line.id}`)).toEqual(['E001']);
    expect(await nos(`gradeId=${grades.G1!.id}`)).toEqual(['E002']);
    expect(await nos(`skillId=${skills['数控车工 中级']!.id}`)).toEqual(['E001']);
    expect(await nos('isActive=false')).toEqual(['E002']);
    expect(await nos('pageSize=1&page=2')).toEqual(['E002']);
  });

  it('PUT keeps the PIN unless given; skills are replaced', async () => {
    const { pin: _pin, ...noPin } = worker();
    const after = await ok<TWorker>('PUT', `/labour/workers/${zhang.id}`, {
      ...noPin,
      skills: [{ skillId: skills['试压工（持证）']!.id, level: 5, validUntil: '2026-12-31' }],
    });
    expect(after.hasPin).toBe(true);
    expect(after.skills.map((s) => s.skillCode)).toEqual(['试压工（持证）']);
    const signIn = await send('POST', '/labour/workers/sign-in', { employeeNo: 'E001', pin: '4321' });
    expect(signIn.statusCode, signIn.body).toBe(200);
  });
});

describe('terminal sign-in', () => {
  const signIn = (body: unknown, token = a.token) => send('POST', '/labour/workers/sign-in', body, token);

  it('signs in by badge or by employee number and PIN, and refuses a wrong one', async () => {
    const byBadge = await signIn({ badge: 'BADGE-001' });
    expect(byBadge.statusCode, byBadge.body).toBe(200);
    expect(byBadge.json()).toMatchObject({ id: zhang.id, employeeNo: 'E001', name: '张伟', gradeCode: 'G2' });
    expect(byBadge.json()).not.toHaveProperty('badgeCode');
    expect((await signIn({ employeeNo: 'E001', pin: '4321' })).statusCode).toBe(200);
    const wrong = await signIn({ employeeNo: 'E001', pin: '0000' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('WORKER_SIGN_IN_FAILED');
    expect((await signIn({ badge: 'NO-SUCH' })).json().error.code).toBe('WORKER_SIGN_IN_FAILED');
    expect((await signIn({ employeeNo: 'E404', pin: '4321' })).json().error.code).toBe(
      'WORKER_SIGN_IN_FAILED',
    );
    // E002 is inactive and has no PIN
    expect((await signIn({ employeeNo: 'E002', pin: '1234' })).json().error.code).toBe(
      'WORKER_SIGN_IN_FAILED',
    );
    // a good sign-in resets the count of wrong PINs
    expect((await signIn({ employeeNo: 'E001', pin: '4321' })).statusCode).toBe(200);
  });

  it('locks the PIN after the enterprise lockout setting (5) of wrong PINs; the badge still works; a new PIN unlocks', async () => {
    for (let i = 1; i <= 4; i++)
      expect((await signIn({ employeeNo: 'E001', pin: '9999' })).json().error.code).toBe(
        'WORKER_SIGN_IN_FAILED',
      );
    const fifth = await signIn({ employeeNo: 'E001', pin: '9999' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    // locked: even the right PIN is refused
    expect((await signIn({ employeeNo: 'E001', pin: '4321' })).statusCode).toBe(423);
    const w = await ok<TWorker>('GET', `/labour/workers/${zhang.id}`);
    expect(w.pinLockedUntil).not.toBeNull();
    expect((await signIn({ badge: 'BADGE-001' })).statusCode).toBe(200);
    expect((await send('GET', '/audit?entityType=labour_worker&pageSize=100')).body).toContain(
      'auth.pin_locked',
    );
    const reset = await ok<TWorker>('PUT', `/labour/workers/${zhang.id}/pin`, { pin: '13572468' });
    expect(reset.pinLockedUntil).toBeNull();
    expect((await signIn({ employeeNo: 'E001', pin: '4321' })).statusCode).toBe(403);
    expect((await signIn({ employeeNo: 'E001', pin: '13572468' })).statusCode).toBe(200);
    const cleared = await ok<TWorker>('DELETE', `/labour/workers/${zhang.id}/pin`);
    expect(cleared.hasPin).toBe(false);
    expect((await signIn({ employeeNo: 'E001', pin: '13572468' })).statusCode).toBe(403);
    await ok('PUT', `/labour/workers/${zhang.id}/pin`, { pin: '4321' });
  });

  it('refuses inactive workers and those past their leave date', async () => {
    const left = await ok<TWorker>('POST', '/labour/workers', {
      employeeNo: 'E003',
      name: '王强',
      teamId: plant.line.id,
      badgeCode: 'BADGE-003',
      hireDate: '2020-01-01',
      leaveDate: '2021-01-01',
    });
    const res = await signIn({ badge: 'BADGE-003' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('WORKER_INACTIVE');
    await ok('DELETE', `/labour/workers/${left.id}`);
  });
});

describe('wage rates', () => {
  let general: TPieceRate;
  let productId: string;
  it('creates piece rates with scrap policies, exact money, and refuses overlapping periods naming the rate', async () => {
    productId = plant.material.id;
    general = await ok<TPieceRate>('POST', '/labour/piece-rates', {
      operationCode: 'TURN',
      rate: '1.2500',
      scrapPolicy: 'deduct',
      scrapDeduction: '0.5',
      reworkRate: '0.35',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-06-30',
    });
    expect(general).toMatchObject({
      rate: '1.25',
      scrapDeduction: '0.5',
      scrapPayPercent: null,
      reworkRate: '0.35',
    });
    const clash = await send('POST', '/labour/piece-rates', {
      operationCode: 'TURN',
      rate: '1.3',
      effectiveFrom: '2026-06-30',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toContain('TURN · any product · any grade');
    expect(clash.json().error.message).toContain('2026-01-01 – 2026-06-30');
    expect(clash.json().error.params.rateId).toBe(general.id);
    // the next day is free; so is the same period for another key
    await ok('POST', '/labour/piece-rates', {
      operationCode: 'TURN',
      rate: '1.3',
      effectiveFrom: '2026-07-01',
    });
    await ok('POST', '/labour/piece-rates', {
      operationCode: 'TURN',
      gradeId: grades.G3!.id,
      rate: '1.6',
      scrapPolicy: 'pay_percent',
      scrapPayPercent: '50',
      effectiveFrom: '2026-01-01',
    });
    await ok('POST', '/labour/piece-rates', {
      operationCode: 'TURN',
      productId,
      rate: '2.0005',
      scrapPolicy: 'none',
      effectiveFrom: '2026-03-01',
      effectiveTo: '2026-03-31',
    });
    // moving a rate onto another of its key is refused too
    const moved = await send('PUT', `/labour/piece-rates/${general.id}`, {
      operationCode: 'TURN',
      rate: '1.25',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-07-01',
    });
    expect(moved.statusCode).toBe(409);
  });

  it('400 naming the field: a float-ish money value, a missing scrap figure, an end before the start', async () => {
    for (const [body, path] of [
      [{ operationCode: 'X', rate: '1.23456', effectiveFrom: '2026-01-01' }, 'body.rate'],
      [{ operationCode: 'X', rate: '-1', effectiveFrom: '2026-01-01' }, 'body.rate'],
      [
        { operationCode: 'X', rate: '1', scrapPolicy: 'deduct', effectiveFrom: '2026-01-01' },
        'body.scrapDeduction',
      ],
      [
        {
          operationCode: 'X',
          rate: '1',
          scrapPolicy: 'pay_percent',
          scrapPayPercent: '120',
          effectiveFrom: '2026-01-01',
        },
        'body.scrapPayPercent',
      ],
      [
        { operationCode: 'X', rate: '1', effectiveFrom: '2026-02-01', effectiveTo: '2026-01-31' },
        'body.effectiveTo',
      ],
    ] as const) {
      const res = await send('POST', '/labour/piece-rates', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(paths(res.body), res.body).toContain(path);
    }
  });

  it('hourly rates per grade, 409 on overlap', async () => {
    const g1 = await ok<TTimeRate>('POST', '/labour/time-rates', {
      gradeId: grades.G1!.id,
      rate: '22.5',
      effectiveFrom: '2025-01-01',
      effectiveTo: '2025-12-31',
    });
    expect(g1).toMatchObject({ gradeCode: 'G1', rate: '22.5' });
    await ok('POST', '/labour/time-rates', {
      gradeId: grades.G1!.id,
      rate: '24',
      effectiveFrom: '2026-01-01',
    });
    await ok('POST', '/labour/time-rates', {
      gradeId: grades.G3!.id,
      rate: '32.8',
      effectiveFrom: '2025-01-01',
    });
    const clash = await send('POST', '/labour/time-rates', {
      gradeId: grades.G1!.id,
      rate: '25',
      effectiveFrom: '2025-12-31',
      effectiveTo: '2025-12-31',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.params.rateId).toBe(g1.id);
    const list = await ok<{ items: TTimeRate[] }>('GET', `/labour/time-rates?effectiveOn=2026-05-01`);
    expect(list.items.map((r) => [r.gradeCode, r.rate])).toEqual([
      ['G1', '24'],
      ['G3', '32.8'],
    ]);
    // a grade with rates cannot be deleted
    expect((await send('DELETE', `/labour/grades/${grades.G1!.id}`)).statusCode).toBe(409);
  });

  it('resolves the most specific rate in effect on the day, and says why', async () => {
    const resolve = (q: string) =>
      ok<TRateResolution>('GET', `/labour/rates/resolve?operationCode=TURN&${q}`);
    const pick = async (q: string) => {
      const r = await resolve(q);
      return [r.pieceRate?.rate ?? null, r.match];
    };
    const g3 = grades.G3!.id;
    expect(await pick(`productId=${productId}&gradeId=${g3}&date=2026-03-01`)).toEqual([
      '2.0005',
      'product_operation',
    ]);
    expect(await pick(`productId=${productId}&gradeId=${g3}&date=2026-04-01`)).toEqual([
      '1.6',
      'operation_grade',
    ]);
    expect(await pick(`productId=${productId}&date=2026-04-01`)).toEqual(['1.25', 'operation']);
    expect(await pick(`date=2026-06-30`)).toEqual(['1.25', 'operation']);
    expect(await pick(`date=2026-07-01`)).toEqual(['1.3', 'operation']);
    expect(await pick(`date=2025-12-31`)).toEqual([null, null]);
    const why = await resolve(`productId=${productId}&gradeId=${g3}&date=2026-04-01`);
    expect(why.candidates.map((c) => [c.rate.rate, c.verdict])).toEqual([
      ['2.0005', 'not_in_effect'],
      ['1.6', 'applies'],
      ['1.3', 'not_in_effect'],
      ['1.25', 'less_specific'],
    ]);
    expect(why.timeRate).toMatchObject({ gradeCode: 'G3', rate: '32.8' });
  });

  it('lists piece rates with filters', async () => {
    const list = await ok<{ items: TPieceRate[]; total: number }>(
      'GET',
      `/labour/piece-rates?operationCode=TURN&effectiveOn=2026-03-15`,
    );
    expect(list.items.map((r) => r.rate).sort()).toEqual(['1.25', '1.6', '2.0005']);
    expect((await ok<{ total: number }>('GET', `/labour/piece-rates?productId=${productId}`)).total).toBe(1);
    expect((await ok<{ total: number }>('GET', `/labour/piece-rates?q=LA-M1`)).total).toBe(1);
  });
});

describe('Excel', () => {
  const upload = (file: Buffer, dryRun = false, token = a.token) =>
    t.call({
      method: 'POST',
      url: `/api/v1/labour/workers/import?dryRun=${dryRun}`,
      token,
      body: file,
      headers: { 'content-type': XLSX },
    });
  async function read(buf: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((r) =>
      rows.push(Array.from((r.values as unknown[]).slice(1), (v) => (v == null ? '' : String(v)))),
    );
    return { wb, ws, rows };
  }

  it('exports without PINs and imports the file back unchanged; a PIN cell sets a new PIN', async () => {
    const exp = await send('GET', '/labour/workers/export');
    expect(exp.statusCode).toBe(200);
    const { wb, ws, rows } = await read(exp.rawPayload);
    expect(rows[0]).toContain('PIN');
    const e001 = rows.find((r) => r[0] === 'E001')!;
    expect(e001.slice(0, 6)).toEqual([
      'E001',
      '张伟',
      'LA-L',
      'G2',
      '试压工（持证）:5:2026-12-31',
      'BADGE-001',
    ]);
    expect(e001[6]).toBe('');
    expect(exp.rawPayload.toString('latin1')).not.toContain('$argon2');
    const before = await ok<{ items: TWorker[] }>('GET', '/labour/workers');
    const back = await upload(exp.rawPayload);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json<TImportResult>()).toMatchObject({ imported: 2, created: 0, updated: 2 });
    const after = await ok<{ items: TWorker[] }>('GET', '/labour/workers');
    const strip = (w: TWorker) => ({ ...w, updatedAt: '' });
    expect(after.items.map(strip)).toEqual(before.items.map(strip));
    // a new worker, and a PIN for E002
    ws.addRow([
      'E010',
      '赵敏',
      'LA-A',
      '高级',
      '检验员:3; 数控车工 中级',
      'BADGE-010',
      '2468',
      'Y',
      '2025-05-06',
    ]);
    rows.forEach((r, i) => {
      if (r[0] === 'E002') ws.getRow(i + 1).getCell(7).value = '8642';
    });
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await upload(file, true)).json<TImportResult>()).toMatchObject({
      imported: 0,
      created: 1,
      updated: 2,
    });
    expect((await ok<{ total: number }>('GET', '/labour/workers')).total).toBe(2);
    expect((await upload(file)).json<TImportResult>()).toMatchObject({ imported: 3, created: 1 });
    const zhao = (await ok<{ items: TWorker[] }>('GET', '/labour/workers?q=E010')).items[0]!;
    expect(zhao).toMatchObject({ teamCode: 'LA-A', gradeCode: 'G3', hasPin: true, hireDate: '2025-05-06' });
    expect(zhao.skills.map((s) => [s.skillCode, s.level])).toEqual([
      ['数控车工 中级', 3],
      ['检验员', 3],
    ]);
    await ok(
      'PUT',
      `/labour/workers/${(await ok<{ items: TWorker[] }>('GET', '/labour/workers?q=E002')).items[0]!.id}`,
      {
        employeeNo: 'E002',
        name: '李娜',
        teamId: plant.area.id,
        isActive: true,
      },
    );
    expect(
      (await send('POST', '/labour/workers/sign-in', { employeeNo: 'E002', pin: '8642' })).statusCode,
    ).toBe(200);
  });

  it('reports every bad row by column and writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员');
    ws.addRow(['工号', '姓名', '班组', '等级', '技能', '工牌号', 'PIN']);
    ws.addRow(['E020', '甲', 'NO-NODE', 'G9', '焊工', 'BADGE-001', '12']);
    ws.addRow(['E020', '乙', 'LA-L', 'G1', '', 'B-21', '']);
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(400);
    expect(paths(res.body)).toEqual(
      expect.arrayContaining([
        'rows.2.team',
        'rows.2.grade',
        'rows.2.skills',
        'rows.2.pin',
        'rows.3.employeeNo',
      ]),
    );
    expect((await ok<{ total: number }>('GET', '/labour/workers?q=E020')).total).toBe(0);
  });
});

describe('permissions, data scope and tenant isolation', () => {
  it('readers read, only managers write; operators can sign workers in but not read rates', async () => {
    const roles = (await send('GET', '/roles')).json<Array<{ id: string; code: string }>>();
    const user = async (username: string, role: string, dataScope?: { nodeIds: string[] }) => {
      await ok('POST', '/users', {
        username,
        password: 'Strong-pw-77',
        displayName: username,
        roleIds: [roles.find((r) => r.code === role)!.id],
        ...(dataScope ? { dataScope } : {}),
      });
      return t.login('lab-a', username, 'Strong-pw-77');
    };
    const viewer = await user('lab-viewer', 'viewer');
    const operator = await user('lab-operator', 'operator');
    const hr = await user('lab-hr', 'hr_specialist');
    expect((await send('GET', '/labour/workers', undefined, viewer)).statusCode).toBe(200);
    expect((await send('GET', '/labour/piece-rates', undefined, viewer)).statusCode).toBe(200);
    expect(
      (await send('POST', '/labour/workers', worker({ employeeNo: 'V1', badgeCode: null }), viewer))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await send(
          'POST',
          '/labour/piece-rates',
          { operationCode: 'V', rate: '1', effectiveFrom: '2030-01-01' },
          viewer,
        )
      ).statusCode,
    ).toBe(403);
    expect((await send('POST', '/labour/workers/sign-in', { badge: 'BADGE-001' }, operator)).statusCode).toBe(
      200,
    );
    expect((await send('GET', '/labour/piece-rates', undefined, operator)).statusCode).toBe(403);
    expect((await send('POST', '/labour/grades', { code: 'HR1', name: 'x' }, hr)).statusCode).toBe(201);
    // a supervisor limited to the area sees and manages only its workers
    const other = await ok<{ id: string }>('POST', '/plant/nodes', {
      kind: 'area',
      parentId: plant.site.id,
      code: 'LA-B',
      name: 'Other area',
    });
    const outside = await ok<TWorker>('POST', '/labour/workers', {
      employeeNo: 'E030',
      name: '周',
      teamId: other.id,
    });
    const scoped = await user('lab-area', 'plant_manager', { nodeIds: [plant.area.id] });
    const seen = (await send('GET', '/labour/workers?pageSize=100', undefined, scoped)).json<{
      items: TWorker[];
    }>();
    expect(seen.items.map((w) => w.employeeNo)).toEqual(['E001', 'E002', 'E010']);
    expect((await send('GET', `/labour/workers/${outside.id}`, undefined, scoped)).statusCode).toBe(404);
    const moveOut = await send(
      'POST',
      '/labour/workers',
      worker({ employeeNo: 'S1', badgeCode: null, teamId: other.id }),
      scoped,
    );
    expect(moveOut.statusCode).toBe(400);
    expect(paths(moveOut.body)).toContain('body.teamId');
  });

  it("tenant B sees none of A's workers, grades or rates and cannot touch them by id", async () => {
    const rate = (await ok<{ items: TPieceRate[] }>('GET', '/labour/piece-rates')).items[0]!;
    for (const url of ['/labour/workers', '/labour/piece-rates', '/labour/time-rates'])
      expect((await send('GET', url, undefined, b.token)).json<{ total: number }>().total).toBe(0);
    expect((await send('GET', '/labour/grades', undefined, b.token)).json()).toEqual([]);
    expect((await send('GET', '/labour/skills', undefined, b.token)).json()).toEqual([]);
    expect((await send('GET', `/labour/workers/${zhang.id}`, undefined, b.token)).statusCode).toBe(404);
    expect((await send('PUT', `/labour/workers/${zhang.id}/pin`, { pin: '0000' }, b.token)).statusCode).toBe(
      404,
    );
    expect((await send('DELETE', `/labour/workers/${zhang.id}`, undefined, b.token)).statusCode).toBe(404);
    expect((await send('DELETE', `/labour/piece-rates/${rate.id}`, undefined, b.token)).statusCode).toBe(404);
    expect((await send('DELETE', `/labour/grades/${grades.G2!.id}`, undefined, b.token)).statusCode).toBe(
      404,
    );
    expect((await send('POST', '/labour/workers/sign-in', { badge: 'BADGE-001' }, b.token)).statusCode).toBe(
      403,
    );
    // B's own worker may reuse A's employee number and badge, and may not use A's grade
    expect(
      (
        await send(
          'POST',
          '/labour/workers',
          { employeeNo: 'E001', name: 'B', badgeCode: 'BADGE-001' },
          b.token,
        )
      ).statusCode,
    ).toBe(201);
    const crossGrade = await send(
      'POST',
      '/labour/workers',
      { employeeNo: 'E005', name: 'B', gradeId: grades.G2!.id },
      b.token,
    );
    expect(crossGrade.statusCode).toBe(400);
    expect(paths(crossGrade.body)).toContain('body.gradeId');
    expect((await ok<TWorker>('GET', `/labour/workers/${zhang.id}`)).hasPin).toBe(true);
  });
});
