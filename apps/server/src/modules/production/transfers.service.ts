import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TCreateTransfer, TTransfer, TTransferBalance } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { preparedRows, queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { workerStanding } from '../labour/workers.service.ts';
import { readSettings } from '../platform/settings.service.ts';
import { trim } from './boms.service.ts';
import { add, parseDecimal, toDecimal, type Rational } from './rational.ts';
import { ENTITY } from './work-orders.service.ts';

const AUDIT_TRANSFER = 'operation_transfer';

interface Chain {
  id: string;
  work_order_id: string;
  seq_no: number;
  good: string;
  scrap: string;
  next_id: string | null;
  prev_id: string | null;
  transferred_in: string;
  transferred_out: string;
}

const sub = (a: Rational, b: Rational) => add(a, { n: -b.n, d: b.d });
const gt = (a: Rational, b: Rational) => a.n * b.d > b.n * a.d;

async function chainOf(ctx: Ctx, operationId: string, lock: boolean): Promise<Chain | undefined> {
  const [row] = await preparedRows<Chain>(
    ctx.tx,
    'operation_chain',
    sql`SELECT o.id, o.work_order_id, o.seq_no, o.good_quantity::text AS good, o.scrap_quantity::text AS scrap,
          (SELECT n.id FROM work_order_operations n WHERE n.tenant_id = o.tenant_id
            AND n.work_order_id = o.work_order_id AND n.seq_no > o.seq_no ORDER BY n.seq_no LIMIT 1) AS next_id,
          (SELECT p.id FROM work_order_operations p WHERE p.tenant_id = o.tenant_id
            AND p.work_order_id = o.work_order_id AND p.seq_no < o.seq_no ORDER BY p.seq_no DESC LIMIT 1) AS prev_id,
          coalesce((SELECT sum(t.quantity) FROM operation_transfers t
            WHERE t.tenant_id = o.tenant_id AND t.to_operation_id = o.id), 0)::text AS transferred_in,
          coalesce((SELECT sum(t.quantity) FROM operation_transfers t
            WHERE t.tenant_id = o.tenant_id AND t.from_operation_id = o.id), 0)::text AS transferred_out
        FROM work_order_operations o WHERE o.id = ${operationId} ${lock ? sql`FOR UPDATE OF o` : sql``}`,
  );
  return row;
}

/**
 * With explicit transfers, an operation after the first takes reports only for what was transferred in:
 * good + scrap reported so far plus this report may not exceed it (400 naming goodQty, or scrapQty when
 * the report carries no good). Automatic transfers (the default), or the first operation: no limit here.
 * Called by `createJobReport` inside its transaction, after it locked the order and the operation.
 */
export async function assertWithinTransferred(
  ctx: Ctx,
  o: { operationId: string; addGood: string; addScrap: string; explicitOperationTransfers: boolean },
): Promise<void> {
  if (!o.explicitOperationTransfers) return; // the caller has read the enterprise's settings
  const op = await chainOf(ctx, o.operationId, false);
  if (!op || op.prev_id === null) return;
  const reported = [op.good, op.scrap, o.addGood, o.addScrap].map(parseDecimal).reduce(add);
  const limit = parseDecimal(op.transferred_in);
  if (!gt(reported, limit)) return;
  const field = parseDecimal(o.addGood).n > 0n ? 'goodQty' : 'scrapQty';
  throw new AppError('VALIDATION', {}, [
    {
      path: `body.${field}`,
      message: `good + scrap would be ${toDecimal(reported)}, over the ${toDecimal(limit)} transferred in from the previous operation`,
    },
  ]);
}

interface TransferRow {
  id: string;
  work_order_id: string;
  from_operation_id: string;
  to_operation_id: string;
  quantity: string;
  worker_id: string;
  transferred_at: string | Date;
}
const toTransfer = (r: TransferRow): TTransfer => ({
  id: r.id,
  workOrderId: r.work_order_id,
  fromOperationId: r.from_operation_id,
  toOperationId: r.to_operation_id,
  quantity: trim(r.quantity),
  workerId: r.worker_id,
  transferredAt: toIso(r.transferred_at),
});

/** The operation of the order, else 404. */
async function operationOf(ctx: Ctx, o: { workOrderId: string; operationId: string; lock: boolean }) {
  const [order] = await queryRows(
    ctx.tx,
    sql`SELECT 1 FROM work_orders WHERE id = ${o.workOrderId} ${o.lock ? sql`FOR UPDATE` : sql``}`,
  );
  if (!order) throw notFound(ENTITY);
  const op = await chainOf(ctx, o.operationId, o.lock);
  if (!op || op.work_order_id !== o.workOrderId) throw notFound('operation');
  return op;
}

export async function transferBalance(
  ctx: Ctx,
  o: { workOrderId: string; operationId: string },
): Promise<TTransferBalance> {
  const op = await operationOf(ctx, { ...o, lock: false });
  const { explicitOperationTransfers } = await readSettings(ctx.tx, ctx.actor.tenantId);
  const transfers = await queryRows<TransferRow>(
    ctx.tx,
    sql`SELECT id, work_order_id, from_operation_id, to_operation_id, quantity::text AS quantity, worker_id,
          transferred_at FROM operation_transfers
        WHERE from_operation_id = ${op.id} OR to_operation_id = ${op.id} ORDER BY transferred_at DESC, id`,
  );
  return {
    operationId: op.id,
    explicitTransfers: explicitOperationTransfers,
    nextOperationId: op.next_id,
    good: trim(op.good),
    transferredOut: trim(op.transferred_out),
    available: toDecimal(sub(parseDecimal(op.good), parseDecimal(op.transferred_out))),
    transferredIn: op.prev_id === null ? null : trim(op.transferred_in),
    transfers: transfers.map(toTransfer),
  };
}

/**
 * Hands good quantity of an operation on to the next one (explicit transfers only): at most what was
 * reported good and not transferred yet (400 naming quantity). The order, then the operation, are locked
 * first — the order of `createJobReport` — so a transfer and a report on the order queue.
 */
export async function createTransfer(
  ctx: Ctx,
  o: { workOrderId: string; operationId: string; input: TCreateTransfer },
): Promise<TTransfer> {
  const { explicitOperationTransfers } = await readSettings(ctx.tx, ctx.actor.tenantId);
  const op = await operationOf(ctx, { ...o, lock: true });
  if (!explicitOperationTransfers)
    throw new AppError('CONFLICT', {
      reason: 'transfers are automatic: the next operation takes good quantity as it is reported',
    });
  if (op.next_id === null)
    throw new AppError('CONFLICT', {
      reason: `operation ${op.seq_no} is the last one: nothing to transfer to`,
    });
  const quantity = parseDecimal(o.input.quantity);
  const available = sub(parseDecimal(op.good), parseDecimal(op.transferred_out));
  if (quantity.n === 0n || gt(quantity, available))
    throw new AppError('VALIDATION', {}, [
      {
        path: 'body.quantity',
        message:
          quantity.n === 0n
            ? 'must be greater than 0'
            : `only ${toDecimal(available)} reported good and not transferred yet`,
      },
    ]);
  const worker = await workerStanding(ctx, o.input.workerId);
  if (!worker || !worker.isActive)
    throw new AppError('VALIDATION', {}, [
      { path: 'body.workerId', message: worker ? 'the worker is not active' : 'unknown worker' },
    ]);
  const [row] = await queryRows<TransferRow>(
    ctx.tx,
    sql`INSERT INTO operation_transfers (tenant_id, id, work_order_id, from_operation_id, to_operation_id, quantity,
          worker_id, created_by)
        VALUES (${ctx.actor.tenantId}, ${randomUUID()}, ${o.workOrderId}, ${op.id}, ${op.next_id},
          ${o.input.quantity}::numeric, ${o.input.workerId}, ${ctx.actor.userId})
        RETURNING id, work_order_id, from_operation_id, to_operation_id, quantity::text AS quantity, worker_id,
          transferred_at`,
  );
  const transfer = toTransfer(row!);
  await recordAudit(ctx, {
    action: 'create',
    entityType: AUDIT_TRANSFER,
    entityId: transfer.id,
    before: { available: toDecimal(available) },
    after: transfer,
  });
  return transfer;
}
