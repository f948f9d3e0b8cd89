import { z } from 'zod';
import { ZId, ZName, ZPageQuery, ZTimestamp } from './common.ts';
import { ZMetricKey } from './telemetry.ts';

// ---- vocabulary ----
/** Most severe first; a webhook's minimum severity includes everything before it. */
export const ALARM_SEVERITIES = ['critical', 'major', 'minor', 'warning', 'info'] as const;
export const ZAlarmSeverity = z.enum(ALARM_SEVERITIES);
export type AlarmSeverity = z.infer<typeof ZAlarmSeverity>;
export const isAtLeast = (severity: AlarmSeverity, min: AlarmSeverity) =>
  ALARM_SEVERITIES.indexOf(severity) <= ALARM_SEVERITIES.indexOf(min);

export const ALARM_RULE_TYPES = ['high', 'low', 'rate_of_change', 'state_equals', 'no_data'] as const;
export const ZAlarmRuleType = z.enum(ALARM_RULE_TYPES);
export type AlarmRuleType = z.infer<typeof ZAlarmRuleType>;

/** Where an alarm comes from: a rule on a metric, or an energy performance indicator's month beyond its margin. */
export const ALARM_SOURCES = ['metric', 'enpi'] as const;
export const ZAlarmSource = z.enum(ALARM_SOURCES);
export type AlarmSource = z.infer<typeof ZAlarmSource>;
/** An alarm's type: its rule's type, or for an EnPI the month's consumption beyond the margin. */
export const ALARM_TYPES = [...ALARM_RULE_TYPES, 'enpi_deviation'] as const;
export const ZAlarmType = z.enum(ALARM_TYPES);

export const ALARM_STATES = ['active', 'acknowledged', 'cleared'] as const;
export const ZAlarmState = z.enum(ALARM_STATES);
export type AlarmState = z.infer<typeof ZAlarmState>;

export const ALARM_ACTIONS = ['raise', 'acknowledge', 'clear', 'shelve', 'unshelve'] as const;
export const ZAlarmAction = z.enum(ALARM_ACTIONS);
export type AlarmAction = z.infer<typeof ZAlarmAction>;

/** Webhook event names (the X-GreenMES-Event header), by alarm action. */
export const ALARM_WEBHOOK_EVENTS = {
  raise: 'alarm.raised',
  acknowledge: 'alarm.acknowledged',
  clear: 'alarm.cleared',
  shelve: 'alarm.shelved',
  unshelve: 'alarm.unshelved',
} as const satisfies Record<AlarmAction, string>;
export const WEBHOOK_TEST_EVENT = 'webhook.test';

// ---- rules ----
const settingFields = {
  /** high / low: the limit, in the metric's units */
  threshold: z.number().finite().nullable().optional(),
  /** high / low: value units; rate of change: units per minute. Clearing needs this much margin. */
  deadband: z.number().finite().min(0).nullable().optional(),
  /** the condition must hold this long (device time) before the alarm is raised */
  durationSeconds: z.number().int().min(0).max(86_400).nullable().optional(),
  /** rate of change: limit on |slope| in units per minute */
  ratePerMinute: z.number().finite().positive().nullable().optional(),
  /** rate of change: the slope is taken against the value this long ago (default 60) */
  windowSeconds: z.number().int().min(1).max(86_400).nullable().optional(),
  /** state equals: a state name or index, true/false, a number, or a string value */
  stateValue: z.string().trim().min(1).max(64).nullable().optional(),
  /** no data: raise when nothing arrived for this many minutes (device offline) */
  noDataMinutes: z.number().int().min(1).max(10_080).nullable().optional(),
};
type Setting = keyof typeof settingFields;

/** The settings each rule type uses, and which of them it requires. */
export const ALARM_RULE_SETTINGS: Record<AlarmRuleType, { uses: Setting[]; requires: Setting[] }> = {
  high: { uses: ['threshold', 'deadband', 'durationSeconds'], requires: ['threshold'] },
  low: { uses: ['threshold', 'deadband', 'durationSeconds'], requires: ['threshold'] },
  rate_of_change: {
    uses: ['ratePerMinute', 'windowSeconds', 'deadband', 'durationSeconds'],
    requires: ['ratePerMinute'],
  },
  state_equals: { uses: ['stateValue', 'durationSeconds'], requires: ['stateValue'] },
  no_data: { uses: ['noDataMinutes'], requires: ['noDataMinutes'] },
};

const ruleFields = {
  name: ZName,
  /** the target: one metric … */
  metricId: z.number().int().positive().nullable().optional(),
  /** … or every device of a profile, by metric key */
  profileId: ZId.nullable().optional(),
  metricKey: ZMetricKey.nullable().optional(),
  type: ZAlarmRuleType,
  ...settingFields,
  severity: ZAlarmSeverity,
  message: z.string().trim().max(500).nullable().optional(),
  isEnabled: z.boolean().optional(),
};

type RuleShape = Partial<Record<Setting, unknown>> & {
  type?: AlarmRuleType;
  metricId?: number | null;
  profileId?: string | null;
  metricKey?: string | null;
  deadband?: number | null;
  ratePerMinute?: number | null;
};
function checkRule(r: RuleShape, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (r.metricId != null && (r.profileId != null || r.metricKey != null))
    issue('metricId', 'give either metricId or profileId with metricKey, not both');
  else if (r.metricId == null && r.profileId == null)
    issue('metricId', 'required: the rule needs a metricId, or a profileId with a metricKey');
  else if (r.profileId != null && r.metricKey == null) issue('metricKey', 'required with profileId');
  else if (r.profileId == null && r.metricKey != null) issue('profileId', 'required with metricKey');
  if (!r.type) return;
  const { uses, requires } = ALARM_RULE_SETTINGS[r.type];
  for (const key of requires) if (r[key] == null) issue(key, `required for a ${r.type} rule`);
  for (const key of Object.keys(settingFields) as Setting[])
    if (r[key] != null && !uses.includes(key)) issue(key, `not used by a ${r.type} rule`);
  if (r.type === 'rate_of_change' && r.deadband != null && r.ratePerMinute != null)
    if (r.deadband >= r.ratePerMinute) issue('deadband', 'must be less than ratePerMinute');
}

export const ZCreateAlarmRule = z.object(ruleFields).strict().superRefine(checkRule);
export type TCreateAlarmRule = z.infer<typeof ZCreateAlarmRule>;
/** Partial; the server checks the merged rule as a whole (the same checks as on create). */
export const ZUpdateAlarmRule = z.object(ruleFields).partial().strict();
export type TUpdateAlarmRule = z.infer<typeof ZUpdateAlarmRule>;

export const ZAlarmRule = z.object({
  id: ZId,
  name: z.string(),
  metricId: z.number().int().nullable(),
  profileId: ZId.nullable(),
  metricKey: z.string().nullable(),
  /** the metric target's device and metric, or the profile target's code */
  deviceId: ZId.nullable(),
  deviceCode: z.string().nullable(),
  metricName: z.string().nullable(),
  profileCode: z.string().nullable(),
  type: ZAlarmRuleType,
  threshold: z.number().nullable(),
  deadband: z.number(),
  durationSeconds: z.number().int(),
  ratePerMinute: z.number().nullable(),
  windowSeconds: z.number().int().nullable(),
  stateValue: z.string().nullable(),
  noDataMinutes: z.number().int().nullable(),
  severity: ZAlarmSeverity,
  message: z.string().nullable(),
  isEnabled: z.boolean(),
  openAlarms: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TAlarmRule = z.infer<typeof ZAlarmRule>;

const ZBoolString = z.enum(['true', 'false']);
export const ZAlarmRuleQuery = ZPageQuery.extend({
  type: ZAlarmRuleType.optional(),
  severity: ZAlarmSeverity.optional(),
  metricId: z.coerce.number().int().positive().optional(),
  profileId: ZId.optional(),
  deviceId: ZId.optional(),
  isEnabled: ZBoolString.optional(),
}).strict();
export type TAlarmRuleQuery = z.infer<typeof ZAlarmRuleQuery>;

// ---- alarms ----
export const ZAlarm = z.object({
  id: ZId,
  ruleId: ZId.nullable().describe('null once the rule is deleted'),
  /** the rule's name; for an EnPI alarm, the EnPI's code and name at raise time */
  ruleName: z.string(),
  type: ZAlarmType,
  severity: ZAlarmSeverity,
  message: z.string().nullable(),
  state: ZAlarmState,
  source: ZAlarmSource,
  /** enpi: the EnPI's id, and the month (YYYY-MM) the alarm is about; null for metric alarms */
  sourceId: ZId.nullable(),
  sourceKey: z.string().nullable(),
  /** null for alarms of other sources than a metric */
  metricId: z.number().int().nullable(),
  metricKey: z.string().nullable(),
  metricName: z.string().nullable(),
  unitCode: z.string().nullable(),
  deviceId: ZId.nullable(),
  deviceCode: z.string().nullable(),
  deviceName: z.string().nullable(),
  raisedAt: ZTimestamp,
  raiseValue: z.number().nullable(),
  raiseText: z.string().nullable(),
  lastValue: z.number().nullable(),
  acknowledgedAt: ZTimestamp.nullable(),
  acknowledgedBy: ZId.nullable(),
  acknowledgedByName: z.string().nullable(),
  ackComment: z.string().nullable(),
  clearedAt: ZTimestamp.nullable(),
  clearValue: z.number().nullable(),
  /** shelved alarms send no notifications and are left out of the open counts until then */
  isShelved: z.boolean(),
  shelvedUntil: ZTimestamp.nullable(),
  shelvedBy: ZId.nullable(),
  shelvedByName: z.string().nullable(),
  shelveReason: z.string().nullable(),
  updatedAt: ZTimestamp,
});
export type TAlarm = z.infer<typeof ZAlarm>;

export const ZAlarmEvent = z.object({
  id: z.number().int(),
  at: ZTimestamp,
  action: ZAlarmAction,
  userId: ZId.nullable(),
  userName: z.string().nullable(),
  comment: z.string().nullable(),
  value: z.number().nullable(),
});
export type TAlarmEvent = z.infer<typeof ZAlarmEvent>;
export const ZAlarmDetail = ZAlarm.extend({ events: z.array(ZAlarmEvent) });
export type TAlarmDetail = z.infer<typeof ZAlarmDetail>;

const ZIsoTime = z.iso.datetime({ offset: true });
export const ZAlarmQuery = ZPageQuery.extend({
  /** open = active or acknowledged */
  state: z.enum(['open', ...ALARM_STATES]).optional(),
  severity: ZAlarmSeverity.optional(),
  deviceId: ZId.optional(),
  ruleId: ZId.optional(),
  metricId: z.coerce.number().int().positive().optional(),
  source: ZAlarmSource.optional(),
  sourceId: ZId.optional(),
  isShelved: ZBoolString.optional(),
  /** raised at or after */
  from: ZIsoTime.optional(),
  /** raised before */
  to: ZIsoTime.optional(),
})
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    path: ['to'],
    message: 'must be after from',
  });
export type TAlarmQuery = z.infer<typeof ZAlarmQuery>;

export const ZAcknowledgeAlarm = z.object({ comment: z.string().trim().min(1).max(1000) }).strict();
export type TAcknowledgeAlarm = z.infer<typeof ZAcknowledgeAlarm>;
export const ZShelveAlarm = z
  .object({
    minutes: z.number().int().min(1).max(10_080),
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export type TShelveAlarm = z.infer<typeof ZShelveAlarm>;
export const ZUnshelveAlarm = z.object({ comment: z.string().trim().max(1000).optional() }).strict();
export type TUnshelveAlarm = z.infer<typeof ZUnshelveAlarm>;

/** Open (active + acknowledged) alarms that are not shelved, by severity; shelved ones apart. */
export const ZAlarmSummary = z.object({
  bySeverity: z.object({
    critical: z.number().int(),
    major: z.number().int(),
    minor: z.number().int(),
    warning: z.number().int(),
    info: z.number().int(),
  }),
  open: z.number().int(),
  unacknowledged: z.number().int(),
  shelved: z.number().int(),
});
export type TAlarmSummary = z.infer<typeof ZAlarmSummary>;

// ---- webhooks ----
export const ZWebhook = z.object({
  id: ZId,
  name: z.string(),
  url: z.string(),
  minSeverity: ZAlarmSeverity,
  isEnabled: z.boolean(),
  /** the secret's first characters, to tell secrets apart */
  secretHint: z.string(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TWebhook = z.infer<typeof ZWebhook>;
export const ZCreatedWebhook = ZWebhook.extend({
  secret: z.string().describe('HMAC-SHA256 signing secret, shown once'),
});
export type TCreatedWebhook = z.infer<typeof ZCreatedWebhook>;
const webhookFields = {
  name: ZName,
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2000),
  minSeverity: ZAlarmSeverity.default('warning'),
  isEnabled: z.boolean().optional(),
};
export const ZCreateWebhook = z.object(webhookFields).strict();
export type TCreateWebhook = z.infer<typeof ZCreateWebhook>;
export const ZUpdateWebhook = z
  .object({ ...webhookFields, minSeverity: ZAlarmSeverity })
  .partial()
  .strict();
export type TUpdateWebhook = z.infer<typeof ZUpdateWebhook>;
export const ZWebhookQuery = ZPageQuery.extend({ isEnabled: ZBoolString.optional() }).strict();
export type TWebhookQuery = z.infer<typeof ZWebhookQuery>;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const ZWebhookDelivery = z.object({
  id: z.number().int(),
  webhookId: ZId,
  alarmId: ZId.nullable(),
  event: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  /** when the next attempt is due; null once delivered or failed */
  nextAttemptAt: ZTimestamp.nullable(),
  lastStatus: z.number().int().nullable().describe('HTTP status of the last attempt'),
  lastError: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: ZTimestamp,
  deliveredAt: ZTimestamp.nullable(),
});
export type TWebhookDelivery = z.infer<typeof ZWebhookDelivery>;
export const ZWebhookDeliveryQuery = ZPageQuery.extend({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
}).strict();
export type TWebhookDeliveryQuery = z.infer<typeof ZWebhookDeliveryQuery>;

/** The JSON body POSTed to a webhook. Verify X-GreenMES-Signature = sha256=HMAC(secret, `${timestamp}.${body}`). */
export const ZAlarmWebhookPayload = z.object({
  event: z.string(),
  at: ZTimestamp,
  tenantId: ZId,
  alarm: ZAlarm.nullable(),
});
export type TAlarmWebhookPayload = z.infer<typeof ZAlarmWebhookPayload>;
