// Production definitions in the browser, on the demo enterprise's seeded BOMs and routings: the BOM
// list, the explosion of the butterfly valve (tree and summed requirements), a read-only active
// version, a rejected edit named on its line, the routing operations, and routings through Excel.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TPage, TRouting, TRoutingSummary } from '@greenmes/contracts';
import type { RunningServer } from './support/server.ts';
import { pageApi } from './support/api.ts';
import { screenshot } from './support/browser.ts';
import { uploadXlsx, workbookOf } from './support/excel.ts';
import { openDemoSession } from './support/session.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
/** the server answers each change with a query; a loaded CI machine may take a few seconds */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const { api } = pageApi(
  () => page,
  () => server,
);

describe('BOMs and routings against the real server', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await openDemoSession());
  });

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await screenshot(page, `production-failed-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the seeded BOMs and explodes the butterfly valve for 100 pieces', async () => {
    await page.getByTestId('menu-boms').click();
    const card = page.getByTestId('boms-page');
    await card.waitFor();
    await poll(() => card.getByText('共 12 条').count()).toBe(1);
    await page.getByTestId('bom-search').locator('input').fill('FG-BV-100');
    await page.getByTestId('bom-search').locator('input').press('Enter');
    const rows = page.getByTestId('boms-table').locator('tr.ant-table-row');
    await poll(() => rows.count()).toBe(2);

    await page.getByTestId('bom-explode-FG-BV-100-V1').click();
    const drawer = page.getByTestId('explosion-drawer');
    await drawer.waitFor();
    // today's versions: the demo's are active from 2025 on, open-ended
    const quantity = drawer.getByTestId('explosion-quantity');
    await quantity.locator('xpath=self::input | .//input').first().fill('100');
    // three levels: the valve, the machined body, its casting; 100 × 1 × 1.03 = 103 castings of HT200
    const tree = page.getByTestId('explosion-tree');
    await poll(() => tree.getByTestId('gross-RM-HT200').first().textContent()).toBe('103');
    // EPDM: 100 × 0.35 kg × 1.08 = 37.8 kg
    await poll(() => tree.getByTestId('gross-RM-EPDM').textContent()).toBe('37.8');
    await screenshot(page, 'production-explosion-tree');
    await drawer.getByRole('tab', { name: '物料需求汇总' }).click();
    const requirements = page.getByTestId('explosion-requirements');
    await poll(() =>
      requirements.locator('tr.ant-table-row').filter({ hasText: 'RM-EPDM' }).textContent(),
    ).toContain('37.8');
    await screenshot(page, 'production-explosion-requirements');
    await drawer.locator('.ant-drawer-close').click();
  });

  it('shows an active version read-only and names a bad line on a draft', async () => {
    await page.getByTestId('bom-open-FG-BV-100-V1').click();
    const active = page.getByTestId('bom-drawer');
    await active.waitFor();
    await poll(() => active.getByText('只有草稿可以修改').count()).toBe(1);
    await active.locator('.ant-drawer-close').click();
    await active.waitFor({ state: 'hidden' });

    await page.getByTestId('bom-open-FG-BV-100-V2').click();
    const draft = page.getByTestId('bom-drawer');
    await draft.waitFor();
    const lines = page.getByTestId('bom-lines').locator('tr.ant-table-row');
    await poll(() => lines.count()).toBe(10);
    await lines.nth(4).locator('input').nth(1).fill('0');
    await page.getByTestId('bom-save').click();
    // the server's "must be greater than zero" lands beside lines.4.quantity
    await poll(() => lines.nth(4).locator('.ant-form-item-explain-error').count()).toBe(1);
    await screenshot(page, 'production-bom-draft-error');
    await draft.locator('.ant-drawer-close').click();
  });

  it('shows the routing of the pump with its inspection point', async () => {
    await page.getByTestId('menu-routings').click();
    await page.getByTestId('routings-page').waitFor();
    await page.getByTestId('routing-open-FG-PMP-150-R1').click();
    const ops = page.getByTestId('routing-operations').locator('tr.ant-table-row');
    // assembly, the inspected performance test, painting, curing (energy-flexible in the demo), packing
    await poll(() => ops.count()).toBe(5);
    await poll(() => ops.nth(1).locator('.ant-checkbox-checked').count()).toBe(1);
    await screenshot(page, 'production-routing');
  });

  it('takes a routing through Excel: export, a new version in the sheet, check, import', async () => {
    await page.keyboard.press('Escape');
    const [exported] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/production/routings/export')),
      page.getByTestId('routings-export').click(),
    ]);
    expect(exported.status()).toBe(200);
    // the page saves the file; the test reads the same URL with the page's session
    const sheet = await workbookOf(await (await page.request.get(exported.url())).body());
    // the pump's R1 operations, as a draft R9 from 2030
    const col = (part: string) => sheet.header.findIndex((h) => h.includes(part));
    const [product, version, status, from, to, workCenter] = [
      col('Product'),
      col('Version'),
      col('Status'),
      col('Effective from'),
      col('Effective to'),
      col('Work center'),
    ];
    const r9 = sheet.rows
      .filter((r) => r[product] === 'FG-PMP-150' && r[version] === 'R1')
      .map((r) => {
        const row = [...r];
        [row[version], row[status], row[from], row[to]] = ['R9', 'draft', '2030-01-01', null];
        return row;
      });
    expect(r9).toHaveLength(5);

    const wrong = r9.map((r) => [...r]);
    wrong[1]![workCenter] = 'NO-SUCH-WC';
    await uploadXlsx(page, 'routings-import-file', sheet.header, wrong);
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('no plant node NO-SUCH-WC');
    await page.keyboard.press('Escape');
    await errors.waitFor({ state: 'hidden' });

    await uploadXlsx(page, 'routings-import-file', sheet.header, r9);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-confirm').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    const drafts = await api<TPage<TRoutingSummary>>('GET', '/production/routings?status=draft&pageSize=200');
    const made = drafts.items.find((r) => r.productCode === 'FG-PMP-150' && r.version === 'R9');
    expect(made?.effectiveFrom).toBe('2030-01-01');
    const full = await api<TRouting>('GET', `/production/routings/${made!.id}`);
    expect(full.operations.map((o) => o.seqNo)).toHaveLength(5);
    await screenshot(page, 'production-routings-imported');
  });
});
