import { z } from 'zod';
import { ZAlarmSeverity } from './alarms.ts';
import { ZId, ZPage, ZPageQuery, ZTimestamp } from './common.ts';

// ---- Andon (异常): exceptions raised on the shop floor, their lifecycle and escalation ----
export const ANDON_KINDS = ['material_shortage', 'equipment_fault', 'quality_issue', 'other'] as const;
export const ZAndonKind = z.enum(ANDON_KINDS);
export type AndonKind = z.infer<typeof ZAndonKind>;

/** open → acknowledged → resolved; nothing else */
export const ANDON_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export const ZAndonStatus = z.enum(ANDON_STATUSES);
export type AndonStatus = z.infer<typeof ZAndonStatus>;

export const ANDON_ACTIONS = ['raise', 'acknowledge', 'resolve', 'escalate'] as const;
export const ZAndonAction = z.enum(ANDON_ACTIONS);

/** Webhook event of an escalation (the X-GreenMES-Event header), delivered through the alarms' outbox. */
export const ANDON_ESCALATED_EVENT = 'andon.escalated';

export const ZRaiseAndonException = z
  .object({
    kind: ZAndonKind,
    /** the operation it concerns (its order and work center follow) … */
    operationId: ZId.optional(),
    /** … or, without an operation, the work center */
    workCenterId: ZId.optional(),
    equipmentId: ZId.optional(),
    /** the worker signed in at the terminal */
    workerId: ZId.optional(),
    description: z.string().trim().min(1).max(1000),
    /** default: major when it stops the operation, else minor */
    severity: ZAlarmSeverity.optional(),
    /** true: the operation takes no start/resume/quantity/finish report until it is resolved */
    isStopping: z.boolean().default(false),
    /** the terminal's idempotency key: a retry returns the first exception */
    clientId: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type TRaiseAndonException = z.input<typeof ZRaiseAndonException>;
export type TRaiseAndonExceptionParsed = z.output<typeof ZRaiseAndonException>;

export const ZAcknowledgeAndonException = z
  .object({ comment: z.string().trim().max(500).optional() })
  .strict();
export type TAcknowledgeAndonException = z.infer<typeof ZAcknowledgeAndonException>;

export const ZResolveAndonException = z.object({ resolution: z.string().trim().min(1).max(1000) }).strict();
export type TResolveAndonException = z.infer<typeof ZResolveAndonException>;

export const ZAndonException = z.object({
  id: ZId,
  kind: ZAndonKind,
  status: ZAndonStatus,
  severity: ZAlarmSeverity,
  isStopping: z.boolean(),
  description: z.string(),
  workOrderId: ZId.nullable(),
  workOrderNumber: z.string().nullable(),
  operationId: ZId.nullable(),
  operationSeqNo: z.number().int().nullable(),
  operationName: z.string().nullable(),
  workCenterId: ZId,
  workCenterCode: z.string(),
  workCenterName: z.string(),
  equipmentId: ZId.nullable(),
  equipmentCode: z.string().nullable(),
  equipmentName: z.string().nullable(),
  raisedByWorkerId: ZId.nullable(),
  raisedByWorkerName: z.string().nullable(),
  raisedByUserId: ZId.nullable(),
  raisedByUserName: z.string().nullable(),
  raisedAt: ZTimestamp,
  acknowledgedAt: ZTimestamp.nullable(),
  acknowledgedByName: z.string().nullable(),
  ackComment: z.string().nullable(),
  resolvedAt: ZTimestamp.nullable(),
  resolvedByName: z.string().nullable(),
  resolution: z.string().nullable(),
  escalationLevel: z.number().int(),
  escalatedAt: ZTimestamp.nullable(),
  updatedAt: ZTimestamp,
});
export type TAndonException = z.infer<typeof ZAndonException>;

/** A raise's answer: isNew false when the clientId had been seen (the first exception again). */
export const ZRaisedAndonException = ZAndonException.extend({ isNew: z.boolean() });
export type TRaisedAndonException = z.infer<typeof ZRaisedAndonException>;

export const ZAndonEvent = z.object({
  id: z.number().int(),
  at: ZTimestamp,
  action: ZAndonAction,
  userName: z.string().nullable(),
  workerName: z.string().nullable(),
  level: z.number().int().nullable(),
  notifiedRole: z.string().nullable(),
  notifiedWebhook: z.string().nullable(),
  comment: z.string().nullable(),
});
export type TAndonEvent = z.infer<typeof ZAndonEvent>;

export const ZAndonExceptionDetail = ZAndonException.extend({ events: z.array(ZAndonEvent) });
export type TAndonExceptionDetail = z.infer<typeof ZAndonExceptionDetail>;

export const ZAndonExceptionQuery = ZPageQuery.extend({
  /** 'unresolved': open or acknowledged */
  status: z.enum([...ANDON_STATUSES, 'unresolved']).optional(),
  kind: ZAndonKind.optional(),
  workCenterId: ZId.optional(),
  workOrderId: ZId.optional(),
  operationId: ZId.optional(),
  /** raised at or after */
  from: z.iso.datetime({ offset: true }).optional(),
  /** raised before */
  to: z.iso.datetime({ offset: true }).optional(),
  /** 'true': unresolved and escalated at least once */
  overdue: z.enum(['true', 'false']).optional(),
}).strict();
export type TAndonExceptionQuery = z.infer<typeof ZAndonExceptionQuery>;
export const ZAndonExceptionPage = ZPage(ZAndonException);

// ---- escalation rules: per kind and level, minutes after raising, whom to tell ----
export const ZSaveAndonEscalationRule = z
  .object({
    kind: ZAndonKind,
    level: z.number().int().min(1).max(9),
    /** minutes after the exception was raised; a higher level of the kind needs more */
    afterMinutes: z.number().int().min(1).max(10_080),
    /** the role whose users are told (named in the history and the webhook's payload) */
    notifyRoleId: ZId.nullable().optional(),
    /** a webhook of the alarms' webhooks: gets an `andon.escalated` delivery */
    webhookId: ZId.nullable().optional(),
    isEnabled: z.boolean().default(true),
  })
  .strict();
export type TSaveAndonEscalationRule = z.input<typeof ZSaveAndonEscalationRule>;
export type TSaveAndonEscalationRuleParsed = z.output<typeof ZSaveAndonEscalationRule>;

export const ZAndonEscalationRule = z.object({
  id: ZId,
  kind: ZAndonKind,
  level: z.number().int(),
  afterMinutes: z.number().int(),
  notifyRoleId: ZId.nullable(),
  notifyRoleName: z.string().nullable(),
  webhookId: ZId.nullable(),
  webhookName: z.string().nullable(),
  isEnabled: z.boolean(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TAndonEscalationRule = z.infer<typeof ZAndonEscalationRule>;

/** What a rule may name: the enterprise's roles and webhooks (for the editor, without role or webhook permissions). */
export const ZAndonNotifyTargets = z.object({
  roles: z.array(z.object({ id: ZId, name: z.string() })),
  webhooks: z.array(z.object({ id: ZId, name: z.string(), isEnabled: z.boolean() })),
});
export type TAndonNotifyTargets = z.infer<typeof ZAndonNotifyTargets>;

/** The body of an `andon.escalated` webhook delivery. */
export interface TAndonWebhookPayload {
  event: typeof ANDON_ESCALATED_EVENT;
  at: string;
  tenantId: string;
  level: number;
  notify: {
    role: { id: string; name: string; users: Array<{ username: string; displayName: string }> } | null;
  };
  exception: TAndonException;
}
