// Print / PDF of the standard's Table 1 and Table 3 and of the GB/T 32150 inventory: the browser's print layout.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { OUTPUT_DIR, type RunningServer } from './support/server.ts';
import { screenshot } from './support/browser.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
let tenantName: string;
const pageErrors: string[] = [];
const thisYear = new Date().getFullYear();
const PDF_DIR = join(OUTPUT_DIR, 'pdf');

/** The print button opens the browser's dialog: headless has none, so a stub records the call. */
async function clickPrint(testId: string) {
  await page.evaluate(() => {
    const w = window as unknown as { printCalls: number };
    w.printCalls = 0;
    window.print = () => void (w.printCalls += 1);
  });
  await page.getByTestId(testId).click();
  expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
}

/** In print media the app is gone and the report is the page: title block, enterprise, period. */
async function expectPrintLayout(reportTestId: string, title: string) {
  await page.emulateMedia({ media: 'print' });
  const report = page.getByTestId(reportTestId);
  await report.waitFor();
  expect(await page.getByTestId('side-menu').isHidden()).toBe(true);
  expect(await page.getByTestId('tenant-name').isHidden()).toBe(true);
  const titleBlock = report.getByTestId('print-title-block');
  expect(await titleBlock.isVisible()).toBe(true);
  expect(await titleBlock.locator('h1').textContent()).toBe(title);
  expect(await report.getByTestId('print-enterprise').textContent()).toContain(tenantName);
  // the header rows repeat on every page a long table runs over
  const headerDisplay = await report
    .locator('thead')
    .first()
    .evaluate((el) => getComputedStyle(el).display);
  expect(headerDisplay).toBe('table-header-group');
}

/** page.pdf prints with the print stylesheet, as the browser's "Save as PDF" does. */
async function savePdf(name: string): Promise<number> {
  const pdf = await page.pdf({ format: 'A4', landscape: true });
  mkdirSync(PDF_DIR, { recursive: true });
  writeFileSync(join(PDF_DIR, `${name}.pdf`), pdf);
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
  expect(pages).toBeGreaterThanOrEqual(1);
  return pages;
}

async function backToScreen(reportTestId: string) {
  await page.emulateMedia({ media: 'screen' });
  expect(await page.getByTestId('side-menu').isVisible()).toBe(true);
  expect(await page.getByTestId(reportTestId).isHidden()).toBe(true);
}

describe('print / PDF of the energy tables and the GHG inventory against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession({ onPageError: (m) => pageErrors.push(m) }));
    await page.getByTestId('tenant-name').getByText(/\S/).waitFor();
    tenantName = ((await page.getByTestId('tenant-name').textContent()) ?? '').trim();
  });

  afterEach(async (test) => {
    await page.emulateMedia({ media: 'screen' });
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `print-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prints Table 1 alone on A4 landscape with its years, totals and the factor sources', async () => {
    await page.getByTestId('menu-energy-tables').click();
    // the picker shows the server's default year once the first table has loaded; change it only then
    await page.getByTestId('table1-row-total-equivalent').waitFor();
    const year = page.getByTestId('table1-year');
    await year.click();
    await year.fill(String(thisYear));
    await year.press('Enter');
    await page
      .getByTestId('table1-table')
      .locator('thead')
      .getByText(`${thisYear} 年`, { exact: true })
      .waitFor();
    await clickPrint('table1-print-button');

    await expectPrintLayout('table1-print', '表1 能源消费结构');
    const report = page.getByTestId('table1-print');
    expect(await report.getByTestId('print-period').textContent()).toContain(
      `${thisYear - 2}–${thisYear} 年`,
    );
    expect(await report.locator('thead').textContent()).toContain(`${thisYear + 1} 年（预测）`);
    expect(await report.locator('tbody').textContent()).toContain('综合能源消费量（等价值）');
    expect(await report.textContent()).toContain('GB/T 2589');
    expect(await report.textContent()).toContain('GreenMES');
    await screenshot(page, 'print-01-table1');
    await savePdf('energy-table1');
    await backToScreen('table1-print');
  });

  it('prints only the active tab: Table 3 with the eliminated model’s phase-out date', async () => {
    await page.getByTestId('energy-tables-tab3').click();
    await page.getByTestId('table3-row-AS-TST-02').waitFor();
    await clickPrint('table3-print-button');

    await expectPrintLayout('table3-print', '表3 重点用能设备');
    expect(await page.getByTestId('table1-print').count()).toBe(0);
    const report = page.getByTestId('table3-print');
    expect(await report.getByTestId('print-period').textContent()).toMatch(/\d{4} 年度/);
    expect(await report.locator('tbody').textContent()).toContain('淘汰期限 2026-12-31');
    await screenshot(page, 'print-02-table3');
    await savePdf('energy-table3');
    await backToScreen('table3-print');
  });

  it('prints this year’s GHG inventory: scopes, combustion, factors, periods and data quality', async () => {
    await page.getByTestId('menu-ghg-inventory').click();
    await page.getByTestId('report-period').getByText('本年', { exact: true }).click();
    await page.getByTestId('inventory-kpis').waitFor();
    await clickPrint('inventory-print-button');

    await expectPrintLayout('inventory-print', '温室气体排放报告（GB/T 32150）');
    const report = page.getByTestId('inventory-print');
    expect(await report.getByTestId('print-period').textContent()).toContain(
      `${thisYear}-01-01 至 ${thisYear}-12-31`,
    );
    const summary = (await report.getByTestId('inventory-print-summary').textContent()) ?? '';
    for (const text of ['范围一', '范围二', '化石燃料燃烧', '外购电力', '小计', '排放总量'])
      expect(summary).toContain(text);
    expect(await report.getByText('化石燃料燃烧排放', { exact: true }).count()).toBe(1);
    expect(await report.getByTestId('inventory-print-periods').locator('tbody tr').count()).toBeGreaterThan(
      0,
    );
    expect(
      await report.getByTestId('inventory-print-data-quality').locator('tbody tr').count(),
    ).toBeGreaterThan(0);
    expect(await report.textContent()).toContain('排放因子来源');
    // the screen's filters, buttons and chart are not on the paper
    expect(await page.getByTestId('report-period').isHidden()).toBe(true);
    expect(await page.getByTestId('inventory-period-chart').isHidden()).toBe(true);
    await screenshot(page, 'print-03-inventory');
    await savePdf('ghg-inventory');
    await backToScreen('inventory-print');
    expect(pageErrors).toEqual([]);
  });
});
