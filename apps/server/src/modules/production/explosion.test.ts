// BOM explosion and its exact arithmetic: worked examples, and properties over random acyclic
// structures (requirements scale linearly with the quantity; no scrap means gross = net).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explode, type ExplosionBom, type ExplosionMaterial } from './explosion.ts';
import { eq, mul, parseDecimal, toDecimal } from './rational.ts';
import { findPath } from './bom-graph.ts';

const material = (id: string): ExplosionMaterial => ({
  id,
  code: id,
  name: id,
  type: 'raw',
  unitCode: 'pcs',
});

describe('rational decimals', () => {
  it('keeps thirds exact until the end and rounds half away from zero', () => {
    const third = mul(parseDecimal('1'), { n: 1n, d: 3n });
    expect(toDecimal(third)).toBe('0.333333');
    expect(toDecimal(mul(third, parseDecimal('3')))).toBe('1');
    expect(toDecimal(parseDecimal('0.0000005'))).toBe('0.000001');
    expect(toDecimal(parseDecimal('-2.5000004'))).toBe('-2.5');
    expect(toDecimal(parseDecimal('0.1'))).toBe('0.1');
    expect(() => parseDecimal('1e3')).toThrow();
  });
});

describe('explode', () => {
  it('converts line units and applies scrap per level', () => {
    const boms: Record<string, ExplosionBom> = {
      A: {
        id: 'a',
        version: 'V1',
        baseQuantity: '3',
        lines: [
          // 1000 g of B per 3 A, B counted in kg: 1/3 kg each, 10% scrap
          {
            lineNo: 1,
            componentId: 'B',
            quantity: '1000',
            lineUnitFactor: '0.001',
            componentUnitFactor: '1',
            scrapPercent: '10',
            operationSeq: 10,
          },
        ],
      },
    };
    const x = explode({
      productId: 'A',
      quantity: '1',
      topBom: boms.A!,
      bomOf: (id) => boms[id] ?? null,
      material,
    });
    expect(x.tree.children[0]).toMatchObject({
      netQuantity: '0.333333',
      grossQuantity: '0.366667',
      operationSeq: 10,
    });
    expect(eq(x.exact.get('B')!, { n: 11n, d: 30n })).toBe(true);
  });

  it('refuses a structure that loops (a guard behind the save-time check)', () => {
    const loop: ExplosionBom = {
      id: 'a',
      version: 'V1',
      baseQuantity: '1',
      lines: [
        {
          lineNo: 1,
          componentId: 'A',
          quantity: '1',
          lineUnitFactor: '1',
          componentUnitFactor: '1',
          scrapPercent: '0',
          operationSeq: null,
        },
      ],
    };
    expect(() =>
      explode({ productId: 'A', quantity: '1', topBom: loop, bomOf: () => loop, material }),
    ).toThrow(/A → A/);
  });
});

/** A random acyclic structure: material i may only use materials with a larger index. */
const structure = fc
  .integer({ min: 2, max: 7 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(
        fc.record({
          base: fc.integer({ min: 1, max: 12 }),
          lines: fc.array(
            fc.record({
              to: fc.integer({ min: 1, max: 6 }),
              qty: fc.integer({ min: 1, max: 50_000 }),
              scrap: fc.integer({ min: 0, max: 3_000 }),
            }),
            { maxLength: 4 },
          ),
        }),
        { minLength: n, maxLength: n },
      ),
    ),
  )
  .map(([n, defs]) => {
    const boms = new Map<string, ExplosionBom>();
    defs.forEach((d, i) => {
      const lines = d.lines
        .map((l) => ({ ...l, target: i + l.to }))
        .filter((l) => l.target < n)
        .map((l, k) => ({
          lineNo: k + 1,
          componentId: `M${l.target}`,
          quantity: toDecimal({ n: BigInt(l.qty), d: 1000n }),
          lineUnitFactor: '1',
          componentUnitFactor: '1',
          scrapPercent: toDecimal({ n: BigInt(l.scrap), d: 100n }),
          operationSeq: null,
        }));
      if (lines.length)
        boms.set(`M${i}`, { id: `b${i}`, version: 'V1', baseQuantity: String(d.base), lines });
    });
    return boms;
  });

describe('explosion properties', () => {
  it('requirements scale linearly with the quantity, exactly', () => {
    fc.assert(
      fc.property(
        structure,
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 2, max: 50 }),
        (boms, q, k) => {
          const run = (quantity: string) =>
            explode({
              productId: 'M0',
              quantity,
              topBom: boms.get('M0') ?? null,
              bomOf: (id) => boms.get(id) ?? null,
              material,
            }).exact;
          const one = run(toDecimal({ n: BigInt(q), d: 100n }));
          const many = run(toDecimal({ n: BigInt(q * k), d: 100n }));
          expect([...many.keys()].sort()).toEqual([...one.keys()].sort());
          for (const [id, r] of one) expect(eq(many.get(id)!, mul(r, { n: BigInt(k), d: 1n }))).toBe(true);
        },
      ),
    );
  });

  it('without scrap, a leaf-only BOM needs exactly quantity × line ÷ base of each component', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 9 }),
        (q, line, base) => {
          const bom: ExplosionBom = {
            id: 'b',
            version: 'V1',
            baseQuantity: String(base),
            lines: [
              {
                lineNo: 1,
                componentId: 'C',
                quantity: String(line),
                lineUnitFactor: '1',
                componentUnitFactor: '1',
                scrapPercent: '0',
                operationSeq: null,
              },
            ],
          };
          const x = explode({
            productId: 'P',
            quantity: String(q),
            topBom: bom,
            bomOf: () => null,
            material,
          });
          expect(eq(x.exact.get('C')!, reduce(q * line, base))).toBe(true);
          expect(x.tree.children[0]!.netQuantity).toBe(x.tree.children[0]!.grossQuantity);
        },
      ),
    );
  });
});

const reduce = (n: number, d: number) => {
  const g = (a: number, b: number): number => (b ? g(b, a % b) : a);
  const k = g(n, d);
  return { n: BigInt(n / k), d: BigInt(d / k) };
};

describe('findPath', () => {
  it('finds the way back that a new edge would close into a cycle', () => {
    const graph = new Map([
      ['A', new Set(['B'])],
      ['B', new Set(['C'])],
    ]);
    expect(findPath(graph, 'B', 'A')).toBeNull();
    expect(findPath(graph, 'A', 'C')).toEqual(['A', 'B', 'C']);
  });
});
