import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';

export type SheetRow = Array<ExcelJS.CellValue>;

/** The first sheet of an .xlsx: its header texts and its data rows (0-based columns). */
export async function workbookOf(body: Buffer): Promise<{ header: string[]; rows: SheetRow[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const values = (n: number) => (ws.getRow(n).values as SheetRow).slice(1);
  const header = values(1).map((v) => String(v ?? ''));
  const rows: SheetRow[] = [];
  for (let n = 2; n <= ws.rowCount; n++) {
    const row = values(n);
    if (row.some((v) => v != null && v !== '')) rows.push(header.map((_, i) => row[i] ?? null));
  }
  return { header, rows };
}

/** Puts a one-sheet .xlsx of `header` and `rows` into the file input `testId` (an Excel import's check). */
export async function uploadXlsx(page: Page, testId: string, header: string[], rows: SheetRow[]) {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('import').addRows([header, ...rows]);
  await page.getByTestId(testId).setInputFiles({
    name: 'import.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  });
}
