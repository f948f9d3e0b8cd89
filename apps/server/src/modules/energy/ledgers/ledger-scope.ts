import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { scopeOf } from '../../modeling/data-scope.ts';

/** The plant nodes the caller may see ledgers of (scoped nodes and their subtrees); null = all. */
export async function allowedNodeIds(ctx: Ctx): Promise<string[] | null> {
  if (ctx.actor.dataScopeNodeIds === null) return null;
  const nodes = await queryRows<{ id: string; parentId: string | null }>(
    ctx.tx,
    sql`SELECT id, parent_id AS "parentId" FROM plant_nodes`,
  );
  return [...(scopeOf(ctx, nodes).allowed ?? [])];
}

/** `column IN allowed`, or nothing when the caller is unrestricted. */
export const inScope = (column: SQL, allowed: string[] | null): SQL =>
  allowed === null ? sql`true` : sql`${column} = ANY(${sql.param(allowed)}::uuid[])`;

export interface NodeRef {
  id: string;
  kind: string;
  code: string;
  name: string;
}

/**
 * The plant node a ledger row hangs on, checked for kind and data scope: unknown or outside the
 * scope is a 400 on `path` (the caller named it), so nothing about other nodes is revealed.
 */
export async function resolveNode(
  ctx: Ctx,
  o: { id: string; path: string; kinds?: string[]; allowed?: string[] | null },
): Promise<NodeRef> {
  const allowed = o.allowed === undefined ? await allowedNodeIds(ctx) : o.allowed;
  const [node] = await queryRows<NodeRef>(
    ctx.tx,
    sql`SELECT id, kind, code, name FROM plant_nodes WHERE id = ${o.id}`,
  );
  if (!node || (allowed !== null && !allowed.includes(node.id)))
    throw new AppError('VALIDATION', {}, [
      { path: o.path, message: 'no such plant node in your data scope' },
    ]);
  if (o.kinds && !o.kinds.includes(node.kind))
    throw new AppError('VALIDATION', {}, [
      { path: o.path, message: `must be a ${o.kinds.join(' or ')}, not a ${node.kind}` },
    ]);
  return node;
}

/** numeric(18,6) as text without the trailing zeros: "12.500000" → "12.5". */
export const dec = (v: string | number | null): string | null => {
  if (v === null) return null;
  const s = String(v);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
};
export const dec0 = (v: string | number | null) => dec(v) ?? '0';

/** A decimal string in millionths, for exact comparisons. */
export function micro(v: string): bigint {
  const [int = '0', frac = ''] = v.replace('-', '').split('.');
  const n = BigInt(int + frac.padEnd(6, '0').slice(0, 6));
  return v.startsWith('-') ? -n : n;
}

/**
 * A decimal as an Excel number, so the sheet can sum it; kept as text when a double would not hold
 * it exactly (more than 15 significant digits).
 */
export const excelNumber = (v: string | null): number | string | null =>
  v === null || v.replace(/[-.]/g, '').replace(/^0+/, '').length > 15 ? v : Number(v);
