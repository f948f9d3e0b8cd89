import { sql } from 'drizzle-orm';
import { ZCreateMeter, type TCreateMeter, type TImportResult, type TMeterFilters } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import {
  noteCode,
  pushIssues,
  readSheet,
  writeSheet,
  yes,
  yesNo,
  type Column,
  throwRowErrors,
} from '../../../platform/excel/excel.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { parseFormula } from './formula.ts';
import { allMeters, createMeter, updateMeter, type MeterRow } from './meters.service.ts';

export const METER_COLUMNS: Column[] = [
  { key: 'code', header: '计量器具编码 / Code' },
  { key: 'name', header: '名称 / Name', width: 24 },
  { key: 'medium', header: '能源品种 / Medium' },
  { key: 'unit', header: '单位 / Unit', width: 10 },
  { key: 'level', header: '级别 / Level', width: 10 },
  { key: 'parent', header: '上级计量器具 / Parent meter' },
  { key: 'node', header: '安装位置编码 / Plant node' },
  { key: 'equipment', header: '设备编码 / Equipment' },
  { key: 'source', header: '数据来源 / Source' },
  { key: 'device', header: '采集设备编码 / Device' },
  { key: 'metric', header: '计数指标 / Counter metric' },
  { key: 'multiplier', header: '倍率 / Multiplier', width: 12 },
  { key: 'formula', header: '公式 / Formula', width: 28 },
  { key: 'isEnabled', header: '启用 / Enabled', width: 10 },
  { key: 'description', header: '说明 / Description', width: 30 },
];
const SHEET = 'meters';
/** validation paths of the meter service → the sheet's columns */
const COLUMN_OF: Record<string, string> = {
  parentId: 'parent',
  nodeId: 'node',
  equipmentId: 'equipment',
  metricId: 'metric',
};

/** Codes of what meters point at, both ways: plant nodes, equipment, device / counter metric. */
async function references(ctx: Ctx) {
  const codes = (rows: Array<{ id: string; code: string }>) => ({
    byId: new Map(rows.map((r) => [String(r.id), r.code])),
    byCode: new Map(rows.map((r) => [r.code, String(r.id)])),
  });
  return {
    nodes: codes(await queryRows(ctx.tx, sql`SELECT id, code FROM plant_nodes`)),
    equipment: codes(await queryRows(ctx.tx, sql`SELECT id, code FROM equipment`)),
    metrics: await queryRows<{ id: string | number; device: string; key: string }>(
      ctx.tx,
      sql`SELECT mt.id, d.code AS device, mt.key FROM metrics mt
          JOIN devices d ON d.tenant_id = mt.tenant_id AND d.id = mt.device_id`,
    ),
  };
}

export async function exportMeters(ctx: Ctx, filters: TMeterFilters): Promise<Buffer> {
  const refs = await references(ctx);
  const metrics = new Map(refs.metrics.map((m) => [Number(m.id), m]));
  const q = filters.q?.toLowerCase();
  const meters = (await allMeters(ctx)).filter(
    (m) =>
      (!q || m.code.toLowerCase().includes(q) || m.name.toLowerCase().includes(q)) &&
      (!filters.medium || m.medium === filters.medium) &&
      (!filters.level || m.level === filters.level) &&
      (!filters.source || m.source === filters.source) &&
      (!filters.nodeId || m.node_id === filters.nodeId),
  );
  return writeSheet({
    sheetName: SHEET,
    columns: METER_COLUMNS,
    rows: meters.map((m) => {
      const metric = m.metric_id === null ? undefined : metrics.get(Number(m.metric_id));
      return {
        code: m.code,
        name: m.name,
        medium: m.medium,
        unit: m.unit,
        level: m.level,
        parent: m.parent_code,
        node: m.node_id && refs.nodes.byId.get(m.node_id),
        equipment: m.equipment_code,
        source: m.source,
        device: metric?.device,
        metric: metric?.key,
        multiplier: m.multiplier,
        formula: m.formula,
        isEnabled: yesNo(m.is_enabled),
        description: m.description,
      };
    }),
  });
}

export const meterTemplate = () =>
  writeSheet({
    sheetName: SHEET,
    columns: METER_COLUMNS,
    rows: [
      {
        code: 'E-MAIN',
        name: '10kV 进线总表',
        medium: 'electricity',
        unit: 'kWh',
        level: 1,
        source: 'telemetry',
        device: 'PM-1',
        metric: 'kwh',
        multiplier: 200,
        isEnabled: 'Y',
      },
      {
        code: 'E-WS1',
        name: '一车间',
        medium: 'electricity',
        unit: 'kWh',
        level: 2,
        parent: 'E-MAIN',
        source: 'manual',
        multiplier: 1,
        isEnabled: 'Y',
      },
      {
        code: 'E-LOSS',
        name: '线损及未计量',
        medium: 'electricity',
        unit: 'kWh',
        level: 2,
        parent: 'E-MAIN',
        source: 'formula',
        formula: 'E-MAIN - E-WS1',
        isEnabled: 'Y',
      },
    ],
  });

interface Planned {
  row: number;
  code: string;
  parentCode: string | null;
  input: Omit<TCreateMeter, 'parentId'>;
  /** codes on other rows of the file this row needs first: its parent, its formula's meters */
  needs: string[];
}

const num = (v: string | null | undefined) => (v == null ? undefined : Number(v));

/**
 * All-or-nothing, upsert by code. Rows are written in the order their parents and formulas need (a parent
 * or a formula's meter on a later row goes first), each through the same create/update as the API, so every
 * rule of a meter applies; every problem is collected as `rows.<row>.<column>` and any one rolls back the lot.
 */
export async function importMeters(ctx: Ctx, body: unknown, dryRun: boolean): Promise<TImportResult> {
  const rows = await readSheet({ body, columns: METER_COLUMNS });
  const refs = await references(ctx);
  const metricIds = new Map(refs.metrics.map((m) => [`${m.device}\u0000${m.key}`, Number(m.id)]));
  const existing = new Map((await allMeters(ctx)).map((m) => [m.code, m]));
  const errors: TImportResult['errors'] = [];
  const seen = new Map<string, number>();
  const planned: Planned[] = [];
  const fileCodes = new Set(rows.map((r) => r.cells.code));
  for (const { row, cells } of rows) {
    const before = errors.length;
    noteCode(seen, errors, row, cells.code);
    const isDuplicate = errors.length > before;
    const lookup = (column: string, map: Map<string, string>, code: string | null, what: string) => {
      if (!code) return null;
      const id = map.get(code);
      if (!id) errors.push({ row, column, message: `no ${what} ${code}` });
      return id ?? null;
    };
    const nodeId = lookup('node', refs.nodes.byCode, cells.node ?? null, 'plant node');
    const equipmentId = lookup('equipment', refs.equipment.byCode, cells.equipment ?? null, 'equipment');
    if (cells.parent && !fileCodes.has(cells.parent) && !existing.has(cells.parent))
      errors.push({ row, column: 'parent', message: `no meter ${cells.parent}` });
    let metricId: number | null = null;
    if (cells.device || cells.metric) {
      if (!cells.device || !cells.metric)
        errors.push({
          row,
          column: cells.device ? 'metric' : 'device',
          message: 'a counter metric is named by its device code and its metric key',
        });
      else {
        metricId = metricIds.get(`${cells.device}\u0000${cells.metric}`) ?? null;
        if (metricId === null)
          errors.push({
            row,
            column: 'metric',
            message: `device ${cells.device} has no metric ${cells.metric}`,
          });
      }
    }
    const old = cells.code ? existing.get(cells.code) : undefined;
    const parsed = ZCreateMeter.safeParse({
      code: cells.code ?? '',
      name: cells.name ?? '',
      medium: cells.medium ?? '',
      unit: cells.unit ?? '',
      level: num(cells.level),
      nodeId,
      equipmentId,
      source: cells.source ?? '',
      metricId,
      // blank keeps what an existing meter has; a new one gets the defaults
      multiplier: num(cells.multiplier) ?? old?.multiplier,
      formula: cells.formula,
      isEnabled: yes(cells.isEnabled) ?? old?.is_enabled,
      description: cells.description,
    });
    if (!parsed.success)
      pushIssues(
        errors,
        row,
        parsed.error.issues.map((i) => ({ ...i, path: [COLUMN_OF[String(i.path[0])] ?? i.path[0]!] })),
      );
    if (isDuplicate || errors.length > before || !parsed.success) continue;
    const formula = parsed.data.formula ? parseFormula(parsed.data.formula) : null;
    const needs = [
      ...(cells.parent ? [cells.parent] : []),
      ...(formula && 'terms' in formula ? formula.terms.map((t) => t.code) : []),
    ].filter((c) => c !== parsed.data.code && fileCodes.has(c));
    planned.push({
      row,
      code: parsed.data.code,
      parentCode: cells.parent ?? null,
      input: parsed.data,
      needs,
    });
  }
  // rows that failed before writing; a row needing one of them is reported, not tried
  const failed = new Map<string, number>([...seen].filter(([code]) => !planned.some((p) => p.code === code)));
  let created = 0;
  let updated = 0;
  if (dryRun) await queryRows(ctx.tx, sql`SAVEPOINT meter_import`);
  for (const p of inDependencyOrder(planned)) {
    const blocker = p.needs.find((c) => failed.has(c));
    if (blocker) {
      errors.push({
        row: p.row,
        column: blocker === p.parentCode ? 'parent' : 'formula',
        message: `${blocker} on row ${failed.get(blocker)} has errors`,
      });
      failed.set(p.code, p.row);
      continue;
    }
    const problems = await writeMeter(ctx, p, existing.get(p.code));
    if (problems === 'created') created++;
    else if (problems === 'updated') updated++;
    else if (problems !== 'unchanged') {
      errors.push(...problems.map((e) => ({ ...e, row: p.row })));
      failed.set(p.code, p.row);
    }
  }
  throwRowErrors(errors);
  if (dryRun) {
    await queryRows(ctx.tx, sql`ROLLBACK TO SAVEPOINT meter_import`);
    await queryRows(ctx.tx, sql`RELEASE SAVEPOINT meter_import`);
    return { imported: 0, created, updated, errors: [] };
  }
  return { imported: planned.length, created, updated, errors: [] };
}

/** Dependencies first (depth-first); a cycle keeps file order and the formula check reports it. */
function inDependencyOrder(planned: Planned[]): Planned[] {
  const byCode = new Map(planned.map((p) => [p.code, p]));
  const out: Planned[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: Planned) => {
    if (state.has(p.code)) return;
    state.set(p.code, 'visiting');
    for (const code of p.needs) {
      const dep = byCode.get(code);
      if (dep) visit(dep);
    }
    state.set(p.code, 'done');
    out.push(p);
  };
  planned.forEach(visit);
  return out;
}

type Outcome = 'created' | 'updated' | 'unchanged' | Array<{ column?: string; message: string }>;

async function writeMeter(ctx: Ctx, p: Planned, old: MeterRow | undefined): Promise<Outcome> {
  let parentId: string | null = null;
  if (p.parentCode) {
    const [parent] = await queryRows<{ id: string }>(
      ctx.tx,
      sql`SELECT id FROM meters WHERE code = ${p.parentCode}`,
    );
    if (!parent) return [{ column: 'parent', message: `no meter ${p.parentCode}` }];
    parentId = parent.id;
  }
  const input: TCreateMeter = { ...p.input, parentId };
  try {
    if (!old) {
      await createMeter(ctx, input);
      return 'created';
    }
    if (isUnchanged(old, input)) return 'unchanged';
    await updateMeter(ctx, old.id, input);
    return 'updated';
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    if (!err.details?.length) return [{ message: err.message }];
    return err.details.map((d) => {
      const field = d.path.replace(/^body\./, '');
      return { column: COLUMN_OF[field] ?? field, message: d.message };
    });
  }
}

function isUnchanged(old: MeterRow, m: TCreateMeter): boolean {
  return (
    old.name === m.name &&
    old.medium === m.medium &&
    old.unit === m.unit &&
    old.level === m.level &&
    old.parent_id === (m.parentId ?? null) &&
    old.node_id === (m.nodeId ?? null) &&
    old.equipment_id === (m.equipmentId ?? null) &&
    old.source === m.source &&
    (old.metric_id === null ? null : Number(old.metric_id)) === (m.metricId ?? null) &&
    old.multiplier === m.multiplier &&
    old.formula === (m.formula ?? null) &&
    old.is_enabled === m.isEnabled &&
    old.description === (m.description ?? null)
  );
}
