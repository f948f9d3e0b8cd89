import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { orderWip, sumDecimals, type WipOperationInput } from './wip.ts';

const STATUSES = ['pending', 'ready', 'in_progress', 'paused', 'done'] as const;
/** thousandths as a decimal string: 1234 → "1.234" */
const dec = (milli: number) => (milli / 1000).toFixed(3);
const op = (status: WipOperationInput['status'], good: string, scrap: string, tin = '0', tout = '0') => ({
  status,
  good,
  scrap,
  transferredIn: tin,
  transferredOut: tout,
});

describe('orderWip', () => {
  it('worked example, automatic: arrived is the previous good; done only at the last operation', () => {
    const wip = orderWip({
      released: '10',
      explicitTransfers: false,
      operations: [op('in_progress', '6', '1'), op('ready', '0', '0'), op('pending', '0', '0')],
    });
    expect(wip.map((w) => [w.arrived, w.waiting, w.inProcess, w.done])).toEqual([
      ['10', '0', '3', '0'],
      ['6', '6', '0', '0'],
      ['0', '0', '0', '0'],
    ]);
  });

  it('worked example, explicit: good not transferred stays done where it is', () => {
    const wip = orderWip({
      released: '5',
      explicitTransfers: true,
      operations: [
        op('in_progress', '4', '0', '0', '3'),
        op('paused', '1', '0', '3', '0'),
        op('pending', '0', '0'),
      ],
    });
    expect(wip.map((w) => [w.waiting, w.inProcess, w.done])).toEqual([
      ['0', '1', '1'],
      ['0', '2', '1'],
      ['0', '0', '0'],
    ]);
  });

  it('over-reporting (a previous operation reporting late) is overReported, never a negative WIP', () => {
    const [, second] = orderWip({
      released: '3',
      explicitTransfers: false,
      operations: [op('in_progress', '1', '0'), op('in_progress', '2.5', '0')],
    });
    expect(second).toMatchObject({ arrived: '1', inProcess: '0', overReported: '1.5' });
  });

  const anyOperation = fc.record({
    status: fc.constantFrom(...STATUSES),
    good: fc.nat(20_000).map(dec),
    scrap: fc.nat(20_000).map(dec),
    transferredIn: fc.nat(20_000).map(dec),
    transferredOut: fc.nat(20_000).map(dec),
  });

  it('never negative, whatever was reported (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.boolean(),
        fc.array(anyOperation, { minLength: 1, maxLength: 6 }),
        (released, explicitTransfers, operations) => {
          for (const w of orderWip({ released: dec(released), explicitTransfers, operations }))
            for (const v of [w.arrived, w.waiting, w.inProcess, w.done, w.overReported])
              expect(v.startsWith('-')).toBe(false);
        },
      ),
    );
  });

  /** Reports that never exceed what arrived, transfers that never exceed good: a consistent order. */
  const consistentOrder = fc
    .record({
      released: fc.integer({ min: 1, max: 20_000 }),
      explicitTransfers: fc.boolean(),
      steps: fc.array(
        fc.record({
          status: fc.constantFrom(...STATUSES),
          goodShare: fc.double({ min: 0, max: 1, noNaN: true }),
          scrapShare: fc.double({ min: 0, max: 1, noNaN: true }),
          transferShare: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { minLength: 1, maxLength: 6 },
      ),
    })
    .map(({ released, explicitTransfers, steps }) => {
      let arrived = released; // in thousandths
      const operations: WipOperationInput[] = [];
      let transferredIn = 0;
      for (const s of steps) {
        const good = Math.floor(arrived * s.goodShare);
        const scrap = Math.floor((arrived - good) * s.scrapShare);
        const out = explicitTransfers ? Math.floor(good * s.transferShare) : 0;
        operations.push({
          status: s.status,
          good: dec(good),
          scrap: dec(scrap),
          transferredIn: dec(transferredIn),
          transferredOut: dec(out),
        });
        transferredIn = out;
        arrived = explicitTransfers ? out : good;
      }
      return { released: dec(released), explicitTransfers, operations };
    });

  it('waiting + in process + done = released − scrap, exactly (property)', () => {
    fc.assert(
      fc.property(consistentOrder, (order) => {
        const wip = orderWip(order);
        const held = sumDecimals(wip.flatMap((w) => [w.waiting, w.inProcess, w.done]));
        const scrap = sumDecimals(order.operations.map((o) => o.scrap));
        expect(sumDecimals([held, scrap])).toBe(sumDecimals([order.released]));
        expect(wip.every((w) => w.overReported === '0')).toBe(true);
      }),
    );
  });
});
