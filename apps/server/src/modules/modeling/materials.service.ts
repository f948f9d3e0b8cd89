import { randomUUID } from 'node:crypto';
import { and, eq, ilike, or } from 'drizzle-orm';
import {
  ZCreateMaterial,
  type TCreateMaterial,
  type TImportResult,
  type TMaterial,
  type TMaterialQuery,
  type TPage,
  type TUpdateMaterial,
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
import { materials } from './modeling.schema.ts';
import * as repo from './modeling.repository.ts';

const ENTITY = 'material';

const toMaterial = (m: repo.MaterialRow): TMaterial => ({
  id: m.id,
  code: m.code,
  name: m.name,
  type: m.type as TMaterial['type'],
  specification: m.specification,
  unitId: m.unitId,
  unitCode: m.unitCode,
  category: m.category,
  description: m.description,
  isActive: m.isActive,
  isSerialTracked: m.isSerialTracked,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});

type Filters = Omit<TMaterialQuery, 'page' | 'pageSize'>;
const filterWhere = (query: Filters) =>
  and(
    ...whereAll([
      query.q
        ? or(
            ilike(materials.code, likePattern(query.q)),
            ilike(materials.name, likePattern(query.q)),
            ilike(materials.specification, likePattern(query.q)),
          )
        : undefined,
      query.type ? eq(materials.type, query.type) : undefined,
      query.category ? eq(materials.category, query.category) : undefined,
      query.isActive ? eq(materials.isActive, query.isActive === 'true') : undefined,
    ]),
  );

export async function listMaterials({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: TMaterialQuery;
}): Promise<TPage<TMaterial>> {
  const { limit, offset } = pageWindow(query);
  const { total, rows } = await repo.findMaterials(ctx.tx, filterWhere(query), limit, offset);
  return { items: rows.map(toMaterial), total, page: query.page, pageSize: query.pageSize };
}

export async function getMaterial({ ctx, id }: { ctx: Ctx; id: string }): Promise<TMaterial> {
  const row = await repo.materialById(ctx.tx, id);
  if (!row) throw notFound(ENTITY);
  return toMaterial(row);
}

async function assertUnit(ctx: Ctx, unitId: string) {
  if (!(await repo.unitById(ctx.tx, unitId)))
    throw new AppError('VALIDATION', {}, [{ path: 'body.unitId', message: 'unknown unit of measure' }]);
}

export async function createMaterial({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TCreateMaterial;
}): Promise<TMaterial> {
  await assertUnit(ctx, input.unitId);
  if (await repo.codeTaken(ctx.tx, 'materials', input.code))
    throw new AppError('DUPLICATE_CODE', { code: input.code, entity: ENTITY });
  const id = randomUUID();
  await repo.insertMaterial(ctx.tx, {
    tenantId: ctx.actor.tenantId,
    id,
    code: input.code,
    name: input.name,
    type: input.type,
    specification: input.specification ?? null,
    unitId: input.unitId,
    category: input.category ?? null,
    description: input.description ?? null,
    isActive: input.isActive ?? true,
    isSerialTracked: input.isSerialTracked ?? false,
  });
  const created = await getMaterial({ ctx, id });
  await recordAudit(ctx, { action: 'create', entityType: 'material', entityId: id, after: created });
  return created;
}

export async function updateMaterial({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TUpdateMaterial;
}): Promise<TMaterial> {
  const before = await getMaterial({ ctx, id });
  if (input.unitId) await assertUnit(ctx, input.unitId);
  if (input.code && input.code !== before.code && (await repo.codeTaken(ctx.tx, 'materials', input.code, id)))
    throw new AppError('DUPLICATE_CODE', { code: input.code, entity: ENTITY });
  await repo.updateMaterialRow(ctx.tx, id, input);
  const after = await getMaterial({ ctx, id });
  await recordAudit(ctx, { action: 'update', entityType: 'material', entityId: id, before, after });
  return after;
}

export async function deleteMaterial({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  const before = await getMaterial({ ctx, id });
  await repo.deleteMaterialRow(ctx.tx, id);
  await recordAudit(ctx, { action: 'delete', entityType: 'material', entityId: id, before });
}

export const MATERIAL_COLUMNS: Column[] = [
  { key: 'code', header: '物料编码 / Code' },
  { key: 'name', header: '物料名称 / Name', width: 24 },
  { key: 'type', header: '类型 / Type' },
  { key: 'specification', header: '规格型号 / Specification', width: 24 },
  { key: 'unit', header: '单位 / Unit' },
  { key: 'category', header: '分类 / Category' },
  { key: 'isActive', header: '启用 / Active' },
  { key: 'isSerialTracked', header: '序列号管理 / Serial tracked' },
  { key: 'description', header: '说明 / Description', width: 30 },
];

export async function exportMaterials({ ctx, query }: { ctx: Ctx; query: Filters }): Promise<Buffer> {
  const { rows } = await repo.findMaterials(ctx.tx, filterWhere(query), 100_000, 0);
  return writeSheet({
    sheetName: 'materials',
    columns: MATERIAL_COLUMNS,
    rows: rows.map(toMaterial).map((m) => ({
      ...m,
      unit: m.unitCode,
      isActive: yesNo(m.isActive),
      isSerialTracked: yesNo(m.isSerialTracked),
    })),
  });
}

/** All-or-nothing, upsert by code. */
export async function importMaterials({
  ctx,
  body,
  dryRun,
}: {
  ctx: Ctx;
  body: unknown;
  dryRun: boolean;
}): Promise<TImportResult> {
  const rows = await readSheet({ body, columns: MATERIAL_COLUMNS });
  const unitByCode = new Map((await repo.allUnits(ctx.tx)).map((u) => [u.code, u.id]));
  const errors: TImportResult['errors'] = [];
  const valid: TCreateMaterial[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const unitId = cells.unit ? unitByCode.get(cells.unit) : undefined;
    if (!cells.unit) errors.push({ row, column: 'unit', message: 'required' });
    else if (!unitId) errors.push({ row, column: 'unit', message: `unknown unit ${cells.unit}` });
    const parsed = ZCreateMaterial.safeParse({
      code: cells.code ?? '',
      name: cells.name ?? '',
      type: cells.type ?? '',
      specification: cells.specification,
      unitId: unitId ?? '00000000-0000-4000-8000-000000000000',
      category: cells.category,
      isActive: yes(cells.isActive),
      // a sheet without the column (an older template) leaves the flag as it is
      isSerialTracked: yes(cells.isSerialTracked),
      description: cells.description,
    });
    if (!parsed.success) pushIssues(errors, row, parsed.error.issues);
    noteCode(seen, errors, row, cells.code);
    if (parsed.success && unitId) valid.push(parsed.data);
  }
  const existing = new Map((await repo.materialsByCodes(ctx.tx, [...seen.keys()])).map((m) => [m.code, m]));
  const created = valid.filter((v) => !existing.has(v.code)).length;
  const result = {
    imported: 0,
    created,
    updated: valid.length - created,
    errors: errors.sort((a, b) => a.row - b.row),
  };
  if (errors.length || dryRun) return result;
  for (const input of valid) {
    const prior = existing.get(input.code);
    if (prior) await updateMaterial({ ctx, id: prior.id, input });
    else await createMaterial({ ctx, input });
  }
  return { ...result, imported: valid.length };
}

export const materialTemplate = () =>
  writeSheet({
    sheetName: 'materials',
    columns: MATERIAL_COLUMNS,
    rows: [
      {
        code: 'RM-STEEL-45',
        name: '45#圆钢',
        type: 'raw',
        specification: 'Φ60',
        unit: 'kg',
        category: '钢材',
        isActive: 'Y',
        isSerialTracked: 'N',
      },
    ],
  });
