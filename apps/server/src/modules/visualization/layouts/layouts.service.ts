import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type {
  TCreatePlantLayout,
  TPage,
  TPlantLayout,
  TPlantLayoutDetail,
  TPlantLayoutQuery,
  TPlantModel,
  TSavePlantLayoutMarkers,
  TUpdatePlantLayout,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { likePattern, pageWindow } from '../../../platform/db/paging.ts';
import { toIso } from '../../../platform/db/rows.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { assertWritable, isAllowed, isVisible, type Scope } from '../../modeling/data-scope.ts';
import { equipment as equipmentTable } from '../../modeling/modeling.schema.ts';
import { findEquipment, type EquipmentRow, type PlantNodeRow } from '../../modeling/modeling.repository.ts';
import { loadPlant } from '../../modeling/plant.service.ts';
import { sniffBackgroundImage } from './background-image.ts';
import * as repo from './layouts.repository.ts';

const ENTITY = 'plant layout';
type Plant = Awaited<ReturnType<typeof loadPlant>>;

const toLayout = (row: repo.LayoutRow, nodes: PlantNodeRow[]): TPlantLayout => ({
  id: row.id,
  nodeId: row.node_id,
  nodeName: nodes.find((n) => n.id === row.node_id)?.name ?? '',
  name: row.name,
  backgroundType: row.background_type as TPlantLayout['backgroundType'],
  width: row.width,
  height: row.height,
  markerCount: row.marker_count,
  version: row.version,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

/** A layout is seen by whoever sees its site or area (an ancestor of their scope included, read-only). */
async function visibleLayout(ctx: Ctx, plant: Plant, id: string): Promise<repo.LayoutRow> {
  const row = await repo.layoutById(ctx.tx, id);
  if (!row || !isVisible(plant.scope, row.node_id)) throw notFound(ENTITY);
  return row;
}

function assertLayoutNode({ nodes, scope }: Plant, nodeId: string): void {
  const node = nodes.find((n) => n.id === nodeId);
  if (!node || !isVisible(scope, nodeId))
    throw new AppError('VALIDATION', {}, [{ path: 'body.nodeId', message: 'unknown plant node' }]);
  if (node.kind !== 'site' && node.kind !== 'area')
    throw new AppError('VALIDATION', {}, [
      {
        path: 'body.nodeId',
        message: `a layout shows a site or an area, not a ${node.kind.replace('_', ' ')}`,
      },
    ]);
  assertWritable(scope, nodeId, 'plant node');
}

/** Equipment within the caller's scope, by id, in one query. */
async function scopedEquipment(ctx: Ctx, scope: Scope, ids: string[]): Promise<Map<string, EquipmentRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await findEquipment(ctx.tx, inArray(equipmentTable.id, ids), ids.length, 0);
  return new Map(rows.filter((e) => isAllowed(scope, e.nodeId)).map((e) => [e.id, e]));
}

export async function listLayouts({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: TPlantLayoutQuery;
}): Promise<TPage<TPlantLayout>> {
  const { nodes, scope } = await loadPlant(ctx);
  const visible = nodes.filter((n) => isVisible(scope, n.id)).map((n) => n.id);
  const nodeIds = query.nodeId ? visible.filter((id) => id === query.nodeId) : scope.visible ? visible : null;
  const { limit, offset } = pageWindow(query);
  const { total, rows } = await repo.findLayouts(ctx.tx, {
    nodeIds,
    q: query.q ? likePattern(query.q) : undefined,
    limit,
    offset,
  });
  return { items: rows.map((r) => toLayout(r, nodes)), total, page: query.page, pageSize: query.pageSize };
}

export async function getLayout({ ctx, id }: { ctx: Ctx; id: string }): Promise<TPlantLayoutDetail> {
  const plant = await loadPlant(ctx);
  const row = await visibleLayout(ctx, plant, id);
  const markers = await repo.markersOf(ctx.tx, id);
  const equipment = await scopedEquipment(
    ctx,
    plant.scope,
    markers.map((m) => m.equipment_id),
  );
  return {
    ...toLayout(row, plant.nodes),
    // a layout of a whole site shown to a user scoped to one area: only that area's markers
    markerCount: markers.filter((m) => equipment.has(m.equipment_id)).length,
    markers: markers.flatMap((m) => {
      const e = equipment.get(m.equipment_id);
      return e
        ? [
            {
              equipmentId: m.equipment_id,
              x: m.x,
              y: m.y,
              label: m.label,
              equipmentCode: e.code,
              equipmentName: e.name,
              category: e.category as TPlantLayoutDetail['markers'][number]['category'],
            },
          ]
        : [];
    }),
  };
}

export async function createLayout({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TCreatePlantLayout;
}): Promise<TPlantLayoutDetail> {
  assertLayoutNode(await loadPlant(ctx), input.nodeId);
  const id = randomUUID();
  await repo.insertLayout(ctx.tx, {
    tenantId: ctx.actor.tenantId,
    id,
    nodeId: input.nodeId,
    name: input.name,
    createdBy: ctx.actor.userId,
  });
  const created = await getLayout({ ctx, id });
  await recordAudit(ctx, { action: 'create', entityType: 'plant_layout', entityId: id, after: created });
  return created;
}

/** The layout as the caller may change it: visible, and its node within the caller's scope. */
async function writableLayout(ctx: Ctx, id: string) {
  const plant = await loadPlant(ctx);
  const row = await visibleLayout(ctx, plant, id);
  assertWritable(plant.scope, row.node_id, ENTITY);
  return { plant, row };
}

async function bumpVersion(ctx: Ctx, id: string, version: number, set: ReturnType<typeof sql>[]) {
  if (!(await repo.updateLayoutAt(ctx.tx, id, version, set)))
    throw new AppError('CONFLICT', {
      reason: 'The layout was changed by someone else since you opened it; reload it and try again',
    });
}

export async function updateLayout({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TUpdatePlantLayout;
}): Promise<TPlantLayoutDetail> {
  const { plant } = await writableLayout(ctx, id);
  if (input.nodeId !== undefined) assertLayoutNode(plant, input.nodeId);
  const before = await getLayout({ ctx, id });
  await bumpVersion(ctx, id, input.version, [
    ...(input.name !== undefined ? [sql`name = ${input.name}`] : []),
    ...(input.nodeId !== undefined ? [sql`node_id = ${input.nodeId}`] : []),
  ]);
  const after = await getLayout({ ctx, id });
  await recordAudit(ctx, { action: 'update', entityType: 'plant_layout', entityId: id, before, after });
  return after;
}

export async function deleteLayout({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  await writableLayout(ctx, id);
  const before = await getLayout({ ctx, id });
  await repo.deleteLayout(ctx.tx, id);
  await recordAudit(ctx, { action: 'delete', entityType: 'plant_layout', entityId: id, before });
}

export async function uploadBackground({
  ctx,
  id,
  version,
  body,
}: {
  ctx: Ctx;
  id: string;
  version: number;
  body: unknown;
}): Promise<TPlantLayoutDetail> {
  await writableLayout(ctx, id);
  const image = sniffBackgroundImage(body);
  const before = await getLayout({ ctx, id });
  await bumpVersion(ctx, id, version, [
    sql`background = ${body as Buffer}`,
    sql`background_type = ${image.type}`,
    sql`width = ${image.width}`,
    sql`height = ${image.height}`,
  ]);
  const after = await getLayout({ ctx, id });
  // the audit keeps what the image was, not its bytes
  await recordAudit(ctx, {
    action: 'upload_background',
    entityType: 'plant_layout',
    entityId: id,
    before,
    after: { ...after, backgroundBytes: (body as Buffer).length },
  });
  return after;
}

export async function backgroundOf({ ctx, id }: { ctx: Ctx; id: string }) {
  await visibleLayout(ctx, await loadPlant(ctx), id);
  const image = await repo.background(ctx.tx, id);
  if (!image) throw notFound('background image');
  return image;
}

/** Replaces every marker: each equipment once, known and within the caller's scope. */
export async function saveMarkers({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TSavePlantLayoutMarkers;
}): Promise<TPlantLayoutDetail> {
  const { plant } = await writableLayout(ctx, id);
  const issues: Array<{ path: string; message: string }> = [];
  const firstAt = new Map<string, number>();
  input.markers.forEach((m, i) => {
    const prior = firstAt.get(m.equipmentId);
    if (prior !== undefined)
      issues.push({
        path: `body.markers.${i}.equipmentId`,
        message: `this equipment is already placed by markers.${prior}`,
      });
    else firstAt.set(m.equipmentId, i);
  });
  const known = await scopedEquipment(ctx, plant.scope, [...firstAt.keys()]);
  for (const [equipmentId, i] of firstAt)
    if (!known.has(equipmentId))
      issues.push({ path: `body.markers.${i}.equipmentId`, message: 'unknown equipment' });
  if (issues.length) throw new AppError('VALIDATION', {}, issues);

  const before = await getLayout({ ctx, id });
  await bumpVersion(ctx, id, input.version, []);
  await repo.replaceMarkers(ctx.tx, {
    tenantId: ctx.actor.tenantId,
    layoutId: id,
    markers: input.markers.map((m) => ({
      equipment_id: m.equipmentId,
      x: m.x,
      y: m.y,
      label: m.label || null,
    })),
  });
  const after = await getLayout({ ctx, id });
  await recordAudit(ctx, {
    action: 'save_markers',
    entityType: 'plant_layout',
    entityId: id,
    before: before.markers,
    after: after.markers,
  });
  return after;
}

/**
 * The factory model for the 3D view in one answer: the visible nodes and every equipment in scope with
 * its category (which the plant tree leaves out), so 1,000+ pieces take two queries, not pages.
 */
export async function plantModel(ctx: Ctx): Promise<TPlantModel> {
  const { nodes, scope } = await loadPlant(ctx);
  const where = scope.allowed
    ? scope.allowed.size
      ? inArray(equipmentTable.nodeId, [...scope.allowed])
      : sql`false`
    : undefined;
  const { rows } = await findEquipment(ctx.tx, where, 1_000_000, 0);
  return {
    nodes: nodes
      .filter((n) => isVisible(scope, n.id))
      .map((n) => ({ id: n.id, parentId: n.parentId, kind: n.kind, code: n.code, name: n.name })),
    equipment: rows.map((e) => ({
      id: e.id,
      nodeId: e.nodeId,
      code: e.code,
      name: e.name,
      category: e.category as TPlantModel['equipment'][number]['category'],
    })),
  };
}
