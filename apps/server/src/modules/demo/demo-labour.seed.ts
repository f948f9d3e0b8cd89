import { sql } from 'drizzle-orm';
import type { TSavePieceRate, TSaveWorker } from '@greenmes/contracts';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { createGrade, createSkill } from '../labour/grades-skills.service.ts';
import { createPieceRate, createTimeRate } from '../labour/rates.service.ts';
import { createWorker } from '../labour/workers.service.ts';
import { seedCtx } from './demo-ctx.ts';

/** Every demo worker's terminal PIN (README). Their badges are GY + the employee number's digits. */
export const DEMO_WORKER_PIN = '1234';

export const DEMO_GRADES: Array<[string, string]> = [
  ['G1', '初级'],
  ['G2', '中级'],
  ['G3', '高级'],
  ['G4', '技师'],
];

/** The skills the demo routings require (codes = their required-skill text), and one they do not. */
export const DEMO_SKILLS: Array<[string, string]> = [
  ['数控车工 中级', '数控车工（中级）'],
  ['加工中心操作工', '加工中心操作工'],
  ['磨工 中级', '磨工（中级）'],
  ['动平衡操作工', '动平衡操作工'],
  ['检验员', '检验员'],
  ['装配钳工 中级', '装配钳工（中级）'],
  ['装配钳工 高级', '装配钳工（高级）'],
  ['试压工（持证）', '试压工（持证上岗）'],
  ['试验员', '水泵性能试验员'],
  ['喷涂工', '喷涂工'],
  ['叉车司机', '叉车司机（特种作业证）'],
];

/** [employee no., name, team (work center), grade, skills as [code, level, valid until?]] */
type DemoWorker = [string, string, string, string, Array<[string, number, string?]>];
const WORKERS: DemoWorker[] = [
  [
    '1001',
    '王建国',
    'MC-L1-TURN',
    'G4',
    [
      ['数控车工 中级', 5],
      ['检验员', 4],
    ],
  ],
  ['1002', '李明', 'MC-L1-TURN', 'G2', [['数控车工 中级', 3]]],
  ['1003', '张磊', 'MC-L1-TURN', 'G1', [['数控车工 中级', 2]]],
  [
    '1004',
    '刘洋',
    'MC-L1-MILL',
    'G3',
    [
      ['加工中心操作工', 4],
      ['检验员', 3],
    ],
  ],
  ['1005', '陈静', 'MC-L1-MILL', 'G2', [['加工中心操作工', 3]]],
  ['1006', '杨帆', 'MC-L2-TURN', 'G3', [['数控车工 中级', 4]]],
  ['1007', '赵强', 'MC-L2-TURN', 'G2', [['数控车工 中级', 3]]],
  [
    '1008',
    '黄海',
    'MC-L2-GRD',
    'G3',
    [
      ['磨工 中级', 4],
      ['动平衡操作工', 4],
    ],
  ],
  [
    '1009',
    '周丽',
    'MC-L2-GRD',
    'G2',
    [
      ['磨工 中级', 3],
      ['检验员', 3],
    ],
  ],
  [
    '2001',
    '吴刚',
    'AS-L1-ASM',
    'G3',
    [
      ['装配钳工 中级', 5],
      ['装配钳工 高级', 3],
    ],
  ],
  ['2002', '郑芳', 'AS-L1-ASM', 'G2', [['装配钳工 中级', 3]]],
  ['2003', '孙涛', 'AS-L1-ASM', 'G1', [['装配钳工 中级', 2]]],
  ['2004', '马超', 'AS-L1-TEST', 'G3', [['试压工（持证）', 4, '2027-06-30']]],
  [
    '2005',
    '胡军',
    'AS-L2-ASM',
    'G4',
    [
      ['装配钳工 高级', 5],
      ['装配钳工 中级', 5],
    ],
  ],
  ['2006', '朱婷', 'AS-L2-ASM', 'G2', [['装配钳工 中级', 3]]],
  [
    '2007',
    '高翔',
    'AS-L2-TEST',
    'G3',
    [
      ['试验员', 4],
      ['试压工（持证）', 3, '2026-09-30'],
    ],
  ],
  ['3001', '林峰', 'PT-L1-SPRAY', 'G3', [['喷涂工', 4]]],
  ['3002', '何秀英', 'PT-L1-SPRAY', 'G2', [['喷涂工', 3]]],
  ['3003', '罗斌', 'PT-L1-SPRAY', 'G1', [['喷涂工', 2]]],
  [
    '3004',
    '谢宏',
    'AS-L1-ASM',
    'G2',
    [
      ['叉车司机', 4, '2028-03-31'],
      ['装配钳工 中级', 2],
    ],
  ],
];

const FROM = '2025-01-01';
const deduct = (d: string) => ({ scrapPolicy: 'deduct' as const, scrapDeduction: d });
const half = { scrapPolicy: 'pay_percent' as const, scrapPayPercent: '50' };
/** [operation, product (null = any), grade (null = any), yuan per good unit, scrap policy, rework yuan] */
type Rate = [string, string | null, string | null, string, Partial<TSavePieceRate>, string];
const PIECE_RATES: Rate[] = [
  ['TURN', null, null, '3.2', deduct('1.5'), '1.2'],
  ['TURN', null, 'G4', '3.6', deduct('1.5'), '1.2'],
  ['TURN', 'SF-IMP-150', null, '6.5', deduct('3'), '2.5'],
  ['TURN', 'SF-SH-150', null, '5.8', deduct('3'), '2'],
  ['MILL', null, null, '4.5', deduct('2'), '1.5'],
  ['MILL', 'SF-PC-150', null, '12', deduct('6'), '4'],
  ['GRD', null, null, '4.8', deduct('2'), '1.6'],
  ['BAL', null, null, '2.5', { scrapPolicy: 'none' }, '1'],
  ['QC', null, null, '0.8', { scrapPolicy: 'none' }, '0'],
  ['ASM', null, null, '6', half, '2'],
  ['ASM', 'FG-GV-150', null, '11', half, '3.5'],
  ['ASM', 'FG-PMP-150', null, '22', half, '6'],
  ['ASM', 'FG-PMP-100', null, '16', half, '5'],
  ['ASM', 'FG-PMP-150', 'G4', '24', half, '6'],
  ['TEST', null, null, '1.8', { scrapPolicy: 'none' }, '0.8'],
  ['TEST', 'FG-PMP-150', null, '8', { scrapPolicy: 'none' }, '3'],
  ['TEST', 'FG-PMP-100', null, '6.5', { scrapPolicy: 'none' }, '2.5'],
  ['PAINT', null, null, '2.2', deduct('1'), '1.5'],
  ['PAINT', 'FG-PMP-150', null, '4.5', deduct('2'), '3'],
  // the painters hang and take off the parts at the curing oven; the oven itself runs unattended
  ['CURE', null, null, '0.4', { scrapPolicy: 'none' }, '0'],
  ['PACK', null, null, '0.6', { scrapPolicy: 'none' }, '0'],
];
/** yuan per hour from 2025; a raise from 2026 */
const TIME_RATES: Array<[string, string, string]> = [
  ['G1', '21', '22.5'],
  ['G2', '25', '26.5'],
  ['G3', '30', '32'],
  ['G4', '36', '38.5'],
];

/**
 * The demo factory's people: four grades, the routings' skills, twenty workers on the work centers the
 * routings run on (badge GY1001…, PIN 1234), piece rates for the routings' operations (some per product
 * or grade) and hourly rates per grade. Through the services, so audited. Does nothing once any grade exists.
 */
export async function seedDemoLabour({
  db,
  tenant,
}: {
  db: Db;
  tenant: { id: string; code: string; name: string };
}) {
  await inTenant(db, tenant.id, async (tx) => {
    const [any] = await queryRows(tx, sql`SELECT 1 FROM labour_grades LIMIT 1`);
    if (any) return;
    const ctx = await seedCtx(tx, tenant);
    const byCode = async (table: 'plant_nodes' | 'materials') =>
      new Map(
        (
          await queryRows<{ id: string; code: string }>(
            tx,
            sql`SELECT id, code FROM ${sql.identifier(table)}`,
          )
        ).map((r) => [r.code, r.id]),
      );
    const nodes = await byCode('plant_nodes');
    const materials = await byCode('materials');
    const grades = new Map<string, string>();
    for (const [i, [code, name]] of DEMO_GRADES.entries())
      grades.set(code, (await createGrade(ctx, { code, name, sortOrder: i + 1 })).id);
    const skills = new Map<string, string>();
    for (const [code, name] of DEMO_SKILLS) skills.set(code, (await createSkill(ctx, { code, name })).id);
    for (const [no, name, team, grade, held] of WORKERS) {
      const input: TSaveWorker = {
        employeeNo: `GY${no}`,
        name,
        teamId: nodes.get(team) ?? null,
        gradeId: grades.get(grade)!,
        badgeCode: `GY${no}`,
        pin: DEMO_WORKER_PIN,
        hireDate: `20${10 + (Number(no) % 13)}-0${1 + (Number(no) % 9)}-01`,
        skills: held.map(([code, level, validUntil]) => ({
          skillId: skills.get(code)!,
          level,
          validUntil: validUntil ?? null,
        })),
      };
      await createWorker(ctx, input);
    }
    for (const [operationCode, product, grade, rate, scrap, reworkRate] of PIECE_RATES) {
      if (product && !materials.has(product)) continue;
      await createPieceRate(ctx, {
        operationCode,
        productId: product ? materials.get(product)! : null,
        gradeId: grade ? grades.get(grade)! : null,
        rate,
        ...scrap,
        reworkRate,
        effectiveFrom: FROM,
      });
    }
    for (const [grade, y2025, y2026] of TIME_RATES) {
      const gradeId = grades.get(grade)!;
      await createTimeRate(ctx, { gradeId, rate: y2025, effectiveFrom: FROM, effectiveTo: '2025-12-31' });
      await createTimeRate(ctx, { gradeId, rate: y2026, effectiveFrom: '2026-01-01' });
    }
  });
}
