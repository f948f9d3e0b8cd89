import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type {
  EnergyMedium,
  EnergyUnit,
  TCreateMeter,
  TMeter,
  TPage,
  TUpdateMeter,
  ZMeterQuery,
} from '@greenmes/contracts';
import type { z } from 'zod';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../../platform/db/paging.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { dimensionOf, unitRatio, unitsOf } from '../calc/units.ts';
import { baseUnitOf } from '../factors/library.ts';
import { parseFormula } from './formula.ts';

const ENTITY = 'meter';

export interface MeterRow {
  id: string;
  code: string;
  name: string;
  medium: EnergyMedium;
  unit: EnergyUnit;
  level: number;
  parent_id: string | null;
  parent_code: string | null;
  node_id: string | null;
  node_name: string | null;
  equipment_id: string | null;
  equipment_code: string | null;
  source: 'telemetry' | 'manual' | 'formula';
  metric_id: string | number | null;
  metric_label: string | null;
  multiplier: number;
  formula: string | null;
  is_enabled: boolean;
  description: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const SELECT = sql`SELECT m.id, m.code, m.name, m.medium, m.unit, m.level, m.parent_id, p.code AS parent_code,
    m.node_id, n.name AS node_name, m.equipment_id, e.code AS equipment_code, m.source, m.metric_id,
    d.code || ' / ' || mt.key AS metric_label, m.multiplier, m.formula, m.is_enabled, m.description,
    m.created_at, m.updated_at
  FROM meters m
  LEFT JOIN meters p ON p.tenant_id = m.tenant_id AND p.id = m.parent_id
  LEFT JOIN plant_nodes n ON n.tenant_id = m.tenant_id AND n.id = m.node_id
  LEFT JOIN equipment e ON e.tenant_id = m.tenant_id AND e.id = m.equipment_id
  LEFT JOIN metrics mt ON mt.tenant_id = m.tenant_id AND mt.id = m.metric_id
  LEFT JOIN devices d ON d.tenant_id = mt.tenant_id AND d.id = mt.device_id`;

export const toMeter = (r: MeterRow): TMeter => ({
  id: r.id,
  code: r.code,
  name: r.name,
  medium: r.medium,
  unit: r.unit,
  level: r.level,
  parentId: r.parent_id,
  parentCode: r.parent_code,
  nodeId: r.node_id,
  nodeName: r.node_name,
  equipmentId: r.equipment_id,
  equipmentCode: r.equipment_code,
  source: r.source,
  metricId: r.metric_id === null ? null : Number(r.metric_id),
  metricLabel: r.metric_label,
  multiplier: r.multiplier,
  formula: r.formula,
  isEnabled: r.is_enabled,
  description: r.description,
  createdAt: toIso(r.created_at)!,
  updatedAt: toIso(r.updated_at)!,
});

/** Every meter of the enterprise (the hierarchy is small: hundreds, not millions). */
export async function allMeters(ctx: Ctx): Promise<MeterRow[]> {
  return queryRows<MeterRow>(ctx.tx, sql`${SELECT} ORDER BY m.level, m.code`);
}

export async function listMeters(ctx: Ctx, query: z.infer<typeof ZMeterQuery>): Promise<TPage<TMeter>> {
  const where: SQL[] = [sql`true`];
  if (query.q)
    where.push(sql`(m.code ILIKE ${likePattern(query.q)} OR m.name ILIKE ${likePattern(query.q)})`);
  if (query.medium) where.push(sql`m.medium = ${query.medium}`);
  if (query.level) where.push(sql`m.level = ${query.level}`);
  if (query.source) where.push(sql`m.source = ${query.source}`);
  if (query.nodeId) where.push(sql`m.node_id = ${query.nodeId}`);
  const cond = sql.join(where, sql` AND `);
  const { limit, offset } = pageWindow(query);
  const rows = await queryRows<MeterRow>(
    ctx.tx,
    sql`${SELECT} WHERE ${cond} ORDER BY m.level, m.code LIMIT ${limit} OFFSET ${offset}`,
  );
  const [count] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM meters m WHERE ${cond}`,
  );
  return { items: rows.map(toMeter), total: count!.n, page: query.page, pageSize: query.pageSize };
}

export async function getMeter(ctx: Ctx, id: string): Promise<TMeter> {
  const [row] = await queryRows<MeterRow>(ctx.tx, sql`${SELECT} WHERE m.id = ${id}`);
  if (!row) throw notFound(ENTITY);
  return toMeter(row);
}

type Input = TCreateMeter & { id: string };

/** Checks a meter as it would be stored: hierarchy, unit, source, formula (references, medium, no cycle). */
async function validate(ctx: Ctx, m: Input): Promise<void> {
  const problems: Array<{ path: string; message: string }> = [];
  const add = (path: string, message: string) => problems.push({ path: `body.${path}`, message });
  const base = baseUnitOf(m.medium);
  if (unitRatio(m.unit, base) === null)
    add('unit', `${m.unit} is not a unit of ${m.medium}: use ${unitsOf(dimensionOf(base)).join(' or ')}`);
  const meters = await allMeters(ctx);
  const byCode = new Map(meters.map((x) => [x.code, x]));
  const byId = new Map(meters.map((x) => [x.id, x]));
  if (m.parentId) {
    const parent = byId.get(m.parentId);
    if (!parent) add('parentId', 'no such meter');
    else {
      if (parent.medium !== m.medium) add('parentId', `the parent ${parent.code} measures ${parent.medium}`);
      if (parent.level >= m.level)
        add('level', `must be below the parent ${parent.code}'s level ${parent.level}`);
      // no cycle: walk up from the parent
      for (let p: MeterRow | undefined = parent; p; p = p.parent_id ? byId.get(p.parent_id) : undefined)
        if (p.id === m.id) {
          add('parentId', 'would make the meter its own ancestor');
          break;
        }
    }
  }
  if (m.source === 'telemetry') {
    if (!m.metricId) add('metricId', 'a telemetry meter reads a counter metric: give metricId');
    else {
      const [metric] = await queryRows<{ kind: string; key: string }>(
        ctx.tx,
        sql`SELECT kind, key FROM metrics WHERE id = ${m.metricId}`,
      );
      if (!metric) add('metricId', 'no such metric');
      else if (metric.kind !== 'counter')
        add('metricId', `${metric.key} is a ${metric.kind}; a meter reads a counter (cumulative) metric`);
    }
  } else if (m.metricId) add('metricId', `only for source telemetry`);
  if (m.source === 'formula') {
    const parsed = m.formula ? parseFormula(m.formula) : { error: 'a virtual meter needs a formula' };
    if ('error' in parsed) add('formula', parsed.error);
    else {
      for (const t of parsed.terms) {
        const ref = byCode.get(t.code);
        if (t.code === m.code) add('formula', 'refers to the meter itself');
        else if (!ref) add('formula', `no meter ${t.code}`);
        else if (ref.medium !== m.medium) add('formula', `${t.code} measures ${ref.medium}, not ${m.medium}`);
      }
      // no cycle through other formulas
      const seen = new Set<string>();
      const reaches = (code: string): boolean => {
        if (code === m.code) return true;
        if (seen.has(code)) return false;
        seen.add(code);
        const f = byCode.get(code);
        if (f?.source !== 'formula' || !f.formula) return false;
        const p = parseFormula(f.formula);
        return 'terms' in p && p.terms.some((t) => reaches(t.code));
      };
      if (parsed.terms.some((t) => t.code !== m.code && reaches(t.code)))
        add('formula', 'makes a cycle through other virtual meters');
    }
  } else if (m.formula) add('formula', 'only for source formula');
  if (problems.length) throw new AppError('VALIDATION', {}, problems);
}

const duplicate = (code: string) => new AppError('DUPLICATE_CODE', { code, entity: ENTITY });

export async function createMeter(ctx: Ctx, input: TCreateMeter): Promise<TMeter> {
  const id = randomUUID();
  await validate(ctx, { ...input, id });
  const [taken] = await queryRows(ctx.tx, sql`SELECT 1 FROM meters WHERE code = ${input.code}`);
  if (taken) throw duplicate(input.code);
  await queryRows(
    ctx.tx,
    sql`INSERT INTO meters (tenant_id, id, code, name, medium, unit, level, parent_id, node_id, equipment_id, source,
          metric_id, multiplier, formula, is_enabled, description)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.code}, ${input.name}, ${input.medium}, ${input.unit}, ${input.level},
          ${input.parentId ?? null}, ${input.nodeId ?? null}, ${input.equipmentId ?? null}, ${input.source},
          ${input.metricId ?? null}, ${input.multiplier}, ${input.formula ?? null}, ${input.isEnabled},
          ${input.description ?? null})`,
  );
  const created = await getMeter(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: ENTITY, entityId: id, after: created });
  return created;
}

export async function updateMeter(ctx: Ctx, id: string, input: TUpdateMeter): Promise<TMeter> {
  const before = await getMeter(ctx, id);
  const next: Input = {
    ...before,
    ...input,
    id,
    description: input.description === undefined ? before.description : input.description,
  };
  await validate(ctx, next);
  if (next.code !== before.code) {
    const [taken] = await queryRows(
      ctx.tx,
      sql`SELECT 1 FROM meters WHERE code = ${next.code} AND id <> ${id}`,
    );
    if (taken) throw duplicate(next.code);
    const users = await formulaUsers(ctx, before.code);
    if (users.length)
      throw new AppError('CONFLICT', {
        reason: `the formulas of ${users.join(', ')} refer to ${before.code}; change them before renaming it`,
      });
  }
  await queryRows(
    ctx.tx,
    sql`UPDATE meters SET code = ${next.code}, name = ${next.name}, medium = ${next.medium}, unit = ${next.unit},
          level = ${next.level}, parent_id = ${next.parentId ?? null}, node_id = ${next.nodeId ?? null},
          equipment_id = ${next.equipmentId ?? null}, source = ${next.source}, metric_id = ${next.metricId ?? null},
          multiplier = ${next.multiplier}, formula = ${next.formula ?? null}, is_enabled = ${next.isEnabled},
          description = ${next.description ?? null}, updated_at = now()
        WHERE id = ${id}`,
  );
  const after = await getMeter(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: ENTITY, entityId: id, before, after });
  return after;
}

async function formulaUsers(ctx: Ctx, code: string): Promise<string[]> {
  const rows = await queryRows<{ code: string; formula: string }>(
    ctx.tx,
    sql`SELECT code, formula FROM meters WHERE source = 'formula'`,
  );
  return rows
    .filter((r) => {
      const p = parseFormula(r.formula);
      return 'terms' in p && p.terms.some((t) => t.code === code);
    })
    .map((r) => r.code);
}

export async function deleteMeter(ctx: Ctx, id: string): Promise<void> {
  const before = await getMeter(ctx, id);
  const [children] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM meters WHERE parent_id = ${id}`,
  );
  if (children!.n > 0)
    throw new AppError('HAS_CHILDREN', {
      entity: ENTITY,
      code: before.code,
      count: children!.n,
      children: 'sub-meters',
    });
  const users = await formulaUsers(ctx, before.code);
  if (users.length)
    throw new AppError('IN_USE', {
      entity: ENTITY,
      code: before.code,
      count: users.length,
      users: 'virtual meters',
    });
  const [records] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM meter_records WHERE meter_id = ${id}`,
  );
  if (records!.n > 0)
    throw new AppError('IN_USE', {
      entity: ENTITY,
      code: before.code,
      count: records!.n,
      users: 'readings and records',
    });
  await queryRows(ctx.tx, sql`DELETE FROM meters WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: ENTITY, entityId: id, before });
}
