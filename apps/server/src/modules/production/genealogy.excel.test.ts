// The serial numbers' cell of the trace export: all of a lot's serials when they fit Excel's 32,767
// characters, else as many as fit (in order) and a note of how many are left out, never over the limit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CELL_MAX, serialsCell } from './genealogy.excel.ts';

const note = (left: number, total: number) =>
  ` … 另有 ${left} 个，共 ${total} 个 / ${left} more, ${total} in all`;

describe('serialsCell', () => {
  it('is empty for a lot without serials and joins those that fit', () => {
    expect(serialsCell({ serials: [], total: 0 })).toBeNull();
    expect(serialsCell({ serials: ['A-1', 'A-2'], total: 2 })).toBe('A-1, A-2');
  });

  it('fills a cell to the limit exactly, then cuts with the note', () => {
    // 2 × 16,382 characters + ", " = 32,766: fits; one character more does not
    const half = (c: string, n: number) => c.repeat(n);
    expect(serialsCell({ serials: [half('a', 16_382), half('b', 16_383)], total: 2 })).toHaveLength(CELL_MAX);
    const cut = serialsCell({ serials: [half('a', 16_383), half('b', 16_383)], total: 2 })!;
    expect(cut).toBe(`${half('a', 16_383)}${note(1, 2)}`);
  });

  it('says so when fewer serials were read than the lot has, even if they fit', () => {
    expect(serialsCell({ serials: ['A-1', 'A-2'], total: 5 })).toBe(`A-1, A-2${note(3, 5)}`);
  });

  it('never exceeds the limit and lists a prefix, with the rest counted', () => {
    let cuts = 0;
    fc.assert(
      fc.property(
        // serial lengths 1–64, up to 3,000 of them: from a few characters to well over a cell
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 3000, size: 'max' }),
        fc.nat(50),
        (lengths, unread) => {
          const serials = lengths.map((n, i) => String(i).padStart(n, 'S').slice(-n));
          const total = serials.length + unread;
          const cell = serialsCell({ serials, total })!;
          expect(cell.length).toBeLessThanOrEqual(CELL_MAX);
          const [listed, rest] = cell.split(' … ');
          const shown = listed === '' ? [] : listed!.split(', ');
          expect(shown).toEqual(serials.slice(0, shown.length));
          if (rest === undefined) expect(shown.length).toBe(total);
          else {
            expect(` … ${rest}`).toBe(note(total - shown.length, total));
            if (shown.length < serials.length) cuts += 1;
          }
        },
      ),
      { numRuns: 60 },
    );
    expect(cuts).toBeGreaterThan(0); // the limit was reached, not only the unread serials noted
  });
});
