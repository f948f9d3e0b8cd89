import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.ts';
import { queryRows } from '../../../platform/db/rows.ts';

export interface LayoutRow {
  id: string;
  node_id: string;
  name: string;
  background_type: string | null;
  width: number | null;
  height: number | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  marker_count: number;
}

// the background bytes stay out of every list and detail read: only the image route fetches them
const LAYOUT_COLUMNS = sql`l.id, l.node_id, l.name, l.background_type, l.width, l.height, l.version,
  l.created_at, l.updated_at,
  (SELECT count(*)::int FROM plant_layout_markers m WHERE m.layout_id = l.id) AS marker_count`;

export async function findLayouts(
  tx: Tx,
  o: { nodeIds: string[] | null; q?: string; limit: number; offset: number },
): Promise<{ total: number; rows: LayoutRow[] }> {
  const where = sql.join(
    [
      sql`true`,
      ...(o.nodeIds ? [sql`l.node_id = ANY(${sql.param(o.nodeIds)}::uuid[])`] : []),
      ...(o.q ? [sql`l.name ILIKE ${o.q}`] : []),
    ],
    sql` AND `,
  );
  const [{ total }] = (await queryRows<{ total: number }>(
    tx,
    sql`SELECT count(*)::int AS total FROM plant_layouts l WHERE ${where}`,
  )) as [{ total: number }];
  const rows = await queryRows<LayoutRow>(
    tx,
    sql`SELECT ${LAYOUT_COLUMNS} FROM plant_layouts l WHERE ${where}
        ORDER BY l.name, l.id LIMIT ${o.limit} OFFSET ${o.offset}`,
  );
  return { total, rows };
}

export const layoutById = async (tx: Tx, id: string) =>
  (await queryRows<LayoutRow>(tx, sql`SELECT ${LAYOUT_COLUMNS} FROM plant_layouts l WHERE l.id = ${id}`))[0];

export async function insertLayout(
  tx: Tx,
  row: { tenantId: string; id: string; nodeId: string; name: string; createdBy: string },
): Promise<void> {
  await tx.execute(sql`INSERT INTO plant_layouts (tenant_id, id, node_id, name, created_by)
    VALUES (${row.tenantId}, ${row.id}, ${row.nodeId}, ${row.name}, ${row.createdBy})`);
}

/** Applies `set` and bumps the version only if it is still `version`; false when someone else got there first. */
export async function updateLayoutAt(tx: Tx, id: string, version: number, set: SQL[]): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE plant_layouts SET ${sql.join([...set, sql`version = version + 1`, sql`updated_at = now()`], sql`, `)}
        WHERE id = ${id} AND version = ${version} RETURNING id`,
  );
  return rows.length === 1;
}

export async function background(tx: Tx, id: string): Promise<{ bytes: Buffer; type: string } | null> {
  const [row] = await queryRows<{ background: Uint8Array | null; background_type: string | null }>(
    tx,
    sql`SELECT background, background_type FROM plant_layouts WHERE id = ${id}`,
  );
  if (!row?.background || !row.background_type) return null;
  // node-postgres answers a Buffer, PGlite a Uint8Array
  return { bytes: Buffer.from(row.background), type: row.background_type };
}

export const deleteLayout = (tx: Tx, id: string) =>
  tx.execute(sql`DELETE FROM plant_layouts WHERE id = ${id}`);

export interface MarkerRow {
  equipment_id: string;
  x: number;
  y: number;
  label: string | null;
}

export const markersOf = (tx: Tx, layoutId: string) =>
  queryRows<MarkerRow>(
    tx,
    sql`SELECT equipment_id, x, y, label FROM plant_layout_markers WHERE layout_id = ${layoutId}
        ORDER BY equipment_id`,
  );

export async function replaceMarkers(
  tx: Tx,
  o: { tenantId: string; layoutId: string; markers: Array<MarkerRow> },
): Promise<void> {
  await tx.execute(sql`DELETE FROM plant_layout_markers WHERE layout_id = ${o.layoutId}`);
  // one statement for all markers: unnest over parallel arrays rather than thousands of VALUES rows
  if (o.markers.length)
    await tx.execute(sql`INSERT INTO plant_layout_markers (tenant_id, layout_id, equipment_id, x, y, label)
      SELECT ${o.tenantId}, ${o.layoutId}, e, x, y, l
      FROM unnest(${sql.param(o.markers.map((m) => m.equipment_id))}::uuid[],
                  ${sql.param(o.markers.map((m) => m.x))}::float8[],
                  ${sql.param(o.markers.map((m) => m.y))}::float8[],
                  ${sql.param(o.markers.map((m) => m.label))}::text[]) AS t(e, x, y, l)`);
}
