// The demo's people and rates: seeded once through the services, idempotent, the routings' skills all
// held by someone, badges and the documented PIN working at the terminal, every routing operation priced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRateResolution, TRequiredSkill, TWorker } from '@greenmes/contracts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { DEMO_WORKER_PIN } from '../demo/demo-labour.seed.ts';

const PASSWORD = 'Demo-pass-1';
let t: TestApp;
let token: string;
const get = async <T>(url: string) => {
  const res = await t.call({ url: `/api/v1${url}`, token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo({ db: t.database.db, password: PASSWORD });
  await seedDemo({ db: t.database.db, password: PASSWORD }); // a restart: nothing twice
  token = await t.login('demo', 'admin', PASSWORD);
}, 180_000);
afterAll(() => t?.close());

describe('demo labour', () => {
  it('has twenty workers on the work centers, each with a grade, a badge and a PIN', async () => {
    const page = await get<{ items: TWorker[]; total: number }>('/labour/workers?pageSize=100');
    expect(page.total).toBe(20);
    for (const w of page.items) {
      expect(w.teamCode, w.employeeNo).toMatch(/^(MC|AS|PT)-L\d-/);
      expect(w).toMatchObject({ hasPin: true, badgeCode: w.employeeNo, isActive: true });
      expect(w.gradeCode).toMatch(/^G[1-4]$/);
    }
    const grades = await get<Array<{ code: string }>>('/labour/grades');
    expect(grades.map((g) => g.code)).toEqual(['G1', 'G2', 'G3', 'G4']);
  });

  it('has every skill the routings require in the catalogue and held by at least one worker', async () => {
    const required = await get<TRequiredSkill[]>('/labour/skills/required');
    expect(required.length).toBeGreaterThanOrEqual(9);
    expect(required.filter((s) => !s.isInCatalogue)).toEqual([]);
    const skills = await get<Array<{ code: string; workerCount: number }>>('/labour/skills');
    for (const r of required)
      expect(skills.find((s) => s.code === r.code)?.workerCount, r.code).toBeGreaterThan(0);
  });

  it('signs a demo worker in by badge and by the documented PIN', async () => {
    const signIn = (body: unknown) =>
      t.call({ method: 'POST', url: '/api/v1/labour/workers/sign-in', token, body });
    expect((await signIn({ badge: 'GY2001' })).json()).toMatchObject({ name: '吴刚', teamCode: 'AS-L1-ASM' });
    expect((await signIn({ employeeNo: 'GY1008', pin: DEMO_WORKER_PIN })).statusCode).toBe(200);
  });

  it('prices every operation code of the routings, most specifically where a product or grade has its own', async () => {
    const materials = await get<{ items: Array<{ id: string; code: string }> }>('/materials?pageSize=200');
    const id = (code: string) => materials.items.find((m) => m.code === code)!.id;
    const grades = await get<Array<{ id: string; code: string }>>('/labour/grades');
    const g = (code: string) => grades.find((x) => x.code === code)!.id;
    const resolve = (q: string) => get<TRateResolution>(`/labour/rates/resolve?date=2026-03-02&${q}`);
    for (const op of ['TURN', 'MILL', 'GRD', 'BAL', 'QC', 'ASM', 'TEST', 'PAINT', 'PACK'])
      expect((await resolve(`operationCode=${op}`)).pieceRate, op).not.toBeNull();
    const pump = await resolve(`operationCode=ASM&productId=${id('FG-PMP-150')}&gradeId=${g('G4')}`);
    expect([pump.pieceRate?.rate, pump.match, pump.timeRate?.rate]).toEqual([
      '24',
      'product_operation_grade',
      '38.5',
    ]);
    const valve = await resolve(`operationCode=ASM&productId=${id('FG-BV-100')}&gradeId=${g('G2')}`);
    expect([valve.pieceRate?.rate, valve.match]).toEqual(['6', 'operation']);
  });
});
