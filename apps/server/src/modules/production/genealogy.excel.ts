import type { TTraceNode, TTraceQuery } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { writeSheet, yesNo, type Column } from '../../platform/excel/excel.ts';
import { traceLot } from './genealogy.service.ts';

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
];

/** The trace tree as rows, depth first, the level in its own column (0 = the lot traced). */
export async function exportTrace(ctx: Ctx, q: TTraceQuery): Promise<Buffer> {
  const trace = await traceLot(ctx, q);
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
