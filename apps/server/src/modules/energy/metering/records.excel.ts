import { sql } from 'drizzle-orm';
import {
  ZCreateMeterRecord,
  type TCreateMeterRecord,
  type TImportResult,
  type TMeterRecordFilters,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';
import { pushIssues, readSheet, writeSheets, type Column } from '../../../platform/excel/excel.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { formatLocalTime, parseLocalTime } from './local-time.ts';
import { allMeters, type MeterRow } from './meters.service.ts';
import { createRecord, recordProblems, updateRecord } from './records.service.ts';

// Excel sheet names may not contain "/", so each sheet is found by either name.
const SHEETS = {
  reading: { name: '抄表读数', alias: 'readings' },
  consumption: { name: '消耗记录', alias: 'consumption' },
} as const;
type Kind = keyof typeof SHEETS;

const meter: Column = { key: 'meter', header: '计量器具编码 / Meter' };
const unit: Column = { key: 'unit', header: '单位 / Unit', width: 10 };
const documentNo: Column = { key: 'documentNo', header: '单据号 / Document no.', width: 18 };
const note: Column = { key: 'note', header: '备注 / Note', width: 30 };
export const READING_COLUMNS: Column[] = [
  meter,
  { key: 'ts', header: '抄表时间 / Read at', width: 20, isDateTime: true },
  { key: 'value', header: '读数 / Reading' },
  unit,
  documentNo,
  note,
];
export const CONSUMPTION_COLUMNS: Column[] = [
  meter,
  { key: 'ts', header: '开始时间 / Period start', width: 20, isDateTime: true },
  { key: 'periodEnd', header: '结束时间 / Period end', width: 20, isDateTime: true },
  { key: 'value', header: '数量 / Quantity' },
  unit,
  documentNo,
  note,
];
const COLUMNS: Record<Kind, Column[]> = { reading: READING_COLUMNS, consumption: CONSUMPTION_COLUMNS };

interface StoredRow {
  id: string;
  meter_id: string;
  code: string;
  unit: string;
  kind: Kind;
  ts: Date | string;
  period_end: Date | string | null;
  value: number;
  document_no: string | null;
  note: string | null;
}

type SheetRow = Record<string, string | number | null>;
const workbook = (rows: Record<Kind, SheetRow[]>) =>
  writeSheets(
    (Object.keys(SHEETS) as Kind[]).map((kind) => ({
      sheetName: SHEETS[kind].name,
      columns: COLUMNS[kind],
      rows: rows[kind],
    })),
  );

/** Times are written as the enterprise's wall clock, the way they are typed back in. */
export async function exportRecords(ctx: Ctx, filters: TMeterRecordFilters): Promise<Buffer> {
  const tz = ctx.actor.timezone;
  const records = await queryRows<StoredRow>(
    ctx.tx,
    sql`SELECT r.id, r.meter_id, m.code, m.unit, r.kind, r.ts, r.period_end, r.value, r.document_no, r.note
        FROM meter_records r JOIN meters m ON m.tenant_id = r.tenant_id AND m.id = r.meter_id
        WHERE (${filters.meterId ?? null}::uuid IS NULL OR r.meter_id = ${filters.meterId ?? null}::uuid)
          AND (${filters.from ?? null}::timestamptz IS NULL OR r.ts >= ${filters.from ?? null}::timestamptz)
          AND (${filters.to ?? null}::timestamptz IS NULL OR r.ts < ${filters.to ?? null}::timestamptz)
        ORDER BY m.code, r.ts, r.period_end`,
  );
  const rows: Record<Kind, SheetRow[]> = { reading: [], consumption: [] };
  for (const r of records)
    rows[r.kind].push({
      meter: r.code,
      ts: formatLocalTime(toIso(r.ts), tz),
      periodEnd: r.period_end === null ? null : formatLocalTime(toIso(r.period_end), tz),
      value: r.value,
      unit: r.unit,
      documentNo: r.document_no,
      note: r.note,
    });
  return workbook(rows);
}

export const recordTemplate = () =>
  workbook({
    reading: [{ meter: 'E-WS1', ts: '2025-03-01 08:00', value: 125_400.5, unit: 'kWh', note: '月初抄表' }],
    consumption: [
      {
        meter: 'COAL-1',
        ts: '2025-03-01',
        periodEnd: '2025-04-01',
        value: 120,
        unit: 't',
        documentNo: 'CG-2025-0312',
        note: '3月燃煤进厂 / March coal delivery',
      },
    ],
  });

interface Planned {
  meter: MeterRow;
  input: TCreateMeterRecord;
  key: string;
}
const keyOf = (
  meterId: string,
  r: { kind: Kind; ts: string; periodEnd?: string | null; documentNo?: string | null },
) =>
  r.kind === 'reading'
    ? `${meterId}|reading|${Date.parse(r.ts)}`
    : `${meterId}|consumption|${Date.parse(r.ts)}|${Date.parse(r.periodEnd!)}|${r.documentNo ?? ''}`;

/**
 * All-or-nothing. A reading is matched to a stored one by meter and time (one reading per meter and time),
 * a consumption record by meter, period and document number: a match has its value, document number and note
 * replaced, anything else is added — so an exported file imports again without duplicates. Times without an
 * offset are the enterprise's wall clock. Every problem is `<sheet>.<row>.<column>`.
 */
export async function importRecords(ctx: Ctx, body: unknown, dryRun: boolean): Promise<TImportResult> {
  const tz = ctx.actor.timezone;
  const sheets = await Promise.all(
    (Object.keys(SHEETS) as Kind[]).map(async (kind) => ({
      kind,
      rows: await readSheet({
        body,
        columns: COLUMNS[kind],
        sheet: `${SHEETS[kind].name}/${SHEETS[kind].alias}`,
        isOptional: true,
      }),
    })),
  );
  if (sheets.every((s) => s.rows.length === 0))
    throw new AppError('BAD_FILE', {
      reason: `no rows on a sheet ${Object.values(SHEETS)
        .map((s) => `${s.name}/${s.alias}`)
        .join(' or ')}`,
    });
  const meters = new Map((await allMeters(ctx)).map((m) => [m.code, m]));
  const errors: Array<{ sheet: string; row: number; column?: string; message: string }> = [];
  const planned: Planned[] = [];
  const firstRow = new Map<string, number>();
  for (const { kind, rows } of sheets) {
    const sheet = SHEETS[kind].alias;
    for (const { row, cells } of rows) {
      const rowErrors: TImportResult['errors'] = [];
      const add = (column: string, message: string) => rowErrors.push({ row, column, message });
      const m = cells.meter ? meters.get(cells.meter) : undefined;
      if (!cells.meter) add('meter', 'required');
      else if (!m) add('meter', `no meter ${cells.meter}`);
      else if (m.source !== 'manual')
        add(
          'meter',
          `meter ${m.code} is fed by ${m.source === 'telemetry' ? 'a telemetry counter' : 'a formula'}; records go to manual meters`,
        );
      else if (cells.unit && cells.unit !== m.unit)
        add('unit', `"${cells.unit}" is not the unit of ${m.code}: it measures ${m.medium} in ${m.unit}`);
      const time = (column: 'ts' | 'periodEnd') => {
        const text = cells[column];
        if (!text && column === 'ts') add(column, 'required');
        if (!text) return column === 'ts' ? '' : null;
        const iso = parseLocalTime(text, tz);
        if (iso === null) add(column, `not a time: YYYY-MM-DD HH:mm in ${tz}, or ISO 8601 with an offset`);
        return iso ?? '';
      };
      const ts = time('ts');
      const periodEnd = kind === 'consumption' ? time('periodEnd') : null;
      const parsed = ZCreateMeterRecord.safeParse({
        kind,
        ts,
        periodEnd,
        value: cells.value == null ? undefined : Number(cells.value),
        documentNo: cells.documentNo,
        note: cells.note,
      });
      // one message per cell: a time already reported above is not reported again
      if (!parsed.success) pushIssues(rowErrors, row, parsed.error.issues);
      else
        for (const p of recordProblems(parsed.data))
          if (!rowErrors.some((e) => e.column === p.path)) add(p.path, p.message);
      if (rowErrors.length === 0 && parsed.success && m) {
        const key = keyOf(m.id, parsed.data);
        const first = firstRow.get(`${sheet}|${key}`);
        if (first)
          add(
            'ts',
            kind === 'reading'
              ? `a second reading of ${m.code} at this time (row ${first})`
              : `duplicate of row ${first}`,
          );
        else {
          firstRow.set(`${sheet}|${key}`, row);
          planned.push({ meter: m, input: parsed.data, key });
        }
      }
      errors.push(...rowErrors.map((e) => ({ ...e, sheet })));
    }
  }
  if (errors.length)
    throw new AppError(
      'VALIDATION',
      { errors: errors.length },
      errors.map((e) => ({ path: `${e.sheet}.${e.row}.${e.column ?? ''}`, message: e.message })),
    );

  const stored = await storedMatches(ctx, planned);
  let created = 0;
  let updated = 0;
  const writes: Array<() => Promise<unknown>> = [];
  for (const p of planned) {
    const old = stored.get(p.key);
    const documentNo = p.input.documentNo ?? null;
    const noteText = p.input.note ?? null;
    if (!old) {
      created++;
      writes.push(() => createRecord(ctx, p.meter.id, p.input));
    } else if (old.value !== p.input.value || old.document_no !== documentNo || old.note !== noteText) {
      updated++;
      writes.push(() =>
        updateRecord(ctx, {
          meterCode: p.meter.code,
          id: old.id,
          value: p.input.value,
          documentNo,
          note: noteText,
        }),
      );
    }
  }
  if (dryRun) return { imported: 0, created, updated, errors: [] };
  for (const write of writes) await write();
  return { imported: planned.length, created, updated, errors: [] };
}

/** The stored records the planned rows would replace, by their key (only the span the file covers is read). */
async function storedMatches(ctx: Ctx, planned: Planned[]): Promise<Map<string, StoredRow>> {
  if (planned.length === 0) return new Map();
  const times = planned.map((p) => Date.parse(p.input.ts));
  const from = new Date(times.reduce((a, b) => Math.min(a, b))).toISOString();
  const to = new Date(times.reduce((a, b) => Math.max(a, b))).toISOString();
  const meterIds = [...new Set(planned.map((p) => p.meter.id))];
  const rows = await queryRows<StoredRow>(
    ctx.tx,
    sql`SELECT r.id, r.meter_id, r.kind, r.ts, r.period_end, r.value, r.document_no, r.note
        FROM meter_records r
        WHERE r.meter_id IN (${sql.join(
          meterIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
          AND r.ts BETWEEN ${from}::timestamptz AND ${to}::timestamptz
        ORDER BY r.created_at`,
  );
  const byKey = new Map<string, StoredRow>();
  for (const r of rows) {
    const key = keyOf(r.meter_id, {
      kind: r.kind,
      ts: toIso(r.ts),
      periodEnd: r.period_end === null ? null : toIso(r.period_end),
      documentNo: r.document_no,
    });
    if (!byKey.has(key)) byKey.set(key, r);
  }
  return byKey;
}
