import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { prepareDemoHistory } from './demo-history.seed.ts';
import { seedDemo } from './demo.seed.ts';

const PASSWORD = 'Demo-pass-1';
// a short span in a fixed past, so the test is quick and its months are known: 26 Nov 2025 – 15 Jan 2026
const NOW = Date.parse('2026-01-15T10:30:00+08:00');
let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo({ db: t.database.db, password: PASSWORD });
  const history = { db: t.database.db, writer: t.app.telemetry.module.writer, jobs: t.app.telemetry.jobs };
  const run = await prepareDemoHistory({ ...history, log: t.app.log, nowMs: NOW, days: 50 });
  expect(run).not.toBeNull();
  await run!();
  // idempotent: the history is there, nothing to do on the next start
  expect(await prepareDemoHistory({ ...history, log: t.app.log, nowMs: NOW, days: 50 })).toBeNull();
  token = await t.login('demo', 'admin', PASSWORD);
}, 120_000);
afterAll(() => t.close());

describe('demo meter history', () => {
  it('gives last month an energy overview with a plausible electricity figure', async () => {
    const res = await t.call({
      url: '/api/v1/energy/overview?from=2025-12-01T00:00:00%2B08:00&to=2026-01-01T00:00:00%2B08:00&granularity=day',
      token,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      byMedium: Array<{ medium: string; quantity: number }>;
      trend: Array<[number, number | null]>;
    }>();
    const kwh = r.byMedium.find((m) => m.medium === 'electricity')?.quantity;
    // ~400 kW on three shifts, quiet Sundays: a few hundred MWh a month
    expect(kwh).toBeGreaterThan(200_000);
    expect(kwh).toBeLessThan(350_000);
    expect(r.byMedium.find((m) => m.medium === 'natural_gas')?.quantity).toBeGreaterThan(30_000);
    // every day metered, Sundays lower than the Saturday before
    expect(r.trend.every(([, v]) => v !== null && v > 0)).toBe(true);
    const day = (d: number) => r.trend[d - 1]![1]!;
    expect(day(7)).toBeLessThan(0.6 * day(6)); // Sunday 7 December 2025
  });

  it("fills Table 1 with last year's electricity", async () => {
    const res = await t.call({ url: '/api/v1/energy/tables/1?year=2025&years=1', token });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{ rows: Array<{ medium: string; quantities: Array<number | null> }> }>();
    const kwh = r.rows.find((x) => x.medium === 'electricity')?.quantities[0];
    expect(kwh).toBeGreaterThan(200_000); // December and the last days of November
  });
});
