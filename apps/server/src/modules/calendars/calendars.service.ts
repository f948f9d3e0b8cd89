import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  shiftClock,
  type TCalendarDay,
  type TPage,
  type TShiftBreak,
  type TShiftCalendar,
  type TShiftCalendarQuery,
  type TShiftCalendarValues,
  type TShiftInstancesResult,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../platform/db/paging.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { isAllowed, isVisible } from '../modeling/data-scope.ts';
import { loadPlant } from '../modeling/plant.service.ts';
import { readSettings } from '../platform/settings.service.ts';
import {
  nominalNetMinutes,
  shiftInstances,
  workingMinutes,
  type CalendarModel,
  type ShiftInstance,
} from './shift-instances.ts';

const ENTITY = 'shift calendar';
const AUDIT_ENTITY = 'shift_calendar';

interface CalendarRow {
  id: string;
  site_id: string;
  code: string;
  name: string;
  valid_from: string;
  valid_to: string | null;
  description: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}
interface ShiftRow {
  id: string;
  calendar_id: string;
  code: string;
  name: string;
  start_minute: number;
  end_minute: number;
  weekdays: number[];
  breaks: TShiftBreak[];
}
interface DayRow {
  calendar_id: string;
  day: string;
  kind: TCalendarDay['kind'];
  name: string | null;
  shift_codes: string[] | null;
}

const SELECT = sql`SELECT id, site_id, code, name, valid_from::text AS valid_from, valid_to::text AS valid_to,
  description, created_at, updated_at FROM shift_calendars`;

/** The sites the caller sees, and whether it may write to each. */
async function sitesOf(ctx: Ctx) {
  const { nodes, scope } = await loadPlant(ctx);
  return new Map(
    nodes
      .filter((n) => n.kind === 'site' && isVisible(scope, n.id))
      .map((n) => [n.id, { code: n.code, name: n.name, isWritable: isAllowed(scope, n.id) }]),
  );
}

async function hydrate(ctx: Ctx, rows: CalendarRow[]): Promise<TShiftCalendar[]> {
  if (rows.length === 0) return [];
  const ids = sql.param(rows.map((r) => r.id));
  const shifts = await queryRows<ShiftRow>(
    ctx.tx,
    sql`SELECT id, calendar_id, code, name, start_minute, end_minute, weekdays::int[] AS weekdays, breaks
        FROM shift_definitions WHERE calendar_id = ANY(${ids}::uuid[]) ORDER BY sort_order, start_minute`,
  );
  const days = await queryRows<DayRow>(
    ctx.tx,
    sql`SELECT calendar_id, day::text AS day, kind, name, shift_codes FROM shift_calendar_days
        WHERE calendar_id = ANY(${ids}::uuid[]) ORDER BY day`,
  );
  const sites = await sitesOf(ctx);
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    siteCode: sites.get(r.site_id)?.code ?? '',
    siteName: sites.get(r.site_id)?.name ?? '',
    code: r.code,
    name: r.name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    description: r.description,
    shifts: shifts
      .filter((s) => s.calendar_id === r.id)
      .map((s) => {
        const shift = {
          code: s.code,
          name: s.name,
          start: shiftClock(s.start_minute),
          end: shiftClock(s.end_minute),
          breaks: s.breaks,
          weekdays: s.weekdays,
        };
        return { id: s.id, ...shift, netMinutes: nominalNetMinutes(shift) };
      }),
    days: days
      .filter((d) => d.calendar_id === r.id)
      .map((d) => ({ date: d.day, kind: d.kind, name: d.name, shiftCodes: d.shift_codes })),
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  }));
}

export async function listCalendars(ctx: Ctx, query: TShiftCalendarQuery): Promise<TPage<TShiftCalendar>> {
  const sites = await sitesOf(ctx);
  const pattern = query.q ? likePattern(query.q) : null;
  const where = sql`WHERE site_id = ANY(${sql.param([...sites.keys()])}::uuid[])
    AND (${pattern}::text IS NULL OR code ILIKE ${pattern} OR name ILIKE ${pattern})
    AND (${query.siteId ?? null}::uuid IS NULL OR site_id = ${query.siteId ?? null}::uuid)
    AND (${query.on ?? null}::date IS NULL OR (valid_from <= ${query.on ?? null}::date
      AND (valid_to IS NULL OR valid_to >= ${query.on ?? null}::date)))`;
  const { limit, offset } = pageWindow(query);
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM shift_calendars ${where}`,
  );
  const rows = await queryRows<CalendarRow>(
    ctx.tx,
    sql`${SELECT} ${where} ORDER BY valid_from DESC, code LIMIT ${limit} OFFSET ${offset}`,
  );
  return { items: await hydrate(ctx, rows), total: count!.n, page: query.page, pageSize: query.pageSize };
}

/** A calendar the caller may see (its site in the data scope or above it), else 404. */
export async function getCalendar(ctx: Ctx, id: string): Promise<TShiftCalendar> {
  const [row] = await queryRows<CalendarRow>(ctx.tx, sql`${SELECT} WHERE id = ${id}`);
  if (!row || !(await sitesOf(ctx)).has(row.site_id)) throw notFound(ENTITY);
  return (await hydrate(ctx, [row]))[0]!;
}

/** The site must be one the caller may write to; validity may not overlap another calendar of the site. */
async function assertFree(ctx: Ctx, input: TShiftCalendarValues, id: string | null) {
  const site = (await sitesOf(ctx)).get(input.siteId);
  if (!site)
    throw new AppError('VALIDATION', {}, [
      { path: 'body.siteId', message: 'no such site in your data scope' },
    ]);
  if (!site.isWritable) throw new AppError('OUTSIDE_DATA_SCOPE', { entity: 'site' });
  const [dup] = await queryRows<{ id: string }>(
    ctx.tx,
    sql`SELECT id FROM shift_calendars WHERE code = ${input.code} AND (${id}::uuid IS NULL OR id <> ${id}::uuid)`,
  );
  if (dup) throw new AppError('DUPLICATE_CODE', { code: input.code, entity: ENTITY });
  const [clash] = await queryRows<{ code: string; valid_from: string; valid_to: string | null }>(
    ctx.tx,
    sql`SELECT code, valid_from::text AS valid_from, valid_to::text AS valid_to FROM shift_calendars
        WHERE site_id = ${input.siteId} AND (${id}::uuid IS NULL OR id <> ${id}::uuid)
          AND valid_from <= coalesce(${input.validTo ?? null}::date, 'infinity'::date)
          AND coalesce(valid_to, 'infinity'::date) >= ${input.validFrom}::date
        LIMIT 1`,
  );
  if (clash)
    throw new AppError('CONFLICT', {
      reason: `the site's calendar ${clash.code} is valid from ${clash.valid_from} to ${clash.valid_to ?? 'open end'}; one calendar per site and day — end it first`,
    });
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Shifts upserted by code (ids stay stable for whoever refers to them), days replaced. */
async function writeChildren(ctx: Ctx, id: string, input: TShiftCalendarValues) {
  const codes = input.shifts.map((s) => s.code);
  await queryRows(
    ctx.tx,
    sql`DELETE FROM shift_definitions WHERE calendar_id = ${id} AND NOT (code = ANY(${sql.param(codes)}::text[]))`,
  );
  for (const [i, s] of input.shifts.entries())
    await queryRows(
      ctx.tx,
      sql`INSERT INTO shift_definitions (tenant_id, id, calendar_id, code, name, start_minute, end_minute, weekdays, breaks, sort_order)
          VALUES (${ctx.actor.tenantId}, ${randomUUID()}, ${id}, ${s.code}, ${s.name}, ${minutes(s.start)}, ${minutes(s.end)},
            ${sql.param([...s.weekdays].sort())}::smallint[], ${JSON.stringify(s.breaks)}::jsonb, ${i})
          ON CONFLICT (tenant_id, calendar_id, code) DO UPDATE SET name = EXCLUDED.name,
            start_minute = EXCLUDED.start_minute, end_minute = EXCLUDED.end_minute, weekdays = EXCLUDED.weekdays,
            breaks = EXCLUDED.breaks, sort_order = EXCLUDED.sort_order`,
    );
  await queryRows(ctx.tx, sql`DELETE FROM shift_calendar_days WHERE calendar_id = ${id}`);
  await writeDays(ctx, id, input.days);
}

/** Inserts or replaces days of a calendar by date. */
export async function writeDays(ctx: Ctx, id: string, days: TCalendarDay[]) {
  for (const d of days)
    await queryRows(
      ctx.tx,
      sql`INSERT INTO shift_calendar_days (tenant_id, calendar_id, day, kind, name, shift_codes)
          VALUES (${ctx.actor.tenantId}, ${id}, ${d.date}::date, ${d.kind}, ${d.name ?? null},
            ${d.kind === 'workday' && d.shiftCodes ? sql.param(d.shiftCodes) : null}::text[])
          ON CONFLICT (tenant_id, calendar_id, day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
            shift_codes = EXCLUDED.shift_codes`,
    );
}

export async function createCalendar(ctx: Ctx, input: TShiftCalendarValues): Promise<TShiftCalendar> {
  await assertFree(ctx, input, null);
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO shift_calendars (tenant_id, id, site_id, code, name, valid_from, valid_to, description, created_by)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.siteId}, ${input.code}, ${input.name}, ${input.validFrom}::date,
          ${input.validTo ?? null}::date, ${input.description ?? null}, ${ctx.actor.userId})`,
  );
  await writeChildren(ctx, id, input);
  const after = await getCalendar(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: AUDIT_ENTITY, entityId: id, after });
  return after;
}

/** Replaces the calendar as given (shifts by code, days as a whole). */
export async function updateCalendar(
  ctx: Ctx,
  id: string,
  input: TShiftCalendarValues,
): Promise<TShiftCalendar> {
  const before = await getCalendar(ctx, id);
  if (!(await sitesOf(ctx)).get(before.siteId)?.isWritable)
    throw new AppError('OUTSIDE_DATA_SCOPE', { entity: 'site' });
  await assertFree(ctx, input, id);
  await queryRows(
    ctx.tx,
    sql`UPDATE shift_calendars SET site_id = ${input.siteId}, code = ${input.code}, name = ${input.name},
          valid_from = ${input.validFrom}::date, valid_to = ${input.validTo ?? null}::date,
          description = ${input.description ?? null}, updated_at = now()
        WHERE id = ${id}`,
  );
  await writeChildren(ctx, id, input);
  const after = await getCalendar(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: AUDIT_ENTITY, entityId: id, before, after });
  return after;
}

export async function deleteCalendar(ctx: Ctx, id: string): Promise<void> {
  const before = await getCalendar(ctx, id);
  if (!(await sitesOf(ctx)).get(before.siteId)?.isWritable)
    throw new AppError('OUTSIDE_DATA_SCOPE', { entity: 'site' });
  await queryRows(ctx.tx, sql`DELETE FROM shift_calendars WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: AUDIT_ENTITY, entityId: id, before });
}

/** Sites (in the caller's scope) that have at least one calendar. */
export async function sitesWithCalendars(ctx: Ctx): Promise<string[]> {
  const sites = await sitesOf(ctx);
  const rows = await queryRows<{ site_id: string }>(
    ctx.tx,
    sql`SELECT DISTINCT site_id FROM shift_calendars`,
  );
  return rows.map((r) => r.site_id).filter((id) => sites.has(id));
}

/**
 * The concrete shifts of a site overlapping [from, to) (epoch ms), whole, in the enterprise's time zone,
 * from the calendars valid on each date. For other modules: the scheduler's working time and energy by
 * shift. A site outside the caller's scope is a 400 on `path`.
 */
export async function shiftInstancesOf(
  ctx: Ctx,
  o: { siteId: string; from: number; to: number; path?: string },
): Promise<{ timezone: string; instances: ShiftInstance[] }> {
  if (!(await sitesOf(ctx)).has(o.siteId))
    throw new AppError('VALIDATION', {}, [
      { path: o.path ?? 'querystring.siteId', message: 'no such site in your data scope' },
    ]);
  const timezone = (await readSettings(ctx.tx, ctx.actor.tenantId)).timezone;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  // a day either side in UTC covers every local date of the range in any zone
  const rows = await queryRows<CalendarRow>(
    ctx.tx,
    sql`${SELECT} WHERE site_id = ${o.siteId}
        AND valid_from <= (${day(o.to)}::date + 2) AND coalesce(valid_to, 'infinity'::date) >= (${day(o.from)}::date - 2)
        ORDER BY valid_from`,
  );
  const calendars: CalendarModel[] = (await hydrate(ctx, rows)).map((c) => ({
    id: c.id,
    validFrom: c.validFrom,
    validTo: c.validTo,
    shifts: c.shifts,
    days: c.days,
  }));
  return { timezone, instances: shiftInstances({ calendars, timezone, from: o.from, to: o.to }) };
}

const MAX_RANGE_DAYS = 400;

/** GET /calendars/shift-instances */
export async function getShiftInstances(
  ctx: Ctx,
  q: { siteId: string; from: string; to: string },
): Promise<TShiftInstancesResult> {
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  if (to <= from)
    throw new AppError('VALIDATION', {}, [{ path: 'querystring.to', message: 'must be after from' }]);
  if (to - from > MAX_RANGE_DAYS * 86_400_000)
    throw new AppError('VALIDATION', {}, [
      { path: 'querystring.to', message: `at most ${MAX_RANGE_DAYS} days after from` },
    ]);
  const { timezone, instances } = await shiftInstancesOf(ctx, { siteId: q.siteId, from, to });
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    siteId: q.siteId,
    timezone,
    from: iso(from),
    to: iso(to),
    instances: instances.map((i) => ({
      ...i,
      start: iso(i.start),
      end: iso(i.end),
      breaks: i.breaks.map(([a, b]) => ({ start: iso(a), end: iso(b) })),
    })),
    workingMinutes: workingMinutes(instances, from, to),
  };
}
