import { ZCalendarDay, type TCalendarDay, type TImportResult } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import {
  pushIssues,
  readSheet,
  writeSheet,
  type Column,
  throwRowErrors,
} from '../../platform/excel/excel.ts';
import { getCalendar, writeDays } from './calendars.service.ts';

/**
 * The holidays and 调休 working days of a calendar as the sheet people already keep the 法定节假日 list
 * in: one row per date.
 */
export const DAY_COLUMNS: Column[] = [
  { key: 'date', header: '日期 / Date', width: 12 },
  { key: 'kind', header: '类型 / Type', width: 14 },
  { key: 'name', header: '名称 / Name', width: 20 },
  { key: 'shiftCodes', header: '上班班次 / Shifts', width: 20 },
];
const SHEET = '节假日 / Holidays';
const KIND_LABEL: Record<TCalendarDay['kind'], string> = { holiday: '休息', workday: '上班' };
const KIND_OF: Record<string, TCalendarDay['kind']> = {
  休息: 'holiday',
  节假日: 'holiday',
  放假: 'holiday',
  holiday: 'holiday',
  上班: 'workday',
  调休: 'workday',
  调休上班: 'workday',
  工作日: 'workday',
  workday: 'workday',
};

const toRow = (d: TCalendarDay) => ({
  date: d.date,
  kind: KIND_LABEL[d.kind],
  name: d.name ?? null,
  shiftCodes: d.shiftCodes?.join(',') ?? null,
});

export async function exportDays(ctx: Ctx, id: string, year?: number): Promise<Buffer> {
  const calendar = await getCalendar(ctx, id);
  const days = calendar.days.filter((d) => !year || d.date.startsWith(`${year}-`));
  return writeSheet({ sheetName: SHEET.split(' / ')[0]!, columns: DAY_COLUMNS, rows: days.map(toRow) });
}

export const daysTemplate = () =>
  writeSheet({
    sheetName: SHEET.split(' / ')[0]!,
    columns: DAY_COLUMNS,
    rows: [
      { date: '2026-01-01', kind: '休息', name: '元旦', shiftCodes: null },
      { date: '2026-02-14', kind: '上班', name: '春节调休', shiftCodes: null },
    ],
  });

/**
 * All-or-nothing: every row is checked first (a date once, in the calendar's validity, a known type,
 * shifts the calendar has) and any problem is a 400 naming `rows.<row>.<column>`. Rows upsert by date;
 * days not in the file are kept.
 */
export async function importDays(
  ctx: Ctx,
  id: string,
  body: unknown,
  dryRun: boolean,
): Promise<TImportResult> {
  const calendar = await getCalendar(ctx, id);
  const rows = await readSheet({ body, columns: DAY_COLUMNS });
  const codes = new Set(calendar.shifts.map((s) => s.code));
  const errors: TImportResult['errors'] = [];
  const seen = new Map<string, number>();
  const valid: TCalendarDay[] = [];
  for (const { row, cells } of rows) {
    const kind = cells.kind ? KIND_OF[cells.kind.trim().toLowerCase()] : undefined;
    if (!cells.kind)
      errors.push({ row, column: 'kind', message: 'required: 休息 (holiday) or 上班 (workday)' });
    else if (!kind)
      errors.push({
        row,
        column: 'kind',
        message: `unknown type ${cells.kind}: 休息 (holiday) or 上班 (workday)`,
      });
    const shiftCodes = cells.shiftCodes
      ? cells.shiftCodes
          .split(/[,，、\s]+/)
          .map((c) => c.trim())
          .filter(Boolean)
      : null;
    const parsed = ZCalendarDay.safeParse({
      date: cells.date ?? '',
      kind: kind ?? 'holiday',
      name: cells.name,
      shiftCodes,
    });
    if (!parsed.success) {
      pushIssues(errors, row, parsed.error.issues);
      continue;
    }
    const d = parsed.data;
    const first = seen.get(d.date);
    if (first) errors.push({ row, column: 'date', message: `duplicate of row ${first}` });
    else seen.set(d.date, row);
    if (d.date < calendar.validFrom || (calendar.validTo && d.date > calendar.validTo))
      errors.push({
        row,
        column: 'date',
        message: `outside the calendar's validity ${calendar.validFrom} – ${calendar.validTo ?? 'open end'}`,
      });
    if (kind === 'holiday' && shiftCodes?.length)
      errors.push({ row, column: 'shiftCodes', message: 'a holiday has no shifts' });
    const unknown = (shiftCodes ?? []).filter((c) => !codes.has(c));
    if (unknown.length)
      errors.push({ row, column: 'shiftCodes', message: `the calendar has no shift ${unknown.join(', ')}` });
    if (kind) valid.push({ ...d, kind });
  }
  throwRowErrors(errors);
  const existing = new Set(calendar.days.map((d) => d.date));
  const created = valid.filter((d) => !existing.has(d.date)).length;
  const result = { imported: 0, created, updated: valid.length - created, errors: [] };
  if (dryRun) return result;
  await writeDays(ctx, id, valid);
  const after = await getCalendar(ctx, id);
  await recordAudit(ctx, {
    action: 'import',
    entityType: 'shift_calendar',
    entityId: id,
    before: { days: calendar.days },
    after: { days: after.days },
  });
  return { ...result, imported: valid.length };
}
