import { and, desc, eq, gte, ilike, lte, or } from 'drizzle-orm';
import type { TAuditEntry, TAuditQuery, TPage } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { countAll, likePattern, pageWindow, whereAll } from '../../platform/db/paging.ts';
import { auditLog } from './platform.schema.ts';

/** Read-only: the API offers no way to change or delete audit entries, and the DB role cannot either. */
export async function listAudit({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: TAuditQuery;
}): Promise<TPage<TAuditEntry>> {
  const where = and(
    ...whereAll([
      query.entityType ? eq(auditLog.entityType, query.entityType) : undefined,
      query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
      query.action ? eq(auditLog.action, query.action) : undefined,
      query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
      query.from ? gte(auditLog.at, new Date(query.from)) : undefined,
      query.to ? lte(auditLog.at, new Date(query.to)) : undefined,
      query.q
        ? or(
            ilike(auditLog.actorName, likePattern(query.q)),
            ilike(auditLog.entityType, likePattern(query.q)),
            ilike(auditLog.action, likePattern(query.q)),
          )
        : undefined,
    ]),
  );
  const [{ total }] = (await ctx.tx.select({ total: countAll }).from(auditLog).where(where)) as [
    { total: number },
  ];
  const { limit, offset } = pageWindow(query);
  const rows = await ctx.tx
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      requestId: r.requestId,
      ip: r.ip,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
