import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { receiveLot } from '../inventory/lots.service.ts';
import { seedCtx } from './demo-ctx.ts';

/** [material, lot number, quantity, supplier, supplier lot, received days ago] — castings, bar, seals, bolts, paint */
export const DEMO_LOTS: Array<[string, string, string, string, string, number]> = [
  ['RM-HT200', 'HT200-A01', '120', '泊头华东铸造', 'HD-2611-07', 12],
  ['RM-HT200', 'HT200-A02', '150', '泊头华东铸造', 'HD-2611-19', 5],
  ['RM-HT250', 'HT250-A01', '60', '泊头华东铸造', 'HD-2611-11', 9],
  ['RM-WCB', 'WCB-A01', '40', '常州精铸', 'CZ-26-0412', 20],
  ['RM-304-BAR', '304-B01', '500', '太钢不锈', 'TG-6114587', 15],
  ['RM-45-BAR', '45-B01', '800', '南钢', 'NG-2611-332', 8],
  ['RM-2CR13', '2CR13-B01', '300', '抚顺特钢', 'FS-2610-88', 25],
  ['RM-PTFE', 'PTFE-C01', '80', '浙江巨化', 'JH-PT-2611', 18],
  ['RM-EPDM', 'EPDM-C01', '120', '中石化橡胶', 'SR-2611-05', 10],
  ['PU-BRG-6308', 'BRG-6308-01', '100', 'SKF 上海', 'SKF-6308-2645', 14],
  ['PU-MS-40', 'MS40-01', '50', '约翰克兰', 'JC-40-2611', 14],
  ['PU-BOLT-M16', 'M16-01', '2000', '宁波紧固件', 'NB-M16-1126', 7],
  ['CS-PAINT-EP', 'EP-01', '200', '海虹老人', 'HP-EP-2611', 6],
  ['CS-PAINT-PU', 'PU-01', '150', '海虹老人', 'HP-PU-2611', 6],
];

/**
 * Received lots of the demo's purchased components, through the service (audited). Once: nothing when the
 * tenant has received any (output lots of demo reports do not count).
 */
export async function seedDemoLots({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(tx, sql`SELECT 1 FROM inventory_lots WHERE origin = 'received' LIMIT 1`);
    if (any) return;
    const ids = new Map(
      (await queryRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM materials`)).map((m) => [
        m.code,
        m.id,
      ]),
    );
    const ctx = await seedCtx(tx, tenant);
    const now = Date.now();
    for (const [code, lotNumber, quantity, supplier, supplierLot, daysAgo] of DEMO_LOTS) {
      const materialId = ids.get(code);
      if (!materialId) continue;
      await receiveLot(ctx, {
        lotNumber,
        materialId,
        quantity,
        supplier,
        supplierLot,
        receivedAt: new Date(now - daysAgo * 86_400_000).toISOString(),
        note: null,
      });
    }
  });
}
