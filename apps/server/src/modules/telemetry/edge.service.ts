import { sql } from 'drizzle-orm';
import {
  ZGatewayStatus,
  type TGatewayConfigVersion,
  type TGatewayStatus,
  type TSaveGatewayConfig,
} from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/rows.ts';
import { inTenant } from '../../platform/db/tenant-tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getGateway } from './gateways.service.ts';

/** The largest configuration we keep per version (a gateway with thousands of tags fits easily). */
const MAX_CONFIG_BYTES = 2 * 1024 * 1024;

/**
 * What a gateway reports about itself; stored on the gateway row (latest only) and counted as a
 * sign of life. Returns the reason when the report does not validate (it is then ignored).
 */
export async function recordGatewayStatus({
  db,
  tenantId,
  gatewayId,
  body,
}: {
  db: Db;
  tenantId: string;
  gatewayId: string;
  body: unknown;
}): Promise<{ ok: true } | { ok: false; reason: string }> {
  const parsed = ZGatewayStatus.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(status)'}: ${i.message}`).join('; '),
    };
  await inTenant(db, tenantId, (tx) =>
    tx.execute(sql`UPDATE gateways SET status = ${JSON.stringify(parsed.data)}::jsonb, status_at = now(), last_seen_at = now()
      WHERE id = ${gatewayId}`),
  );
  return { ok: true };
}

export async function gatewayStatus({ ctx, id }: { ctx: Ctx; id: string }) {
  const gateway = await getGateway({ ctx, id });
  return { status: gateway.status as TGatewayStatus | null, statusAt: gateway.statusAt };
}

interface ConfigRow {
  version: number;
  config: Record<string, unknown>;
  comment: string | null;
  created_by: string | null;
  created_at: Date | string;
}
const toVersion = (r: ConfigRow): TGatewayConfigVersion => ({
  version: r.version,
  config: r.config,
  comment: r.comment,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function listConfigVersions({
  ctx,
  id,
}: {
  ctx: Ctx;
  id: string;
}): Promise<TGatewayConfigVersion[]> {
  await getGateway({ ctx, id });
  const rows = await queryRows<ConfigRow>(
    ctx.tx,
    sql`SELECT c.version, c.config, c.comment, u.username AS created_by, c.created_at FROM gateway_configs c
        LEFT JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.created_by
        WHERE c.gateway_id = ${id} ORDER BY c.version DESC LIMIT 100`,
  );
  return rows.map(toVersion);
}

/** A new version; earlier ones stay as history (the app role cannot change them). */
export async function saveConfig({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TSaveGatewayConfig;
}): Promise<TGatewayConfigVersion> {
  const gateway = await getGateway({ ctx, id });
  const text = JSON.stringify(input.config);
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES)
    throw new AppError('VALIDATION', {}, [{ path: 'body.config', message: 'larger than 2 MB' }]);
  const [row] = await queryRows<ConfigRow>(
    ctx.tx,
    sql`INSERT INTO gateway_configs (tenant_id, gateway_id, version, config, comment, created_by)
        SELECT ${ctx.actor.tenantId}, ${id}, coalesce(max(version), 0) + 1, ${text}::jsonb, ${input.comment ?? null}, ${ctx.actor.userId}
        FROM gateway_configs WHERE gateway_id = ${id}
        RETURNING version, config, comment, ${ctx.actor.username}::text AS created_by, created_at`,
  );
  const saved = toVersion(row!);
  await recordAudit(ctx, {
    action: 'update',
    entityType: 'gateway_config',
    entityId: id,
    after: { gateway: gateway.code, version: saved.version, comment: saved.comment },
  });
  return saved;
}

/** The gateway's pull: its latest configuration, or null when it already runs it (or none exists). */
export async function latestConfigFor({
  db,
  tenantId,
  gatewayId,
  have,
}: {
  db: Db;
  tenantId: string;
  gatewayId: string;
  have?: number;
}): Promise<TGatewayConfigVersion | null> {
  const [row] = await inTenant(db, tenantId, (tx) =>
    queryRows<ConfigRow>(
      tx,
      sql`SELECT version, config, comment, NULL::text AS created_by, created_at FROM gateway_configs
          WHERE gateway_id = ${gatewayId} ORDER BY version DESC LIMIT 1`,
    ),
  );
  if (!row || (have !== undefined && row.version <= have)) return null;
  return toVersion(row);
}
