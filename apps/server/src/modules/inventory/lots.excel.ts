import { sql } from 'drizzle-orm';
import {
  ZReceiveLot,
  type TImportResult,
  type TLotFilters,
  type TReceiveLotParsed,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { queryRows } from '../../platform/db/rows.ts';
import {
  pushIssues,
  readSheet,
  writeSheet,
  type Column,
  throwRowErrors,
} from '../../platform/excel/excel.ts';
import { formatLocalTime, parseLocalTime } from '../energy/metering/local-time.ts';
import { AUDIT_LOT, findLots, receiveLot, serialIssues } from './lots.service.ts';

/**
 * Received lots as people keep deliveries in Excel: one row per lot, the material by code, serial numbers
 * separated by semicolons. Export has every lot (produced ones too, with their order); import receives
 * new lots only — a lot number already received for the material is an error, not an update, since a
 * lot's quantity changes only by stock moves.
 */
export const LOT_COLUMNS: Column[] = [
  { key: 'lotNumber', header: '批次号 / Lot number', width: 20 },
  { key: 'materialCode', header: '物料编码 / Material code', width: 16 },
  { key: 'materialName', header: '物料名称 / Material name', width: 20 },
  { key: 'quantity', header: '数量 / Quantity', width: 12 },
  { key: 'unit', header: '单位 / Unit', width: 8 },
  { key: 'supplier', header: '供应商 / Supplier', width: 18 },
  { key: 'supplierLot', header: '供应商批次 / Supplier lot', width: 16 },
  { key: 'receivedAt', header: '收货时间 / Received at', width: 20, isDateTime: true },
  { key: 'serials', header: '序列号 / Serial numbers', width: 30 },
  { key: 'origin', header: '来源 / Origin', width: 10 },
  { key: 'workOrder', header: '工单 / Work order', width: 18 },
  { key: 'status', header: '状态 / Status', width: 10 },
  { key: 'note', header: '备注 / Note', width: 24 },
];
const SHEET = '批次';

export async function exportLots(ctx: Ctx, filters: TLotFilters): Promise<Buffer> {
  const { items } = await findLots(ctx, filters);
  const tz = ctx.actor.timezone || 'Asia/Shanghai';
  const serials = new Map<string, string[]>();
  if (items.length)
    for (const s of await queryRows<{ lot_id: string; serial_number: string }>(
      ctx.tx,
      sql`SELECT lot_id, serial_number FROM inventory_serials
          WHERE lot_id = ANY(${sql.param(items.map((l) => l.id))}::uuid[]) ORDER BY serial_number`,
    ))
      serials.set(s.lot_id, [...(serials.get(s.lot_id) ?? []), s.serial_number]);
  return writeSheet({
    sheetName: SHEET,
    columns: LOT_COLUMNS,
    rows: items.map((l) => ({
      lotNumber: l.lotNumber,
      materialCode: l.materialCode,
      materialName: l.materialName,
      quantity: l.quantity,
      unit: l.unitCode,
      supplier: l.supplier,
      supplierLot: l.supplierLot,
      receivedAt: formatLocalTime(l.originAt, tz),
      serials: (serials.get(l.id) ?? []).join('; ') || null,
      origin: l.origin,
      workOrder: l.workOrderNumber,
      status: l.status,
      note: l.note,
    })),
  });
}

export const lotsTemplate = () =>
  writeSheet({
    sheetName: SHEET,
    columns: LOT_COLUMNS.filter(
      (c) => !['materialName', 'unit', 'origin', 'workOrder', 'status'].includes(c.key),
    ),
    rows: [
      {
        lotNumber: 'L20261206-01',
        materialCode: 'RM-HT250',
        quantity: '120.5',
        supplier: '华东铸造',
        supplierLot: 'HD-2612-07',
        receivedAt: '2026-12-06 09:30:00',
      },
    ],
  });

/**
 * All-or-nothing: each row is checked as the API checks a receipt (material by code, serial numbers,
 * duplicates in the file and in stock); any problem is a 400 naming `rows.<row>.<column>`.
 */
export async function importLots(ctx: Ctx, body: unknown, dryRun: boolean): Promise<TImportResult> {
  const rows = await readSheet({ body, columns: LOT_COLUMNS });
  const materials = new Map(
    (await queryRows<{ code: string; id: string }>(ctx.tx, sql`SELECT code, id FROM materials`)).map((m) => [
      m.code,
      m.id,
    ]),
  );
  const existing = new Set(
    (
      await queryRows<{ k: string }>(
        ctx.tx,
        sql`SELECT material_id::text || '|' || lot_number AS k FROM inventory_lots`,
      )
    ).map((r) => r.k),
  );
  const errors: TImportResult['errors'] = [];
  const seen = new Map<string, number>();
  // serial numbers are unique per material: across the file's rows, and against those already stored
  const serialRows = new Map<string, { row: number; serial: string }>();
  const valid: TReceiveLotParsed[] = [];
  for (const { row, cells } of rows) {
    const err = (column: string, message: string) => errors.push({ row, column, message });
    const materialId = cells.materialCode ? materials.get(cells.materialCode) : undefined;
    if (cells.materialCode && !materialId) err('materialCode', `no material ${cells.materialCode}`);
    let receivedAt: string | undefined;
    if (cells.receivedAt) {
      receivedAt = parseLocalTime(cells.receivedAt, ctx.actor.timezone || 'Asia/Shanghai') ?? undefined;
      if (!receivedAt) err('receivedAt', 'expected YYYY-MM-DD HH:mm:ss');
    }
    const serials = (cells.serials ?? '')
      .split(/[;；,，\n]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const parsed = ZReceiveLot.safeParse({
      lotNumber: cells.lotNumber ?? '',
      materialId: materialId ?? '00000000-0000-4000-8000-000000000000',
      quantity: cells.quantity ?? '',
      supplier: cells.supplier,
      supplierLot: cells.supplierLot,
      ...(receivedAt ? { receivedAt } : {}),
      ...(serials.length ? { serials } : {}),
      note: cells.note,
    });
    if (!cells.materialCode) err('materialCode', 'required');
    if (!parsed.success) {
      pushIssues(errors, row, parsed.error.issues);
      continue;
    }
    const serialIssue = serialIssues(parsed.data.quantity, parsed.data.serials);
    if (serialIssue) err('serials', serialIssue);
    if (!materialId) continue;
    const key = `${materialId}|${parsed.data.lotNumber}`;
    const first = seen.get(key);
    if (first) err('lotNumber', `duplicate of row ${first}`);
    else if (existing.has(key)) err('lotNumber', `lot ${parsed.data.lotNumber} is already received`);
    else seen.set(key, row);
    // a row whose serials are wrong already says so; its serials make no other row wrong
    for (const serial of serialIssue ? [] : (parsed.data.serials ?? [])) {
      const prior = serialRows.get(`${materialId}|${serial}`);
      if (prior && prior.row !== row) err('serials', `serial number ${serial} repeats row ${prior.row}`);
      else serialRows.set(`${materialId}|${serial}`, { row, serial });
    }
    valid.push(parsed.data);
  }
  if (serialRows.size) {
    const serials = [...new Set([...serialRows.values()].map((s) => s.serial))];
    for (const { k } of await queryRows<{ k: string }>(
      ctx.tx,
      sql`SELECT material_id::text || '|' || serial_number AS k FROM inventory_serials
          WHERE serial_number = ANY(${sql.param(serials)}::text[])`,
    )) {
      // the same serial on another material is no clash
      const used = serialRows.get(k);
      if (used)
        errors.push({
          row: used.row,
          column: 'serials',
          message: `serial number ${used.serial} is already used for this material`,
        });
    }
  }
  throwRowErrors(errors);
  const result = { imported: 0, created: valid.length, updated: 0, errors: [] };
  if (dryRun) return result;
  for (const input of valid) await receiveLot(ctx, input, false);
  await recordAudit(ctx, {
    action: 'import',
    entityType: AUDIT_LOT,
    after: { created: valid.length, lotNumbers: valid.map((v) => v.lotNumber) },
  });
  return { ...result, imported: valid.length };
}
