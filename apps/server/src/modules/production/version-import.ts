import { sql } from 'drizzle-orm';
import {
  DEFINITION_STATUSES,
  DEFINITION_TRANSITIONS,
  type DefinitionStatus,
  type TImportResult,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { queryRows } from '../../platform/db/rows.ts';
import type { Cell } from '../../platform/excel/excel.ts';

/**
 * What the BOM and routing Excel imports share. A sheet holds versions: the rows of one product and
 * version, the version's header cells repeated on each row or left blank below its first. A version of
 * the file is checked against the one stored (only a draft may change; a status moves only along
 * DEFINITION_TRANSITIONS), active periods of a product may not overlap (the database's untouched
 * versions and the file's), and the writes go in an order that never meets the version being replaced.
 */

export type RowError = (row: number, column: string, message: string) => void;

/** An import's error list and its `err`, which keeps the first problem per row and column. */
export function rowErrors(): { errors: TImportResult['errors']; err: RowError } {
  const errors: TImportResult['errors'] = [];
  const err: RowError = (row, column, message) => {
    if (!errors.some((e) => e.row === row && e.column === column)) errors.push({ row, column, message });
  };
  return { errors, err };
}

interface VersionInput {
  productId: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
}

export interface SheetVersion<I extends VersionInput, E extends { id: string; status: DefinitionStatus }> {
  productCode: string;
  version: string;
  firstRow: number;
  header: Partial<Record<string, Cell>>;
  /** the version's detail rows (BOM lines, routing operations) */
  rows: Array<{ row: number; cells: Record<string, Cell> }>;
  /** set once the version parsed and its product and status are known */
  input?: I;
  status?: DefinitionStatus;
  existing?: E;
}

/** The sheet's rows grouped into versions, in file order; a header cell that differs within one is an error. */
export function groupVersions<I extends VersionInput, E extends { id: string; status: DefinitionStatus }>(
  rows: Array<{ row: number; cells: Record<string, Cell> }>,
  o: { headerKeys: readonly string[]; isDetail: (cells: Record<string, Cell>) => boolean; err: RowError },
): Array<SheetVersion<I, E>> {
  const groups = new Map<string, SheetVersion<I, E>>();
  for (const { row, cells } of rows) {
    if (!cells.product) o.err(row, 'product', 'required');
    if (!cells.version) o.err(row, 'version', 'required');
    if (!cells.product || !cells.version) continue;
    const key = `${cells.product}\u0000${cells.version}`;
    const group = groups.get(key) ?? {
      productCode: cells.product,
      version: cells.version,
      firstRow: row,
      header: {},
      rows: [],
    };
    for (const k of o.headerKeys) {
      const v = cells[k];
      if (v == null) continue;
      const had = group.header[k];
      if (had != null && had !== v) o.err(row, k, `differs from the version's first row (${had})`);
      else group.header[k] = v;
    }
    if (o.isDetail(cells)) group.rows.push({ row, cells });
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The version's status cell (blank: draft), or undefined after an error on it. */
export function statusOf(
  g: { header: Partial<Record<string, Cell>>; firstRow: number },
  err: RowError,
): DefinitionStatus | undefined {
  const status = (g.header.status ?? 'draft') as DefinitionStatus;
  if (DEFINITION_STATUSES.includes(status)) return status;
  err(g.firstRow, 'status', `one of ${DEFINITION_STATUSES.join(', ')}`);
  return undefined;
}

/** A stored active or obsolete version must be unchanged, and may only move along its transitions. */
export function checkStoredVersions<
  I extends VersionInput,
  E extends { id: string; status: DefinitionStatus },
>(ready: Array<SheetVersion<I, E>>, same: (g: SheetVersion<I, E>) => boolean, err: RowError) {
  for (const g of ready) {
    const was = g.existing?.status;
    if (!was || was === 'draft') continue;
    if (!same(g))
      err(
        g.firstRow,
        'version',
        `version ${g.version} of ${g.productCode} is ${was}; only drafts can be changed`,
      );
    else if (g.status !== was && !DEFINITION_TRANSITIONS[was].includes(g.status!))
      err(
        g.firstRow,
        'status',
        `version ${g.version} of ${g.productCode} is ${was} and cannot become ${g.status}`,
      );
  }
}

const overlaps = (a: { from: string; to: string | null }, b: { from: string; to: string | null }) =>
  a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31');

/** Active periods per product after the import — the database's untouched versions and the file's — may not overlap. */
export async function checkActivePeriods<
  I extends VersionInput,
  E extends { id: string; status: DefinitionStatus },
>(
  ctx: Ctx,
  o: { table: 'production_boms' | 'production_routings'; ready: Array<SheetVersion<I, E>>; err: RowError },
) {
  const activeInDb = await queryRows<{
    id: string;
    product_id: string;
    version: string;
    from: string;
    to: string | null;
  }>(
    ctx.tx,
    sql`SELECT id, product_id, version, effective_from::text AS "from", effective_to::text AS "to"
        FROM ${sql.identifier(o.table)} WHERE status = 'active'`,
  );
  const fileIds = new Set(o.ready.flatMap((g) => (g.existing ? [g.existing.id] : [])));
  const periodOf = (i: I) => ({ from: i.effectiveFrom, to: i.effectiveTo ?? null });
  for (const g of o.ready.filter((x) => x.status === 'active')) {
    const mine = periodOf(g.input!);
    const clash =
      activeInDb.find((a) => a.product_id === g.input!.productId && !fileIds.has(a.id) && overlaps(a, mine))
        ?.version ??
      o.ready.find(
        (x) =>
          x !== g &&
          x.status === 'active' &&
          x.input!.productId === g.input!.productId &&
          overlaps(periodOf(x.input!), mine),
      )?.version;
    if (clash) o.err(g.firstRow, 'effectiveFrom', `overlaps the active version ${clash} of ${g.productCode}`);
  }
}

/**
 * The counts, and unless `dryRun` the writes: a new version created, a changed draft updated, then each
 * moved to the file's status — obsolete ones first, so an activation never meets the version it replaces.
 */
export async function writeVersions<
  I extends VersionInput,
  E extends { id: string; status: DefinitionStatus },
>(
  ready: Array<SheetVersion<I, E>>,
  o: {
    dryRun: boolean;
    same: (g: SheetVersion<I, E>) => boolean;
    create: (input: I) => Promise<E>;
    update: (id: string, input: I) => Promise<E>;
    transition: (id: string, status: DefinitionStatus) => Promise<unknown>;
  },
): Promise<TImportResult> {
  const changed = ready.filter((g) => !g.existing || !o.same(g) || g.existing.status !== g.status);
  const created = changed.filter((g) => !g.existing).length;
  const result = { imported: ready.length, created, updated: changed.length - created, errors: [] };
  if (o.dryRun) return result;
  const ordered = [...changed].sort((a, b) => Number(a.status === 'active') - Number(b.status === 'active'));
  for (const g of ordered) {
    const stored = !g.existing
      ? await o.create(g.input!)
      : g.existing.status === 'draft' && !o.same(g)
        ? await o.update(g.existing.id, g.input!)
        : g.existing;
    if (g.status !== stored.status) await o.transition(stored.id, g.status!);
  }
  return result;
}
