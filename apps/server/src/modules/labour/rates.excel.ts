import { sql } from 'drizzle-orm';
import {
  SCRAP_POLICIES,
  ZSavePieceRate,
  ZSaveTimeRate,
  type ScrapPolicy,
  type TImportResult,
  type TPieceRate,
  type TPieceRateQuery,
  type TSavePieceRateParsed,
  type TSaveTimeRateParsed,
  type TTimeRate,
  type TTimeRateQuery,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { queryRows } from '../../platform/db/rows.ts';
import {
  pushIssues,
  readSheet,
  writeSheet,
  type Cell,
  type Column,
  throwRowErrors,
} from '../../platform/excel/excel.ts';
import { AppError } from '../../platform/http/errors.ts';
import { money } from './rate-resolver.ts';
import {
  allPieceRates,
  allTimeRates,
  createPieceRate,
  createTimeRate,
  updatePieceRate,
  updateTimeRate,
} from './rates.service.ts';

/**
 * The wage-rate tables as factories keep them in Excel: one row per rate and period, operation, product
 * (material) and grade by code; a blank product or grade means any. No header has a "/" inside a part, as
 * the import matches either part of "中文 / English".
 */
export const PIECE_RATE_COLUMNS: Column[] = [
  { key: 'operationCode', header: '工序编码 / Operation code', width: 12 },
  { key: 'product', header: '产品编码 / Product code', width: 16 },
  { key: 'grade', header: '等级 / Grade', width: 10 },
  { key: 'rate', header: '单价（元） / Rate (yuan)', width: 12 },
  { key: 'scrapPolicy', header: '报废处理 / Scrap policy', width: 16 },
  { key: 'scrapDeduction', header: '报废扣款（元） / Scrap deduction (yuan)', width: 14 },
  { key: 'scrapPayPercent', header: '报废计酬比例（%） / Scrap pay (%)', width: 14 },
  { key: 'reworkRate', header: '返工单价（元） / Rework rate (yuan)', width: 14 },
  { key: 'effectiveFrom', header: '生效日期 / Effective from', width: 12 },
  { key: 'effectiveTo', header: '失效日期 / Effective to', width: 12 },
  { key: 'description', header: '说明 / Notes', width: 24 },
];
export const TIME_RATE_COLUMNS: Column[] = [
  { key: 'grade', header: '等级 / Grade', width: 10 },
  { key: 'rate', header: '时薪（元） / Hourly rate (yuan)', width: 14 },
  { key: 'effectiveFrom', header: '生效日期 / Effective from', width: 12 },
  { key: 'effectiveTo', header: '失效日期 / Effective to', width: 12 },
  { key: 'description', header: '说明 / Notes', width: 24 },
];
const PIECE_SHEET = '计件单价';
const TIME_SHEET = '计时单价';
// a field of the save schema → the column that holds it, where the names differ
const PIECE_COLUMN_OF: Record<string, string> = { productId: 'product', gradeId: 'grade' };
const TIME_COLUMN_OF: Record<string, string> = { gradeId: 'grade' };

/** The scrap policies in the web's words; the import also takes the API's (none, deduct, pay_percent). */
const POLICY_LABEL: Record<ScrapPolicy, string> = {
  none: '报废不计酬',
  deduct: '每件扣款',
  pay_percent: '按单价比例计酬',
};
const POLICY_OF = new Map<string, ScrapPolicy>(
  SCRAP_POLICIES.flatMap((p) => [
    [p, p],
    [POLICY_LABEL[p], p],
  ]),
);

type PieceFilters = Omit<TPieceRateQuery, 'page' | 'pageSize'>;
type TimeFilters = Omit<TTimeRateQuery, 'page' | 'pageSize'>;

export async function exportPieceRates(ctx: Ctx, filters: PieceFilters): Promise<Buffer> {
  const rates = await allPieceRates(ctx, filters);
  return writeSheet({
    sheetName: PIECE_SHEET,
    columns: PIECE_RATE_COLUMNS,
    rows: rates.map((r) => ({
      operationCode: r.operationCode,
      product: r.productCode,
      grade: r.gradeCode,
      rate: r.rate,
      scrapPolicy: POLICY_LABEL[r.scrapPolicy],
      scrapDeduction: r.scrapDeduction,
      scrapPayPercent: r.scrapPayPercent,
      reworkRate: r.reworkRate,
      effectiveFrom: r.effectiveFrom,
      effectiveTo: r.effectiveTo,
      description: r.description,
    })),
  });
}

export async function exportTimeRates(ctx: Ctx, filters: TimeFilters): Promise<Buffer> {
  const rates = await allTimeRates(ctx, filters);
  return writeSheet({
    sheetName: TIME_SHEET,
    columns: TIME_RATE_COLUMNS,
    rows: rates.map((r) => ({
      grade: r.gradeCode,
      rate: r.rate,
      effectiveFrom: r.effectiveFrom,
      effectiveTo: r.effectiveTo,
      description: r.description,
    })),
  });
}

export const pieceRatesTemplate = () =>
  writeSheet({
    sheetName: PIECE_SHEET,
    columns: PIECE_RATE_COLUMNS,
    rows: [
      {
        operationCode: 'TURN',
        rate: '1.1',
        scrapPolicy: POLICY_LABEL.none,
        reworkRate: '0',
        effectiveFrom: '2026-01-01',
      },
      {
        operationCode: 'TURN',
        product: 'SF-VB-100',
        grade: 'G2',
        rate: '1.25',
        scrapPolicy: POLICY_LABEL.deduct,
        scrapDeduction: '0.5',
        reworkRate: '0.3',
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-12-31',
        description: '2026 年单价',
      },
    ],
  });

export const timeRatesTemplate = () =>
  writeSheet({
    sheetName: TIME_SHEET,
    columns: TIME_RATE_COLUMNS,
    rows: [{ grade: 'G2', rate: '28.5', effectiveFrom: '2026-01-01' }],
  });

type ImportErrors = TImportResult['errors'];
interface Planned<T> {
  row: number;
  /** the rate of the same key, null for a new one */
  id: string | null;
  input: T;
  isUnchanged: boolean;
}

/** Decimals compared as numbers without binary floats: "01.50" and "1.5" are the same rate. */
const dec = (v: string | null | undefined) => (v == null ? null : money(v.replace(/^0+(?=\d)/, '')));

async function gradeIdOf(ctx: Ctx) {
  const grades = await queryRows<{ id: string; code: string; name: string }>(
    ctx.tx,
    sql`SELECT id, code, name FROM labour_grades`,
  );
  // by code, else by name (as the roster's import takes grades)
  return (text: string) => (grades.find((g) => g.code === text) ?? grades.find((g) => g.name === text))?.id;
}

/** Blank: the policy the figures imply. A figure the policy ignores is an error, not silently dropped. */
function scrapPolicyOf(cells: Record<string, Cell>, err: (column: string, message: string) => void) {
  const policy = cells.scrapPolicy
    ? POLICY_OF.get(cells.scrapPolicy.toLowerCase())
    : cells.scrapDeduction
      ? 'deduct'
      : cells.scrapPayPercent
        ? 'pay_percent'
        : 'none';
  if (!policy) {
    const known = SCRAP_POLICIES.map((p) => `${POLICY_LABEL[p]} (${p})`).join(', ');
    err('scrapPolicy', `unknown scrap policy ${cells.scrapPolicy}: ${known}`);
    return undefined;
  }
  if (cells.scrapDeduction && policy !== 'deduct')
    err('scrapDeduction', `only with the scrap policy ${POLICY_LABEL.deduct} (deduct)`);
  if (cells.scrapPayPercent && policy !== 'pay_percent')
    err('scrapPayPercent', `only with the scrap policy ${POLICY_LABEL.pay_percent} (pay_percent)`);
  return policy;
}

const issuesIn = (
  issues: Array<{ path: PropertyKey[]; message: string }>,
  columnOf: Record<string, string>,
) => issues.map((i) => ({ ...i, path: [columnOf[String(i.path[0])] ?? i.path[0]!] }));

/**
 * All-or-nothing: every row is checked as the API checks a piece rate, plus codes that must exist
 * (an operation code of a routing or of an existing rate, a material, a grade by code or name) and keys
 * repeated in the file; each row is then written through the API's create or update, so its overlap
 * check applies. Rows upsert by operation + product + grade + effective from; an equal row is left alone.
 */
export async function importPieceRates(ctx: Ctx, body: unknown, dryRun: boolean): Promise<TImportResult> {
  const rows = await readSheet({ body, columns: PIECE_RATE_COLUMNS });
  const existing = await allPieceRates(ctx, {});
  const keyOf = (
    r: { operationCode: string; productId?: string | null; gradeId?: string | null },
    from: string,
  ) => [r.operationCode, r.productId ?? '', r.gradeId ?? '', from].join('\u0000');
  const byKey = new Map(existing.map((r) => [keyOf(r, r.effectiveFrom), r]));
  // a rate may outlive the routing its operation came from: its code stays valid
  const operations = new Set([
    ...(
      await queryRows<{ code: string }>(ctx.tx, sql`SELECT DISTINCT code FROM production_routing_operations`)
    ).map((o) => o.code),
    ...existing.map((r) => r.operationCode),
  ]);
  const products = new Map(
    (await queryRows<{ code: string; id: string }>(ctx.tx, sql`SELECT code, id FROM materials`)).map((m) => [
      m.code,
      m.id,
    ]),
  );
  const gradeId = await gradeIdOf(ctx);

  const errors: ImportErrors = [];
  const seen = new Map<string, number>();
  const planned: Array<Planned<TSavePieceRateParsed>> = [];
  for (const { row, cells } of rows) {
    const before = errors.length;
    const err = (column: string, message: string) => errors.push({ row, column, message });
    if (cells.operationCode && !operations.has(cells.operationCode))
      err('operationCode', `no routing operation ${cells.operationCode}`);
    let productId: string | null = null;
    if (cells.product)
      productId = products.get(cells.product) ?? (err('product', `no material ${cells.product}`), null);
    let grade: string | null = null;
    if (cells.grade) grade = gradeId(cells.grade) ?? (err('grade', `no grade ${cells.grade}`), null);
    const scrapPolicy = scrapPolicyOf(cells, err);
    const parsed = ZSavePieceRate.safeParse({
      operationCode: cells.operationCode ?? '',
      productId,
      gradeId: grade,
      rate: cells.rate ?? '',
      scrapPolicy: scrapPolicy ?? 'none',
      scrapDeduction: cells.scrapDeduction,
      scrapPayPercent: cells.scrapPayPercent,
      reworkRate: cells.reworkRate ?? undefined,
      effectiveFrom: cells.effectiveFrom ?? '',
      effectiveTo: cells.effectiveTo,
      description: cells.description,
    });
    if (!parsed.success) pushIssues(errors, row, issuesIn(parsed.error.issues, PIECE_COLUMN_OF));
    if (!parsed.success || errors.length > before) continue;
    const v = parsed.data;
    const key = keyOf(v, v.effectiveFrom);
    const first = seen.get(key);
    if (first) {
      err('effectiveFrom', `the same operation, product, grade and effective from as row ${first}`);
      continue;
    }
    seen.set(key, row);
    const old = byKey.get(key);
    planned.push({ row, id: old?.id ?? null, input: v, isUnchanged: !!old && isSamePiece(old, v) });
  }
  return applyPlan(ctx, {
    errors,
    planned,
    dryRun,
    entityType: 'labour_piece_rate',
    columnOf: PIECE_COLUMN_OF,
    write: (p) => (p.id ? updatePieceRate(ctx, p.id, p.input) : createPieceRate(ctx, p.input)),
  });
}

function isSamePiece(old: TPieceRate, v: TSavePieceRateParsed): boolean {
  return (
    dec(old.rate) === dec(v.rate) &&
    old.scrapPolicy === v.scrapPolicy &&
    dec(old.scrapDeduction) === (v.scrapPolicy === 'deduct' ? dec(v.scrapDeduction) : null) &&
    dec(old.scrapPayPercent) === (v.scrapPolicy === 'pay_percent' ? dec(v.scrapPayPercent) : null) &&
    dec(old.reworkRate) === dec(v.reworkRate) &&
    old.effectiveTo === (v.effectiveTo ?? null) &&
    old.description === (v.description ?? null)
  );
}

/**
 * All-or-nothing like the piece rates: rows upsert by grade (code or name) + effective from, through the
 * API's create or update and its overlap check; an equal row is left alone.
 */
export async function importTimeRates(ctx: Ctx, body: unknown, dryRun: boolean): Promise<TImportResult> {
  const rows = await readSheet({ body, columns: TIME_RATE_COLUMNS });
  const keyOf = (gradeId: string, from: string) => `${gradeId}\u0000${from}`;
  const byKey = new Map((await allTimeRates(ctx, {})).map((r) => [keyOf(r.gradeId, r.effectiveFrom), r]));
  const gradeId = await gradeIdOf(ctx);

  const errors: ImportErrors = [];
  const seen = new Map<string, number>();
  const planned: Array<Planned<TSaveTimeRateParsed>> = [];
  for (const { row, cells } of rows) {
    const before = errors.length;
    const err = (column: string, message: string) => errors.push({ row, column, message });
    let grade: string | null = null;
    if (!cells.grade) err('grade', 'required: a grade code or name');
    else grade = gradeId(cells.grade) ?? (err('grade', `no grade ${cells.grade}`), null);
    // a missing grade is reported above; pushIssues keeps that message for the column
    const parsed = ZSaveTimeRate.safeParse({
      gradeId: grade ?? '',
      rate: cells.rate ?? '',
      effectiveFrom: cells.effectiveFrom ?? '',
      effectiveTo: cells.effectiveTo,
      description: cells.description,
    });
    if (!parsed.success) pushIssues(errors, row, issuesIn(parsed.error.issues, TIME_COLUMN_OF));
    if (!parsed.success || errors.length > before) continue;
    const v = parsed.data;
    const key = keyOf(v.gradeId, v.effectiveFrom);
    const first = seen.get(key);
    if (first) {
      err('effectiveFrom', `the same grade and effective from as row ${first}`);
      continue;
    }
    seen.set(key, row);
    const old = byKey.get(key);
    planned.push({ row, id: old?.id ?? null, input: v, isUnchanged: !!old && isSameTime(old, v) });
  }
  return applyPlan(ctx, {
    errors,
    planned,
    dryRun,
    entityType: 'labour_time_rate',
    columnOf: TIME_COLUMN_OF,
    write: (p) => (p.id ? updateTimeRate(ctx, p.id, p.input) : createTimeRate(ctx, p.input)),
  });
}

const isSameTime = (old: TTimeRate, v: TSaveTimeRateParsed) =>
  dec(old.rate) === dec(v.rate) &&
  old.effectiveTo === (v.effectiveTo ?? null) &&
  old.description === (v.description ?? null);

/**
 * Writes the changed rows — updates first, so a file that ends the current rate and starts the next one
 * does not clash with the old end — collecting what the service refuses (an overlapping period) by row;
 * any error anywhere is one 400 and the request's transaction rolls everything back. A dry run writes
 * inside a savepoint and rolls back to it, so it reports the same clashes the real import would meet.
 */
async function applyPlan<T>(
  ctx: Ctx,
  o: {
    errors: ImportErrors;
    planned: Array<Planned<T>>;
    dryRun: boolean;
    entityType: string;
    columnOf: Record<string, string>;
    write: (p: Planned<T>) => Promise<unknown>;
  },
): Promise<TImportResult> {
  const changed = o.planned.filter((p) => !p.isUnchanged);
  const created = changed.filter((p) => !p.id).length;
  const updated = changed.length - created;
  if (o.dryRun) await queryRows(ctx.tx, sql`SAVEPOINT rate_import`);
  for (const p of [...changed.filter((c) => c.id), ...changed.filter((c) => !c.id)]) {
    try {
      await o.write(p);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      // an overlap (409) names no field: the period starting in this row is what clashes
      const problems = err.details?.length
        ? err.details.map((d) => {
            const field = d.path.replace(/^body\./, '');
            return { column: o.columnOf[field] ?? field, message: d.message };
          })
        : [{ column: 'effectiveFrom', message: err.message }];
      o.errors.push(...problems.map((e) => ({ ...e, row: p.row })));
    }
  }
  throwRowErrors(o.errors);
  if (o.dryRun) {
    await queryRows(ctx.tx, sql`ROLLBACK TO SAVEPOINT rate_import`);
    await queryRows(ctx.tx, sql`RELEASE SAVEPOINT rate_import`);
    // what the check found importable: the web's check message counts these rows
    return { imported: o.planned.length, created, updated, errors: [] };
  }
  // each written rate has its own entry from the service; a file that changed nothing leaves no trace
  if (changed.length)
    await recordAudit(ctx, {
      action: 'import',
      entityType: o.entityType,
      after: { rows: o.planned.length, created, updated },
    });
  return { imported: o.planned.length, created, updated, errors: [] };
}
