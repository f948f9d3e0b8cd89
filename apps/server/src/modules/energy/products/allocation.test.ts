// The allocation of the boundary's energy to products: nothing created or lost, whatever the nodes and outputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EnergyMedium } from '@greenmes/contracts';
import { descendantsOf } from '../../modeling/data-scope.ts';
import { allocateEnergy, nodeMeters, type MediaAmounts } from './allocation.ts';

const MEDIA: EnergyMedium[] = ['electricity', 'natural_gas', 'steam'];
const amounts = fc
  .tuple(...MEDIA.map(() => fc.double({ min: 0, max: 1e6, noNaN: true })))
  .map(
    (xs) => new Map(xs.map((q, i) => [MEDIA[i]!, { quantity: q, tce: q * (i + 1) * 0.1 }])) as MediaAmounts,
  );

describe('allocateEnergy', () => {
  it('products + unallocated = boundary per medium when the nodes do not exceed it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(amounts, { minLength: 1, maxLength: 5 }),
        fc.array(
          fc.record({
            output: fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 1e5, noNaN: true })),
            nodes: fc.uniqueArray(
              fc.record({
                node: fc.integer({ min: 0, max: 4 }),
                weight: fc.double({ min: 0.01, max: 10, noNaN: true }),
              }),
              { minLength: 1, maxLength: 3, selector: (n) => n.node },
            ),
          }),
          { maxLength: 6 },
        ),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (nodeList, products, extra) => {
          const nodeEnergy = new Map(nodeList.map((a, i) => [`n${i}`, a]));
          // the boundary: every node's energy plus a remainder
          const boundary: MediaAmounts = new Map(
            MEDIA.map((m) => {
              const q = nodeList.reduce((s, a) => s + a.get(m)!.quantity, 0) + extra;
              const t = nodeList.reduce((s, a) => s + a.get(m)!.tce, 0) + extra / 10;
              return [m, { quantity: q, tce: t }];
            }),
          );
          const r = allocateEnergy({
            boundary,
            nodeEnergy,
            products: products.map((p, i) => ({
              id: `p${i}`,
              output: p.output,
              nodes: p.nodes
                .filter((n) => n.node < nodeList.length)
                .map((n) => ({ nodeId: `n${n.node}`, weight: n.weight })),
            })),
          });
          for (const m of MEDIA) {
            let q = r.unallocated.get(m)?.quantity ?? 0;
            let t = r.unallocated.get(m)?.tce ?? 0;
            for (const a of r.products.values()) {
              q += (a.direct.get(m)?.quantity ?? 0) + (a.auxiliary.get(m)?.quantity ?? 0);
              t += (a.direct.get(m)?.tce ?? 0) + (a.auxiliary.get(m)?.tce ?? 0);
            }
            const b = boundary.get(m)!;
            expect(q).toBeCloseTo(b.quantity, Math.max(0, 6 - Math.ceil(Math.log10(b.quantity + 1))));
            expect(t).toBeCloseTo(b.tce, Math.max(0, 6 - Math.ceil(Math.log10(b.tce + 1))));
          }
        },
      ),
    );
  });

  it('shares a node by output × weight and gives a node nobody made anything on to unallocated', () => {
    const e = (q: number): MediaAmounts => new Map([['electricity', { quantity: q, tce: q / 10 }]]);
    const r = allocateEnergy({
      boundary: e(1000),
      nodeEnergy: new Map([
        ['a', e(400)],
        ['b', e(300)],
        ['idle', e(100)],
      ]),
      products: [
        {
          id: 'valve',
          output: 100,
          nodes: [
            { nodeId: 'a', weight: 1 },
            { nodeId: 'b', weight: 2 },
          ],
        },
        { id: 'pump', output: 50, nodes: [{ nodeId: 'a', weight: 3 }] },
        { id: 'none', output: 0, nodes: [{ nodeId: 'idle', weight: 1 }] },
      ],
    });
    expect(r.products.get('valve')!.direct.get('electricity')!.quantity).toBeCloseTo(460, 9);
    expect(r.products.get('pump')!.direct.get('electricity')!.quantity).toBeCloseTo(240, 9);
    expect(r.unallocated.get('electricity')!.quantity).toBeCloseTo(100, 9);
    // remainder 1000 − 800 = 200, shared 460 : 240
    expect(r.products.get('valve')!.auxiliary.get('electricity')!.quantity).toBeCloseTo((200 * 460) / 700, 9);
    expect(r.products.get('none')!.auxiliary.get('electricity')!.quantity).toBe(0);
  });
});

describe('nodeMeters', () => {
  const parentOf = new Map<string, string | null>([
    ['site', null],
    ['area', 'site'],
    ['line', 'area'],
    ['other', 'site'],
  ]);
  const meters = [
    { id: 'main', parent_id: null, node_id: 'site', equipment_id: null },
    { id: 'ws', parent_id: 'main', node_id: 'area', equipment_id: null },
    { id: 'lathe', parent_id: 'ws', node_id: null, equipment_id: 'eq1' },
    { id: 'press', parent_id: 'main', node_id: null, equipment_id: 'eq2' },
    { id: 'elsewhere', parent_id: 'main', node_id: 'other', equipment_id: null },
  ];
  const equipmentNode = new Map([
    ['eq1', 'line'],
    ['eq2', 'line'],
  ]);
  // meterPlacement's rule (placed on the subtree directly or through the equipment), over these fixtures
  const nodes = [...parentOf].map(([id, parentId]) => ({ id, parentId }));
  const inside = (root: string) => {
    const subtree = descendantsOf(nodes, [root]);
    return (m: (typeof meters)[number]) =>
      (m.node_id !== null && subtree.has(m.node_id)) ||
      (m.equipment_id !== null && subtree.has(equipmentNode.get(m.equipment_id) ?? ''));
  };
  it('keeps the topmost meters of the subtree, reached through nodes or equipment', () => {
    expect(nodeMeters(meters, inside('area')).map((m) => m.id)).toEqual(['ws', 'press']);
    expect(nodeMeters(meters, inside('line')).map((m) => m.id)).toEqual(['lathe', 'press']);
  });
});
