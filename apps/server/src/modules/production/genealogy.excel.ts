import type { TTraceNode, TTraceQuery } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { writeSheet, yesNo, type Column } from '../../platform/excel/excel.ts';
import { firstSerialsOfLots, traceLot } from './genealogy.service.ts';

/** Excel's limit on the text of a cell */
export const CELL_MAX = 32_767;
const SEPARATOR = ', ';
/** the most serial numbers a cell can hold (of one character each): no lot is read for more */
const SERIALS_PER_CELL = Math.ceil(CELL_MAX / (1 + SEPARATOR.length));

/**
 * A lot's serial numbers joined for one cell. When they do not all fit Excel's 32,767 characters: as many
 * as fit, then a note of how many are left out and how many there are (the trace page lists them all).
 */
export function serialsCell(o: { serials: string[]; total: number }): string | null {
  if (o.total === 0) return null;
  const all = o.serials.join(SEPARATOR);
  if (o.serials.length === o.total && all.length <= CELL_MAX) return all;
  const note = (shown: number) =>
    ` … 另有 ${o.total - shown} 个，共 ${o.total} 个 / ${o.total - shown} more, ${o.total} in all`;
  let length = 0;
  let shown = 0;
  for (const serial of o.serials) {
    const next = length + (shown > 0 ? SEPARATOR.length : 0) + serial.length;
    if (next + note(shown + 1).length > CELL_MAX) break;
    length = next;
    shown += 1;
  }
  return `${o.serials.slice(0, shown).join(SEPARATOR)}${note(shown)}`;
}

const TRACE_COLUMNS: Column[] = [
  { key: 'level', header: '层级 / Level', width: 8 },
  { key: 'lotNumber', header: '批次号 / Lot', width: 24 },
  { key: 'materialCode', header: '物料编码 / Material code', width: 16 },
  { key: 'materialName', header: '物料名称 / Material name', width: 20 },
  { key: 'origin', header: '来源 / Origin', width: 10 },
  { key: 'supplier', header: '供应商 / Supplier', width: 16 },
  { key: 'supplierLot', header: '供应商批次 / Supplier lot', width: 16 },
  { key: 'quantity', header: '用量 / Quantity', width: 12 },
  { key: 'unit', header: '单位 / Unit', width: 8 },
  { key: 'workOrder', header: '工单 / Work order', width: 18 },
  { key: 'backflush', header: '倒冲 / Backflush', width: 8 },
  { key: 'onHand', header: '结存 / On hand', width: 12 },
  { key: 'serials', header: '序列号 / Serial numbers', width: 40 },
];

/**
 * The trace tree as rows, depth first, the level in its own column (0 = the lot traced), each lot with its
 * serial numbers.
 */
export async function exportTrace(ctx: Ctx, q: TTraceQuery): Promise<Buffer> {
  const trace = await traceLot(ctx, q);
  const serialised: string[] = [];
  const collect = (n: TTraceNode) => {
    if (n.serialCount > 0) serialised.push(n.lotId);
    n.children.forEach(collect);
  };
  collect(trace.root);
  const serials = await firstSerialsOfLots(ctx, { lotIds: serialised, perLot: SERIALS_PER_CELL });
  const rows: Array<Record<string, string | number | null>> = [];
  const walk = (n: TTraceNode, level: number) => {
    rows.push({
      level,
      lotNumber: `${'  '.repeat(level)}${n.lotNumber}`,
      materialCode: n.materialCode,
      materialName: n.materialName,
      origin: n.origin,
      supplier: n.supplier,
      supplierLot: n.supplierLot,
      quantity: n.quantity,
      unit: n.unitCode,
      workOrder: n.workOrderNumber,
      backflush: level === 0 ? null : yesNo(n.isBackflush),
      onHand: n.onHand,
      serials: serialsCell({ serials: serials.get(n.lotId) ?? [], total: n.serialCount }),
    });
    for (const c of n.children) walk(c, level + 1);
  };
  walk(trace.root, 0);
  return writeSheet({
    sheetName: trace.direction === 'backward' ? '反向追溯' : '正向追溯',
    columns: TRACE_COLUMNS,
    rows,
  });
}
