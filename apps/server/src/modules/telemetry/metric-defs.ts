import { sql } from 'drizzle-orm';
import type { TMetricDefinition, TProfileMetric, TUpdateMetricDefinition } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { AppError } from '../../platform/http/errors.ts';

/** Columns of a metric definition as stored (profile templates and device metrics share them). */
export interface MetricDefRow {
  key: string;
  name: string;
  unitCode: string | null;
  valueType: 'number' | 'boolean' | 'state' | 'string';
  kind: 'gauge' | 'counter' | 'state' | 'event';
  energyMedium: string | null;
  scale: number;
  offset: number;
  counterMax: number | null;
  states: string[] | null;
  sortOrder: number;
}

export const defColumns = (d: TMetricDefinition, index = 0): MetricDefRow => ({
  key: d.key,
  name: d.name,
  unitCode: d.unitCode ?? null,
  valueType: d.valueType,
  kind: d.kind,
  energyMedium: d.energyMedium ?? null,
  scale: d.scale,
  offset: d.offset,
  counterMax: d.counterMax ?? null,
  states: d.states ?? null,
  sortOrder: d.sortOrder ?? index,
});

/** Only the definition columns of a stored row (not its id, tenant or owner). */
export const pickDefinition = (r: MetricDefRow): MetricDefRow => ({
  key: r.key,
  name: r.name,
  unitCode: r.unitCode,
  valueType: r.valueType,
  kind: r.kind,
  energyMedium: r.energyMedium,
  scale: r.scale,
  offset: r.offset,
  counterMax: r.counterMax,
  states: r.states,
  sortOrder: r.sortOrder,
});

export const toDefinition = (r: MetricDefRow): Omit<TProfileMetric, 'id'> => ({
  key: r.key,
  name: r.name,
  unitCode: r.unitCode,
  valueType: r.valueType,
  kind: r.kind,
  energyMedium: r.energyMedium,
  scale: r.scale,
  offset: r.offset,
  counterMax: r.counterMax,
  states: r.states,
  sortOrder: r.sortOrder,
});

/**
 * Checks definitions against the tenant's unit catalogue and each other (duplicate keys); the
 * error names the field, e.g. body.metrics[2].unitCode.
 */
export async function assertDefinitions(
  ctx: Ctx,
  defs: Array<Partial<TMetricDefinition>>,
  path: (i: number) => string,
  existingKeys: string[] = [],
): Promise<void> {
  const issues: Array<{ path: string; message: string }> = [];
  const codes = [...new Set(defs.map((d) => d.unitCode).filter((c): c is string => !!c))];
  const known = codes.length
    ? new Set(
        (
          await queryRows<{ code: string }>(
            ctx.tx,
            sql`SELECT code FROM units WHERE code = ANY(${sql.param(codes)})`,
          )
        ).map((r) => r.code),
      )
    : new Set<string>();
  const seen = new Set(existingKeys);
  defs.forEach((d, i) => {
    if (d.unitCode && !known.has(d.unitCode))
      issues.push({
        path: `${path(i)}.unitCode`,
        message: `unknown unit ${d.unitCode} (see the units catalogue)`,
      });
    if (d.key !== undefined) {
      if (seen.has(d.key)) issues.push({ path: `${path(i)}.key`, message: `duplicate metric key ${d.key}` });
      seen.add(d.key);
    }
  });
  if (issues.length) throw new AppError('VALIDATION', {}, issues);
}

/** A partial update merged over the stored row must still be a consistent definition. */
export function mergeDefinition(
  before: MetricDefRow,
  input: TUpdateMetricDefinition,
  path: string,
): MetricDefRow {
  const after: MetricDefRow = {
    ...pickDefinition(before),
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
  } as MetricDefRow;
  const issues: Array<{ path: string; message: string }> = [];
  if (after.kind === 'counter' && after.valueType !== 'number')
    issues.push({ path: `${path}.valueType`, message: 'a counter must be a number' });
  if (after.counterMax !== null && after.kind !== 'counter')
    issues.push({ path: `${path}.counterMax`, message: 'only counters have a rollover modulus' });
  if (after.states && after.valueType !== 'state')
    issues.push({ path: `${path}.states`, message: 'only state metrics have state names' });
  if (issues.length) throw new AppError('VALIDATION', {}, issues);
  return after;
}
