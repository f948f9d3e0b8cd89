import { sql } from 'drizzle-orm';
import {
  ZEconomicProductOutputInput,
  ZPutEconomicMonth,
  ZYearMonth,
  type TEconomicsFilters,
  type TImportResult,
  type TPutEconomicMonth,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { pushIssues, readSheet, writeSheets, type Column } from '../../../platform/excel/excel.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { allEconomicMonths, finishedProducts, writeMonth } from './economics.service.ts';
import { allowedNodeIds, excelNumber, micro } from './ledger-scope.ts';

// Excel sheet names may not contain "/", so each sheet is found by either name.
const VALUES_SHEET = { name: '经济指标', alias: 'values' };
const PRODUCTS_SHEET = { name: '产品产量', alias: 'products' };

export const VALUE_COLUMNS: Column[] = [
  { key: 'site', header: '厂区编码 / Site' },
  { key: 'month', header: '月份 / Month' },
  { key: 'grossOutputValue', header: '工业总产值(万元) / Gross output value', width: 22 },
  { key: 'valueAdded', header: '工业增加值(万元) / Value added', width: 22 },
  { key: 'note', header: '备注 / Note', width: 30 },
];
export const PRODUCT_COLUMNS: Column[] = [
  { key: 'site', header: '厂区编码 / Site' },
  { key: 'month', header: '月份 / Month' },
  { key: 'material', header: '产品编码 / Product' },
  { key: 'unit', header: '单位 / Unit' },
  { key: 'quantity', header: '产量 / Output', width: 18 },
  { key: 'qualifiedQuantity', header: '合格产量 / Qualified output', width: 18 },
];

type SheetRow = Record<string, string | number | null>;
function workbook(values: SheetRow[], products: SheetRow[]) {
  return writeSheets([
    { sheetName: VALUES_SHEET.name, columns: VALUE_COLUMNS, rows: values },
    { sheetName: PRODUCTS_SHEET.name, columns: PRODUCT_COLUMNS, rows: products },
  ]);
}

export async function exportEconomics(ctx: Ctx, filters: TEconomicsFilters): Promise<Buffer> {
  const months = await allEconomicMonths(ctx, filters);
  return workbook(
    months.map((m) => ({
      site: m.siteCode,
      month: m.month,
      grossOutputValue: excelNumber(m.grossOutputValue),
      valueAdded: excelNumber(m.valueAdded),
      note: m.note,
    })),
    months.flatMap((m) =>
      m.products.map((p) => ({
        site: m.siteCode,
        month: m.month,
        material: p.materialCode,
        unit: p.unitCode,
        quantity: excelNumber(p.quantity),
        qualifiedQuantity: excelNumber(p.qualifiedQuantity),
      })),
    ),
  );
}

export const economicsTemplate = () =>
  workbook(
    [{ site: 'GY-SITE', month: '2025-01', grossOutputValue: '2350.5', valueAdded: '705.2', note: null }],
    [
      {
        site: 'GY-SITE',
        month: '2025-01',
        material: 'FG-BV-100',
        unit: 'pcs',
        quantity: '4200',
        qualifiedQuantity: '4158',
      },
    ],
  );

/**
 * All-or-nothing: every row of both sheets is checked first, and any problem is a 400 listing each
 * as `<sheet>.<row>.<column>`. Each site-month on the values sheet is replaced, product lines included.
 */
export async function importEconomics(ctx: Ctx, body: unknown, dryRun: boolean): Promise<TImportResult> {
  const valueRows = await readSheet({
    body,
    columns: VALUE_COLUMNS,
    sheet: `${VALUES_SHEET.name}/${VALUES_SHEET.alias}`,
  });
  const productRows = await readSheet({
    body,
    columns: PRODUCT_COLUMNS,
    sheet: `${PRODUCTS_SHEET.name}/${PRODUCTS_SHEET.alias}`,
  });
  const allowed = await allowedNodeIds(ctx);
  const sites = new Map(
    (
      await queryRows<{ id: string; code: string }>(
        ctx.tx,
        sql`SELECT id, code FROM plant_nodes WHERE kind = 'site'`,
      )
    )
      .filter((s) => allowed === null || allowed.includes(s.id))
      .map((s) => [s.code, s.id]),
  );
  const materials = new Map((await finishedProducts(ctx)).map((m) => [m.code, m]));
  const valueErrors: TImportResult['errors'] = [];
  const productErrors: TImportResult['errors'] = [];
  const months = new Map<string, { row: number; siteId: string; month: string; input: TPutEconomicMonth }>();

  const siteOf = (errors: TImportResult['errors'], row: number, code: string | null) => {
    if (!code) errors.push({ row, column: 'site', message: 'required' });
    else if (!sites.has(code))
      errors.push({ row, column: 'site', message: `no site ${code} in your data scope` });
    return code ? sites.get(code) : undefined;
  };
  const monthOf = (errors: TImportResult['errors'], row: number, text: string | null) => {
    // a month typed into Excel as a date comes back as YYYY-MM-DD
    const month = text && /^\d{4}-\d{2}-01$/.test(text) ? text.slice(0, 7) : text;
    if (!ZYearMonth.safeParse(month).success) {
      errors.push({ row, column: 'month', message: 'a month as YYYY-MM' });
      return undefined;
    }
    return month!;
  };

  for (const { row, cells } of valueRows) {
    const siteId = siteOf(valueErrors, row, cells.site ?? null);
    const month = monthOf(valueErrors, row, cells.month ?? null);
    const parsed = ZPutEconomicMonth.safeParse({
      grossOutputValue: cells.grossOutputValue ?? '',
      valueAdded: cells.valueAdded ?? '',
      note: cells.note,
    });
    if (!parsed.success) pushIssues(valueErrors, row, parsed.error.issues);
    if (!siteId || !month) continue;
    const key = `${cells.site}|${month}`;
    const first = months.get(key);
    if (first) valueErrors.push({ row, column: 'month', message: `duplicate of row ${first.row}` });
    else if (parsed.success) months.set(key, { row, siteId, month, input: { ...parsed.data, products: [] } });
  }
  const seenLines = new Map<string, number>();
  for (const { row, cells } of productRows) {
    const siteId = siteOf(productErrors, row, cells.site ?? null);
    const month = monthOf(productErrors, row, cells.month ?? null);
    const material = cells.material ? materials.get(cells.material) : undefined;
    if (!cells.material) productErrors.push({ row, column: 'material', message: 'required' });
    else if (!material)
      productErrors.push({ row, column: 'material', message: `no material ${cells.material}` });
    else if (material.type !== 'finished')
      productErrors.push({
        row,
        column: 'material',
        message: `must be a finished product, not ${material.type}`,
      });
    else if (cells.unit && cells.unit !== material.unit_code)
      productErrors.push({
        row,
        column: 'unit',
        message: `${cells.material} is counted in ${material.unit_code}`,
      });
    const line = ZEconomicProductOutputInput.safeParse({
      materialId: material?.id ?? '00000000-0000-4000-8000-000000000000',
      quantity: cells.quantity ?? '',
      qualifiedQuantity: cells.qualifiedQuantity,
    });
    if (!line.success) pushIssues(productErrors, row, line.error.issues);
    if (!siteId || !month || !material) continue;
    const key = `${cells.site}|${month}`;
    const target = months.get(key);
    const lineKey = `${key}|${cells.material}`;
    const first = seenLines.get(lineKey);
    if (first) productErrors.push({ row, column: 'material', message: `duplicate of row ${first}` });
    seenLines.set(lineKey, first ?? row);
    if (!target)
      productErrors.push({
        row,
        column: 'month',
        message: `no row for ${cells.site} ${month} on the values sheet`,
      });
    else if (line.success) {
      if (
        line.data.qualifiedQuantity != null &&
        micro(line.data.qualifiedQuantity) > micro(line.data.quantity)
      )
        productErrors.push({ row, column: 'qualifiedQuantity', message: 'must not exceed the output' });
      else target.input.products!.push(line.data);
    }
  }
  const errors = [
    ...valueErrors.map((e) => ({ ...e, column: `${VALUES_SHEET.alias}.${e.column ?? ''}` })),
    ...productErrors.map((e) => ({ ...e, column: `${PRODUCTS_SHEET.alias}.${e.column ?? ''}` })),
  ];
  if (errors.length)
    throw new AppError(
      'VALIDATION',
      { errors: errors.length },
      errors.map((e) => ({
        path: `${e.column.split('.')[0]}.${e.row}.${e.column.split('.')[1]}`,
        message: e.message,
      })),
    );
  const existing = new Set(
    (
      await queryRows<{ key: string }>(
        ctx.tx,
        sql`SELECT n.code || '|' || to_char(m.month, 'YYYY-MM') AS key FROM energy_economic_months m
            JOIN plant_nodes n ON n.tenant_id = m.tenant_id AND n.id = m.site_id`,
      )
    ).map((r) => r.key),
  );
  const created = [...months.keys()].filter((k) => !existing.has(k)).length;
  const result = { imported: 0, created, updated: months.size - created, errors: [] };
  if (dryRun) return result;
  for (const m of months.values()) await writeMonth(ctx, m);
  return { ...result, imported: months.size };
}
