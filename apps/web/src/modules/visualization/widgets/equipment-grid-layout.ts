import type { TEquipmentGrid } from '@greenmes/contracts';

export type GridItem = TEquipmentGrid['items'][number];

/** Fill colours of the grid; states the palette does not know are drawn in OTHER. */
export const STATE_FILL: Record<string, string> = {
  running: '#389e0d',
  idle: '#1d39c4',
  setup: '#d48806',
  down: '#cf1322',
  offline: '#595959',
  none: '#262626',
};
export const OTHER_FILL = '#722ed1';

/** 'offline' when the controller stopped talking (its last state may be stale), 'none' when nothing reports. */
export const stateBucket = (e: Pick<GridItem, 'state' | 'connectivity'>) =>
  e.state === null ? 'none' : e.connectivity !== null && e.connectivity !== 'online' ? 'offline' : e.state;

export interface GridLayout {
  columns: number;
  /** side of a cell including its gap, css px */
  cell: number;
}

/** The largest square cells that fit `count` items in width × height. */
export function gridLayout(count: number, width: number, height: number): GridLayout {
  if (count === 0 || width <= 0 || height <= 0) return { columns: 1, cell: 0 };
  let best: GridLayout = { columns: 1, cell: 0 };
  // a few thousand items at most: trying each column count is cheap and exact
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const cell = Math.min(width / columns, height / rows);
    if (cell > best.cell) best = { columns, cell };
    if (width / columns < best.cell) break;
  }
  return best;
}

/** The item under a point of the canvas (css px), or -1. */
export function itemAt(layout: GridLayout, count: number, x: number, y: number): number {
  if (layout.cell <= 0 || x < 0 || y < 0) return -1;
  const column = Math.floor(x / layout.cell);
  if (column >= layout.columns) return -1;
  const index = Math.floor(y / layout.cell) * layout.columns + column;
  return index < count ? index : -1;
}
