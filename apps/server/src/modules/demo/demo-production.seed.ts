import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { createNode } from '../modeling/plant.service.ts';
import { createBom, transitionBom } from '../production/boms.service.ts';
import { createRouting, transitionRouting } from '../production/routings.service.ts';
import { seedCtx } from './demo-ctx.ts';

/** Work centers the routings need beyond those of the factory model (machining cells, paint-shop stations). */
const WORK_CENTERS = [
  { code: 'MC-L2-TURN', name: '泵轴/叶轮车削单元', parent: 'MC-L2' },
  { code: 'MC-L2-GRD', name: '磨削与动平衡单元', parent: 'MC-L2' },
  { code: 'AS-L1-ASM', name: '阀门装配工位', parent: 'AS-L1' },
  { code: 'AS-L1-TEST', name: '阀门试压工位', parent: 'AS-L1' },
  { code: 'AS-L2-ASM', name: '水泵装配工位', parent: 'AS-L2' },
  { code: 'AS-L2-TEST', name: '水泵性能试验工位', parent: 'AS-L2' },
];

/** [component, quantity, unit (default the component's), scrap %, operation seq] */
type Line = [string, string, string | null, string, number | null];
const VALVE_PAINT: Line[] = [
  ['CS-PAINT-EP', '0.4', null, '15', 30],
  ['CS-PAINT-PU', '0.3', null, '15', 30],
  ['CS-THIN', '80', 'g', '10', 30],
];
/** Active from 2025; FG-BV-100 also has a draft V2 with less EPDM from mid-2026. */
const BOMS: Array<{
  product: string;
  version: string;
  base?: string;
  draft?: boolean;
  from?: string;
  lines: Line[];
}> = [
  {
    product: 'FG-BV-100',
    version: 'V1',
    lines: [
      ['SF-VB-100', '1', null, '0', 10],
      ['SF-VD-100', '1', null, '0', 10],
      ['SF-VS-100', '1', null, '0', 10],
      ['RM-PTFE', '0.12', null, '5', 10],
      ['RM-EPDM', '0.35', null, '8', 10],
      ['PU-BOLT-M16', '8', null, '2', 10],
      ...VALVE_PAINT,
      ['PK-CRATE', '0.25', null, '0', 40],
    ],
  },
  {
    product: 'FG-BV-100',
    version: 'V2',
    draft: true,
    from: '2026-07-01',
    lines: [
      ['SF-VB-100', '1', null, '0', 10],
      ['SF-VD-100', '1', null, '0', 10],
      ['SF-VS-100', '1', null, '0', 10],
      ['RM-PTFE', '0.12', null, '5', 10],
      ['RM-EPDM', '0.32', null, '6', 10],
      ['PU-BOLT-M16', '8', null, '2', 10],
      ...VALVE_PAINT,
      ['PK-CRATE', '0.25', null, '0', 40],
    ],
  },
  {
    product: 'SF-VB-100',
    version: 'V1',
    base: '10',
    lines: [
      ['RM-HT200', '10', null, '3', 10],
      ['CS-COOLANT', '5', null, '0', 10],
      ['CS-INSERT', '2', null, '0', 20],
    ],
  },
  { product: 'SF-VD-100', version: 'V1', lines: [['RM-304-BAR', '2.8', null, '6', 10]] },
  { product: 'SF-VS-100', version: 'V1', lines: [['RM-2CR13', '1.1', null, '8', 10]] },
  {
    product: 'FG-GV-150',
    version: 'V1',
    lines: [
      ['RM-WCB', '1', null, '2', 10],
      ['RM-2CR13', '1.6', null, '8', 10],
      ['RM-PTFE', '0.2', null, '5', 10],
      ['PU-BOLT-M16', '12', null, '2', 10],
      ...VALVE_PAINT,
      ['PK-CRATE', '0.5', null, '0', 40],
    ],
  },
  {
    product: 'FG-CV-80',
    version: 'V1',
    lines: [
      ['RM-HT200', '1', null, '3', 10],
      ['RM-304-BAR', '1.2', null, '6', 10],
      ['RM-EPDM', '0.15', null, '8', 10],
      ['PU-BOLT-M16', '8', null, '2', 10],
      ...VALVE_PAINT,
      ['PK-CRATE', '0.2', null, '0', 40],
    ],
  },
  {
    product: 'FG-PMP-150',
    version: 'V1',
    lines: [
      ['SF-PC-150', '1', null, '0', 10],
      ['SF-IMP-150', '1', null, '0', 10],
      ['SF-SH-150', '1', null, '0', 10],
      ['PU-MOTOR-22', '1', null, '0', 10],
      ['PU-BRG-6308', '2', null, '0', 10],
      ['PU-MS-40', '1', null, '1', 10],
      ['PU-BOLT-M16', '16', null, '2', 10],
      ['CS-PAINT-EP', '1.2', null, '15', 30],
      ['CS-PAINT-PU', '0.9', null, '15', 30],
      ['PK-CRATE', '1', null, '0', 40],
    ],
  },
  { product: 'SF-PC-150', version: 'V1', lines: [['RM-HT250', '1', null, '2', 10]] },
  { product: 'SF-IMP-150', version: 'V1', lines: [['RM-304-BAR', '6.5', null, '12', 10]] },
  { product: 'SF-SH-150', version: 'V1', lines: [['RM-45-BAR', '9.2', null, '7', 10]] },
  {
    product: 'FG-PMP-100',
    version: 'V1',
    lines: [
      ['RM-HT250', '1', null, '2', 10],
      ['RM-304-BAR', '4.2', null, '12', 10],
      ['RM-45-BAR', '5.1', null, '7', 10],
      ['PU-MOTOR-22', '1', null, '0', 10],
      ['PU-BRG-6308', '2', null, '0', 10],
      ['PU-MS-40', '1', null, '1', 10],
      ['PU-BOLT-M16', '12', null, '2', 10],
      ['CS-PAINT-EP', '0.9', null, '15', 30],
      ['CS-PAINT-PU', '0.7', null, '15', 30],
      ['PK-CRATE', '1', null, '0', 40],
    ],
  },
];

/** [seq, code, name, work center, setup min, run s/unit, skill, inspection point] */
type Op = [number, string, string, string, string, string, string | null, boolean];
const valveOps = (asm: string): Op[] => [
  [10, 'ASM', '装配', 'AS-L1-ASM', '15', asm, '装配钳工 中级', false],
  [20, 'TEST', '壳体及密封压力试验', 'AS-L1-TEST', '10', '180', '试压工（持证）', true],
  [30, 'PAINT', '喷涂', 'PT-L1-SPRAY', '30', '240', '喷涂工', false],
  [35, 'CURE', '烘干固化', 'PT-L1-CURE', '20', '150', null, false],
  [40, 'PACK', '包装入箱', 'AS-L1-ASM', '0', '60', null, false],
];
const pumpOps = (asm: string): Op[] => [
  [10, 'ASM', '总装', 'AS-L2-ASM', '20', asm, '装配钳工 高级', false],
  [20, 'TEST', '性能试验（流量、扬程、效率）', 'AS-L2-TEST', '15', '900', '试验员', true],
  [30, 'PAINT', '喷涂', 'PT-L1-SPRAY', '30', '420', '喷涂工', false],
  [35, 'CURE', '烘干固化', 'PT-L1-CURE', '20', '300', null, false],
  [40, 'PACK', '包装入箱', 'AS-L2-ASM', '0', '180', null, false],
];
const ROUTINGS: Array<{ product: string; ops: Op[] }> = [
  { product: 'FG-BV-100', ops: valveOps('360') },
  { product: 'FG-GV-150', ops: valveOps('720') },
  { product: 'FG-CV-80', ops: valveOps('300') },
  { product: 'FG-PMP-150', ops: pumpOps('1500') },
  { product: 'FG-PMP-100', ops: pumpOps('1080') },
  {
    product: 'SF-VB-100',
    ops: [
      [10, 'TURN', '车端面及法兰', 'MC-L1-TURN', '45', '420', '数控车工 中级', false],
      [20, 'MILL', '铣阀座及钻孔', 'MC-L1-MILL', '60', '600', '加工中心操作工', false],
      [30, 'QC', '尺寸检验', 'MC-L1-MILL', '0', '90', '检验员', true],
    ],
  },
  {
    product: 'SF-VD-100',
    ops: [[10, 'TURN', '车削阀板', 'MC-L1-TURN', '30', '300', '数控车工 中级', false]],
  },
  {
    product: 'SF-VS-100',
    ops: [[10, 'TURN', '车削阀杆', 'MC-L1-TURN', '30', '240', '数控车工 中级', false]],
  },
  {
    product: 'SF-PC-150',
    ops: [[10, 'MILL', '泵壳加工', 'MC-L1-MILL', '90', '1500', '加工中心操作工', false]],
  },
  {
    product: 'SF-IMP-150',
    ops: [
      [10, 'TURN', '车削叶轮', 'MC-L2-TURN', '40', '660', '数控车工 中级', false],
      [20, 'BAL', '动平衡', 'MC-L2-GRD', '10', '300', '动平衡操作工', true],
    ],
  },
  {
    product: 'SF-SH-150',
    ops: [
      [10, 'TURN', '车削泵轴', 'MC-L2-TURN', '40', '540', '数控车工 中级', false],
      [20, 'GRD', '外圆磨削', 'MC-L2-GRD', '30', '480', '磨工 中级', false],
      [30, 'QC', '跳动及尺寸检验', 'MC-L2-GRD', '0', '120', '检验员', true],
    ],
  },
];

/**
 * BOMs and routings of the demo's finished products and machined parts, through the services (so
 * the checks and the audit apply). Adds the work centers they run on. Does nothing once any exists.
 */
export async function seedDemoProduction({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(
      tx,
      sql`SELECT 1 FROM production_boms UNION ALL SELECT 1 FROM production_routings LIMIT 1`,
    );
    if (any) return;
    const ctx = await seedCtx(tx, tenant);
    const nodes = new Map(
      (await queryRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM plant_nodes`)).map((n) => [
        n.code,
        n.id,
      ]),
    );
    for (const wc of WORK_CENTERS) {
      if (nodes.has(wc.code) || !nodes.has(wc.parent)) continue;
      const node = await createNode({
        ctx,
        input: { kind: 'work_center', parentId: nodes.get(wc.parent)!, code: wc.code, name: wc.name },
      });
      nodes.set(wc.code, node.id);
    }
    const materials = new Map(
      (await queryRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM materials`)).map((m) => [
        m.code,
        m.id,
      ]),
    );
    const units = new Map(
      (await queryRows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM units`)).map((u) => [
        u.code,
        u.id,
      ]),
    );
    for (const b of BOMS) {
      if (!materials.has(b.product)) continue;
      const bom = await createBom(ctx, {
        productId: materials.get(b.product)!,
        version: b.version,
        effectiveFrom: b.from ?? '2025-01-01',
        baseQuantity: b.base ?? '1',
        description: b.draft ? '减少 EPDM 用量（工艺改进，待批准）' : null,
        lines: b.lines
          .filter(([code]) => materials.has(code))
          .map(([code, quantity, unit, scrapPercent, operationSeq]) => ({
            componentId: materials.get(code)!,
            quantity,
            ...(unit ? { unitId: units.get(unit)! } : {}),
            scrapPercent,
            operationSeq,
          })),
      });
      if (!b.draft) await transitionBom(ctx, bom.id, 'active');
    }
    for (const r of ROUTINGS) {
      if (!materials.has(r.product)) continue;
      const operations = r.ops
        .filter((o) => nodes.has(o[3]))
        .map(
          ([seqNo, code, name, wc, setupMinutes, runSecondsPerUnit, requiredSkill, isInspectionPoint]) => ({
            seqNo,
            code,
            name,
            workCenterId: nodes.get(wc)!,
            setupMinutes,
            runSecondsPerUnit,
            requiredSkill,
            isInspectionPoint,
          }),
        );
      const routing = await createRouting(ctx, {
        productId: materials.get(r.product)!,
        version: 'R1',
        effectiveFrom: '2025-01-01',
        operations,
      });
      await transitionRouting(ctx, routing.id, 'active');
    }
  });
}
