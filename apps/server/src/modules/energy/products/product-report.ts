import type {
  EnergyMedium,
  EnergyUnit,
  TEnergyTable2,
  TGhgInventory,
  TProductReport,
  TProductReportQuery,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { writeSheet } from '../../../platform/excel/excel.ts';
import { calculateCarbon, sum, type YearFactors } from '../calc/engine.ts';
import { unitRatio } from '../calc/units.ts';
import { reportingYear, yearFactors } from '../energy.service.ts';
import { baseUnitOf } from '../factors/library.ts';
import { economicsFor } from '../ledgers/economics.service.ts';
import { calendarBuckets } from '../metering/consumption.service.ts';
import { boundarySeries, meterPlacement, total, type MediumSeries } from '../reports/boundary.ts';
import { energyCost } from '../reports/cost.service.ts';
import { carbonInput, monthsOf, yearOf } from '../reports/reports.service.ts';
import { allocateEnergy, nodeMeters, type MediaAmounts } from './allocation.ts';
import { materialFootprints } from './material-factors.service.ts';
import { listProductEnergy } from './products.service.ts';

export const METHOD =
  "GB/T 2589: each production node's metered energy is shared among the products made there by output × weight; " +
  "the boundary's remainder (auxiliary and attached systems, losses) is shared in proportion to the tce each product " +
  "received directly; unit consumption = allocated energy ÷ qualified output. Footprint per unit = the energy's " +
  "kgCO₂ ÷ qualified output + the bought components of one unit (the BOM effective on the period's last day, scrap " +
  'included) × their emission factors.';

const equalTce = (medium: EnergyMedium, a: { quantity: number; tce: number }, year: YearFactors) =>
  medium === 'electricity' ? (a.quantity * year.electricityEqualValueKgcePerKwh.value) / 1000 : a.tce;

/** The product energy, carbon and (optionally) cost of [from, to), snapped to whole months of the enterprise's time zone. */
async function productEnergy(ctx: Ctx, q: TProductReportQuery, withCost: boolean): Promise<TProductReport> {
  const { buckets, timezone } = await calendarBuckets(ctx, q.from, q.to, 'month');
  const from = buckets[0]![0];
  const to = buckets.at(-1)![1];
  const { media, meters, values, tceOf } = await boundarySeries(ctx, [[from, to]], timezone, 3);
  const settings = await listProductEnergy(ctx);
  const months = monthsOf(from, to, timezone);
  const outputs = new Map(
    (await economicsFor(ctx, months)).products.map((p) => [
      p.materialId,
      { output: Number(p.quantity), qualified: Number(p.qualifiedQuantity) },
    ]),
  );
  const inside = await meterPlacement(ctx);

  // what each production node measured, per medium, in the medium's base unit and tce
  const measuring = meters.filter((m) => m.source !== 'formula');
  const nodeEnergy = new Map<string, MediaAmounts>();
  for (const nodeId of new Set(settings.flatMap((s) => s.nodes.map((n) => n.nodeId)))) {
    const amounts: MediaAmounts = new Map();
    for (const m of nodeMeters(measuring, inside(nodeId))) {
      const quantity = (total(values.get(m.id) ?? []) ?? 0) * (unitRatio(m.unit, baseUnitOf(m.medium)) ?? 1);
      const a = amounts.get(m.medium) ?? { quantity: 0, tce: 0 };
      amounts.set(m.medium, { quantity: a.quantity + quantity, tce: a.tce + (total(tceOf(m)) ?? 0) });
    }
    nodeEnergy.set(nodeId, amounts);
  }
  const boundary: MediaAmounts = new Map(
    media.map((m) => [m.medium, { quantity: total(m.quantities) ?? 0, tce: total(m.tce) ?? 0 }]),
  );
  const allocation = allocateEnergy({
    boundary,
    nodeEnergy,
    products: settings.map((s) => ({
      id: s.materialId,
      output: outputs.get(s.materialId)?.output ?? 0,
      nodes: s.nodes.map((n) => ({ nodeId: n.nodeId, weight: Number(n.weight) })),
    })),
  });

  const factorYear = yearOf(from, timezone);
  const factors = await yearFactors(ctx, factorYear);
  const prices = withCost ? await averagePrices(ctx, q) : new Map<EnergyMedium, PriceOf>();
  // the bought components of each product, by the BOMs effective on the period's last day
  const lastDay = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(to - 1);
  const footprints = withCost
    ? await materialFootprints(
        ctx,
        settings.map((s) => s.materialId),
        lastDay,
      )
    : new Map<string, null>();
  const notes: string[] = [];
  if (settings.length === 0)
    notes.push('no product has production nodes yet: set them under energy per product to allocate energy');
  for (const [medium, b] of boundary) {
    const n = allocation.nodes.get(medium);
    if (n && n.quantity > b.quantity * (1 + 1e-9))
      notes.push(`${medium}: the product nodes measured more than the boundary; no remainder to allocate`);
  }

  const products: TProductReport['products'] = settings.map((s) => {
    const a = allocation.products.get(s.materialId)!;
    const out = outputs.get(s.materialId) ?? { output: 0, qualified: 0 };
    const rowNotes: string[] = [];
    if (out.output === 0) rowNotes.push(`no output entered for ${months.from}…${months.to}`);
    const mediaRows = [...new Set([...a.direct.keys(), ...a.auxiliary.keys()])].map((medium) => {
      const d = a.direct.get(medium) ?? { quantity: 0, tce: 0 };
      const x = a.auxiliary.get(medium) ?? { quantity: 0, tce: 0 };
      const both = { quantity: d.quantity + x.quantity, tce: d.tce + x.tce };
      return {
        medium,
        unit: baseUnitOf(medium) as EnergyUnit,
        direct: d.quantity,
        auxiliary: x.quantity,
        tceEquivalent: both.tce,
        tceEqual: equalTce(medium, both, factors),
      };
    });
    const tceEquivalent = sum(mediaRows.map((m) => m.tceEquivalent));
    const tceEqual = sum(mediaRows.map((m) => m.tceEqual));
    // nothing metered for the product is unknown, not zero: no unit consumption to compare with a limit
    const measured = mediaRows.some((m) => m.direct + m.auxiliary > 0);
    if (!measured && out.output > 0) rowNotes.push('no energy metered for the product in the period');
    const perUnit = (t: number) => (measured && out.qualified > 0 ? (t * 1000) / out.qualified : null);
    const unitKgceEquivalent = perUnit(tceEquivalent);
    const unitKgceEqual = perUnit(tceEqual);
    const series: MediumSeries[] = mediaRows.map((m) => ({
      medium: m.medium,
      unit: m.unit,
      meters: [],
      quantities: [m.direct + m.auxiliary],
      tce: [m.tceEquivalent],
      sources: new Set(),
      metered: m.direct + m.auxiliary,
      manual: 0,
    }));
    const excluded: TGhgInventory['excluded'] = [];
    const carbon = calculateCarbon(carbonInput(series, 0, [], undefined, excluded), factors);
    for (const e of excluded) rowNotes.push(`${e.medium}: ${e.reason}`);
    let cost: number | null = null;
    if (withCost && measured) {
      const uncosted = mediaRows.filter((m) => m.direct + m.auxiliary > 0 && !prices.has(m.medium));
      if (uncosted.length) rowNotes.push(`not costed: ${uncosted.map((m) => m.medium).join(', ')}`);
      cost = sum(mediaRows.map((m) => (m.direct + m.auxiliary) * (prices.get(m.medium)?.perBaseUnit ?? 0)));
    }
    const materials = footprints.get(s.materialId) ?? null;
    if (withCost && !materials) rowNotes.push(`no active BOM on ${lastDay}: the footprint has no materials`);
    if (materials?.missing.length)
      rowNotes.push(`no emission factor for ${materials.missing.join(', ')}: left out of the footprint`);
    const energyKgco2 = perUnit(carbon.totalTco2);
    const limit = s.limitKgcePerUnit === null ? null : Number(s.limitKgcePerUnit);
    const compared = s.limitValueKind === 'equal' ? unitKgceEqual : unitKgceEquivalent;
    return {
      materialId: s.materialId,
      materialCode: s.materialCode,
      materialName: s.materialName,
      unit: s.unit,
      output: out.output,
      qualifiedOutput: out.qualified,
      media: mediaRows,
      tceEquivalent,
      tceEqual,
      unitKgceEquivalent,
      unitKgceEqual,
      limit:
        limit === null
          ? null
          : {
              kgcePerUnit: limit,
              valueKind: s.limitValueKind,
              standard: s.limitStandard,
              meets: compared === null ? null : compared <= limit,
            },
      carbon: {
        scope1Tco2: carbon.scope1Tco2,
        scope2Tco2: carbon.scope2Tco2,
        totalTco2: carbon.totalTco2,
        unitKgco2: energyKgco2,
      },
      cost: cost === null ? null : cost.toFixed(2),
      unitCost: cost === null || out.qualified <= 0 ? null : (cost / out.qualified).toFixed(4),
      materials,
      footprintKgco2ePerUnit: energyKgco2 === null ? null : energyKgco2 + (materials?.kgco2e ?? 0),
      notes: rowNotes,
    };
  });

  const balance = [...boundary].map(([medium, b]) => {
    const toProducts = sum(
      [...allocation.products.values()].flatMap((a) => [
        a.direct.get(medium)?.quantity ?? 0,
        a.auxiliary.get(medium)?.quantity ?? 0,
      ]),
    );
    return {
      medium,
      unit: baseUnitOf(medium) as EnergyUnit,
      boundary: b.quantity,
      nodes: allocation.nodes.get(medium)?.quantity ?? 0,
      toProducts,
      unallocated: allocation.unallocated.get(medium)?.quantity ?? 0,
    };
  });
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    timezone,
    months,
    products,
    balance,
    basis: {
      factorYear,
      gridFactorTco2PerMWh: factors.gridEmissionFactorTco2PerMWh.value,
      electricityEqualValueKgcePerKwh: factors.electricityEqualValueKgcePerKwh.value,
      prices: [...prices].map(([medium, p]) => ({
        medium,
        unit: baseUnitOf(medium),
        averagePrice: p.perBaseUnit.toFixed(6),
      })),
      method: METHOD,
    },
    notes,
  };
}

interface PriceOf {
  perBaseUnit: number;
}

/** Each medium's all-in average price at the incomer (level-1 meters) over the period, per base unit. */
async function averagePrices(ctx: Ctx, q: TProductReportQuery): Promise<Map<EnergyMedium, PriceOf>> {
  const report = await energyCost(ctx, q);
  const byMedium = new Map<EnergyMedium, { cost: number; quantity: number }>();
  for (const r of report.meters) {
    if (r.level !== 1 || !r.cost || r.cost.costedQuantity <= 0) continue;
    const ratio = unitRatio(baseUnitOf(r.medium as EnergyMedium), r.cost.unit as EnergyUnit);
    if (ratio === null) continue;
    const x = byMedium.get(r.medium as EnergyMedium) ?? { cost: 0, quantity: 0 };
    // quantity in base units: costed quantity in the plan's unit ÷ (plan units per base unit)
    byMedium.set(r.medium as EnergyMedium, {
      cost: x.cost + Number(r.cost.totalCost),
      quantity: x.quantity + r.cost.costedQuantity / ratio,
    });
  }
  return new Map(
    [...byMedium]
      .filter(([, v]) => v.quantity > 0)
      .map(([m, v]) => [m, { perBaseUnit: v.cost / v.quantity }]),
  );
}

/** GET /energy/products/report: energy, unit consumption, carbon footprint and cost per product. */
export const productReport = (ctx: Ctx, q: TProductReportQuery) => productEnergy(ctx, q, true);

/** One calendar year [Jan 1, Jan 1) of the enterprise's time zone as instants. */
async function yearRange(ctx: Ctx, year: number) {
  const { buckets } = await calendarBuckets(
    ctx,
    `${year}-07-01T00:00:00Z`,
    `${year}-07-02T00:00:00Z`,
    'year',
  );
  return { from: new Date(buckets[0]![0]).toISOString(), to: new Date(buckets[0]![1]).toISOString() };
}

/** Table 2: unit-product comprehensive energy consumption of the main products, against the year before and the limit. */
export async function energyTable2(ctx: Ctx, q: { year?: number }): Promise<TEnergyTable2> {
  const year = q.year ?? (await reportingYear(ctx)) - 1;
  const now = await productEnergy(ctx, await yearRange(ctx, year), false);
  const before = await productEnergy(ctx, await yearRange(ctx, year - 1), false);
  const last = new Map(before.products.map((p) => [p.materialId, p.unitKgceEquivalent]));
  return {
    year,
    rows: now.products.map((p) => {
      const prev = last.get(p.materialId) ?? null;
      return {
        materialId: p.materialId,
        materialCode: p.materialCode,
        materialName: p.materialName,
        unit: p.unit,
        output: p.output,
        qualifiedOutput: p.qualifiedOutput,
        tceEquivalent: p.tceEquivalent,
        tceEqual: p.tceEqual,
        unitKgceEquivalent: p.unitKgceEquivalent,
        unitKgceEqual: p.unitKgceEqual,
        lastYearUnitKgceEquivalent: prev,
        changePct:
          prev !== null && prev > 0 && p.unitKgceEquivalent !== null
            ? ((p.unitKgceEquivalent - prev) / prev) * 100
            : null,
        limitKgcePerUnit: p.limit?.kgcePerUnit ?? null,
        limitValueKind: p.limit?.valueKind ?? null,
        limitStandard: p.limit?.standard ?? null,
        meetsLimit: p.limit?.meets ?? null,
      };
    }),
    method: METHOD,
  };
}

export async function energyTable2Xlsx(ctx: Ctx, q: { year?: number }): Promise<Buffer> {
  const t = await energyTable2(ctx, q);
  const yes = (b: boolean | null) => (b === null ? null : b ? '是 / yes' : '否 / no');
  return writeSheet({
    sheetName: '表2 主要产品能耗',
    columns: [
      { key: 'no', header: '序号 / No.', width: 8 },
      { key: 'name', header: '产品名称 / Product', width: 26 },
      { key: 'unit', header: '计量单位 / Unit', width: 10 },
      { key: 'output', header: `${t.year} 产量 / Output` },
      { key: 'qualified', header: '合格品产量 / Qualified' },
      { key: 'tce', header: '综合能耗 tce（当量值）' },
      { key: 'tceEqual', header: '综合能耗 tce（等价值）' },
      { key: 'unitEq', header: '单位产品综合能耗 kgce（当量值）', width: 22 },
      { key: 'unitEqual', header: '单位产品综合能耗 kgce（等价值）', width: 22 },
      { key: 'last', header: `${t.year - 1} 单位产品综合能耗 kgce`, width: 20 },
      { key: 'change', header: '同比 % / YoY' },
      { key: 'limit', header: '限额值 kgce / Limit' },
      { key: 'standard', header: '限额标准 / Standard', width: 18 },
      { key: 'meets', header: '是否达标 / Meets' },
    ],
    rows: t.rows.map((r, i) => ({
      no: i + 1,
      name: `${r.materialName}（${r.materialCode}）`,
      unit: r.unit,
      output: r.output,
      qualified: r.qualifiedOutput,
      tce: r.tceEquivalent,
      tceEqual: r.tceEqual,
      unitEq: r.unitKgceEquivalent,
      unitEqual: r.unitKgceEqual,
      last: r.lastYearUnitKgceEquivalent,
      change: r.changePct,
      limit: r.limitKgcePerUnit,
      standard: r.limitStandard,
      meets: yes(r.meetsLimit),
    })),
  });
}
