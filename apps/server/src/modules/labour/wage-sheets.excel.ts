import type { TWageSheetFilters } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { writeSheets, type Column } from '../../platform/excel/excel.ts';
import { allWageSheets } from './wage-sheets.service.ts';

/**
 * A period's wage sheets for payroll: one row per worker with the totals, and every line (piece, scrap,
 * rework, hours, the rate applied and which) on a second sheet. Quantities and amounts go in as numbers
 * so payroll can sum them: with at most 6 (2 for yuan) fraction digits they display exactly as computed.
 */
const SHEET_COLUMNS: Column[] = [
  { key: 'employeeNo', header: '工号 / Employee no.', width: 12 },
  { key: 'name', header: '姓名 / Name', width: 12 },
  { key: 'team', header: '班组 / Team', width: 16 },
  { key: 'grade', header: '等级 / Grade', width: 10 },
  { key: 'period', header: '期间 / Period', width: 24 },
  { key: 'status', header: '状态 / Status', width: 10 },
  { key: 'goodQty', header: '合格数 / Good', width: 10 },
  { key: 'scrapQty', header: '报废数 / Scrap', width: 10 },
  { key: 'reworkQty', header: '返工数 / Rework', width: 10 },
  { key: 'hours', header: '工时 / Hours', width: 10 },
  { key: 'pieceAmount', header: '计件工资 / Piece pay', width: 12 },
  { key: 'scrapAmount', header: '报废扣补 / Scrap', width: 12 },
  { key: 'reworkAmount', header: '返工工资 / Rework pay', width: 12 },
  { key: 'timeAmount', header: '计时工资 / Time pay', width: 12 },
  { key: 'totalAmount', header: '合计 / Total', width: 12 },
  { key: 'warnings', header: '待处理 / Warnings', width: 10 },
  { key: 'approvedBy', header: '审核人 / Approved by', width: 12 },
  { key: 'approvedAt', header: '审核时间 / Approved at', width: 22 },
];
const LINE_COLUMNS: Column[] = [
  { key: 'employeeNo', header: '工号 / Employee no.', width: 12 },
  { key: 'name', header: '姓名 / Name', width: 12 },
  { key: 'lineNo', header: '行号 / Line', width: 6 },
  { key: 'kind', header: '类别 / Kind', width: 8 },
  { key: 'workDate', header: '日期 / Date', width: 12 },
  { key: 'workOrder', header: '工单 / Work order', width: 18 },
  { key: 'operation', header: '工序 / Operation', width: 10 },
  { key: 'product', header: '产品 / Product', width: 16 },
  { key: 'goodQty', header: '合格数 / Good', width: 10 },
  { key: 'scrapQty', header: '报废数 / Scrap', width: 10 },
  { key: 'reworkQty', header: '返工数 / Rework', width: 10 },
  { key: 'hours', header: '工时 / Hours', width: 10 },
  { key: 'rate', header: '单价 / Rate', width: 10 },
  { key: 'basis', header: '单价依据 / Rate basis', width: 40 },
  { key: 'scrapPolicy', header: '报废规则 / Scrap policy', width: 16 },
  { key: 'pieceAmount', header: '计件工资 / Piece pay', width: 12 },
  { key: 'scrapAmount', header: '报废扣补 / Scrap', width: 12 },
  { key: 'reworkAmount', header: '返工工资 / Rework pay', width: 12 },
  { key: 'timeAmount', header: '计时工资 / Time pay', width: 12 },
  { key: 'amount', header: '金额 / Amount', width: 12 },
  { key: 'warning', header: '提示 / Warning', width: 16 },
];
const KIND = { piece: '计件 piece', time: '计时 time' } as const;
const STATUS = { draft: '草稿 draft', approved: '已审核 approved' } as const;
const WARNING = {
  no_piece_rate: '无计件单价 no piece rate',
  no_time_rate: '无计时单价 no hourly rate',
  no_grade: '无等级 no grade',
} as const;

export async function exportWageSheets(ctx: Ctx, filters: TWageSheetFilters): Promise<Buffer> {
  const sheets = await allWageSheets(ctx, filters);
  return writeSheets([
    {
      sheetName: '工资单',
      columns: SHEET_COLUMNS,
      rows: sheets.map((s) => ({
        employeeNo: s.employeeNo,
        name: s.workerName,
        team: s.teamCode,
        grade: s.gradeName,
        period: `${s.periodStart} ~ ${s.periodEnd}`,
        status: STATUS[s.status],
        goodQty: Number(s.goodQty),
        scrapQty: Number(s.scrapQty),
        reworkQty: Number(s.reworkQty),
        hours: Number(s.hours),
        pieceAmount: Number(s.pieceAmount),
        scrapAmount: Number(s.scrapAmount),
        reworkAmount: Number(s.reworkAmount),
        timeAmount: Number(s.timeAmount),
        totalAmount: Number(s.totalAmount),
        warnings: s.warningCount,
        approvedBy: s.approvedByName,
        approvedAt: s.approvedAt,
      })),
    },
    {
      sheetName: '明细',
      columns: LINE_COLUMNS,
      rows: sheets.flatMap((s) =>
        s.lines.map((l) => ({
          employeeNo: s.employeeNo,
          name: s.workerName,
          lineNo: l.lineNo,
          kind: KIND[l.kind],
          workDate: l.workDate,
          workOrder: l.workOrderNumber,
          operation: l.operationCode,
          product: l.productCode,
          goodQty: Number(l.goodQty),
          scrapQty: Number(l.scrapQty),
          reworkQty: Number(l.reworkQty),
          hours: Number(l.hours),
          rate: l.rate === null ? null : Number(l.rate),
          basis: l.rateBasis,
          scrapPolicy:
            l.scrapPolicy === 'deduct'
              ? `deduct ${l.scrapDeduction}`
              : l.scrapPolicy === 'pay_percent'
                ? `pay ${l.scrapPayPercent}%`
                : l.scrapPolicy,
          pieceAmount: Number(l.pieceAmount),
          scrapAmount: Number(l.scrapAmount),
          reworkAmount: Number(l.reworkAmount),
          timeAmount: Number(l.timeAmount),
          amount: Number(l.amount),
          warning: l.warning ? WARNING[l.warning] : null,
        })),
      ),
    },
  ]);
}
