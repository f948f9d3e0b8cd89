import { sql } from 'drizzle-orm';
import {
  ZSaveRouting,
  type TImportResult,
  type TRouting,
  type TRoutingFilters,
  type TSaveRoutingParsed,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';
import {
  readSheet,
  writeSheet,
  yes,
  yesNo,
  type Column,
  throwRowErrors,
} from '../../platform/excel/excel.ts';
import { excelNumber } from '../energy/ledgers/ledger-scope.ts';
import { lockDefinitions } from './definitions.ts';
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
import {
  allRoutings,
  createRouting,
  routingInput,
  routingsByProductVersion,
  transitionRouting,
  updateRouting,
} from './routings.service.ts';

/** One row per operation; the header columns repeat on each operation of a version (blank = as above). */
export const ROUTING_COLUMNS: Column[] = [
  { key: 'product', header: '产品编码 / Product' },
  { key: 'version', header: '版本 / Version' },
  { key: 'status', header: '状态 / Status' },
  { key: 'effectiveFrom', header: '生效日期 / Effective from' },
  { key: 'effectiveTo', header: '失效日期 / Effective to' },
  { key: 'description', header: '说明 / Description', width: 24 },
  { key: 'seqNo', header: '工序号 / Seq no' },
  { key: 'operation', header: '工序编码 / Operation' },
  { key: 'operationName', header: '工序名称 / Operation name', width: 24 },
  { key: 'workCenter', header: '工作中心 / Work center' },
  { key: 'setupMinutes', header: '准备时间(分钟) / Setup minutes' },
  { key: 'runSecondsPerUnit', header: '单件工时(秒) / Run seconds per unit' },
  { key: 'requiredSkill', header: '所需技能 / Required skill', width: 20 },
  { key: 'isInspectionPoint', header: '检验点 / Inspection point' },
  { key: 'operationDescription', header: '工序说明 / Operation description', width: 24 },
];
const HEADER_KEYS = ['status', 'effectiveFrom', 'effectiveTo', 'description'] as const;
const OPERATION_KEYS = ROUTING_COLUMNS.slice(6).map((c) => c.key);

export async function exportRoutings(ctx: Ctx, filters: TRoutingFilters): Promise<Buffer> {
  // the list's filters: the shared version filters plus "has an operation on this work center"
  const header = (r: TRouting) => ({
    product: r.productCode,
    version: r.version,
    status: r.status,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    description: r.description,
  });
  return writeSheet({
    sheetName: 'routings',
    columns: ROUTING_COLUMNS,
    rows: (await allRoutings(ctx, filters)).flatMap((r) =>
      r.operations.length === 0
        ? [header(r)]
        : r.operations.map((o) => ({
            ...header(r),
            seqNo: o.seqNo,
            operation: o.code,
            operationName: o.name,
            workCenter: o.workCenterCode,
            setupMinutes: excelNumber(o.setupMinutes),
            runSecondsPerUnit: excelNumber(o.runSecondsPerUnit),
            requiredSkill: o.requiredSkill,
            isInspectionPoint: yesNo(o.isInspectionPoint),
            operationDescription: o.description,
          })),
    ),
  });
}

export const routingTemplate = () =>
  writeSheet({
    sheetName: 'routings',
    columns: ROUTING_COLUMNS,
    rows: [
      {
        product: 'FG-BV-100',
        version: 'V1',
        status: 'draft',
        effectiveFrom: '2026-01-01',
        seqNo: 10,
        operation: 'ASM',
        operationName: '装配',
        workCenter: 'AS-L1-ASM',
        setupMinutes: 15,
        runSecondsPerUnit: 360,
        requiredSkill: '装配钳工 中级',
        isInspectionPoint: 'N',
      },
      {
        product: 'FG-BV-100',
        version: 'V1',
        seqNo: 20,
        operation: 'TEST',
        operationName: '壳体及密封压力试验',
        workCenter: 'AS-L1-TEST',
        setupMinutes: 10,
        runSecondsPerUnit: 180,
        requiredSkill: '试压工（持证）',
        isInspectionPoint: 'Y',
      },
    ],
  });

type Group = SheetVersion<TSaveRoutingParsed, TRouting>;
const COLUMN_OF: Record<string, string> = {
  productId: 'product',
  code: 'operation',
  name: 'operationName',
  workCenterId: 'workCenter',
  operations: 'seqNo',
};
const NIL_ID = '00000000-0000-4000-8000-000000000000';
const NO = ['n', 'no', 'false', '0', '否'];

/** The fields that make a version what it is; decimals at the columns' 3 places, blank text as null. */
const canonical = (r: TSaveRoutingParsed) =>
  JSON.stringify({
    version: r.version,
    from: r.effectiveFrom,
    to: r.effectiveTo ?? null,
    description: r.description || null,
    operations: [...r.operations]
      .sort((a, b) => a.seqNo - b.seqNo)
      .map((o) => [
        o.seqNo,
        o.code,
        o.name,
        o.workCenterId,
        toDecimal(parseDecimal(o.setupMinutes), 3),
        toDecimal(parseDecimal(o.runSecondsPerUnit), 3),
        o.requiredSkill || null,
        o.isInspectionPoint,
        o.description || null,
      ]),
  });

/**
 * All-or-nothing, by product and version, as the BOM import: a new version is created (then activated
 * or obsoleted if its status says so), a draft is replaced, an active or obsolete version must be
 * unchanged. Every bad cell is reported as `rows.<row>.<column>`, overlapping active periods included.
 */
export async function importRoutings(ctx: Ctx, body: unknown, dryRun: boolean): Promise<TImportResult> {
  const rows = await readSheet({ body, columns: ROUTING_COLUMNS });
  await lockDefinitions(ctx);
  const materials = await queryRows<{ id: string; code: string }>(
    ctx.tx,
    sql`SELECT id, code FROM materials`,
  );
  const productByCode = new Map(materials.map((m) => [m.code, m.id]));
  const nodes = await queryRows<{ id: string; code: string; kind: string }>(
    ctx.tx,
    sql`SELECT id, code, kind FROM plant_nodes`,
  );
  const nodeByCode = new Map(nodes.map((n) => [n.code, n]));
  const { errors, err } = rowErrors();
  const groups = groupVersions<TSaveRoutingParsed, TRouting>(rows, {
    headerKeys: HEADER_KEYS,
    isDetail: (cells) => OPERATION_KEYS.some((k) => cells[k] != null),
    err,
  });

  for (const g of groups) {
    const productId = productByCode.get(g.productCode);
    if (!productId) err(g.firstRow, 'product', `no material ${g.productCode}`);
    const status = statusOf(g, err);
    const seqRow = new Map<number, number>();
    const codeRow = new Map<string, number>();
    const operations = g.rows.map(({ row, cells }) => {
      const seqNo = cells.seqNo == null ? NaN : Number(cells.seqNo);
      if (cells.seqNo == null) err(row, 'seqNo', 'required');
      else if (!/^\d+$/.test(cells.seqNo)) err(row, 'seqNo', 'a whole number');
      else if (seqRow.has(seqNo)) err(row, 'seqNo', `the same as row ${seqRow.get(seqNo)}`);
      else seqRow.set(seqNo, row);
      if (!cells.operation) err(row, 'operation', 'required');
      else if (codeRow.has(cells.operation))
        err(row, 'operation', `the same as row ${codeRow.get(cells.operation)}`);
      else codeRow.set(cells.operation, row);
      if (!cells.operationName) err(row, 'operationName', 'required');
      const node = cells.workCenter ? nodeByCode.get(cells.workCenter) : undefined;
      if (!cells.workCenter) err(row, 'workCenter', 'required');
      else if (!node) err(row, 'workCenter', `no plant node ${cells.workCenter}`);
      else if (node.kind !== 'work_center')
        err(row, 'workCenter', `${node.code} is a ${node.kind}, not a work center`);
      const flag = cells.isInspectionPoint;
      if (flag != null && !yes(flag) && !NO.includes(flag.toLowerCase()))
        err(row, 'isInspectionPoint', 'Y or N (是/否, true/false)');
      return {
        seqNo,
        code: cells.operation ?? '',
        name: cells.operationName ?? '',
        workCenterId: node?.id ?? NIL_ID,
        setupMinutes: cells.setupMinutes ?? '0',
        runSecondsPerUnit: cells.runSecondsPerUnit ?? '0',
        requiredSkill: cells.requiredSkill,
        isInspectionPoint: yes(flag) ?? false,
        description: cells.operationDescription,
      };
    });
    const parsed = ZSaveRouting.safeParse({
      productId: productId ?? NIL_ID,
      version: g.version,
      effectiveFrom: g.header.effectiveFrom ?? '',
      effectiveTo: g.header.effectiveTo ?? null,
      description: g.header.description,
      operations,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [first, index, field] = issue.path.map(String);
        if (first === 'operations' && index !== undefined && g.rows[Number(index)])
          err(g.rows[Number(index)]!.row, COLUMN_OF[field ?? ''] ?? field ?? 'seqNo', issue.message);
        else err(g.firstRow, COLUMN_OF[first ?? ''] ?? first ?? 'version', issue.message);
      }
      continue;
    }
    const input = parsed.data;
    if (input.effectiveTo && input.effectiveTo < input.effectiveFrom)
      err(g.firstRow, 'effectiveTo', 'must not be before effectiveFrom');
    if (status === 'active' && input.operations.length === 0)
      err(g.firstRow, 'status', 'an active routing needs at least one operation');
    if (productId && status) {
      // kept in seq-no. order, as the service stores them, so an unchanged version compares equal
      g.input = { ...input, operations: [...input.operations].sort((a, b) => a.seqNo - b.seqNo) };
      g.status = status;
    }
  }

  const ready = groups.filter((g) => g.input);
  const existing = await routingsByProductVersion(
    ctx,
    ready.map((g) => ({ productId: g.input!.productId, version: g.version })),
  );
  for (const g of ready)
    g.existing = existing.find((r) => r.productId === g.input!.productId && r.version === g.version);
  const same = (g: Group) => canonical(g.input!) === canonical(routingInput(g.existing!));
  checkStoredVersions(ready, same, err);
  await checkActivePeriods(ctx, { table: 'production_routings', ready, err });
  throwRowErrors(errors);
  return writeVersions(ready, {
    dryRun,
    same,
    create: (input) => createRouting(ctx, input),
    update: (id, input) => updateRouting(ctx, id, input),
    transition: (id, status) => transitionRouting(ctx, id, status),
  });
}
