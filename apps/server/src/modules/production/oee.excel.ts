import type { TOeeQuery } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { writeSheet, type Column } from '../../platform/excel/excel.ts';
import { oeeReport } from './oee.service.ts';

const COLUMNS: Column[] = [
  { key: 'site', header: '工厂 / Site', width: 12 },
  { key: 'workCenterCode', header: '工作中心编码 / Work center code', width: 16 },
  { key: 'workCenterName', header: '工作中心 / Work center', width: 18 },
  { key: 'equipment', header: '设备 / Equipment', width: 22 },
  { key: 'plannedMinutes', header: '计划生产时间(分) / Planned (min)', width: 14 },
  { key: 'runningMinutes', header: '运行时间(分) / Running (min)', width: 14 },
  { key: 'standardMinutes', header: '标准工时(分) / Standard (min)', width: 14 },
  { key: 'good', header: '合格数 / Good', width: 10 },
  { key: 'scrap', header: '报废数 / Scrap', width: 10 },
  { key: 'availability', header: '时间开动率 % / Availability %', width: 12 },
  { key: 'performance', header: '性能开动率 % / Performance %', width: 12 },
  { key: 'performanceUncapped', header: '性能(未封顶) % / Performance uncapped %', width: 14 },
  { key: 'quality', header: '合格品率 % / Quality %', width: 12 },
  { key: 'oee', header: 'OEE %', width: 10 },
  { key: 'reasons', header: '缺失原因 / Reasons', width: 28 },
];

/** Percent with one decimal; an empty cell, never 0, where the factor is unknown. */
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** The OEE table of the page, one row per work center, with the same filters. */
export async function exportOee(ctx: Ctx, q: TOeeQuery): Promise<Buffer> {
  const report = await oeeReport(ctx, q);
  return writeSheet({
    sheetName: 'OEE',
    columns: COLUMNS,
    rows: report.workCenters.map((r) => ({
      site: r.siteCode,
      workCenterCode: r.workCenterCode,
      workCenterName: r.workCenterName,
      equipment: r.equipment.map((e) => e.code).join(', '),
      plannedMinutes: r.plannedMinutes,
      runningMinutes: r.runningMinutes,
      standardMinutes: r.standardMinutes,
      good: Number(r.good),
      scrap: Number(r.scrap),
      availability: pct(r.availability.value),
      performance: pct(r.performance.value),
      performanceUncapped: pct(r.performance.uncapped),
      quality: pct(r.quality.value),
      oee: pct(r.oee),
      reasons: r.reasons.join(', '),
    })),
  });
}
