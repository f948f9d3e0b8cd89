import { sql } from 'drizzle-orm';
import {
  ENERGY_MEDIA,
  SAVING_PROJECT_STATUSES,
  ZCreateSavingProject,
  type SavingProjectStatus,
  type TCreateSavingProject,
  type TImportResult,
  type TSavingProjectFilters,
} from '@greenmes/contracts';
import type { Ctx } from '../../../platform/auth/actor.ts';
import { queryRows } from '../../../platform/db/rows.ts';
import {
  noteCode,
  pushIssues,
  readSheet,
  writeSheet,
  type Column,
  throwRowErrors,
} from '../../../platform/excel/excel.ts';
import { allowedNodeIds, excelNumber } from './ledger-scope.ts';
import {
  allProjects,
  projectIdsByCode,
  projectIssues,
  writeImportedProject,
} from './saving-projects.service.ts';

export const PROJECT_COLUMNS: Column[] = [
  { key: 'code', header: '项目编号 / Code' },
  { key: 'name', header: '项目名称 / Name', width: 28 },
  { key: 'node', header: '实施部位 / Site or area' },
  { key: 'measureType', header: '措施类型 / Measure type', width: 20 },
  { key: 'status', header: '状态 / Status' },
  { key: 'startDate', header: '开始日期 / Start date' },
  { key: 'finishDate', header: '完成日期 / Finish date' },
  { key: 'investment', header: '投资(万元) / Investment' },
  { key: 'media', header: '涉及能源 / Media', width: 20 },
  { key: 'expectedSavingsTce', header: '预计年节能量(tce) / Expected tce' },
  { key: 'expectedSavingsQuantity', header: '预计年节能实物量 / Expected quantity' },
  { key: 'expectedSavingsUnit', header: '实物量单位 / Unit' },
  { key: 'expectedSavingsValue', header: '预计年节约(万元) / Expected value' },
  { key: 'verifiedSavingsTce', header: '核定节能量(tce) / Verified tce' },
  { key: 'verifiedSavingsValue', header: '核定节约(万元) / Verified value' },
  { key: 'verificationMethod', header: '核定方法 / Verification method', width: 24 },
  { key: 'verifiedOn', header: '核定日期 / Verified on' },
  { key: 'verifiedBy', header: '核定人 / Verified by' },
  { key: 'simplePaybackYears', header: '静态回收期(年) / Payback years' },
  { key: 'description', header: '说明 / Description', width: 30 },
];

const NUMBER_COLUMNS = [
  'investment',
  'expectedSavingsTce',
  'expectedSavingsQuantity',
  'expectedSavingsValue',
  'verifiedSavingsTce',
  'verifiedSavingsValue',
  'simplePaybackYears',
] as const;

export async function exportProjects(ctx: Ctx, filters: TSavingProjectFilters): Promise<Buffer> {
  const projects = await allProjects(ctx, filters);
  return writeSheet({
    sheetName: 'saving-projects',
    columns: PROJECT_COLUMNS,
    rows: projects.map((p) => ({
      ...p,
      ...Object.fromEntries(NUMBER_COLUMNS.map((k) => [k, excelNumber(p[k])])),
      node: p.nodeCode,
      media: p.media.join(','),
    })),
  });
}

export const projectTemplate = () =>
  writeSheet({
    sheetName: 'saving-projects',
    columns: PROJECT_COLUMNS,
    rows: [
      {
        code: 'ES-2025-01',
        name: '空压站变频改造',
        node: 'UT',
        measureType: 'compressed_air',
        status: 'planned',
        startDate: '2025-03-01',
        investment: '45',
        media: 'electricity',
        expectedSavingsTce: '36.9',
        expectedSavingsQuantity: '300000',
        expectedSavingsUnit: 'kWh',
        expectedSavingsValue: '21',
      },
    ],
  });

/**
 * All-or-nothing, upsert by code. The status column is taken as recorded (a ledger brought over from
 * Excel is often mid-way); the transition rules apply to changes made in GreenMES afterwards.
 */
export async function importProjects(ctx: Ctx, body: unknown, dryRun: boolean): Promise<TImportResult> {
  const rows = await readSheet({ body, columns: PROJECT_COLUMNS });
  const allowed = await allowedNodeIds(ctx);
  const nodes = new Map(
    (await queryRows<{ id: string; code: string }>(ctx.tx, sql`SELECT id, code FROM plant_nodes`))
      .filter((x) => allowed === null || allowed.includes(x.id))
      .map((x) => [x.code, x.id]),
  );
  const errors: TImportResult['errors'] = [];
  const valid: Array<{ row: number; input: TCreateSavingProject; status: SavingProjectStatus }> = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const nodeId = cells.node ? nodes.get(cells.node) : undefined;
    if (!cells.node) errors.push({ row, column: 'node', message: 'required' });
    else if (!nodeId)
      errors.push({ row, column: 'node', message: `no plant node ${cells.node} in your data scope` });
    const status = (cells.status ?? 'planned') as SavingProjectStatus;
    if (!SAVING_PROJECT_STATUSES.includes(status))
      errors.push({ row, column: 'status', message: `one of ${SAVING_PROJECT_STATUSES.join(', ')}` });
    const media = (cells.media ?? '').split(/[,，;\s]+/).filter(Boolean);
    const unknown = media.filter((m) => !(ENERGY_MEDIA as readonly string[]).includes(m));
    if (unknown.length)
      errors.push({ row, column: 'media', message: `unknown medium ${unknown.join(', ')}` });
    const parsed = ZCreateSavingProject.safeParse({
      code: cells.code ?? '',
      name: cells.name ?? '',
      nodeId: nodeId ?? '00000000-0000-4000-8000-000000000000',
      measureType: cells.measureType ?? '',
      startDate: cells.startDate,
      finishDate: cells.finishDate,
      investment: cells.investment,
      media: unknown.length ? [] : media,
      expectedSavingsTce: cells.expectedSavingsTce,
      expectedSavingsQuantity: cells.expectedSavingsQuantity,
      expectedSavingsUnit: cells.expectedSavingsUnit,
      expectedSavingsValue: cells.expectedSavingsValue,
      verifiedSavingsTce: cells.verifiedSavingsTce,
      verifiedSavingsValue: cells.verifiedSavingsValue,
      verificationMethod: cells.verificationMethod,
      verifiedOn: cells.verifiedOn,
      verifiedBy: cells.verifiedBy,
      description: cells.description,
    });
    if (!parsed.success) pushIssues(errors, row, parsed.error.issues);
    else
      for (const issue of projectIssues({ ...parsed.data, status }, ''))
        errors.push({ row, column: issue.path.slice(1), message: issue.message });
    noteCode(seen, errors, row, cells.code);
    if (parsed.success && nodeId) valid.push({ row, input: parsed.data, status });
  }
  throwRowErrors(errors);
  const existing = await projectIdsByCode(ctx, [...seen.keys()]);
  const created = valid.filter((v) => !existing.has(v.input.code)).length;
  const result = { imported: 0, created, updated: valid.length - created, errors: [] };
  if (dryRun) return result;
  for (const { input, status } of valid)
    await writeImportedProject(ctx, { id: existing.get(input.code) ?? null, input, status });
  return { ...result, imported: valid.length };
}
