import { sql } from 'drizzle-orm';
import type { TWorkerIdentity, TWorkerSignIn } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { burnVerifyTime, verifyPassword } from '../../platform/auth/passwords.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError } from '../../platform/http/errors.ts';
import { readSettings } from '../platform/settings.service.ts';
import { getWorker } from './workers.service.ts';

export type WorkerAuthOutcome = { ok: true; worker: TWorkerIdentity } | { ok: false; error: AppError };

interface AuthRow {
  id: string;
  employee_no: string;
  pin_hash: string | null;
  pin_failures: number;
  pin_locked_until: string | Date | null;
  is_active: boolean;
  has_left: boolean;
}

/** Today in the enterprise's time zone. */
const todayIn = (timezone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: timezone || 'Asia/Shanghai' }).format(new Date());

/**
 * The shop-floor terminal's sign-in: a badge scan (the badge is the credential), or employee number and
 * PIN. Wrong PINs count like wrong passwords: the enterprise's lockout settings (failures before lock,
 * minutes locked) apply, and a locked worker can still sign in with the badge. Returns the outcome
 * instead of throwing so the caller commits the failure count (a throw would roll it back) — throw
 * `outcome.error` after the transaction. Inactive workers and those past their leave date are refused.
 */
export async function authenticateWorker(ctx: Ctx, input: TWorkerSignIn): Promise<WorkerAuthOutcome> {
  const settings = await readSettings(ctx.tx, ctx.actor.tenantId);
  const today = todayIn(settings.timezone);
  const key = 'badge' in input ? sql`badge_code = ${input.badge}` : sql`employee_no = ${input.employeeNo}`;
  const [w] = await queryRows<AuthRow>(
    ctx.tx,
    sql`SELECT id, employee_no, pin_hash, pin_failures, pin_locked_until, is_active,
          (leave_date IS NOT NULL AND leave_date < ${today}::date) AS has_left
        FROM labour_workers WHERE ${key}`,
  );
  const fail = (): WorkerAuthOutcome => ({ ok: false, error: new AppError('WORKER_SIGN_IN_FAILED') });
  const audit = (action: string, after?: unknown) =>
    recordAudit(ctx, { action, entityType: 'labour_worker', entityId: w!.id, after });
  if ('pin' in input) {
    if (!w?.pin_hash) {
      await burnVerifyTime(input.pin); // the same time whether or not the worker exists
      return fail();
    }
    const lockedUntil = w.pin_locked_until ? new Date(w.pin_locked_until) : null;
    if (lockedUntil && lockedUntil > new Date()) {
      await burnVerifyTime(input.pin);
      return { ok: false, error: new AppError('ACCOUNT_LOCKED', { until: toIso(lockedUntil) }) };
    }
    if (!(await verifyPassword(w.pin_hash, input.pin))) {
      const failures = w.pin_failures + 1;
      const lock = failures >= settings.passwordMaxFailures;
      const until = lock ? new Date(Date.now() + settings.lockoutMinutes * 60_000) : null;
      await queryRows(
        ctx.tx,
        sql`UPDATE labour_workers SET pin_failures = ${lock ? 0 : failures}, pin_locked_until = ${until?.toISOString() ?? null}::timestamptz
            WHERE id = ${w.id}`,
      );
      await audit(lock ? 'auth.pin_locked' : 'auth.pin_failed', { failures });
      return until
        ? { ok: false, error: new AppError('ACCOUNT_LOCKED', { until: until.toISOString() }) }
        : fail();
    }
  } else if (!w) return fail();
  if (!w.is_active || w.has_left)
    return { ok: false, error: new AppError('WORKER_INACTIVE', { employeeNo: w.employee_no }) };
  if ('pin' in input && (w.pin_failures > 0 || w.pin_locked_until))
    await queryRows(
      ctx.tx,
      sql`UPDATE labour_workers SET pin_failures = 0, pin_locked_until = NULL WHERE id = ${w.id}`,
    );
  await audit('auth.worker_sign_in', { via: 'badge' in input ? 'badge' : 'pin' });
  const worker = await getWorker(ctx, w.id).catch(() => null);
  // a terminal signed in as a user limited to part of the plant only signs in that part's workers
  if (!worker) return fail();
  const { id, employeeNo, name, teamId, teamCode, teamName, gradeId, gradeCode, gradeName, skills } = worker;
  return {
    ok: true,
    worker: { id, employeeNo, name, teamId, teamCode, teamName, gradeId, gradeCode, gradeName, skills },
  };
}
