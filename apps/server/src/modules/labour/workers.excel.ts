import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  ZSaveWorker,
  type TImportResult,
  type TSaveWorkerParsed,
  type TWorker,
  type TWorkerFilters,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { queryRows } from '../../platform/db/rows.ts';
import {
  pushIssues,
  readSheet,
  writeSheet,
  yes,
  yesNo,
  type Column,
  throwRowErrors,
} from '../../platform/excel/excel.ts';
import { allWorkers, workerIdsByEmployeeNo, workerIssues, writeWorker } from './workers.service.ts';

/**
 * The roster as people keep it in Excel: one row per worker, team/grade/account by code, skills as
 * "code:level:valid-until" separated by semicolons. PINs are never exported; the PIN column of an import
 * sets a new PIN (blank keeps the current one).
 */
export const WORKER_COLUMNS: Column[] = [
  { key: 'employeeNo', header: '工号 / Employee no.', width: 12 },
  { key: 'name', header: '姓名 / Name', width: 12 },
  { key: 'team', header: '班组 / Team', width: 14 },
  { key: 'grade', header: '等级 / Grade', width: 10 },
  { key: 'skills', header: '技能 / Skills', width: 40 },
  { key: 'badgeCode', header: '工牌号 / Badge', width: 14 },
  { key: 'pin', header: 'PIN', width: 8 },
  { key: 'isActive', header: '在职 / Active', width: 8 },
  { key: 'hireDate', header: '入职日期 / Hire date', width: 12 },
  { key: 'leaveDate', header: '离职日期 / Leave date', width: 12 },
  { key: 'username', header: '系统账号 / Account', width: 12 },
  { key: 'phone', header: '电话 / Phone', width: 14 },
  { key: 'description', header: '备注 / Notes', width: 24 },
];
const SHEET = '人员';

const skillText = (w: TWorker) =>
  w.skills.map((s) => [s.skillCode, s.level, ...(s.validUntil ? [s.validUntil] : [])].join(':')).join('; ');

export async function exportWorkers(ctx: Ctx, filters: TWorkerFilters): Promise<Buffer> {
  const workers = await allWorkers(ctx, filters);
  return writeSheet({
    sheetName: SHEET,
    columns: WORKER_COLUMNS,
    rows: workers.map((w) => ({
      employeeNo: w.employeeNo,
      name: w.name,
      team: w.teamCode,
      grade: w.gradeCode,
      skills: skillText(w),
      badgeCode: w.badgeCode,
      pin: null,
      isActive: yesNo(w.isActive),
      hireDate: w.hireDate,
      leaveDate: w.leaveDate,
      username: w.username,
      phone: w.phone,
      description: w.description,
    })),
  });
}

export const workersTemplate = () =>
  writeSheet({
    sheetName: SHEET,
    columns: WORKER_COLUMNS,
    rows: [
      {
        employeeNo: 'E0001',
        name: '张三',
        team: 'MC-L1-TURN',
        grade: 'G2',
        skills: '数控车工 中级:4; 检验员:2:2027-06-30',
        badgeCode: 'B0001',
        pin: '1234',
        isActive: 'Y',
        hireDate: '2024-03-01',
      },
    ],
  });

/** "数控车工 中级:4:2027-06-30" → code, level, valid until (both optional, read from the right). */
export function parseSkill(entry: string): { code: string; level?: number; validUntil?: string } {
  const parts = entry.split(/[:：]/).map((p) => p.trim());
  let validUntil: string | undefined;
  let level: number | undefined;
  if (parts.length > 1 && /^\d{4}-\d{2}-\d{2}$/.test(parts.at(-1)!)) validUntil = parts.pop();
  if (parts.length > 1 && /^\d+$/.test(parts.at(-1)!)) level = Number(parts.pop());
  return { code: parts.join(':'), level, validUntil };
}

const FIELD_COLUMN: Record<string, string> = { teamId: 'team', gradeId: 'grade', userId: 'username' };
const columnOf = (path: string) => {
  const field = path.split('.')[0]!;
  return FIELD_COLUMN[field] ?? field;
};

/**
 * All-or-nothing: every row is checked as the API checks a worker (plus codes that must exist and
 * duplicates within the file); any problem is a 400 naming `rows.<row>.<column>`. Rows upsert by
 * employee number.
 */
export async function importWorkers(ctx: Ctx, body: unknown, dryRun: boolean): Promise<TImportResult> {
  const rows = await readSheet({ body, columns: WORKER_COLUMNS });
  const lookup = async (q: ReturnType<typeof sql>) =>
    new Map((await queryRows<{ k: string; id: string }>(ctx.tx, q)).map((r) => [r.k, r.id]));
  const nodes = await lookup(sql`SELECT code AS k, id FROM plant_nodes`);
  const gradeRows = await queryRows<{ id: string; code: string; name: string }>(
    ctx.tx,
    sql`SELECT id, code, name FROM labour_grades`,
  );
  const skills = await lookup(sql`SELECT code AS k, id FROM labour_skills`);
  const users = await lookup(sql`SELECT lower(username) AS k, id FROM users`);
  const existing = await workerIdsByEmployeeNo(ctx);
  const visible = new Set((await allWorkers(ctx, {})).map((w) => w.id));

  const errors: TImportResult['errors'] = [];
  const seen = new Map<string, number>();
  const badges = new Map<string, number>();
  const valid: Array<{ id: string | null; input: TSaveWorkerParsed }> = [];
  for (const { row, cells } of rows) {
    const err = (column: string, message: string) => errors.push({ row, column, message });
    const firstRow = cells.employeeNo ? seen.get(cells.employeeNo) : undefined;
    if (firstRow) err('employeeNo', `duplicate of row ${firstRow}`);
    else if (cells.employeeNo) seen.set(cells.employeeNo, row);
    let teamId: string | null = null;
    if (cells.team) teamId = nodes.get(cells.team) ?? (err('team', `no plant node ${cells.team}`), null);
    let gradeId: string | null = null;
    if (cells.grade)
      gradeId =
        gradeRows.find((g) => g.code === cells.grade || g.name === cells.grade)?.id ??
        (err('grade', `no grade ${cells.grade}`), null);
    let userId: string | null = null;
    if (cells.username)
      userId =
        users.get(cells.username.toLowerCase()) ?? (err('username', `no user ${cells.username}`), null);
    const workerSkills = (cells.skills ?? '')
      .split(/[;；\n]+/)
      .map((e) => e.trim())
      .filter(Boolean)
      .flatMap((e) => {
        const s = parseSkill(e);
        const skillId = skills.get(s.code);
        if (!skillId) {
          err('skills', `no skill ${s.code} in the catalogue`);
          return [];
        }
        return [{ skillId, level: s.level, validUntil: s.validUntil ?? null }];
      });
    if (cells.badgeCode) {
      const first = badges.get(cells.badgeCode);
      if (first) err('badgeCode', `the same badge as row ${first}`);
      else badges.set(cells.badgeCode, row);
    }
    const active = yes(cells.isActive);
    const parsed = ZSaveWorker.safeParse({
      employeeNo: cells.employeeNo ?? '',
      name: cells.name ?? '',
      teamId,
      gradeId,
      userId,
      badgeCode: cells.badgeCode,
      ...(cells.pin ? { pin: cells.pin } : {}),
      isActive: active ?? true,
      hireDate: cells.hireDate,
      leaveDate: cells.leaveDate,
      phone: cells.phone,
      description: cells.description,
      skills: workerSkills,
    });
    if (!parsed.success) {
      pushIssues(
        errors,
        row,
        parsed.error.issues.map((i) => ({ ...i, path: [columnOf(i.path.join('.'))] })),
      );
      continue;
    }
    const id = existing.get(parsed.data.employeeNo) ?? null;
    if (id && !visible.has(id)) {
      err('employeeNo', 'a worker outside your data scope');
      continue;
    }
    for (const issue of await workerIssues(ctx, parsed.data, id, ''))
      if (!errors.some((e) => e.row === row && e.column === columnOf(issue.path)))
        err(columnOf(issue.path), issue.message);
    valid.push({ id, input: parsed.data });
  }
  throwRowErrors(errors);
  const created = valid.filter((v) => !v.id).length;
  const result = { imported: 0, created, updated: valid.length - created, errors: [] };
  if (dryRun) return result;
  for (const v of valid) await writeWorker(ctx, v.id ?? randomUUID(), v.input, !v.id);
  await recordAudit(ctx, {
    action: 'import',
    entityType: 'labour_worker',
    after: { created, updated: valid.length - created, employeeNos: valid.map((v) => v.input.employeeNo) },
  });
  return { ...result, imported: valid.length };
}
