import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type {
  EnergyMedium,
  EnergyUnit,
  TCoefficientOverride,
  TCreateCoefficientOverride,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { unitRatio, unitsOf, dimensionOf } from './calc/units.ts';
import { baseUnitOf, COAL_COEFFICIENTS, libraryKgcePer } from './factors/library.ts';

interface Row {
  id: string;
  medium: string;
  kgce_per_unit: number;
  unit: string;
  valid_from: string | Date;
  valid_to: string | Date | null;
  source: string;
  note: string | null;
  created_by: string | null;
  created_at: string | Date;
}

const day = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : toIso(d)!.slice(0, 10));

const toOverride = (r: Row): TCoefficientOverride => ({
  id: r.id,
  medium: r.medium as EnergyMedium,
  kgcePerUnit: r.kgce_per_unit,
  unit: r.unit as EnergyUnit,
  validFrom: day(r.valid_from),
  validTo: r.valid_to === null ? null : day(r.valid_to),
  source: r.source,
  note: r.note,
  libraryKgcePerUnit: libraryKgcePer(r.medium, r.unit as EnergyUnit),
  createdBy: r.created_by,
  createdAt: toIso(r.created_at)!,
});

const SELECT = sql`SELECT o.id, o.medium, o.kgce_per_unit, o.unit, o.valid_from::text AS valid_from, o.valid_to::text AS valid_to,
  o.source, o.note, u.username AS created_by, o.created_at
  FROM energy_coefficient_overrides o LEFT JOIN users u ON u.tenant_id = o.tenant_id AND u.id = o.created_by`;

export async function listOverrides(
  ctx: Ctx,
  query: { medium?: EnergyMedium; on?: string },
): Promise<TCoefficientOverride[]> {
  const rows = await queryRows<Row>(
    ctx.tx,
    sql`${SELECT} WHERE (${query.medium ?? null}::text IS NULL OR o.medium = ${query.medium ?? null})
        AND (${query.on ?? null}::date IS NULL OR (o.valid_from <= ${query.on ?? null}::date
             AND (o.valid_to IS NULL OR o.valid_to >= ${query.on ?? null}::date)))
        ORDER BY o.medium, o.valid_from DESC`,
  );
  return rows.map(toOverride);
}

/** One override per medium and day: a period overlapping another of the same medium is a 409. */
export async function createOverride(
  ctx: Ctx,
  input: TCreateCoefficientOverride,
): Promise<TCoefficientOverride> {
  if (COAL_COEFFICIENTS.has(input.medium)) {
    const base = baseUnitOf(input.medium);
    if (unitRatio(input.unit, base) === null)
      throw new AppError('VALIDATION', {}, [
        {
          path: 'body.unit',
          message: `${input.unit} is not a unit of ${input.medium}: use ${unitsOf(dimensionOf(base)).join(' or ')}`,
        },
      ]);
  }
  if (input.validTo && input.validTo < input.validFrom)
    throw new AppError('VALIDATION', {}, [{ path: 'body.validTo', message: 'must not be before validFrom' }]);
  const to = input.validTo ?? null;
  const [clash] = await queryRows<{ valid_from: string; valid_to: string | null }>(
    ctx.tx,
    sql`SELECT valid_from::text AS valid_from, valid_to::text AS valid_to FROM energy_coefficient_overrides
        WHERE medium = ${input.medium}
          AND valid_from <= coalesce(${to}::date, 'infinity'::date)
          AND coalesce(valid_to, 'infinity'::date) >= ${input.validFrom}::date
        LIMIT 1`,
  );
  if (clash)
    throw new AppError('CONFLICT', {
      reason: `${input.medium} already has an override from ${clash.valid_from} to ${clash.valid_to ?? 'open end'}; end it or delete it first`,
    });
  const id = randomUUID();
  await queryRows(
    ctx.tx,
    sql`INSERT INTO energy_coefficient_overrides (tenant_id, id, medium, kgce_per_unit, unit, valid_from, valid_to, source, note, created_by)
        VALUES (${ctx.actor.tenantId}, ${id}, ${input.medium}, ${input.kgcePerUnit}, ${input.unit}, ${input.validFrom}::date,
                ${to}::date, ${input.source}, ${input.note ?? null}, ${ctx.actor.userId})`,
  );
  const [row] = await queryRows<Row>(ctx.tx, sql`${SELECT} WHERE o.id = ${id}`);
  const created = toOverride(row!);
  await recordAudit(ctx, {
    action: 'create',
    entityType: 'energy_coefficient_override',
    entityId: id,
    after: created,
  });
  return created;
}

export async function deleteOverride(ctx: Ctx, id: string): Promise<void> {
  const [row] = await queryRows<Row>(ctx.tx, sql`${SELECT} WHERE o.id = ${id}`);
  if (!row) throw notFound('coefficient override');
  await queryRows(ctx.tx, sql`DELETE FROM energy_coefficient_overrides WHERE id = ${id}`);
  await recordAudit(ctx, {
    action: 'delete',
    entityType: 'energy_coefficient_override',
    entityId: id,
    before: toOverride(row),
  });
}
