import { randomUUID } from 'node:crypto';
import { and, eq, ilike, inArray, or } from 'drizzle-orm';
import {
  ENERGY_MEDIA,
  ZCreateEquipment,
  type TCreateEquipment,
  type TEquipment,
  type TEquipmentQuery,
  type TImportResult,
  type TPage,
  type TUpdateEquipment,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { likePattern, pageWindow, whereAll } from '../../platform/db/paging.ts';
import {
  noteCode,
  pushIssues,
  readSheet,
  writeSheet,
  yes,
  yesNo,
  type Column,
} from '../../platform/excel/excel.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { assertWritable, descendantsOf, isAllowed } from './data-scope.ts';
import { equipment } from './modeling.schema.ts';
import * as repo from './modeling.repository.ts';
import { loadPlant } from './plant.service.ts';

const ENTITY = 'equipment';

/** numeric(14,3) comes back as "55.000"; show it as "55". */
export const trimDecimal = (v: string | null) =>
  v === null ? null : v.includes('.') ? v.replace(/\.?0+$/, '') : v;

export const toEquipment = (e: repo.EquipmentRow): TEquipment => ({
  id: e.id,
  nodeId: e.nodeId,
  code: e.code,
  name: e.name,
  model: e.model,
  manufacturer: e.manufacturer,
  serialNumber: e.serialNumber,
  category: e.category as TEquipment['category'],
  ratedPowerKw: trimDecimal(e.ratedPowerKw),
  energyMedia: e.energyMedia as TEquipment['energyMedia'],
  commissioningDate: e.commissioningDate,
  status: e.status as TEquipment['status'],
  isKeyEnergyConsumer: e.isKeyEnergyConsumer,
  isEliminatedModel: e.isEliminatedModel,
  phaseOutDate: e.phaseOutDate,
  description: e.description,
  sortOrder: e.sortOrder,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

type Filters = Omit<TEquipmentQuery, 'page' | 'pageSize'>;

async function filterWhere(ctx: Ctx, query: Filters) {
  const { nodes, scope } = await loadPlant(ctx);
  let nodeIds: Set<string> | null = scope.allowed;
  if (query.nodeId) {
    const subtree = descendantsOf(nodes, [query.nodeId]);
    nodeIds = new Set([...subtree].filter((id) => isAllowed(scope, id)));
  }
  return and(
    ...whereAll([
      nodeIds
        ? inArray(equipment.nodeId, nodeIds.size ? [...nodeIds] : ['00000000-0000-0000-0000-000000000000'])
        : undefined,
      query.q
        ? or(
            ilike(equipment.code, likePattern(query.q)),
            ilike(equipment.name, likePattern(query.q)),
            ilike(equipment.model, likePattern(query.q)),
          )
        : undefined,
      query.category ? eq(equipment.category, query.category) : undefined,
      query.status ? eq(equipment.status, query.status) : undefined,
      query.isEliminatedModel
        ? eq(equipment.isEliminatedModel, query.isEliminatedModel === 'true')
        : undefined,
      query.isKeyEnergyConsumer
        ? eq(equipment.isKeyEnergyConsumer, query.isKeyEnergyConsumer === 'true')
        : undefined,
    ]),
  );
}

export async function listEquipment({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: TEquipmentQuery;
}): Promise<TPage<TEquipment>> {
  const { limit, offset } = pageWindow(query);
  const { total, rows } = await repo.findEquipment(ctx.tx, await filterWhere(ctx, query), limit, offset);
  return { items: rows.map(toEquipment), total, page: query.page, pageSize: query.pageSize };
}

/** The plant tree and the caller's scope, loaded once per operation (an import loads it once for all rows). */
type Plant = Awaited<ReturnType<typeof loadPlant>>;

async function visibleEquipment(ctx: Ctx, { scope }: Plant, id: string): Promise<TEquipment> {
  const row = await repo.equipmentById(ctx.tx, id);
  if (!row || !isAllowed(scope, row.nodeId)) throw notFound(ENTITY);
  return toEquipment(row);
}

export async function getEquipment({ ctx, id }: { ctx: Ctx; id: string }): Promise<TEquipment> {
  return visibleEquipment(ctx, await loadPlant(ctx), id);
}

function assertNodeWritable({ nodes, scope }: Plant, nodeId: string): void {
  if (!nodes.some((n) => n.id === nodeId))
    throw new AppError('VALIDATION', {}, [{ path: 'body.nodeId', message: 'unknown plant node' }]);
  assertWritable(scope, nodeId, 'plant node');
}

function phaseOutCheck(isEliminated: boolean, phaseOutDate: string | null): void {
  if (isEliminated && !phaseOutDate)
    throw new AppError('VALIDATION', {}, [
      { path: 'body.phaseOutDate', message: 'required when the model is ordered eliminated' },
    ]);
}

const columnsOf = (input: Partial<TCreateEquipment>) => ({
  ...(input.nodeId !== undefined && { nodeId: input.nodeId }),
  ...(input.code !== undefined && { code: input.code }),
  ...(input.name !== undefined && { name: input.name }),
  ...(input.model !== undefined && { model: input.model }),
  ...(input.manufacturer !== undefined && { manufacturer: input.manufacturer }),
  ...(input.serialNumber !== undefined && { serialNumber: input.serialNumber }),
  ...(input.category !== undefined && { category: input.category }),
  ...(input.ratedPowerKw !== undefined && { ratedPowerKw: input.ratedPowerKw }),
  ...(input.energyMedia !== undefined && { energyMedia: [...new Set(input.energyMedia)] }),
  ...(input.commissioningDate !== undefined && { commissioningDate: input.commissioningDate }),
  ...(input.status !== undefined && { status: input.status }),
  ...(input.isKeyEnergyConsumer !== undefined && { isKeyEnergyConsumer: input.isKeyEnergyConsumer }),
  ...(input.isEliminatedModel !== undefined && { isEliminatedModel: input.isEliminatedModel }),
  ...(input.phaseOutDate !== undefined && { phaseOutDate: input.phaseOutDate }),
  ...(input.description !== undefined && { description: input.description }),
});

export async function createEquipment({
  ctx,
  input,
  plant,
}: {
  ctx: Ctx;
  input: TCreateEquipment;
  plant?: Plant;
}): Promise<TEquipment> {
  plant ??= await loadPlant(ctx);
  assertNodeWritable(plant, input.nodeId);
  if (await repo.codeTaken(ctx.tx, 'equipment', input.code))
    throw new AppError('DUPLICATE_CODE', { code: input.code, entity: ENTITY });
  const id = randomUUID();
  await repo.insertEquipment(ctx.tx, {
    tenantId: ctx.actor.tenantId,
    id,
    energyMedia: [],
    status: 'in_service',
    ...columnsOf(input),
    nodeId: input.nodeId,
    code: input.code,
    name: input.name,
    category: input.category,
  });
  const created = await visibleEquipment(ctx, plant, id);
  await recordAudit(ctx, { action: 'create', entityType: 'equipment', entityId: id, after: created });
  return created;
}

export async function updateEquipment({
  ctx,
  id,
  input,
  plant,
}: {
  ctx: Ctx;
  id: string;
  input: TUpdateEquipment;
  plant?: Plant;
}): Promise<TEquipment> {
  plant ??= await loadPlant(ctx);
  const before = await visibleEquipment(ctx, plant, id);
  assertNodeWritable(plant, before.nodeId);
  if (input.nodeId && input.nodeId !== before.nodeId) assertNodeWritable(plant, input.nodeId);
  if (input.code && input.code !== before.code && (await repo.codeTaken(ctx.tx, 'equipment', input.code, id)))
    throw new AppError('DUPLICATE_CODE', { code: input.code, entity: ENTITY });
  phaseOutCheck(
    input.isEliminatedModel ?? before.isEliminatedModel,
    input.phaseOutDate !== undefined ? input.phaseOutDate : before.phaseOutDate,
  );
  await repo.updateEquipmentRow(ctx.tx, id, columnsOf(input));
  const after = await visibleEquipment(ctx, plant, id);
  await recordAudit(ctx, { action: 'update', entityType: 'equipment', entityId: id, before, after });
  return after;
}

export async function deleteEquipment({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const plant = await loadPlant(ctx);
  const before = await visibleEquipment(ctx, plant, id);
  assertNodeWritable(plant, before.nodeId);
  await repo.deleteEquipmentRow(ctx.tx, id);
  await recordAudit(ctx, { action: 'delete', entityType: 'equipment', entityId: id, before });
}

// ---- Excel ----

export const EQUIPMENT_COLUMNS: Column[] = [
  { key: 'code', header: '设备编码 / Code' },
  { key: 'name', header: '设备名称 / Name', width: 24 },
  { key: 'location', header: '位置编码 / Location code' },
  { key: 'category', header: '类别 / Category' },
  { key: 'model', header: '型号 / Model' },
  { key: 'manufacturer', header: '制造商 / Manufacturer', width: 20 },
  { key: 'serialNumber', header: '出厂编号 / Serial number' },
  { key: 'ratedPowerKw', header: '额定功率kW / Rated power kW' },
  { key: 'energyMedia', header: '能源介质 / Energy media', width: 24 },
  { key: 'commissioningDate', header: '投运日期 / Commissioning date' },
  { key: 'status', header: '状态 / Status' },
  { key: 'isKeyEnergyConsumer', header: '重点用能 / Key energy consumer' },
  { key: 'isEliminatedModel', header: '淘汰型号 / Eliminated model' },
  { key: 'phaseOutDate', header: '计划淘汰日期 / Phase-out date' },
  { key: 'description', header: '说明 / Description', width: 30 },
];

export async function exportEquipment({ ctx, query }: { ctx: Ctx; query: Filters }): Promise<Buffer> {
  const { nodes } = await loadPlant(ctx);
  const codeOf = new Map(nodes.map((n) => [n.id, n.code]));
  const { rows } = await repo.findEquipment(ctx.tx, await filterWhere(ctx, query), 100_000, 0);
  return writeSheet({
    sheetName: 'equipment',
    columns: EQUIPMENT_COLUMNS,
    rows: rows.map(toEquipment).map((e) => ({
      ...e,
      location: codeOf.get(e.nodeId) ?? '',
      energyMedia: e.energyMedia.join(','),
      isKeyEnergyConsumer: yesNo(e.isKeyEnergyConsumer),
      isEliminatedModel: yesNo(e.isEliminatedModel),
    })),
  });
}

/** All-or-nothing: every bad row is reported and nothing is written until the file is clean. */
export async function importEquipment({
  ctx,
  body,
  dryRun,
}: {
  ctx: Ctx;
  body: unknown;
  dryRun: boolean;
}): Promise<TImportResult> {
  const rows = await readSheet({ body, columns: EQUIPMENT_COLUMNS });
  const plant = await loadPlant(ctx);
  const { nodes, scope } = plant;
  const nodeByCode = new Map(nodes.map((n) => [n.code, n]));
  const errors: TImportResult['errors'] = [];
  const valid: Array<{ row: number; input: TCreateEquipment }> = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const node = cells.location ? nodeByCode.get(cells.location) : undefined;
    if (!cells.location) errors.push({ row, column: 'location', message: 'required' });
    else if (!node || !isAllowed(scope, node.id))
      errors.push({ row, column: 'location', message: `unknown plant node code ${cells.location}` });
    const media = cells.energyMedia?.split(/[,，;\s]+/).filter(Boolean) ?? [];
    const badMedia = media.filter((m) => !(ENERGY_MEDIA as readonly string[]).includes(m));
    if (badMedia.length)
      errors.push({ row, column: 'energyMedia', message: `unknown energy medium: ${badMedia.join(', ')}` });
    const parsed = ZCreateEquipment.safeParse({
      nodeId: node?.id ?? '00000000-0000-4000-8000-000000000000',
      code: cells.code ?? '',
      name: cells.name ?? '',
      category: cells.category ?? '',
      model: cells.model,
      manufacturer: cells.manufacturer,
      serialNumber: cells.serialNumber,
      ratedPowerKw: cells.ratedPowerKw,
      energyMedia: badMedia.length ? [] : media,
      commissioningDate: cells.commissioningDate,
      status: cells.status ?? undefined,
      isKeyEnergyConsumer: yes(cells.isKeyEnergyConsumer),
      isEliminatedModel: yes(cells.isEliminatedModel),
      phaseOutDate: cells.phaseOutDate,
      description: cells.description,
    });
    if (!parsed.success) pushIssues(errors, row, parsed.error.issues);
    noteCode(seen, errors, row, cells.code);
    if (parsed.success && node) valid.push({ row, input: parsed.data });
  }
  const existing = new Map((await repo.equipmentByCodes(ctx.tx, [...seen.keys()])).map((e) => [e.code, e]));
  for (const [code, e] of existing)
    if (!isAllowed(scope, e.nodeId))
      errors.push({
        row: seen.get(code)!,
        column: 'code',
        message: 'this equipment is outside your data scope',
      });
  const created = valid.filter((v) => !existing.has(v.input.code)).length;
  const result = {
    imported: 0,
    created,
    updated: valid.length - created,
    errors: errors.sort((a, b) => a.row - b.row),
  };
  if (errors.length || dryRun) return result;
  for (const { input } of valid) {
    const prior = existing.get(input.code);
    if (prior) await updateEquipment({ ctx, id: prior.id, input, plant });
    else await createEquipment({ ctx, input, plant });
  }
  return { ...result, imported: valid.length };
}

export const equipmentTemplate = () =>
  writeSheet({
    sheetName: 'equipment',
    columns: EQUIPMENT_COLUMNS,
    rows: [
      {
        code: 'CNC-01',
        name: '数控车床 1#',
        location: 'MC-L1',
        category: 'machine_tool',
        model: 'CK6150',
        manufacturer: '沈阳机床',
        ratedPowerKw: '15',
        energyMedia: 'electricity',
        commissioningDate: '2021-05-01',
        status: 'in_service',
        isKeyEnergyConsumer: 'N',
        isEliminatedModel: 'N',
      },
    ],
  });
