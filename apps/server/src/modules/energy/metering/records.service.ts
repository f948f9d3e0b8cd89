import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TCreateMeterRecord, TMeterRecord, TPage, ZMeterRecordQuery } from '@greenmes/contracts';
import type { z } from 'zod';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { pageWindow } from '../../../platform/db/paging.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { getMeter } from './meters.service.ts';

interface Row {
  id: string;
  meter_id: string;
  kind: 'reading' | 'consumption';
  ts: Date | string;
  period_end: Date | string | null;
  value: number;
  document_no: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Date | string;
}
const SELECT = sql`SELECT r.id, r.meter_id, r.kind, r.ts, r.period_end, r.value, r.document_no, r.note,
    u.username AS created_by, r.created_at
  FROM meter_records r LEFT JOIN users u ON u.tenant_id = r.tenant_id AND u.id = r.created_by`;

const toRecord = (r: Row): TMeterRecord => ({
  id: r.id,
  meterId: r.meter_id,
  kind: r.kind,
  ts: toIso(r.ts)!,
  periodEnd: r.period_end === null ? null : toIso(r.period_end),
  value: r.value,
  documentNo: r.document_no,
  note: r.note,
  createdBy: r.created_by,
  createdAt: toIso(r.created_at)!,
});

export async function listRecords(
  ctx: Ctx,
  meterId: string,
  query: z.infer<typeof ZMeterRecordQuery>,
): Promise<TPage<TMeterRecord>> {
  await getMeter(ctx, meterId);
  const cond = sql`r.meter_id = ${meterId}
    AND (${query.from ?? null}::timestamptz IS NULL OR r.ts >= ${query.from ?? null}::timestamptz)
    AND (${query.to ?? null}::timestamptz IS NULL OR r.ts < ${query.to ?? null}::timestamptz)`;
  const { limit, offset } = pageWindow(query);
  const rows = await queryRows<Row>(
    ctx.tx,
    sql`${SELECT} WHERE ${cond} ORDER BY r.ts DESC LIMIT ${limit} OFFSET ${offset}`,
  );
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM meter_records r WHERE ${cond}`,
  );
  return { items: rows.map(toRecord), total: count!.n, page: query.page, pageSize: query.pageSize };
}

/** The rules of a record by itself (its period, its sign, not in the future); paths are the field names. */
export function recordProblems(input: TCreateMeterRecord): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (input.kind === 'consumption') {
    if (!input.periodEnd)
      problems.push({ path: 'periodEnd', message: 'a consumption record covers a period: give periodEnd' });
    else if (Date.parse(input.periodEnd) <= Date.parse(input.ts))
      problems.push({ path: 'periodEnd', message: 'must be after ts' });
    if (input.value < 0) problems.push({ path: 'value', message: 'must not be negative' });
  } else if (input.periodEnd) problems.push({ path: 'periodEnd', message: 'only for consumption records' });
  if (Date.parse(input.ts) > Date.now() + 5 * 60_000)
    problems.push({ path: 'ts', message: 'is in the future' });
  return problems;
}

/**
 * A manual reading of the meter's register, or a quantity consumed over a period (a coal delivery used up, a
 * diesel invoice). Only meters fed by hand take records; a telemetry or virtual meter gets a 409.
 */
export async function createRecord(
  ctx: Ctx,
  meterId: string,
  input: TCreateMeterRecord,
): Promise<TMeterRecord> {
  const meter = await getMeter(ctx, meterId);
  if (meter.source !== 'manual')
    throw new AppError('CONFLICT', {
      reason: `meter ${meter.code} is fed by ${meter.source === 'telemetry' ? 'a telemetry counter' : 'a formula'}; records go to manual meters`,
    });
  const problems = recordProblems(input).map((p) => ({ ...p, path: `body.${p.path}` }));
  if (problems.length) throw new AppError('VALIDATION', {}, problems);
  if (input.kind === 'reading') {
    const [dup] = await queryRows(
      ctx.tx,
      sql`SELECT 1 FROM meter_records WHERE meter_id = ${meterId} AND kind = 'reading' AND ts = ${input.ts}::timestamptz`,
    );
    if (dup) throw new AppError('CONFLICT', { reason: `${meter.code} already has a reading at ${input.ts}` });
  }
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO meter_records (tenant_id, id, meter_id, kind, ts, period_end, value, document_no, note, created_by)
        VALUES (${ctx.actor.tenantId}, ${id}, ${meterId}, ${input.kind}, ${input.ts}::timestamptz,
          ${input.periodEnd ?? null}::timestamptz, ${input.value}, ${input.documentNo ?? null}, ${input.note ?? null},
          ${ctx.actor.userId})`,
  );
  const [row] = await queryRows<Row>(ctx.tx, sql`${SELECT} WHERE r.id = ${id}`);
  const created = toRecord(row!);
  await recordAudit(ctx, {
    action: 'create',
    entityType: 'meter_record',
    entityId: id,
    after: { ...created, meter: meter.code },
  });
  return created;
}

export async function deleteRecord(ctx: Ctx, meterId: string, id: string): Promise<void> {
  const [row] = await queryRows<Row>(ctx.tx, sql`${SELECT} WHERE r.id = ${id} AND r.meter_id = ${meterId}`);
  if (!row) throw notFound('meter record');
  await queryRows(ctx.tx, sql`DELETE FROM meter_records WHERE id = ${id}`);
  await recordAudit(ctx, {
    action: 'delete',
    entityType: 'meter_record',
    entityId: id,
    before: toRecord(row),
  });
}

/** Replaces what an Excel import may change of a stored record: its value, document number and note. */
export async function updateRecord(
  ctx: Ctx,
  o: { meterCode: string; id: string; value: number; documentNo: string | null; note: string | null },
): Promise<void> {
  const [row] = await queryRows<Row>(ctx.tx, sql`${SELECT} WHERE r.id = ${o.id}`);
  if (!row) throw notFound('meter record');
  const problems = recordProblems({ ...toRecord(row), value: o.value });
  if (problems.length) throw new AppError('VALIDATION', {}, problems);
  await queryRows(
    ctx.tx,
    sql`UPDATE meter_records SET value = ${o.value}, document_no = ${o.documentNo}, note = ${o.note}
        WHERE id = ${o.id}`,
  );
  const [after] = await queryRows<Row>(ctx.tx, sql`${SELECT} WHERE r.id = ${o.id}`);
  await recordAudit(ctx, {
    action: 'update',
    entityType: 'meter_record',
    entityId: o.id,
    before: { ...toRecord(row), meter: o.meterCode },
    after: { ...toRecord(after!), meter: o.meterCode },
  });
}
