import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { countAll } from '../../platform/db/paging.ts';
import { equipment, materials, plantNodes, units } from './modeling.schema.ts';

/** SQL only; callers pass the request's RLS-scoped transaction. */

export type PlantNodeRow = typeof plantNodes.$inferSelect;
export type EquipmentRow = typeof equipment.$inferSelect;
export type MaterialRow = typeof materials.$inferSelect & { unitCode: string };
export type UnitRow = typeof units.$inferSelect;

export const allPlantNodes = (tx: Tx) =>
  tx.select().from(plantNodes).orderBy(asc(plantNodes.sortOrder), asc(plantNodes.code));

export const insertPlantNode = (tx: Tx, row: typeof plantNodes.$inferInsert) =>
  tx.insert(plantNodes).values(row);

export const updatePlantNode = (tx: Tx, id: string, set: Partial<typeof plantNodes.$inferInsert>) =>
  tx
    .update(plantNodes)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(plantNodes.id, id));

export const deletePlantNode = (tx: Tx, id: string) => tx.delete(plantNodes).where(eq(plantNodes.id, id));

export async function codeTaken(
  tx: Tx,
  table: 'plant_nodes' | 'equipment' | 'materials' | 'units',
  code: string,
  exceptId?: string,
) {
  const t = { plant_nodes: plantNodes, equipment, materials, units }[table];
  const [row] = await tx
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.code, code), exceptId ? sql`${t.id} <> ${exceptId}` : undefined));
  return Boolean(row);
}

export async function countEquipmentAt(tx: Tx, nodeId: string): Promise<number> {
  const [r] = await tx.select({ n: countAll }).from(equipment).where(eq(equipment.nodeId, nodeId));
  return r?.n ?? 0;
}

export async function countUsersScopedTo(tx: Tx, nodeId: string): Promise<number> {
  const result = (await tx.execute(
    sql`SELECT count(*)::int AS n FROM users WHERE ${nodeId}::uuid = ANY (data_scope_node_ids)`,
  )) as unknown as {
    rows: Array<{ n: number }>;
  };
  return result.rows[0]?.n ?? 0;
}

export const equipmentLeaves = (tx: Tx) =>
  tx
    .select({
      id: equipment.id,
      nodeId: equipment.nodeId,
      code: equipment.code,
      name: equipment.name,
      status: equipment.status,
    })
    .from(equipment)
    .orderBy(asc(equipment.sortOrder), asc(equipment.code));

export async function findEquipment(tx: Tx, where: SQL | undefined, limit: number, offset: number) {
  const [{ total }] = (await tx.select({ total: countAll }).from(equipment).where(where)) as [
    { total: number },
  ];
  const rows = await tx
    .select()
    .from(equipment)
    .where(where)
    .orderBy(asc(equipment.code))
    .limit(limit)
    .offset(offset);
  return { total, rows };
}

export const equipmentById = async (tx: Tx, id: string) =>
  (await tx.select().from(equipment).where(eq(equipment.id, id)))[0];
export const equipmentByCodes = (tx: Tx, codes: string[]) =>
  codes.length ? tx.select().from(equipment).where(inArray(equipment.code, codes)) : Promise.resolve([]);
export const insertEquipment = (tx: Tx, row: typeof equipment.$inferInsert) =>
  tx.insert(equipment).values(row);
export const updateEquipmentRow = (tx: Tx, id: string, set: Partial<typeof equipment.$inferInsert>) =>
  tx
    .update(equipment)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(equipment.id, id));
export const deleteEquipmentRow = (tx: Tx, id: string) => tx.delete(equipment).where(eq(equipment.id, id));

const materialColumns = { m: materials, unitCode: units.code };
const joinUnit = and(eq(units.tenantId, materials.tenantId), eq(units.id, materials.unitId));

export async function findMaterials(tx: Tx, where: SQL | undefined, limit: number, offset: number) {
  const [{ total }] = (await tx.select({ total: countAll }).from(materials).where(where)) as [
    { total: number },
  ];
  const rows = await tx
    .select(materialColumns)
    .from(materials)
    .innerJoin(units, joinUnit)
    .where(where)
    .orderBy(asc(materials.code))
    .limit(limit)
    .offset(offset);
  return { total, rows: rows.map((r) => ({ ...r.m, unitCode: r.unitCode })) };
}
export async function materialById(tx: Tx, id: string): Promise<MaterialRow | undefined> {
  const [r] = await tx
    .select(materialColumns)
    .from(materials)
    .innerJoin(units, joinUnit)
    .where(eq(materials.id, id));
  return r ? { ...r.m, unitCode: r.unitCode } : undefined;
}
export const materialsByCodes = (tx: Tx, codes: string[]) =>
  codes.length ? tx.select().from(materials).where(inArray(materials.code, codes)) : Promise.resolve([]);
export const insertMaterial = (tx: Tx, row: typeof materials.$inferInsert) =>
  tx.insert(materials).values(row);
export const updateMaterialRow = (tx: Tx, id: string, set: Partial<typeof materials.$inferInsert>) =>
  tx
    .update(materials)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(materials.id, id));
export const deleteMaterialRow = (tx: Tx, id: string) => tx.delete(materials).where(eq(materials.id, id));

export const allUnits = (tx: Tx) =>
  tx.select().from(units).orderBy(asc(units.dimension), asc(units.baseFactor));
export const unitById = async (tx: Tx, id: string) =>
  (await tx.select().from(units).where(eq(units.id, id)))[0];
export const insertUnit = (tx: Tx, row: typeof units.$inferInsert) => tx.insert(units).values(row);
export const updateUnitRow = (tx: Tx, id: string, set: Partial<typeof units.$inferInsert>) =>
  tx
    .update(units)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(units.id, id));
export const deleteUnitRow = (tx: Tx, id: string) => tx.delete(units).where(eq(units.id, id));
export async function countMaterialsUsingUnit(tx: Tx, unitId: string): Promise<number> {
  const [r] = await tx.select({ n: countAll }).from(materials).where(eq(materials.unitId, unitId));
  return r?.n ?? 0;
}

/** value × from / to in numeric, rounded to 12 decimals. */
export async function scaleDecimal(
  tx: Tx,
  value: string,
  fromFactor: string,
  toFactor: string,
): Promise<string> {
  const result = (await tx.execute(
    sql`SELECT round(${value}::numeric * ${fromFactor}::numeric / ${toFactor}::numeric, 12)::text AS r`,
  )) as unknown as { rows: Array<{ r: string }> };
  return result.rows[0]!.r;
}
