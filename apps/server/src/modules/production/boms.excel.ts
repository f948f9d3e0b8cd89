import { sql } from 'drizzle-orm';
import {
  ZSaveBom,
  type DefinitionStatus,
  type TBom,
  type TBomFilters,
  type TImportResult,
  type TSaveBomParsed,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { readSheet, writeSheet, type Column, throwRowErrors } from '../../platform/excel/excel.ts';
import { excelNumber } from '../energy/ledgers/ledger-scope.ts';
import { addEdge, loadBomGraph, type BomGraph } from './bom-graph.ts';
import {
  allBoms,
  bomIssues,
  bomsByProductVersion,
  createBom,
  inputOf,
  transitionBom,
  updateBom,
} from './boms.service.ts';
import { lockDefinitions, type MaterialRef } from './definitions.ts';
import { parseDecimal, toDecimal } from './rational.ts';
import {
  checkActivePeriods,
  checkStoredVersions,
  groupVersions,
  rowErrors,
  statusOf,
  writeVersions,
  type SheetVersion,
} from './version-import.ts';

/** One row per BOM line; the header columns repeat on each line of a version (blank = as above). */
export const BOM_COLUMNS: Column[] = [
  { key: 'product', header: '产品编码 / Product' },
  { key: 'version', header: '版本 / Version' },
  { key: 'status', header: '状态 / Status' },
  { key: 'effectiveFrom', header: '生效日期 / Effective from' },
  { key: 'effectiveTo', header: '失效日期 / Effective to' },
  { key: 'baseQuantity', header: '基本数量 / Base quantity' },
  { key: 'description', header: '说明 / Description', width: 24 },
  { key: 'lineNo', header: '行号 / Line' },
  { key: 'component', header: '子件编码 / Component' },
  { key: 'quantity', header: '用量 / Quantity' },
  { key: 'unit', header: '单位 / Unit' },
  { key: 'scrapPercent', header: '损耗率% / Scrap %' },
  { key: 'operationSeq', header: '工序号 / Operation' },
  { key: 'note', header: '备注 / Note', width: 24 },
];
const HEADER_KEYS = ['status', 'effectiveFrom', 'effectiveTo', 'baseQuantity', 'description'] as const;

export async function exportBoms(ctx: Ctx, filters: TBomFilters): Promise<Buffer> {
  const boms = await allBoms(ctx, filters);
  const header = (b: TBom) => ({
    product: b.productCode,
    version: b.version,
    status: b.status,
    effectiveFrom: b.effectiveFrom,
    effectiveTo: b.effectiveTo,
    baseQuantity: excelNumber(b.baseQuantity),
    description: b.description,
  });
  return writeSheet({
    sheetName: 'boms',
    columns: BOM_COLUMNS,
    rows: boms.flatMap((b) =>
      b.lines.length === 0
        ? [header(b)]
        : b.lines.map((l) => ({
            ...header(b),
            lineNo: l.lineNo,
            component: l.componentCode,
            quantity: excelNumber(l.quantity),
            unit: l.unitCode,
            scrapPercent: excelNumber(l.scrapPercent),
            operationSeq: l.operationSeq,
            note: l.note,
          })),
    ),
  });
}

export const bomTemplate = () =>
  writeSheet({
    sheetName: 'boms',
    columns: BOM_COLUMNS,
    rows: [
      {
        product: 'FG-BV-100',
        version: 'V1',
        status: 'draft',
        effectiveFrom: '2026-01-01',
        baseQuantity: 1,
        lineNo: 1,
        component: 'SF-VB-100',
        quantity: 1,
        unit: 'pcs',
        scrapPercent: 0,
        operationSeq: 10,
      },
      {
        product: 'FG-BV-100',
        version: 'V1',
        lineNo: 2,
        component: 'PU-BOLT-M16',
        quantity: 8,
        scrapPercent: 2,
      },
    ],
  });

type Group = SheetVersion<TSaveBomParsed, TBom>;
const COLUMN_OF: Record<string, string> = {
  productId: 'product',
  componentId: 'component',
  unitId: 'unit',
  lines: 'component',
};

/** A canonical form to tell an unchanged version from a changed one (decimals normalised). */
const canonical = (
  b: TSaveBomParsed,
  status: DefinitionStatus,
  units: Map<string, string>,
  mats: Map<string, MaterialRef>,
) =>
  JSON.stringify({
    status,
    version: b.version,
    from: b.effectiveFrom,
    to: b.effectiveTo ?? null,
    base: toDecimal(parseDecimal(b.baseQuantity)),
    description: b.description ?? null,
    lines: b.lines.map((l) => [
      l.componentId,
      toDecimal(parseDecimal(l.quantity)),
      units.get(l.unitId ?? mats.get(l.componentId)?.unitId ?? '') ?? null,
      toDecimal(parseDecimal(l.scrapPercent ?? '0')),
      l.operationSeq ?? null,
      l.note ?? null,
    ]),
  });

/**
 * All-or-nothing, by product and version: a new version is created (then activated or obsoleted if
 * its status says so), a draft is replaced, an active or obsolete version must be unchanged. Every
 * bad cell is reported as `rows.<row>.<column>`, cycles and overlapping active periods included.
 */
export async function importBoms(ctx: Ctx, body: unknown, dryRun: boolean): Promise<TImportResult> {
  const rows = await readSheet({ body, columns: BOM_COLUMNS });
  await lockDefinitions(ctx);
  const materials = await queryRows<MaterialRef>(
    ctx.tx,
    sql`SELECT m.id, m.code, m.name, m.type, m.unit_id AS "unitId", u.code AS "unitCode", u.dimension,
          u.base_factor::text AS "baseFactor"
        FROM materials m JOIN units u ON u.tenant_id = m.tenant_id AND u.id = m.unit_id`,
  );
  const byCode = new Map(materials.map((m) => [m.code, m]));
  const byId = new Map(materials.map((m) => [m.id, m]));
  const units = await queryRows<{ id: string; code: string }>(ctx.tx, sql`SELECT id, code FROM units`);
  const unitByCode = new Map(units.map((u) => [u.code, u.id]));
  const unitCodeById = new Map(units.map((u) => [u.id, u.code]));
  const { errors, err } = rowErrors();
  const groups = groupVersions<TSaveBomParsed, TBom>(rows, {
    headerKeys: HEADER_KEYS,
    isDetail: (cells) => cells.component != null || cells.quantity != null,
    err,
  });

  for (const g of groups) {
    const product = byCode.get(g.productCode);
    if (!product) err(g.firstRow, 'product', `no material ${g.productCode}`);
    const status = statusOf(g, err);
    const lines = g.rows.map(({ row, cells }) => {
      const component = cells.component ? byCode.get(cells.component) : undefined;
      if (!cells.component) err(row, 'component', 'required');
      else if (!component) err(row, 'component', `no material ${cells.component}`);
      const unitId = cells.unit ? unitByCode.get(cells.unit) : undefined;
      if (cells.unit && !unitId) err(row, 'unit', `unknown unit ${cells.unit}`);
      const seq = cells.operationSeq == null ? null : Number(cells.operationSeq);
      return {
        componentId: component?.id ?? '00000000-0000-4000-8000-000000000000',
        quantity: cells.quantity ?? '',
        ...(unitId ? { unitId } : {}),
        scrapPercent: cells.scrapPercent ?? '0',
        operationSeq: seq,
        note: cells.note,
      };
    });
    // the file's line numbers order the lines; missing ones keep the file's order
    const order = g.rows.map((l, i) => ({ i, n: Number(l.cells.lineNo ?? i + 1) }));
    order.sort((a, b) => a.n - b.n || a.i - b.i);
    g.rows = order.map((o) => g.rows[o.i]!);
    const parsed = ZSaveBom.safeParse({
      productId: product?.id ?? '00000000-0000-4000-8000-000000000000',
      version: g.version,
      effectiveFrom: g.header.effectiveFrom ?? '',
      effectiveTo: g.header.effectiveTo ?? null,
      baseQuantity: g.header.baseQuantity ?? '1',
      description: g.header.description,
      lines: order.map((o) => lines[o.i]!),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [first, index, field] = issue.path.map(String);
        if (first === 'lines' && index !== undefined && g.rows[Number(index)])
          err(g.rows[Number(index)]!.row, COLUMN_OF[field ?? ''] ?? field ?? 'component', issue.message);
        else err(g.firstRow, COLUMN_OF[first ?? ''] ?? first ?? 'version', issue.message);
      }
      continue;
    }
    if (product && status) {
      g.input = parsed.data;
      g.status = status;
    }
  }

  const ready = groups.filter((g) => g.input);
  const existing = await bomsByProductVersion(
    ctx,
    ready.map((g) => ({ productId: g.input!.productId, version: g.version })),
  );
  for (const g of ready)
    g.existing = existing.find((b) => b.productId === g.input!.productId && b.version === g.version);
  const same = (g: Group) =>
    canonical(g.input!, 'draft', unitCodeById, byId) ===
    canonical(inputOf(g.existing!), 'draft', unitCodeById, byId);
  checkStoredVersions(ready, same, err);

  // cycles: the database's BOMs without the drafts this file replaces, plus every other version in the file
  const base = await loadBomGraph(ctx, {
    exceptBomIds: ready.flatMap((g) => (g.existing ? [g.existing.id] : [])),
  });
  for (const g of ready) {
    const graph: BomGraph = new Map([...base].map(([k, v]) => [k, new Set(v)]));
    for (const other of ready)
      if (other !== g && other.status !== 'obsolete')
        for (const l of other.input!.lines) addEdge(graph, other.input!.productId, l.componentId);
    for (const issue of await bomIssues(ctx, { input: g.input!, graph, prefix: 'x', materials: byId })) {
      const [, part, index, field] = issue.path.split('.');
      if (part === 'lines') err(g.rows[Number(index)]!.row, COLUMN_OF[field ?? ''] ?? field!, issue.message);
      else err(g.firstRow, COLUMN_OF[part ?? ''] ?? part!, issue.message);
    }
  }

  await checkActivePeriods(ctx, { table: 'production_boms', ready, err });
  throwRowErrors(errors);
  return writeVersions(ready, {
    dryRun,
    same,
    create: (input) => createBom(ctx, input),
    update: (id, input) => updateBom(ctx, id, input),
    transition: (id, status) => transitionBom(ctx, id, status),
  });
}
