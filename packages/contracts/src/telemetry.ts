import { z } from 'zod';
import { ZCode, ZId, ZName, ZOptionalText, ZPageQuery, ZTimestamp } from './common.ts';
import { ENERGY_MEDIA } from './energy-media.ts';

// ---- metrics (tags) ----
export const METRIC_VALUE_TYPES = ['number', 'boolean', 'state', 'string'] as const;
export const ZMetricValueType = z.enum(METRIC_VALUE_TYPES);
/** gauge: a level; counter: cumulative (kWh, parts) with reset/rollover; state: machine state; event: occurrences. */
export const METRIC_KINDS = ['gauge', 'counter', 'state', 'event'] as const;
export const ZMetricKind = z.enum(METRIC_KINDS);

/** Metric keys appear in payloads: short, stable identifiers. */
export const ZMetricKey = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'letters, digits and _ . - only, starting with a letter or _');

const metricFields = {
  key: ZMetricKey,
  name: ZName,
  unitCode: z.string().trim().min(1).max(32).nullable().optional(),
  valueType: ZMetricValueType,
  kind: ZMetricKind,
  energyMedium: z.enum(ENERGY_MEDIA).nullable().optional(),
  /** stored = raw × scale + offset */
  scale: z
    .number()
    .finite()
    .refine((v) => v !== 0, 'must not be 0'),
  offset: z.number().finite(),
  /** A counter's rollover modulus in stored units (e.g. 4294967295 × scale for a 32-bit register). */
  counterMax: z.number().finite().positive().nullable().optional(),
  /** State names of a state metric; a sample may send the name or its index. */
  states: z.array(z.string().trim().min(1).max(64)).min(1).max(64).nullable().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
};
function checkMetric(
  m: { kind?: string; valueType?: string; states?: string[] | null; counterMax?: number | null },
  ctx: z.RefinementCtx,
) {
  if (m.kind === 'counter' && m.valueType !== undefined && m.valueType !== 'number')
    ctx.addIssue({ code: 'custom', path: ['valueType'], message: 'a counter must be a number' });
  if (m.counterMax != null && m.kind !== undefined && m.kind !== 'counter')
    ctx.addIssue({ code: 'custom', path: ['counterMax'], message: 'only counters have a rollover modulus' });
  if (m.states && m.valueType !== undefined && m.valueType !== 'state')
    ctx.addIssue({ code: 'custom', path: ['states'], message: 'only state metrics have state names' });
}
export const ZMetricDefinition = z
  .object({ ...metricFields, scale: metricFields.scale.default(1), offset: metricFields.offset.default(0) })
  .strict()
  .superRefine(checkMetric);
export type TMetricDefinition = z.infer<typeof ZMetricDefinition>;
export const ZUpdateMetricDefinition = z
  .object(metricFields)
  .omit({ key: true })
  .partial()
  .strict()
  .superRefine(checkMetric);
export type TUpdateMetricDefinition = z.infer<typeof ZUpdateMetricDefinition>;

const metricOut = {
  key: z.string(),
  name: z.string(),
  unitCode: z.string().nullable(),
  valueType: ZMetricValueType,
  kind: ZMetricKind,
  energyMedium: z.string().nullable(),
  scale: z.number(),
  offset: z.number(),
  counterMax: z.number().nullable(),
  states: z.array(z.string()).nullable(),
  sortOrder: z.number().int(),
};
export const ZProfileMetric = z.object({ id: ZId, ...metricOut });
export type TProfileMetric = z.infer<typeof ZProfileMetric>;
export const ZMetric = z.object({
  id: z.number().int(),
  deviceId: ZId,
  /** set when the definition comes from the device's profile (edit it there) */
  profileMetricId: ZId.nullable(),
  ...metricOut,
});
export type TMetric = z.infer<typeof ZMetric>;
export const ZMetricIdParams = z.object({ id: ZId, metricId: z.coerce.number().int().positive() }).strict();

// ---- device profiles ----
export const ZDeviceProfile = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  metrics: z.array(ZProfileMetric),
  deviceCount: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TDeviceProfile = z.infer<typeof ZDeviceProfile>;
export const ZCreateDeviceProfile = z
  .object({
    code: ZCode,
    name: ZName,
    description: ZOptionalText,
    metrics: z.array(ZMetricDefinition).max(500).default([]),
  })
  .strict();
export type TCreateDeviceProfile = z.infer<typeof ZCreateDeviceProfile>;
export const ZUpdateDeviceProfile = z
  .object({ code: ZCode, name: ZName, description: ZOptionalText })
  .partial()
  .strict();
export type TUpdateDeviceProfile = z.infer<typeof ZUpdateDeviceProfile>;

// ---- gateways and devices ----
export const CONNECTIVITY = ['online', 'offline', 'never_seen', 'disabled'] as const;
export const ZConnectivity = z.enum(CONNECTIVITY);

export const ZGateway = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  isEnabled: z.boolean(),
  lastSeenAt: ZTimestamp.nullable(),
  connectivity: ZConnectivity,
  deviceCount: z.number().int(),
  /** what the gateway last reported (queue depth, adapters…); see ZGatewayStatus */
  status: z.record(z.string(), z.unknown()).nullable(),
  statusAt: ZTimestamp.nullable(),
  /** latest configuration version saved in the cloud */
  configVersion: z.number().int().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TGateway = z.infer<typeof ZGateway>;
export const ZCreateGateway = z
  .object({ code: ZCode, name: ZName, description: ZOptionalText, isEnabled: z.boolean().optional() })
  .strict();
export type TCreateGateway = z.infer<typeof ZCreateGateway>;
export const ZUpdateGateway = ZCreateGateway.partial().strict();
export type TUpdateGateway = z.infer<typeof ZUpdateGateway>;
export const ZGatewayQuery = ZPageQuery.extend({}).strict();
export type TGatewayQuery = z.infer<typeof ZGatewayQuery>;

export const ZDevice = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  gatewayId: ZId.nullable(),
  gatewayCode: z.string().nullable(),
  profileId: ZId.nullable(),
  profileCode: z.string().nullable(),
  equipmentId: ZId.nullable(),
  equipmentCode: z.string().nullable(),
  equipmentName: z.string().nullable(),
  isEnabled: z.boolean(),
  offlineAfterSeconds: z.number().int(),
  lastSeenAt: ZTimestamp.nullable(),
  connectivity: ZConnectivity,
  metricCount: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TDevice = z.infer<typeof ZDevice>;
const deviceFields = {
  code: ZCode,
  name: ZName,
  description: ZOptionalText,
  gatewayId: ZId.nullable().optional(),
  profileId: ZId.nullable().optional(),
  equipmentId: ZId.nullable().optional(),
  isEnabled: z.boolean().optional(),
  offlineAfterSeconds: z.number().int().min(10).max(604_800).optional(),
};
export const ZCreateDevice = z
  .object({
    ...deviceFields,
    /** device-specific metrics besides the profile's */
    metrics: z.array(ZMetricDefinition).max(500).default([]),
  })
  .strict();
export type TCreateDevice = z.infer<typeof ZCreateDevice>;
export const ZUpdateDevice = z.object(deviceFields).partial().strict();
export type TUpdateDevice = z.infer<typeof ZUpdateDevice>;
export const ZDeviceQuery = ZPageQuery.extend({
  gatewayId: ZId.optional(),
  profileId: ZId.optional(),
  equipmentId: ZId.optional(),
  connectivity: ZConnectivity.optional(),
}).strict();
export type TDeviceQuery = z.infer<typeof ZDeviceQuery>;

// ---- credentials ----
export const ZCredential = z.object({
  id: ZId,
  kind: z.enum(['token', 'password']),
  /** first characters of a token, or the username */
  prefix: z.string(),
  username: z.string().nullable(),
  createdAt: ZTimestamp,
  revokedAt: ZTimestamp.nullable(),
  lastUsedAt: ZTimestamp.nullable(),
});
export type TCredential = z.infer<typeof ZCredential>;
export const ZCreateCredential = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token') }).strict(),
  z
    .object({
      kind: z.literal('password'),
      username: z
        .string()
        .trim()
        .min(3)
        .max(64)
        .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits and . _ - only'),
      password: z.string().min(12, 'at least 12 characters').max(256),
    })
    .strict(),
]);
export type TCreateCredential = z.infer<typeof ZCreateCredential>;
export const ZCreatedCredential = ZCredential.extend({
  token: z.string().nullable().describe('the access token, shown once'),
  /** MQTT username to use: the token itself, or tenant/username */
  mqttUsername: z.string(),
  /** the MQTT topic this device or gateway publishes to */
  topic: z.string(),
});
export type TCreatedCredential = z.infer<typeof ZCreatedCredential>;
export const ZCredentialParams = z.object({ id: ZId, credentialId: ZId }).strict();
export const ZProfileMetricParams = z.object({ id: ZId, metricId: ZId }).strict();

// ---- ingestion payload (MQTT and HTTP share it) ----
/** A timestamp: epoch milliseconds or an ISO 8601 string with a zone. */
export const ZSampleTs = z.union([z.number(), z.string()]);
export const INGEST_LIMITS = { maxSamplesPerMessage: 10_000, maxFutureSkewMs: 5 * 60_000 } as const;
/** Reasons a sample is rejected; counted per device and shown in the recent-errors view. */
export const REJECT_REASONS = [
  'bad_payload',
  'unknown_device',
  'device_not_allowed',
  'device_disabled',
  'unknown_metric',
  'bad_timestamp',
  'future_timestamp',
  'wrong_type',
  'not_finite',
  'unknown_state',
  'too_many_samples',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export const ZIngestRejection = z.object({
  index: z.number().int().describe('position of the sample in the message'),
  device: z.string().nullable(),
  metric: z.string().nullable(),
  reason: z.enum(REJECT_REASONS),
  detail: z.string(),
});
export type TIngestRejection = z.infer<typeof ZIngestRejection>;
export const ZIngestResult = z.object({
  accepted: z.number().int().describe('data points committed (or already stored: replays are idempotent)'),
  rejected: z.number().int(),
  rejections: z.array(ZIngestRejection).describe('at most the first 100'),
});
export type TIngestResult = z.infer<typeof ZIngestResult>;

// ---- queries ----
export const RESOLUTIONS = ['raw', '1m', '1h', '1d'] as const;
export const ZResolution = z.enum(RESOLUTIONS);
export type Resolution = z.infer<typeof ZResolution>;
export const AGGREGATES = ['avg', 'min', 'max', 'sum', 'count', 'first', 'last', 'delta'] as const;
export const ZAggregate = z.enum(AGGREGATES);
export type Aggregate = z.infer<typeof ZAggregate>;
const ZIsoTime = z.iso.datetime({ offset: true });
const ZMetricIdList = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'comma-separated metric ids')
  .transform((s) => [...new Set(s.split(',').map(Number))])
  .refine((ids) => ids.length <= 50, 'at most 50 metrics per query');
export const ZSeriesQuery = z
  .object({
    metricIds: ZMetricIdList,
    from: ZIsoTime,
    to: ZIsoTime,
    resolution: z.enum(['auto', ...RESOLUTIONS]).default('auto'),
    agg: ZAggregate.default('avg'),
    maxPoints: z.coerce.number().int().min(10).max(10_000).default(1000),
    downsample: z.enum(['lttb', 'minmax', 'none']).default('lttb'),
  })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'must be after from' });
export type TSeriesQuery = z.infer<typeof ZSeriesQuery>;
/** [epoch ms, value]; value null for string samples and empty buckets */
export const ZPoint = z.tuple([z.number(), z.number().nullable()]);
export const ZSeries = z.object({
  resolution: ZResolution,
  agg: ZAggregate,
  series: z.array(
    z.object({
      metricId: z.number().int(),
      key: z.string(),
      name: z.string(),
      unitCode: z.string().nullable(),
      /** points before downsampling */
      sourcePoints: z.number().int(),
      points: z.array(ZPoint),
    }),
  ),
});
export type TSeries = z.infer<typeof ZSeries>;
export const ZSeriesExportQuery = z
  .object({
    metricIds: ZMetricIdList,
    from: ZIsoTime,
    to: ZIsoTime,
    resolution: ZResolution.default('raw'),
    format: z.enum(['csv', 'xlsx']).default('csv'),
  })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'must be after from' });
export type TSeriesExportQuery = z.infer<typeof ZSeriesExportQuery>;

export const ZLatestValue = z.object({
  metricId: z.number().int(),
  deviceId: ZId,
  deviceCode: z.string(),
  key: z.string(),
  name: z.string(),
  unitCode: z.string().nullable(),
  valueType: ZMetricValueType,
  ts: ZTimestamp.nullable(),
  value: z.number().nullable(),
  textValue: z.string().nullable(),
});
export type TLatestValue = z.infer<typeof ZLatestValue>;

/** The live running state of each piece of equipment on a page, from its bound devices' state metrics. */
export const MAX_EQUIPMENT_STATES = 200;
export const ZEquipmentStatesQuery = z
  .object({
    equipmentIds: z
      .string()
      .min(1)
      .describe(`comma-separated equipment ids, at most ${MAX_EQUIPMENT_STATES}`)
      .transform((s) => [...new Set(s.split(','))])
      .pipe(
        z
          .array(z.uuid('each id must be a UUID'))
          .max(MAX_EQUIPMENT_STATES, `at most ${MAX_EQUIPMENT_STATES} equipment per query`),
      ),
  })
  .strict();
export type TEquipmentStatesQuery = z.infer<typeof ZEquipmentStatesQuery>;
export const ZEquipmentState = z.object({
  equipmentId: ZId,
  /** the state name (idle, running, down, setup…), or its index when the metric names no states; null: no data */
  state: z.string().nullable(),
  /** when that state was last reported */
  ts: ZTimestamp.nullable(),
  /** the state metric it comes from (subscribe to it for live updates); null: no device reports a state */
  metricId: z.number().int().nullable(),
  deviceId: ZId.nullable(),
  deviceCode: z.string().nullable(),
  /** of that device: an offline device's last state may be stale */
  connectivity: ZConnectivity.nullable(),
});
export type TEquipmentState = z.infer<typeof ZEquipmentState>;

export const ZIngestError = z.object({
  id: z.number().int(),
  deviceId: ZId.nullable(),
  deviceCode: z.string().nullable(),
  transport: z.string(),
  at: ZTimestamp,
  metricKey: z.string().nullable(),
  sampleTs: z.string().nullable(),
  reason: z.string(),
  detail: z.string().nullable(),
});
export type TIngestError = z.infer<typeof ZIngestError>;
export const ZIngestErrorQuery = ZPageQuery.extend({ deviceId: ZId.optional() }).strict();
export type TIngestErrorQuery = z.infer<typeof ZIngestErrorQuery>;

/** Live WebSocket protocol (/api/v1/live): the client subscribes, the server pushes coalesced updates. */
export const ZLiveSubscribe = z
  .object({
    type: z.literal('subscribe'),
    id: z.string().min(1).max(64),
    target: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('metrics'), ids: z.array(z.number().int().positive()).min(1).max(1000) }),
      z.object({ kind: z.literal('device'), id: ZId }),
      z.object({ kind: z.literal('equipment'), id: ZId }),
      z.object({ kind: z.literal('alarms') }),
      /**
       * the running state of every equipment in the user's data scope (big screens, status grids, plant views),
       * or only of those placed on one plant layout or belonging to one site
       */
      z
        .object({
          kind: z.literal('equipment-states'),
          /** only the equipment placed on this plant layout */
          layoutId: ZId.optional(),
          /** only the equipment of this site (its areas and lines included) */
          siteId: ZId.optional(),
        })
        .refine((t) => !(t.layoutId && t.siteId), {
          path: ['siteId'],
          message: 'narrow to a plant layout or to a site, not both',
        }),
      /** production events (job reports, Andon, transfers, order status) in the user's data scope */
      z.object({ kind: z.literal('production') }),
    ]),
    /** at most this many pushes per second for this subscription */
    maxRate: z.number().min(0.1).max(50).default(4),
  })
  .strict();
export type TLiveSubscribe = z.infer<typeof ZLiveSubscribe>;
export const ZLiveUnsubscribe = z.object({ type: z.literal('unsubscribe'), id: z.string() }).strict();
export const ZLiveClientMessage = z.discriminatedUnion('type', [ZLiveSubscribe, ZLiveUnsubscribe]);
export type TLiveClientMessage = z.infer<typeof ZLiveClientMessage>;
/** What the server pushes: coalesced latest values per subscription, alarm changes, errors. */
export const ZLiveServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribed'), id: z.string() }),
  z.object({
    type: z.literal('values'),
    id: z.string(),
    values: z.array(
      z.object({
        metricId: z.number().int(),
        deviceId: ZId,
        ts: z.number(),
        value: z.number().nullable(),
        text: z.string().nullable(),
      }),
    ),
  }),
  z.object({ type: z.literal('alarm'), id: z.string(), alarm: z.record(z.string(), z.unknown()) }),
  /** coalesced: the latest state of each equipment whose state changed since the last push */
  z.object({
    type: z.literal('equipment-states'),
    id: z.string(),
    states: z.array(
      z.object({
        equipmentId: ZId,
        /** as in ZEquipmentState: the state name, or its index when the metric names none */
        state: z.string().nullable(),
        /** when the state was reported (epoch ms) */
        ts: z.number(),
      }),
    ),
  }),
  /** coalesced: what happened on the floor since the last push; clients refetch what these touch */
  z.object({
    type: z.literal('production'),
    id: z.string(),
    events: z.array(
      z.object({
        kind: z.enum(['job-report', 'andon', 'transfer', 'work-order']),
        workOrderId: ZId.nullable(),
        operationId: ZId.nullable(),
        /** epoch ms */
        at: z.number(),
      }),
    ),
  }),
  z.object({
    type: z.literal('error'),
    id: z.string().nullable(),
    code: z.string(),
    message: z.string(),
  }),
]);
export type TLiveServerMessage = z.infer<typeof ZLiveServerMessage>;

// ---- MQTT topics ----
/** Devices publish to greenmes/v1/{tenant}/devices/{device}/telemetry; gateways to …/gateways/{gateway}/telemetry. */
export const telemetryTopic = (tenantCode: string, kind: 'device' | 'gateway', code: string) =>
  `greenmes/v1/${tenantCode}/${kind === 'device' ? 'devices' : 'gateways'}/${code}/telemetry`;
/** The server's shared subscription on an external broker: instances split the load. */
export const TELEMETRY_SHARED_SUBSCRIPTION = '$share/greenmes-ingest/greenmes/v1/+/+/+/telemetry';
export function parseTelemetryTopic(
  topic: string,
): { tenantCode: string; kind: 'device' | 'gateway'; code: string } | null {
  const parts = topic.split('/');
  if (parts.length !== 6 || parts[0] !== 'greenmes' || parts[1] !== 'v1' || parts[5] !== 'telemetry')
    return null;
  const kind = parts[3] === 'devices' ? 'device' : parts[3] === 'gateways' ? 'gateway' : null;
  if (!kind || !parts[2] || !parts[4]) return null;
  return { tenantCode: parts[2], kind, code: parts[4] };
}

// ---- edge gateways: reported status and cloud-edited configuration ----
export const ZAdapterHealth = z.object({
  name: z.string().max(100),
  protocol: z.string().max(20),
  state: z.enum(['connected', 'connecting', 'error', 'stopped']),
  lastError: z.string().max(500).nullable().optional(),
  lastOkAt: z.number().nullable().optional().describe('epoch ms of the last good read'),
});
/** What a gateway reports about itself (MQTT …/gateways/<code>/status, or POST /api/v1/edge/status). */
export const ZGatewayStatus = z.object({
  version: z.string().max(40).optional().describe('edge software version'),
  configVersion: z.number().int().nullable().optional(),
  configError: z.string().max(2000).nullable().optional(),
  uplink: z
    .enum(['connected', 'https', 'disconnected'])
    .describe('https: MQTT is unreachable and batches go over the HTTPS fallback'),
  queueDepth: z.number().int().min(0),
  queueBytes: z.number().int().min(0).optional(),
  oldestUnsentTs: z.number().nullable(),
  droppedTotal: z.number().int().min(0),
  adapters: z.array(ZAdapterHealth).max(200),
  uptimeSeconds: z.number().min(0).optional(),
});
export type TGatewayStatus = z.infer<typeof ZGatewayStatus>;
export const ZGatewayStatusReport = z.object({
  status: ZGatewayStatus.nullable(),
  statusAt: ZTimestamp.nullable(),
});
export type TGatewayStatusReport = z.infer<typeof ZGatewayStatusReport>;

/** A version of a gateway's configuration (the edge config file's content, validated by the edge). */
export const ZGatewayConfigVersion = z.object({
  version: z.number().int(),
  config: z.record(z.string(), z.unknown()),
  comment: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: ZTimestamp,
});
export type TGatewayConfigVersion = z.infer<typeof ZGatewayConfigVersion>;
export const ZSaveGatewayConfig = z
  .object({
    config: z.record(z.string(), z.unknown()),
    comment: z.string().trim().max(500).optional(),
  })
  .strict();
export type TSaveGatewayConfig = z.infer<typeof ZSaveGatewayConfig>;
/** The gateway's pull: 204 when it already runs the latest version. */
export const ZEdgeConfigQuery = z.object({ have: z.coerce.number().int().min(0).optional() }).strict();
export const gatewayStatusTopic = (tenantCode: string, gatewayCode: string) =>
  `greenmes/v1/${tenantCode}/gateways/${gatewayCode}/status`;
export const STATUS_SHARED_SUBSCRIPTION = '$share/greenmes-ingest/greenmes/v1/+/gateways/+/status';
/** The server announces a new configuration version here (retained); the gateway then pulls it. */
export const gatewayConfigTopic = (tenantCode: string, gatewayCode: string) =>
  `greenmes/v1/${tenantCode}/gateways/${gatewayCode}/config`;
