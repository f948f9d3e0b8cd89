import { sql } from 'drizzle-orm';
import {
  DEFINITION_STATUSES,
  DEFINITION_TRANSITIONS,
  ZSaveBom,
  type DefinitionStatus,
  type TBom,
  type TBomFilters,
  type TImportResult,
  type TSaveBomParsed,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { readSheet, writeSheet, type Cell, type Column } from '../../platform/excel/excel.ts';
import { AppError } from '../../platform/http/errors.ts';
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

interface Group {
  key: string;
  productCode: string;
  version: string;
  firstRow: number;
  header: Partial<Record<(typeof HEADER_KEYS)[number], Cell>>;
  lines: Array<{ row: number; cells: Record<string, Cell> }>;
  input?: TSaveBomParsed;
  status?: DefinitionStatus;
  existing?: TBom;
}

type Errors = TImportResult['errors'];
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

export const overlaps = (a: { from: string; to: string | null }, b: { from: string; to: string | null }) =>
  a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31');

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
  const errors: Errors = [];
  const err = (row: number, column: string, message: string) => {
    if (!errors.some((e) => e.row === row && e.column === column)) errors.push({ row, column, message });
  };

  // group the rows into versions; header cells may be left blank below the first line
  const groups = new Map<string, Group>();
  for (const { row, cells } of rows) {
    if (!cells.product) err(row, 'product', 'required');
    if (!cells.version) err(row, 'version', 'required');
    if (!cells.product || !cells.version) continue;
    const key = `${cells.product}\u0000${cells.version}`;
    const group = groups.get(key) ?? {
      key,
      productCode: cells.product,
      version: cells.version,
      firstRow: row,
      header: {},
      lines: [],
    };
    for (const k of HEADER_KEYS) {
      const v = cells[k];
      if (v == null) continue;
      const had = group.header[k];
      if (had != null && had !== v) err(row, k, `differs from the version's first row (${had})`);
      else group.header[k] = v;
    }
    if (cells.component || cells.quantity) group.lines.push({ row, cells });
    groups.set(key, group);
  }

  for (const g of groups.values()) {
    const product = byCode.get(g.productCode);
    if (!product) err(g.firstRow, 'product', `no material ${g.productCode}`);
    const status = (g.header.status ?? 'draft') as DefinitionStatus;
    if (!DEFINITION_STATUSES.includes(status))
      err(g.firstRow, 'status', `one of ${DEFINITION_STATUSES.join(', ')}`);
    const lines = g.lines.map(({ row, cells }) => {
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
    const order = g.lines.map((l, i) => ({ i, n: Number(l.cells.lineNo ?? i + 1) }));
    order.sort((a, b) => a.n - b.n || a.i - b.i);
    g.lines = order.map((o) => g.lines[o.i]!);
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
        if (first === 'lines' && index !== undefined && g.lines[Number(index)])
          err(g.lines[Number(index)]!.row, COLUMN_OF[field ?? ''] ?? field ?? 'component', issue.message);
        else err(g.firstRow, COLUMN_OF[first ?? ''] ?? first ?? 'version', issue.message);
      }
      continue;
    }
    if (product && DEFINITION_STATUSES.includes(status)) {
      g.input = parsed.data;
      g.status = status;
    }
  }

  const ready = [...groups.values()].filter((g) => g.input);
  const existing = await bomsByProductVersion(
    ctx,
    ready.map((g) => ({ productId: g.input!.productId, version: g.version })),
  );
  for (const g of ready)
    g.existing = existing.find((b) => b.productId === g.input!.productId && b.version === g.version);
  const same = (g: Group) =>
    canonical(g.input!, 'draft', unitCodeById, byId) ===
    canonical(inputOf(g.existing!), 'draft', unitCodeById, byId);
  for (const g of ready) {
    const was = g.existing?.status;
    if (!was || was === 'draft') continue;
    if (!same(g))
      err(
        g.firstRow,
        'version',
        `version ${g.version} of ${g.productCode} is ${was}; only drafts can be changed`,
      );
    else if (g.status !== was && !DEFINITION_TRANSITIONS[was].includes(g.status!))
      err(
        g.firstRow,
        'status',
        `version ${g.version} of ${g.productCode} is ${was} and cannot become ${g.status}`,
      );
  }

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
      if (part === 'lines') err(g.lines[Number(index)]!.row, COLUMN_OF[field ?? ''] ?? field!, issue.message);
      else err(g.firstRow, COLUMN_OF[part ?? ''] ?? part!, issue.message);
    }
  }

  // active periods per product after the import: the database's untouched ones and the file's
  const activeInDb = await queryRows<{
    id: string;
    product_id: string;
    version: string;
    from: string;
    to: string | null;
  }>(
    ctx.tx,
    sql`SELECT id, product_id, version, effective_from::text AS "from", effective_to::text AS "to"
        FROM production_boms WHERE status = 'active'`,
  );
  const fileIds = new Set(ready.flatMap((g) => (g.existing ? [g.existing.id] : [])));
  for (const g of ready.filter((x) => x.status === 'active')) {
    const mine = { from: g.input!.effectiveFrom, to: g.input!.effectiveTo ?? null };
    const clash =
      activeInDb.find((a) => a.product_id === g.input!.productId && !fileIds.has(a.id) && overlaps(a, mine))
        ?.version ??
      ready.find(
        (o) =>
          o !== g &&
          o.status === 'active' &&
          o.input!.productId === g.input!.productId &&
          overlaps({ from: o.input!.effectiveFrom, to: o.input!.effectiveTo ?? null }, mine),
      )?.version;
    if (clash) err(g.firstRow, 'effectiveFrom', `overlaps the active version ${clash} of ${g.productCode}`);
  }

  if (errors.length)
    throw new AppError(
      'VALIDATION',
      { errors: errors.length },
      errors
        .sort((x, y) => x.row - y.row)
        .map((e) => ({ path: `rows.${e.row}.${e.column ?? ''}`, message: e.message })),
    );
  const changed = ready.filter((g) => !g.existing || !same(g) || g.existing.status !== g.status);
  const created = changed.filter((g) => !g.existing).length;
  const result = { imported: ready.length, created, updated: changed.length - created, errors: [] };
  if (dryRun) return result;
  // obsolete first, so an activation in the same file never meets the version it replaces
  const ordered = [...changed].sort((a, b) => Number(a.status === 'active') - Number(b.status === 'active'));
  for (const g of ordered) {
    const bom = !g.existing
      ? await createBom(ctx, g.input!)
      : g.existing.status === 'draft' && !same(g)
        ? await updateBom(ctx, g.existing.id, g.input!)
        : g.existing;
    if (g.status !== bom.status) await transitionBom(ctx, bom.id, g.status!);
  }
  return result;
}
