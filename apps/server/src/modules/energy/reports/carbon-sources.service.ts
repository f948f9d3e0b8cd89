import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  CARBON_SOURCE_UNITS,
  type TCarbonActivity,
  type TCarbonSource,
  type TCreateCarbonSource,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';

interface Row {
  id: string;
  code: string;
  name: string;
  kind: TCarbonSource['kind'];
  unit: string;
  emission_factor: number | null;
  factor_source: string | null;
  note: string | null;
  created_at: Date | string;
}
const toSource = (r: Row): TCarbonSource => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  unit: r.unit,
  emissionFactor: r.emission_factor,
  factorSource: r.factor_source,
  note: r.note,
  createdAt: toIso(r.created_at),
});

export async function listSources(ctx: Ctx): Promise<TCarbonSource[]> {
  return (await queryRows<Row>(ctx.tx, sql`SELECT * FROM carbon_sources ORDER BY kind, code`)).map(toSource);
}
async function getSource(ctx: Ctx, id: string): Promise<TCarbonSource> {
  const [row] = await queryRows<Row>(ctx.tx, sql`SELECT * FROM carbon_sources WHERE id = ${id}`);
  if (!row) throw notFound('carbon source');
  return toSource(row);
}

/** Process and biomass sources carry their unit and factor; the others have fixed units and no factor. */
export async function createSource(ctx: Ctx, input: TCreateCarbonSource): Promise<TCarbonSource> {
  const fixed = CARBON_SOURCE_UNITS[input.kind];
  const problems: Array<{ path: string; message: string }> = [];
  if (fixed === null) {
    if (!input.unit)
      problems.push({ path: 'body.unit', message: 'the unit the activity is entered in, e.g. t' });
    if (input.emissionFactor === undefined || input.emissionFactor === null)
      problems.push({ path: 'body.emissionFactor', message: 'tCO₂ per unit of activity' });
  } else {
    if (input.unit && input.unit !== fixed)
      problems.push({ path: 'body.unit', message: `${input.kind} is entered in ${fixed}` });
    if (input.emissionFactor !== undefined && input.emissionFactor !== null)
      problems.push({ path: 'body.emissionFactor', message: `only for process and biomass sources` });
  }
  if (problems.length) throw new AppError('VALIDATION', {}, problems);
  const [taken] = await queryRows(ctx.tx, sql`SELECT 1 FROM carbon_sources WHERE code = ${input.code}`);
  if (taken) throw new AppError('DUPLICATE_CODE', { code: input.code, entity: 'carbon source' });
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO carbon_sources (tenant_id, id, code, name, kind, unit, emission_factor, factor_source, note)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.code}, ${input.name}, ${input.kind}, ${fixed ?? input.unit!},
          ${fixed === null ? input.emissionFactor! : null}, ${input.factorSource ?? null}, ${input.note ?? null})`,
  );
  const created = await getSource(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: 'carbon_source', entityId: id, after: created });
  return created;
}

export async function deleteSource(ctx: Ctx, id: string): Promise<void> {
  const before = await getSource(ctx, id);
  const [used] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`SELECT count(*)::int AS n FROM carbon_activity WHERE source_id = ${id}`,
  );
  if (used!.n > 0)
    throw new AppError('IN_USE', {
      entity: 'carbon source',
      code: before.code,
      count: used!.n,
      users: 'months of activity data',
    });
  await queryRows(ctx.tx, sql`DELETE FROM carbon_sources WHERE id = ${id}`);
  await recordAudit(ctx, { action: 'delete', entityType: 'carbon_source', entityId: id, before });
}

export async function putActivity(
  ctx: Ctx,
  id: string,
  month: string,
  input: { quantity: number; note?: string | null },
): Promise<TCarbonActivity> {
  const source = await getSource(ctx, id);
  await queryRows(
    ctx.tx,
    sql`INSERT INTO carbon_activity (tenant_id, source_id, month, quantity, note, updated_by)
        VALUES (${ctx.actor.tenantId}, ${id}, ${`${month}-01`}::date, ${input.quantity}, ${input.note ?? null}, ${ctx.actor.userId})
        ON CONFLICT (tenant_id, source_id, month) DO UPDATE SET quantity = EXCLUDED.quantity, note = EXCLUDED.note,
          updated_by = EXCLUDED.updated_by, updated_at = now()`,
  );
  const entry = { sourceId: id, month, quantity: input.quantity, note: input.note ?? null };
  await recordAudit(ctx, {
    action: 'update',
    entityType: 'carbon_activity',
    entityId: `${id}:${month}`,
    after: { ...entry, source: source.code },
  });
  return entry;
}

export async function listActivity(
  ctx: Ctx,
  id: string | null,
  q: { from?: string; to?: string },
): Promise<TCarbonActivity[]> {
  if (id) await getSource(ctx, id);
  const rows = await queryRows<{ source_id: string; month: string; quantity: number; note: string | null }>(
    ctx.tx,
    sql`SELECT source_id, to_char(month, 'YYYY-MM') AS month, quantity, note FROM carbon_activity
        WHERE (${id}::uuid IS NULL OR source_id = ${id}::uuid)
          AND (${q.from ?? null}::text IS NULL OR month >= (${q.from ?? null} || '-01')::date)
          AND (${q.to ?? null}::text IS NULL OR month <= (${q.to ?? null} || '-01')::date)
        ORDER BY month, source_id`,
  );
  return rows.map((r) => ({ sourceId: r.source_id, month: r.month, quantity: r.quantity, note: r.note }));
}
