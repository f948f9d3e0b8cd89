import { sql } from 'drizzle-orm';
import type { TCalendarDay, TShiftCalendarValues, TShiftDefinition } from '@greenmes/contracts';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { createCalendar } from '../calendars/calendars.service.ts';
import { seedCtx } from './demo-ctx.ts';

const MON_SAT = [1, 2, 3, 4, 5, 6];
export const DEMO_SHIFTS: TShiftDefinition[] = [
  {
    code: 'A',
    name: '早班',
    start: '08:00',
    end: '16:00',
    breaks: [{ start: '12:00', end: '12:30' }],
    weekdays: MON_SAT,
  },
  {
    code: 'B',
    name: '中班',
    start: '16:00',
    end: '24:00',
    breaks: [{ start: '20:00', end: '20:30' }],
    weekdays: MON_SAT,
  },
  {
    code: 'C',
    name: '夜班',
    start: '00:00',
    end: '08:00',
    breaks: [{ start: '04:00', end: '04:30' }],
    weekdays: MON_SAT,
  },
];

const range = (from: string, to: string, name: string): TCalendarDay[] => {
  const out: TCalendarDay[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000)
    out.push({ date: new Date(d).toISOString().slice(0, 10), kind: 'holiday', name });
  return out;
};
const workday = (date: string, name: string): TCalendarDay => ({
  date,
  kind: 'workday',
  name,
  shiftCodes: null,
});

/** The State Council's 2026 public holidays (国务院办公厅 2026 年部分节假日安排) and their 调休 working days. */
export const CN_HOLIDAYS_2026: TCalendarDay[] = [
  ...range('2026-01-01', '2026-01-03', '元旦'),
  workday('2026-01-04', '元旦调休上班'),
  workday('2026-02-14', '春节调休上班'),
  ...range('2026-02-15', '2026-02-23', '春节'),
  workday('2026-02-28', '春节调休上班'),
  ...range('2026-04-04', '2026-04-06', '清明节'),
  ...range('2026-05-01', '2026-05-05', '劳动节'),
  workday('2026-05-09', '劳动节调休上班'),
  ...range('2026-06-19', '2026-06-21', '端午节'),
  workday('2026-09-20', '国庆节调休上班'),
  ...range('2026-09-25', '2026-09-27', '中秋节'),
  ...range('2026-10-01', '2026-10-07', '国庆节'),
  workday('2026-10-10', '国庆节调休上班'),
];

export const demoCalendar = (siteId: string): TShiftCalendarValues => ({
  siteId,
  code: 'GY-SITE-2026',
  name: '苏州工厂 2026 三班倒',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  description: '三班倒，每班 8 小时含 30 分钟用餐；周一至周六；法定节假日与调休按国务院 2026 年安排。',
  shifts: DEMO_SHIFTS,
  days: CN_HOLIDAYS_2026,
});

/** The demo site's 2026 calendar. Idempotent: does nothing once the tenant has any calendar. */
export async function seedDemoCalendars({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(tx, sql`SELECT 1 FROM shift_calendars LIMIT 1`);
    if (any) return;
    const [site] = await queryRows<{ id: string }>(
      tx,
      sql`SELECT id FROM plant_nodes WHERE code = 'GY-SITE'`,
    );
    if (!site) return;
    // open-ended, so the demo keeps its shifts (and its orders their dispatch) after 2026; the next year's
    // holidays are added when the State Council publishes them
    await createCalendar(await seedCtx(tx, tenant), { ...demoCalendar(site.id), validTo: null });
  });
}
