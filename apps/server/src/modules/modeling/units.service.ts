import { randomUUID } from 'node:crypto';
import type { TCreateUnit, TUnit } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import * as repo from './modeling.repository.ts';
import { trimDecimal } from './equipment.service.ts';

const toUnit = (u: repo.UnitRow): TUnit => ({
  id: u.id,
  code: u.code,
  name: u.name,
  dimension: u.dimension as TUnit['dimension'],
  baseFactor: trimDecimal(u.baseFactor)!,
  isBase: u.isBase,
});

export const listUnits = async (ctx: Ctx) => (await repo.allUnits(ctx.tx)).map(toUnit);

async function getUnit(ctx: Ctx, id: string) {
  const row = await repo.unitById(ctx.tx, id);
  if (!row) throw notFound('unit');
  return toUnit(row);
}

export async function createUnit({ ctx, input }: { ctx: Ctx; input: TCreateUnit }): Promise<TUnit> {
  if (await repo.codeTaken(ctx.tx, 'units', input.code))
    throw new AppError('DUPLICATE_CODE', { code: input.code, entity: 'unit' });
  const id = randomUUID();
  await repo.insertUnit(ctx.tx, {
    tenantId: ctx.actor.tenantId,
    id,
    ...input,
    isBase: input.isBase ?? false,
  });
  const created = await getUnit(ctx, id);
  await recordAudit(ctx, { action: 'create', entityType: 'unit', entityId: id, after: created });
  return created;
}

export async function updateUnit({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: Partial<Pick<TCreateUnit, 'name' | 'baseFactor' | 'isBase'>>;
}) {
  const before = await getUnit(ctx, id);
  await repo.updateUnitRow(ctx.tx, id, input);
  const after = await getUnit(ctx, id);
  await recordAudit(ctx, { action: 'update', entityType: 'unit', entityId: id, before, after });
  return after;
}

export async function deleteUnit({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const before = await getUnit(ctx, id);
  const used = await repo.countMaterialsUsingUnit(ctx.tx, id);
  if (used)
    throw new AppError('IN_USE', { entity: 'unit', code: before.code, count: used, users: 'materials' });
  await repo.deleteUnitRow(ctx.tx, id);
  await recordAudit(ctx, { action: 'delete', entityType: 'unit', entityId: id, before });
}

/** Converts within one dimension; computed in PostgreSQL numeric so no binary float rounds it. */
export async function convert({
  ctx,
  from,
  to,
  value,
}: {
  ctx: Ctx;
  from: string;
  to: string;
  value: string;
}) {
  const all = await repo.allUnits(ctx.tx);
  const a = all.find((u) => u.code === from);
  const b = all.find((u) => u.code === to);
  const problems = [
    ...(a ? [] : [{ path: 'querystring.from', message: `unknown unit ${from}` }]),
    ...(b ? [] : [{ path: 'querystring.to', message: `unknown unit ${to}` }]),
  ];
  if (problems.length) throw new AppError('VALIDATION', {}, problems);
  if (a!.dimension !== b!.dimension)
    throw new AppError('VALIDATION', {}, [
      {
        path: 'querystring.to',
        message: `cannot convert ${a!.dimension} (${from}) to ${b!.dimension} (${to})`,
      },
    ]);
  const result = await repo.scaleDecimal(ctx.tx, value, a!.baseFactor, b!.baseFactor);
  return { from, to, value, result: trimDecimal(result)! };
}
