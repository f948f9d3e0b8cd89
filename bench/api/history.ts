/**
 * The job-report bench's past: months of finished work on the same shop floor, so the run measures a
 * plant in its steady state rather than empty tables — the indexes are deep and PostgreSQL plans with
 * the statistics its autovacuum keeps. Written in SQL straight into the bench's schema (as the superuser,
 * in one transaction): the API would need hours for it, and what is measured is the report's path
 * through these tables, not how the history got there. Every row is a copy of a row the API made for
 * the bench's first terminal (its order, operation, material line, lots, moves, report, genealogy edge,
 * audit entries) with new ids and the fields that make it another order's, so the history has the
 * shape the product writes, whatever columns a later migration adds. Then the whole schema is analysed.
 */
import type pg from 'pg';
import type { Terminal } from './provision.ts';

export interface History {
  orders: number;
  reports: number;
  seconds: number;
  /** whether the bench could run CHECKPOINT after the copy */
  checkpointed: boolean;
}

/** a version-4-shaped uuid from the md5 of `text` (an SQL expression): the API's schemas check the shape */
const uuidOf = (text: string) =>
  `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;
/** a deterministic uuid for the `n`th row of kind `k` */
const uid = (k: string, n: string) => uuidOf(`'${k}-' || ${n}`);

/**
 * Copies the row(s) of `table` that `where` picks (as `tpl`) once per row of `from`, with the columns
 * of `set` replaced (SQL expressions over `tpl` and `from`'s columns).
 */
async function copyRows(
  db: pg.Client,
  o: { table: string; where: string; from: string; set: Record<string, string>; params?: unknown[] },
) {
  const pairs = Object.entries(o.set)
    .map(([column, value]) => `'${column}', ${value}`)
    .join(', ');
  // the template read once; the record built once per copy (LATERAL, not `(f()).*`, which calls f per column)
  await db.query(
    `WITH tpl AS MATERIALIZED (SELECT * FROM ${o.table} tpl WHERE ${o.where})
     INSERT INTO ${o.table}
     SELECT r.* FROM tpl, ${o.from},
       LATERAL jsonb_populate_record(NULL::${o.table}, to_jsonb(tpl) || jsonb_build_object(${pairs})) r`,
    o.params,
  );
}

/**
 * `orders` closed orders before the run, each with `reportsPerOrder` quantity reports of one piece by
 * the floor's workers spread over the past, its raw lot received and issued, its output lot with one
 * output move and one genealogy edge per report, and an audit entry per report and per output.
 */
export async function seedHistory(
  db: pg.Client,
  o: { schema: string; template: Terminal; workerIds: string[]; orders: number; reportsPerOrder: number },
): Promise<History> {
  const started = performance.now();
  const t = o.template;
  const R = o.reportsPerOrder;
  // history order g (1…orders) ends (orders − g) × 4 hours ago; its report k comes k minutes into it
  const orders = `generate_series(1, ${o.orders}) g`;
  const reports = `generate_series(1, ${o.orders}) g, generate_series(1, ${R}) k`;
  const gk = `g || '-' || k`;
  const at = `now() - (${o.orders} - g + 1) * interval '4 hours'`;
  const reportAt = `${at} + k * interval '1 minute'`;
  await db.query('BEGIN');
  try {
    await db.query(`SET LOCAL search_path TO "${o.schema}"`);
    const [rawLot] = (
      await db.query<{ lot_id: string }>(
        `SELECT lot_id FROM inventory_stock_moves WHERE work_order_id = $1 AND kind = 'issue' LIMIT 1`,
        [t.orderId],
      )
    ).rows;
    const [report] = (
      await db.query<{ id: string }>(
        `SELECT id FROM job_reports WHERE operation_id = $1 AND kind = 'quantity' LIMIT 1`,
        [t.operationId],
      )
    ).rows;
    if (!rawLot || !report) throw new Error('the template terminal has no issued lot or quantity report');
    const order = { wo: uid('wo', 'g'), op: uid('op', 'g'), raw: uid('rl', 'g'), out: uid('ol', 'g') };
    await copyRows(db, {
      table: 'work_orders',
      where: 'tpl.id = $1',
      params: [t.orderId],
      from: orders,
      set: {
        id: order.wo,
        number: `'H' || lpad(g::text, 7, '0')`,
        status: `'closed'`,
        quantity: `${R}`,
        created_at: `${at} - interval '1 day'`,
        updated_at: `${at} + interval '2 hours'`,
      },
    });
    await copyRows(db, {
      table: 'work_order_operations',
      where: 'tpl.id = $1',
      params: [t.operationId],
      from: orders,
      set: {
        id: order.op,
        work_order_id: order.wo,
        status: `'done'`,
        planned_quantity: `${R}`,
        good_quantity: `${R}`,
        actual_start: at,
        actual_end: `${at} + interval '2 hours'`,
      },
    });
    await copyRows(db, {
      table: 'work_order_materials',
      where: 'tpl.work_order_id = $1',
      params: [t.orderId],
      from: orders,
      set: { work_order_id: order.wo, quantity: `${R}`, issued_quantity: `${R}` },
    });
    await copyRows(db, {
      table: 'inventory_lots',
      where: 'tpl.id = $1',
      params: [rawLot.lot_id],
      from: orders,
      set: { id: order.raw, lot_number: `'HR' || lpad(g::text, 7, '0')`, quantity: '0', origin_at: at },
    });
    await copyRows(db, {
      table: 'inventory_lots',
      where: `tpl.work_order_id = $1 AND tpl.origin = 'produced'`,
      params: [t.orderId],
      from: orders,
      set: {
        id: order.out,
        lot_number: `'H' || lpad(g::text, 7, '0')`,
        quantity: `${R}`,
        work_order_id: order.wo,
        operation_id: order.op,
        origin_at: at,
      },
    });
    // the raw lot's receipt and its issue to the order
    await copyRows(db, {
      table: 'inventory_stock_moves',
      where: `tpl.lot_id = $1 AND tpl.kind IN ('receipt', 'issue')`,
      params: [rawLot.lot_id],
      from: orders,
      set: {
        id: uuidOf(`'mv-' || tpl.kind || '-' || g`),
        lot_id: order.raw,
        quantity: `${R}`,
        work_order_id: `CASE WHEN tpl.kind = 'issue' THEN ${order.wo} END`,
        moved_at: `${at} - interval '1 hour'`,
      },
    });
    const byReport = { id: uid('jr', gk), wo: order.wo, op: order.op };
    await copyRows(db, {
      table: 'job_reports',
      where: 'tpl.id = $1',
      params: [report.id, o.workerIds],
      from: reports,
      set: {
        id: byReport.id,
        work_order_id: byReport.wo,
        operation_id: byReport.op,
        worker_id: `($2::uuid[])[1 + (g + k) % ${o.workerIds.length}]`,
        client_id: `'h-' || ${gk}`,
        reported_at: reportAt,
        occurred_at: reportAt,
      },
    });
    await copyRows(db, {
      table: 'inventory_stock_moves',
      where: `tpl.job_report_id = $1 AND tpl.kind = 'output'`,
      params: [report.id],
      from: reports,
      set: {
        id: uid('mo', gk),
        lot_id: order.out,
        work_order_id: byReport.wo,
        operation_id: byReport.op,
        job_report_id: byReport.id,
        moved_at: reportAt,
      },
    });
    await copyRows(db, {
      table: 'production_lot_genealogy',
      where: 'tpl.job_report_id = $1',
      params: [report.id],
      from: reports,
      set: {
        id: uid('ge', gk),
        output_lot_id: order.out,
        consumed_lot_id: order.raw,
        work_order_id: byReport.wo,
        job_report_id: byReport.id,
        created_at: reportAt,
      },
    });
    // the report's entry and its output lot's (audit_log's id is an identity: columns named)
    await db.query(
      `INSERT INTO audit_log (tenant_id, at, actor_id, actor_name, action, entity_type, entity_id, before, after)
       SELECT tpl.tenant_id, ${reportAt}, tpl.actor_id, tpl.actor_name, tpl.action, tpl.entity_type,
         CASE WHEN tpl.entity_id = $1 THEN (${byReport.id})::text ELSE (${order.out})::text END, tpl.before,
         CASE WHEN tpl.after ? 'jobReportId' THEN jsonb_set(tpl.after, '{jobReportId}', to_jsonb((${byReport.id})::text))
           ELSE tpl.after END
       FROM audit_log tpl, ${reports}
       WHERE tpl.entity_id = $1 OR tpl.after->>'jobReportId' = $1`,
      [report.id],
    );
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK');
    throw err;
  }
  // what autovacuum keeps in a running plant: statistics of tables this size
  const tables = await db.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = $1`,
    [o.schema],
  );
  await db.query(`ANALYZE ${tables.rows.map((r) => r.name).join(', ')}`);
  // the copy wrote about half a GB of WAL: its checkpoint is done now rather than spread over the run
  // (superuser or pg_checkpoint; without the right it runs in the background as it would have)
  const checkpointed = await db.query('CHECKPOINT').then(
    () => true,
    () => false,
  );
  return {
    orders: o.orders,
    reports: o.orders * R,
    seconds: (performance.now() - started) / 1000,
    checkpointed,
  };
}
