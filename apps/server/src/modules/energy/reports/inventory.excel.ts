import type { TGhgInventory, TReportPeriodQuery } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { writeSheets } from '../../../platform/excel/excel.ts';
import { ghgInventory } from './reports.service.ts';

const col = (key: string, header: string, width = 18) => ({ key, header, width });

/**
 * The inventory as a workbook in the reporting structure of GB/T 32150: the emission summary by source
 * category and scope, fuel combustion with its activity data and factors, process emissions, purchased and
 * exported electricity and heat, the periods, and the data-quality statement.
 */
export function inventoryWorkbook(r: TGhgInventory): Promise<Buffer> {
  const t = r.totals;
  const period = `${r.from} — ${r.to} (${r.timezone})`;
  return writeSheets([
    {
      sheetName: '1 排放汇总',
      columns: [col('item', '项目 / Item', 44), col('value', 'tCO₂', 18), col('note', '说明 / Note', 60)],
      rows: [
        { item: '核算期 / Period', note: period },
        { item: '化石燃料燃烧排放 / Fuel combustion', value: t.combustionTco2, note: 'scope 1' },
        { item: '过程排放 / Process', value: t.processTco2, note: 'scope 1' },
        {
          item: '购入电力 / Purchased electricity',
          value: t.purchasedElectricityTco2,
          note: `grid factor ${t.gridEmissionFactorTco2PerMWh} tCO₂/MWh — ${t.gridFactorSource}`,
        },
        {
          item: '购入热力 / Purchased heat',
          value: t.purchasedHeatTco2,
          note: `${t.purchasedHeatGj} GJ × ${t.heatEmissionFactorTco2PerGj} tCO₂/GJ — ${t.heatFactorSource}`,
        },
        { item: '输出电力与热力 / Exported electricity and heat', value: -t.exportedTco2 },
        { item: '回收利用 / Recovered CO₂', value: -t.recoveredTco2 },
        { item: '排放总量 / Total', value: t.totalTco2 },
        {
          item: '直接排放 (范围一) / Scope 1',
          value: t.scope1Tco2,
          note: 'combustion + process − recovered',
        },
        {
          item: '间接排放 (范围二) / Scope 2',
          value: t.scope2Tco2,
          note: 'purchased electricity and heat − exported',
        },
        { item: '生物质燃烧 CO₂（单独报告，不计入总量）/ Biomass, reported apart', value: r.biomassTco2 },
        {
          item: '万元产值排放 / per 10⁴ yuan output value',
          value: r.perOutputValueTco2,
          note: r.economics
            ? `${r.economics.grossOutputValue10kYuan} × 10⁴ yuan over ${r.economics.monthsReported} site-months`
            : 'no economic figures for the period',
        },
      ],
    },
    {
      sheetName: '2 化石燃料燃烧',
      columns: [
        col('fuel', '燃料 / Fuel'),
        col('quantity', '消耗量 / Quantity'),
        col('unit', '单位 / Unit', 10),
        col('ncvUnit', '低位发热量单位', 14),
        col('ncv', '低位发热量 GJ/单位'),
        col('cc', '单位热值含碳量 tC/GJ'),
        col('of', '碳氧化率'),
        col('gj', '活动数据 GJ'),
        col('tco2', '排放量 tCO₂'),
        col('source', '因子来源 / Source', 40),
      ],
      rows: t.combustion.map((c) => ({
        fuel: c.fuel,
        quantity: c.quantity,
        unit: c.unit,
        ncvUnit: c.ncvUnit,
        ncv: c.ncvGjPerUnit,
        cc: c.carbonContentTcPerGj,
        of: c.oxidationRate,
        gj: c.activityGj,
        tco2: c.tco2,
        source: c.factorSource,
      })),
    },
    {
      sheetName: '3 分期',
      columns: [
        col('start', '期间起 / Start', 22),
        col('combustion', '燃烧'),
        col('process', '过程'),
        col('electricity', '购入电力'),
        col('heat', '购入热力'),
        col('exported', '输出'),
        col('recovered', '回收'),
        col('scope1', '范围一'),
        col('scope2', '范围二'),
        col('total', '合计'),
      ],
      rows: r.periods.map((p) => ({
        start: new Date(p.start).toISOString(),
        combustion: p.combustionTco2,
        process: p.processTco2,
        electricity: p.purchasedElectricityTco2,
        heat: p.purchasedHeatTco2,
        exported: p.exportedTco2,
        recovered: p.recoveredTco2,
        scope1: p.scope1Tco2,
        scope2: p.scope2Tco2,
        total: p.totalTco2,
      })),
    },
    {
      sheetName: '4 数据质量',
      columns: [
        col('line', '来源 / Line', 30),
        col('medium', '品种 / Medium'),
        col('quantity', '数量 / Quantity'),
        col('unit', '单位', 10),
        col('metered', '自动计量 / Metered'),
        col('manual', '人工录入 / Manual'),
        col('factor', '因子类型 / Factor', 20),
        col('note', '说明 / Note', 50),
      ],
      rows: [
        ...r.dataQuality.map((d) => ({
          line: d.line,
          medium: d.medium,
          quantity: d.quantity,
          unit: d.unit,
          metered: d.quality.metered,
          manual: d.quality.manual,
          factor: {
            measured: '实测 / measured',
            default: '缺省值 / default',
            'default-to-confirm': '缺省值待确认 / default, to confirm',
          }[d.factor],
          note: d.note,
        })),
        ...r.excluded.map((x) => ({
          line: '未计入 / excluded',
          medium: x.medium,
          quantity: x.quantity,
          unit: x.unit,
          note: x.reason,
        })),
      ],
    },
  ]);
}

export async function inventoryXlsx(ctx: Ctx, q: TReportPeriodQuery): Promise<Buffer> {
  return inventoryWorkbook(await ghgInventory(ctx, q));
}
