import { sql } from 'drizzle-orm';
import type { EnergyMedium, EnergyUnit, TEnergyTable1, TEnergyTable3 } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { writeSheet, writeSheets } from '../../../platform/excel/excel.ts';
import { sum } from '../calc/engine.ts';
import { reportingYear, yearFactors } from '../energy.service.ts';
import { calendarBuckets } from '../metering/consumption.service.ts';
import { boundarySeries, total } from './boundary.ts';

/** Year buckets [Jan 1 of `first`, Jan 1 of `last` + 1) in the enterprise's time zone. */
async function yearBuckets(ctx: Ctx, first: number, last: number) {
  // mid-year instants: truncating them to the year in any time zone gives the wanted years
  return calendarBuckets(ctx, `${first}-07-01T00:00:00Z`, `${last}-07-02T00:00:00Z`, 'year');
}

/** Least-squares line through (x, y), evaluated at `at`; null with fewer than two points. */
export function trend(points: Array<[number, number]>, at: number): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = sum(points.map(([x]) => x)) / n;
  const my = sum(points.map(([, y]) => y)) / n;
  const sxx = sum(points.map(([x]) => (x - mx) ** 2));
  const sxy = sum(points.map(([x, y]) => (x - mx) * (y - my)));
  return Math.max(0, my + (sxx === 0 ? 0 : (sxy / sxx) * (at - mx)));
}

/** Table 1: the boundary's consumption by energy type for `years` years up to `year`, and a trend forecast. */
export async function energyTable1(ctx: Ctx, q: { year?: number; years: number }): Promise<TEnergyTable1> {
  const last = q.year ?? (await reportingYear(ctx)) - 1;
  const years = Array.from({ length: q.years }, (_, i) => last - q.years + 1 + i);
  const { buckets, timezone } = await yearBuckets(ctx, years[0]!, last);
  const { media } = await boundarySeries(ctx, buckets, timezone);
  const factors = await Promise.all(years.map((y) => yearFactors(ctx, y)));
  const forecastYear = last + 1;
  const rows = media.map((m) => {
    const known = (xs: Array<number | null>) =>
      xs.flatMap((v, i): Array<[number, number]> => (v === null ? [] : [[years[i]!, v]]));
    return {
      medium: m.medium,
      unit: m.unit,
      quantities: m.quantities,
      tceEquivalent: m.tce,
      forecastQuantity: trend(known(m.quantities), forecastYear),
      forecastTceEquivalent: trend(known(m.tce), forecastYear),
    };
  });
  const totalTceEquivalent = years.map((_, i) => sum(rows.map((r) => r.tceEquivalent[i] ?? 0)));
  const totalTceEqual = years.map((_, i) =>
    sum(
      rows.map((r) =>
        r.medium === 'electricity'
          ? ((r.quantities[i] ?? 0) * factors[i]!.electricityEqualValueKgcePerKwh.value) / 1000
          : (r.tceEquivalent[i] ?? 0),
      ),
    ),
  );
  const forecasts = rows.map((r) => r.forecastTceEquivalent).filter((v): v is number => v !== null);
  return {
    years,
    forecastYear,
    rows,
    totalTceEquivalent,
    totalTceEqual,
    forecastTceEquivalent: forecasts.length ? sum(forecasts) : null,
    forecastNote:
      'least-squares trend of the years shown, per energy type; replace it with the plan where one exists',
  };
}

const MEDIUM_ZH: Partial<Record<EnergyMedium, string>> = {
  electricity: '电力',
  raw_coal: '原煤',
  natural_gas: '天然气',
  diesel: '柴油',
  gasoline: '汽油',
  steam: '蒸汽',
  heat: '热力',
  new_water: '新水',
  compressed_air: '压缩空气',
  lpg: '液化石油气',
  coke: '焦炭',
  fuel_oil: '燃料油',
};
const UNIT_ZH: Partial<Record<EnergyUnit, string>> = {
  kg: '千克',
  t: '吨',
  m3: '立方米',
  kWh: '千瓦时',
  MJ: '兆焦',
};

export async function energyTable1Xlsx(ctx: Ctx, q: { year?: number; years: number }): Promise<Buffer> {
  const t = await energyTable1(ctx, q);
  const columns = [
    { key: 'medium', header: '能源品种 / Energy type', width: 18 },
    { key: 'unit', header: '计量单位 / Unit', width: 12 },
    ...t.years.flatMap((y) => [
      { key: `q${y}`, header: `${y} 实物量 / quantity`, width: 16 },
      { key: `t${y}`, header: `${y} 折标煤（当量值，tce）`, width: 18 },
    ]),
    { key: 'fq', header: `${t.forecastYear} 预测实物量 / forecast`, width: 18 },
    { key: 'ft', header: `${t.forecastYear} 预测折标煤 (tce)`, width: 18 },
  ];
  const rows: Array<Record<string, string | number | null>> = t.rows.map((r) => ({
    medium: `${MEDIUM_ZH[r.medium] ?? r.medium} / ${r.medium}`,
    unit: `${UNIT_ZH[r.unit] ?? r.unit} / ${r.unit}`,
    ...Object.fromEntries(
      t.years.flatMap((y, i) => [
        [`q${y}`, r.quantities[i] ?? null],
        [`t${y}`, r.tceEquivalent[i] ?? null],
      ]),
    ),
    fq: r.forecastQuantity,
    ft: r.forecastTceEquivalent,
  }));
  rows.push({
    medium: '综合能源消费量（当量值）/ total, equivalent value',
    unit: 'tce',
    ...Object.fromEntries(t.years.map((y, i) => [`t${y}`, t.totalTceEquivalent[i] ?? null])),
    ft: t.forecastTceEquivalent,
  });
  rows.push({
    medium: '综合能源消费量（等价值）/ total, equal value',
    unit: 'tce',
    ...Object.fromEntries(t.years.map((y, i) => [`t${y}`, t.totalTceEqual[i] ?? null])),
  });
  return writeSheet({ sheetName: '表1 能源消费结构', columns, rows });
}

/** Table 3: the key energy-consuming equipment (factory model) with the year's metered consumption. */
export async function energyTable3(ctx: Ctx, q: { year?: number }): Promise<TEnergyTable3> {
  const year = q.year ?? (await reportingYear(ctx)) - 1;
  const equipment = await queryRows<{
    id: string;
    code: string;
    name: string;
    area: string | null;
    model: string | null;
    manufacturer: string | null;
    rated_power_kw: string | null;
    energy_media: string[];
    commissioning_date: string | null;
    status: string;
    is_eliminated_model: boolean;
    phase_out_date: string | null;
  }>(
    ctx.tx,
    sql`SELECT e.id, e.code, e.name, n.name AS area, e.model, e.manufacturer, e.rated_power_kw::text AS rated_power_kw,
          e.energy_media, e.commissioning_date::text AS commissioning_date, e.status, e.is_eliminated_model,
          e.phase_out_date::text AS phase_out_date
        FROM equipment e LEFT JOIN plant_nodes n ON n.tenant_id = e.tenant_id AND n.id = e.node_id
        WHERE e.is_key_energy_consumer ORDER BY e.rated_power_kw DESC NULLS LAST, e.code`,
  );
  const { buckets, timezone } = await yearBuckets(ctx, year, year);
  const { meters, tceOf } = await boundarySeries(ctx, buckets, timezone, 3);
  return {
    year,
    rows: equipment.map((e) => {
      const own = meters.filter((m) => m.equipment_id === e.id);
      return {
        equipmentId: e.id,
        code: e.code,
        name: e.name,
        area: e.area,
        model: e.model,
        manufacturer: e.manufacturer,
        ratedPowerKw: e.rated_power_kw === null ? null : Number(e.rated_power_kw),
        energyMedia: e.energy_media,
        commissioningDate: e.commissioning_date,
        status: e.status,
        isEliminatedModel: e.is_eliminated_model,
        phaseOutDate: e.phase_out_date,
        meters: own.map((m) => m.code),
        tceEquivalent: own.length ? total(own.map((m) => tceOf(m)[0] ?? null)) : null,
      };
    }),
  };
}

export async function energyTable3Xlsx(ctx: Ctx, q: { year?: number }): Promise<Buffer> {
  const t = await energyTable3(ctx, q);
  return writeSheets([
    {
      sheetName: '表3 重点用能设备',
      columns: [
        { key: 'no', header: '序号 / No.', width: 8 },
        { key: 'code', header: '设备编号 / Code' },
        { key: 'name', header: '设备名称 / Name', width: 22 },
        { key: 'area', header: '所在车间 / Area' },
        { key: 'model', header: '型号 / Model' },
        { key: 'manufacturer', header: '制造商 / Manufacturer', width: 20 },
        { key: 'power', header: '额定功率 kW / Rated power' },
        { key: 'media', header: '能源品种 / Energy media', width: 20 },
        { key: 'commissioned', header: '投运日期 / Commissioned' },
        { key: 'eliminated', header: '是否淘汰型号 / Eliminated model' },
        { key: 'phaseOut', header: '淘汰期限 / Phase-out' },
        { key: 'tce', header: `${t.year} 年能耗 tce / consumption` },
      ],
      rows: t.rows.map((r, i) => ({
        no: i + 1,
        code: r.code,
        name: r.name,
        area: r.area,
        model: r.model,
        manufacturer: r.manufacturer,
        power: r.ratedPowerKw,
        media: r.energyMedia.map((m) => MEDIUM_ZH[m as EnergyMedium] ?? m).join('、'),
        commissioned: r.commissioningDate,
        eliminated: r.isEliminatedModel ? '是 / yes' : '否 / no',
        phaseOut: r.phaseOutDate,
        tce: r.tceEquivalent,
      })),
    },
  ]);
}
