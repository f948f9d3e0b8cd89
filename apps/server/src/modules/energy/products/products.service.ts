import { sql } from 'drizzle-orm';
import type { TProductEnergy, TPutProductEnergy } from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { queryRows, toIso } from '../../../platform/db/rows.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { dec, resolveNode } from '../ledgers/ledger-scope.ts';
import { descendantsOf } from '../../modeling/data-scope.ts';

const ENTITY = 'product energy settings';

interface Row {
  material_id: string;
  material_code: string;
  material_name: string;
  unit_code: string;
  limit_kgce_per_unit: string | null;
  limit_value_kind: 'equivalent' | 'equal';
  limit_standard: string | null;
  note: string | null;
  updated_at: Date | string;
}
interface NodeRow {
  material_id: string;
  node_id: string;
  code: string;
  name: string;
  kind: string;
  weight: string;
}

/** Every product's settings: where it is made, with weights, and its limit value. */
export async function listProductEnergy(ctx: Ctx, materialId?: string): Promise<TProductEnergy[]> {
  const only = materialId ? sql`WHERE p.material_id = ${materialId}` : sql``;
  const rows = await queryRows<Row>(
    ctx.tx,
    sql`SELECT p.material_id, mt.code AS material_code, mt.name AS material_name, un.code AS unit_code,
          p.limit_kgce_per_unit::text AS limit_kgce_per_unit, p.limit_value_kind, p.limit_standard, p.note, p.updated_at
        FROM energy_products p
        JOIN materials mt ON mt.tenant_id = p.tenant_id AND mt.id = p.material_id
        JOIN units un ON un.tenant_id = mt.tenant_id AND un.id = mt.unit_id
        ${only} ORDER BY mt.code`,
  );
  const nodes = await queryRows<NodeRow>(
    ctx.tx,
    sql`SELECT pn.material_id, pn.node_id, n.code, n.name, n.kind, pn.weight::text AS weight
        FROM energy_product_nodes pn JOIN plant_nodes n ON n.tenant_id = pn.tenant_id AND n.id = pn.node_id
        ${materialId ? sql`WHERE pn.material_id = ${materialId}` : sql``} ORDER BY n.code`,
  );
  return rows.map((r) => ({
    materialId: r.material_id,
    materialCode: r.material_code,
    materialName: r.material_name,
    unit: r.unit_code,
    nodes: nodes
      .filter((n) => n.material_id === r.material_id)
      .map((n) => ({
        nodeId: n.node_id,
        nodeCode: n.code,
        nodeName: n.name,
        kind: n.kind,
        weight: dec(n.weight)!,
      })),
    limitKgcePerUnit: dec(r.limit_kgce_per_unit),
    limitValueKind: r.limit_value_kind,
    limitStandard: r.limit_standard,
    note: r.note,
    updatedAt: toIso(r.updated_at),
  }));
}

/**
 * Sets where a finished product is made and its limit value. Production nodes of all products must not nest
 * (a workshop and a line inside it): the line's energy would then be counted for both.
 */
export async function putProductEnergy(
  ctx: Ctx,
  materialId: string,
  input: TPutProductEnergy,
): Promise<TProductEnergy> {
  const [material] = await queryRows<{ type: string }>(
    ctx.tx,
    sql`SELECT type FROM materials WHERE id = ${materialId}`,
  );
  if (!material) throw notFound('material');
  if (material.type !== 'finished' && material.type !== 'semi_finished')
    throw new AppError('VALIDATION', {}, [
      {
        path: 'params.materialId',
        message: `must be a finished or semi-finished product, not ${material.type}`,
      },
    ]);
  const problems: Array<{ path: string; message: string }> = [];
  const seen = new Set<string>();
  for (const [i, n] of input.nodes.entries()) {
    await resolveNode(ctx, { id: n.nodeId, path: `body.nodes.${i}.nodeId` });
    if (seen.has(n.nodeId)) problems.push({ path: `body.nodes.${i}.nodeId`, message: 'listed twice' });
    seen.add(n.nodeId);
  }
  const tree = await queryRows<{ id: string; parentId: string | null; code: string }>(
    ctx.tx,
    sql`SELECT id, parent_id AS "parentId", code FROM plant_nodes`,
  );
  const codeOf = new Map(tree.map((n) => [n.id, n.code]));
  const others = await queryRows<{ node_id: string; code: string }>(
    ctx.tx,
    sql`SELECT DISTINCT pn.node_id, mt.code FROM energy_product_nodes pn
        JOIN materials mt ON mt.tenant_id = pn.tenant_id AND mt.id = pn.material_id
        WHERE pn.material_id <> ${materialId}`,
  );
  const used = [
    ...others.map((o) => ({ nodeId: o.node_id, by: `product ${o.code}` })),
    ...input.nodes.map((n, i) => ({ nodeId: n.nodeId, by: `nodes.${i}` })),
  ];
  input.nodes.forEach((n, i) => {
    const below = descendantsOf(tree, [n.nodeId]);
    for (const u of used) {
      if (u.nodeId === n.nodeId || u.by === `nodes.${i}`) continue;
      const inside = below.has(u.nodeId);
      const outside = descendantsOf(tree, [u.nodeId]).has(n.nodeId);
      if (inside || outside)
        problems.push({
          path: `body.nodes.${i}.nodeId`,
          message: `${codeOf.get(n.nodeId)} ${inside ? 'contains' : 'lies within'} ${codeOf.get(u.nodeId)} (${u.by}): its energy would be counted twice`,
        });
    }
  });
  if (problems.length) throw new AppError('VALIDATION', {}, problems);

  const before = (await listProductEnergy(ctx, materialId))[0];
  await queryRows(
    ctx.tx,
    sql`INSERT INTO energy_products (tenant_id, material_id, limit_kgce_per_unit, limit_value_kind, limit_standard, note, updated_by)
        VALUES (${ctx.actor.tenantId}, ${materialId}, ${input.limitKgcePerUnit ?? null}::numeric, ${input.limitValueKind},
                ${input.limitStandard ?? null}, ${input.note ?? null}, ${ctx.actor.userId})
        ON CONFLICT (tenant_id, material_id) DO UPDATE SET limit_kgce_per_unit = EXCLUDED.limit_kgce_per_unit,
          limit_value_kind = EXCLUDED.limit_value_kind, limit_standard = EXCLUDED.limit_standard, note = EXCLUDED.note,
          updated_by = EXCLUDED.updated_by, updated_at = now()`,
  );
  await queryRows(ctx.tx, sql`DELETE FROM energy_product_nodes WHERE material_id = ${materialId}`);
  for (const n of input.nodes)
    await queryRows(
      ctx.tx,
      sql`INSERT INTO energy_product_nodes (tenant_id, material_id, node_id, weight)
          VALUES (${ctx.actor.tenantId}, ${materialId}, ${n.nodeId}, ${n.weight}::numeric)`,
    );
  const after = (await listProductEnergy(ctx, materialId))[0]!;
  await recordAudit(ctx, {
    action: before ? 'update' : 'create',
    entityType: 'energy_product',
    entityId: materialId,
    ...(before ? { before } : {}),
    after,
  });
  return after;
}

export async function deleteProductEnergy(ctx: Ctx, materialId: string): Promise<void> {
  const before = (await listProductEnergy(ctx, materialId))[0];
  if (!before) throw notFound(ENTITY);
  await queryRows(ctx.tx, sql`DELETE FROM energy_products WHERE material_id = ${materialId}`);
  await recordAudit(ctx, { action: 'delete', entityType: 'energy_product', entityId: materialId, before });
}
