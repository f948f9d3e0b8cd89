import ExcelJS from 'exceljs';
import { AppError } from '../http/errors.ts';

export interface Column {
  key: string;
  /** Header as "中文 / English"; import accepts either part, or the key itself. */
  header: string;
  width?: number;
  /** a date typed into Excel keeps its time of day ("YYYY-MM-DD HH:mm:ss", the wall clock as typed) */
  isDateTime?: boolean;
}

export type Cell = string | null;

export async function writeSheet({
  sheetName,
  columns,
  rows,
}: {
  sheetName: string;
  columns: Column[];
  rows: Array<Record<string, string | number | boolean | null | undefined>>;
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GreenMES';
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook of several sheets (say values and their detail lines), laid out like writeSheet's. */
export async function writeSheets(
  sheets: Array<{ sheetName: string; columns: Column[]; rows: Parameters<typeof writeSheet>[0]['rows'] }>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GreenMES';
  for (const { sheetName, columns, rows } of sheets) {
    const ws = wb.addWorksheet(sheetName);
    ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads the first sheet (or the sheet named `sheet`, by name or by its part of "中文 / English") into
 * rows keyed by column key (all cells as trimmed strings; blank → null).
 */
export async function readSheet({
  body,
  columns,
  sheet,
  isOptional = false,
}: {
  body: unknown;
  columns: Column[];
  sheet?: string;
  /** a missing sheet reads as no rows instead of a BAD_FILE */
  isOptional?: boolean;
}): Promise<Array<{ row: number; cells: Record<string, Cell> }>> {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new AppError('BAD_FILE', { reason: 'send the .xlsx file as the request body' }, [
      { path: 'body', message: 'expected an .xlsx file' },
    ]);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(body as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError('BAD_FILE', { reason: `not an .xlsx workbook (${(err as Error).message})` }, [
      { path: 'body', message: 'not an .xlsx workbook' },
    ]);
  }
  const names = sheet ? [sheet, ...sheet.split('/')].map((n) => n.trim().toLowerCase()) : [];
  const ws = sheet
    ? wb.worksheets.find((w) => names.includes(w.name.trim().toLowerCase()))
    : wb.worksheets[0];
  if (!ws && isOptional) return [];
  if (!ws)
    throw new AppError('BAD_FILE', {
      reason: sheet ? `the workbook has no sheet ${sheet}` : 'the workbook has no sheet',
    });
  const byHeader = new Map<string, string>();
  for (const c of columns)
    for (const label of [c.key, c.header, ...c.header.split('/')])
      byHeader.set(label.trim().toLowerCase(), c.key);
  const keyAt = new Map<number, string>();
  const dateTimeKeys = new Set(columns.filter((c) => c.isDateTime).map((c) => c.key));
  ws.getRow(1).eachCell((cell, col) => {
    const key = byHeader.get(cellText(cell.value)?.toLowerCase() ?? '');
    if (key) keyAt.set(col, key);
  });
  const missing = columns.filter((c) => ![...keyAt.values()].includes(c.key)).map((c) => c.header);
  if (keyAt.size === 0 || missing.length === columns.length)
    throw new AppError('BAD_FILE', {
      reason: `no known column headers in row 1; expected ${columns.map((c) => c.header).join(', ')}`,
    });
  const rows: Array<{ row: number; cells: Record<string, Cell> }> = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, Cell> = Object.fromEntries(columns.map((c) => [c.key, null]));
    let any = false;
    row.eachCell((cell, col) => {
      const key = keyAt.get(col);
      if (!key) return;
      const text = cellText(cell.value, dateTimeKeys.has(key));
      cells[key] = text;
      if (text !== null) any = true;
    });
    if (any) rows.push({ row: rowNumber, cells });
  });
  return rows;
}

function cellText(value: ExcelJS.CellValue, keepTime = false): string | null {
  if (value === null || value === undefined) return null;
  // ExcelJS reads a date cell as UTC: its UTC fields are the wall clock typed into the sheet
  if (value instanceof Date)
    return keepTime ? value.toISOString().slice(0, 19).replace('T', ' ') : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return (
        value.richText
          .map((t) => t.text)
          .join('')
          .trim() || null
      );
    if ('text' in value) return String(value.text).trim() || null;
    if ('result' in value)
      return value.result === undefined ? null : cellText(value.result as ExcelJS.CellValue, keepTime);
    return null;
  }
  const text = String(value).trim();
  return text === '' ? null : text;
}

type ImportErrors = Array<{ row: number; column?: string; message: string }>;

/** One message per row and column: the first problem is the one to fix. */
export function pushIssues(
  errors: ImportErrors,
  row: number,
  issues: Array<{ path: PropertyKey[]; message: string }>,
) {
  for (const issue of issues) {
    const column = String(issue.path[0] ?? '');
    if (!errors.some((e) => e.row === row && e.column === column))
      errors.push({ row, column, message: issue.message });
  }
}

/**
 * An import's problems, if any, as one 400: every bad cell as `rows.<row>.<column>`, in row order (the
 * file is all-or-nothing, so nothing has been written when this throws).
 */
export function throwRowErrors(errors: ImportErrors): void {
  if (errors.length === 0) return;
  throw new AppError(
    'VALIDATION',
    { errors: errors.length },
    [...errors]
      .sort((x, y) => x.row - y.row)
      .map((e) => ({ path: `rows.${e.row}.${e.column ?? ''}`, message: e.message })),
  );
}

/** Remembers the first row of each code; a later row with the same code is an error. */
export function noteCode(
  seen: Map<string, number>,
  errors: ImportErrors,
  row: number,
  code: Cell | undefined,
) {
  if (!code) return;
  const first = seen.get(code);
  if (first) errors.push({ row, column: 'code', message: `duplicate of row ${first}` });
  else seen.set(code, row);
}

export const yes = (v: Cell | undefined) =>
  v == null ? undefined : ['y', 'yes', 'true', '1', '是'].includes(v.toLowerCase());
export const yesNo = (b: boolean) => (b ? 'Y' : 'N');
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
