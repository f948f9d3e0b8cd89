import { z } from 'zod';

/** Per-metric report-by-exception: send when |Δ| > deadband (numbers) or on any change, and at least every keepAliveS. */
const reporting = {
  /** absolute deadband in the metric's units; 0 = every change */
  deadband: z.number().finite().min(0).default(0),
  /** re-send the last value after this many seconds without a change; 0 = never */
  keepAliveS: z.number().finite().min(0).default(300),
};

export const REGISTER_TYPES = ['int16', 'uint16', 'int32', 'uint32', 'float32'] as const;
export const ZRegisterType = z.enum(REGISTER_TYPES);
export const ZByteOrder = z.enum(['BE', 'LE']);

export const ZModbusRegister = z
  .object({
    metric: z.string().min(1),
    /** 0-based register address */
    address: z.number().int().min(0).max(65_535),
    table: z.enum(['holding', 'input']).default('holding'),
    type: ZRegisterType,
    /** order of the two bytes inside each 16-bit register */
    byteOrder: ZByteOrder.default('BE'),
    /** order of the two registers of a 32-bit value: BE = high word first */
    wordOrder: ZByteOrder.default('BE'),
    /** value = raw × scale */
    scale: z.number().finite().default(1),
    ...reporting,
  })
  .strict();
export type TModbusRegister = z.infer<typeof ZModbusRegister>;

const backoff = {
  /** reconnect back-off: starts at minMs, doubles up to maxMs */
  reconnectMinMs: z.number().int().min(10).default(1_000),
  reconnectMaxMs: z.number().int().min(10).default(30_000),
};

export const ZModbusAdapter = z
  .object({
    kind: z.literal('modbus'),
    name: z.string().min(1),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535).default(502),
    unitId: z.number().int().min(0).max(255).default(1),
    pollIntervalMs: z.number().int().min(10).default(1_000),
    timeoutMs: z.number().int().min(10).default(2_000),
    device: z.string().min(1),
    registers: z.array(ZModbusRegister).min(1),
    ...backoff,
  })
  .strict();
export type TModbusAdapter = z.infer<typeof ZModbusAdapter>;

export const ZMqttMapping = z
  .object({
    /** JSON path into the message: `$.a.b[0]` */
    path: z.string().regex(/^\$(\.[A-Za-z_][\w-]*|\[\d+\])*$/, 'a JSON path like $.gas_flow_m3h or $.a.b[0]'),
    metric: z.string().min(1),
    ...reporting,
  })
  .strict();
export const ZMqttAdapter = z
  .object({
    kind: z.literal('mqtt'),
    name: z.string().min(1),
    /** the local (plant) broker, e.g. mqtt://127.0.0.1:1883 */
    url: z.string().regex(/^mqtts?:\/\//, 'an mqtt:// or mqtts:// URL'),
    username: z.string().optional(),
    password: z.string().optional(),
    topics: z
      .array(
        z
          .object({
            topic: z.string().min(1),
            device: z.string().min(1),
            /** JSON path of the sample time (epoch ms or ISO 8601); default: time of arrival */
            tsPath: z.string().optional(),
            map: z.array(ZMqttMapping).min(1),
          })
          .strict(),
      )
      .min(1),
    ...backoff,
  })
  .strict();
export type TMqttAdapter = z.infer<typeof ZMqttAdapter>;

export const ZOpcuaAdapter = z
  .object({
    kind: z.literal('opcua'),
    name: z.string().min(1),
    /** opc.tcp://host:4840/path; SecurityPolicy None (plant network) */
    endpointUrl: z.string().regex(/^opc\.tcp:\/\//, 'an opc.tcp:// URL'),
    /** the device of every node that names none: one session can serve many controllers */
    device: z.string().min(1).optional(),
    /** how often the server samples and publishes changes */
    samplingIntervalMs: z.number().int().min(10).default(1_000),
    /** the client's certificate store; default: node-opcua's per-user folder */
    pkiDir: z.string().optional(),
    nodes: z
      .array(
        z
          .object({
            /** e.g. ns=1;s=Line1.Power */
            nodeId: z.string().min(1),
            device: z.string().min(1).optional(),
            metric: z.string().min(1),
            scale: z.number().finite().default(1),
            ...reporting,
          })
          .strict(),
      )
      .min(1),
    ...backoff,
  })
  .strict()
  .superRefine((a, ctx) =>
    a.nodes.forEach((n, i) => {
      if (!n.device && !a.device)
        ctx.addIssue({
          code: 'custom',
          path: ['nodes', i, 'device'],
          message: 'no device: name one on the node or on the adapter',
        });
    }),
  );
export type TOpcuaAdapter = z.infer<typeof ZOpcuaAdapter>;

export const ZGatewayConfig = z
  .object({
    gateway: z
      .object({
        /** the GreenMES server's MQTT broker, e.g. mqtts://mes.example.com:8883 */
        cloudUrl: z.string().regex(/^mqtts?:\/\//, 'an mqtt:// or mqtts:// URL'),
        /** the gateway's access token (gmd_…), sent as the MQTT username */
        token: z.string().min(1),
        tenantCode: z.string().min(1),
        gatewayCode: z.string().min(1),
        /** the GreenMES server's HTTP base, e.g. https://mes.example.com; set: adapters come from the cloud */
        cloudHttpUrl: z
          .string()
          .regex(/^https?:\/\/[^/]/, 'an http:// or https:// URL')
          .optional(),
      })
      .strict(),
    queue: z
      .object({
        dir: z.string().min(1),
        maxBytes: z
          .number()
          .int()
          .min(1_024)
          .default(256 * 1024 * 1024),
        maxAgeHours: z.number().positive().default(168),
        /** group commit: fsync the pending samples at most this often … */
        fsyncIntervalMs: z.number().int().min(0).default(200),
        /** … or as soon as this many are pending */
        fsyncMaxSamples: z.number().int().min(1).default(1_000),
      })
      .strict(),
    uplink: z
      .object({
        samplesPerMessage: z.number().int().min(1).max(10_000).default(500),
        maxInFlight: z.number().int().min(1).max(100).default(4),
        /** with gateway.cloudHttpUrl: send over HTTPS after MQTT has been unreachable this long; 0 = never */
        httpFallbackAfterS: z.number().min(0).default(60),
        ...backoff,
      })
      .strict()
      .default({
        samplesPerMessage: 500,
        maxInFlight: 4,
        httpFallbackAfterS: 60,
        reconnectMinMs: 1_000,
        reconnectMaxMs: 30_000,
      }),
    adapters: z
      .array(z.discriminatedUnion('kind', [ZModbusAdapter, ZMqttAdapter, ZOpcuaAdapter]))
      .default([]),
    /** seconds between status log lines */
    statusIntervalS: z.number().int().min(1).default(60),
  })
  .strict();
export type TGatewayConfig = z.infer<typeof ZGatewayConfig>;
export type TAdapterConfig = TGatewayConfig['adapters'][number];

/**
 * The document the cloud stores per configuration version (`POST /api/v1/gateways/:id/config`): the
 * adapters part of the edge config, the same shape as those keys of the local file. gateway, queue and
 * uplink stay local. Checked here for its keys only; the adapters are validated by ZGatewayConfig after the
 * document is merged over the local file's config.
 */
export const ZCloudConfigDocument = z
  .object({
    adapters: z.array(z.unknown()),
    statusIntervalS: z.unknown().optional(),
  })
  .strict();
export type TCloudConfigDocument = z.infer<typeof ZCloudConfigDocument>;
