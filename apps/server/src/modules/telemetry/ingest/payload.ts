import { INGEST_LIMITS, type RejectReason, type TIngestRejection } from '@greenmes/contracts';
import type { CommittedSample } from '../telemetry.events.ts';

export interface MetricEntry {
  id: number;
  key: string;
  valueType: 'number' | 'boolean' | 'state' | 'string';
  kind: string;
  scale: number;
  offset: number;
  states: string[] | null;
}

export interface DeviceEntry {
  tenantId: string;
  id: string;
  code: string;
  gatewayId: string | null;
  isEnabled: boolean;
  metrics: Map<string, MetricEntry>;
}

/** Who is sending: the credential's device or gateway, or (external broker) the topic's. */
export interface Sender {
  tenantId: string;
  kind: 'device' | 'gateway';
  id: string | null;
  code: string;
}

export type ValidSample = CommittedSample;

export interface ValidatedMessage {
  samples: ValidSample[];
  rejections: TIngestRejection[];
  rejected: number;
  /** data points accepted / rejected per device id ('' = no device could be resolved) */
  perDevice: Map<string, { accepted: number; rejected: number }>;
}

interface RawSample {
  device?: unknown;
  ts?: unknown;
  values?: unknown;
  historical?: unknown;
}

const NON_FINITE = '__greenmes_non_finite__';
/** Python's json.dumps and some PLC gateways write bare NaN/Infinity: reject those samples, not the message. */
function parseLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (!/\b(NaN|Infinity)\b/.test(text)) throw err;
    return JSON.parse(text.replace(/(:\s*)-?(NaN|Infinity)\b/g, `$1"${NON_FINITE}"`));
  }
}

/** The documented payload: one sample, {samples: [...]}, or a bare array of samples. */
export function parseMessage(
  body: Buffer | string | unknown,
): { ok: true; samples: RawSample[] } | { ok: false; detail: string } {
  let json: unknown = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      json = parseLenient(body.toString());
    } catch (err) {
      return { ok: false, detail: `not valid JSON: ${(err as Error).message}` };
    }
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  let list: unknown[];
  if (Array.isArray(json)) list = json;
  else if (isObject(json) && Array.isArray(json.samples)) list = json.samples;
  else if (isObject(json) && 'values' in json) list = [json];
  else return { ok: false, detail: 'expected {"ts", "values"}, {"samples": [...]} or an array of samples' };
  return { ok: true, samples: list.map((s) => (isObject(s) ? (s as RawSample) : { values: undefined })) };
}

/** Device codes named by the samples (the sender's own when a sample names none). */
export function deviceCodesOf(samples: RawSample[], sender: Sender): Set<string> {
  const codes = new Set<string>();
  for (const s of samples) {
    if (typeof s.device === 'string') codes.add(s.device);
    else if (sender.kind === 'device') codes.add(sender.code);
  }
  return codes;
}

const MIN_TS = Date.UTC(2000, 0, 1);
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function parseTs(ts: unknown, nowMs: number): number | { reason: RejectReason; detail: string } {
  if (ts === undefined) return nowMs;
  let ms: number;
  if (typeof ts === 'number' && Number.isFinite(ts)) ms = Math.floor(ts);
  else if (typeof ts === 'string' && ISO_WITH_ZONE.test(ts)) ms = Date.parse(ts);
  else
    return {
      reason: 'bad_timestamp',
      detail: 'ts must be epoch milliseconds or an ISO 8601 timestamp with a zone',
    };
  if (!Number.isFinite(ms) || ms < MIN_TS)
    return { reason: 'bad_timestamp', detail: `ts ${String(ts)} is before 2000-01-01 or invalid` };
  if (ms > nowMs + INGEST_LIMITS.maxFutureSkewMs)
    return {
      reason: 'future_timestamp',
      detail: `ts ${new Date(ms).toISOString()} is more than ${INGEST_LIMITS.maxFutureSkewMs / 60000} min ahead of the server clock`,
    };
  return ms;
}

/** Converts one value to what is stored; a string is the rejection detail. */
export function storedValue(
  metric: MetricEntry,
  raw: unknown,
): { value: number | null; text: string | null } | { reason: RejectReason; detail: string } {
  if (raw === NON_FINITE || (typeof raw === 'number' && !Number.isFinite(raw)))
    return { reason: 'not_finite', detail: 'NaN and Infinity are not values' };
  switch (metric.valueType) {
    case 'number':
      if (typeof raw !== 'number')
        return { reason: 'wrong_type', detail: `expected a number, got ${typeName(raw)}` };
      return { value: raw * metric.scale + metric.offset, text: null };
    case 'boolean':
      if (typeof raw === 'boolean') return { value: raw ? 1 : 0, text: null };
      if (raw === 0 || raw === 1) return { value: raw, text: null };
      return { reason: 'wrong_type', detail: `expected true/false (or 0/1), got ${typeName(raw)}` };
    case 'state': {
      if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) {
        if (metric.states && raw >= metric.states.length)
          return {
            reason: 'unknown_state',
            detail: `state index ${raw} is not one of 0..${metric.states.length - 1}`,
          };
        return { value: raw, text: metric.states?.[raw] ?? null };
      }
      if (typeof raw === 'string') {
        const index = metric.states?.indexOf(raw) ?? -1;
        if (index < 0)
          return {
            reason: 'unknown_state',
            detail: `state "${raw.slice(0, 64)}" is not one of ${metric.states?.join(', ') || '(no state names defined)'}`,
          };
        return { value: index, text: raw };
      }
      return { reason: 'wrong_type', detail: `expected a state name or index, got ${typeName(raw)}` };
    }
    case 'string':
      if (typeof raw !== 'string')
        return { reason: 'wrong_type', detail: `expected a string, got ${typeName(raw)}` };
      if (raw.length > 1000)
        return { reason: 'wrong_type', detail: 'strings are limited to 1000 characters' };
      return { value: null, text: raw };
  }
}

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

/**
 * Validates every value of every sample; bad ones are rejected with a reason and the rest kept.
 * `devices` holds the entries for deviceCodesOf(); a missing code is an unknown device.
 */
export function validateSamples({
  samples,
  sender,
  devices,
  nowMs,
}: {
  samples: RawSample[];
  sender: Sender;
  devices: Map<string, DeviceEntry>;
  nowMs: number;
}): ValidatedMessage {
  const out: ValidatedMessage = { samples: [], rejections: [], rejected: 0, perDevice: new Map() };
  const count = (deviceId: string, accepted: number, rejected: number) => {
    const c = out.perDevice.get(deviceId) ?? { accepted: 0, rejected: 0 };
    c.accepted += accepted;
    c.rejected += rejected;
    out.perDevice.set(deviceId, c);
  };
  const reject = (
    index: number,
    device: DeviceEntry | null,
    deviceCode: string | null,
    metric: string | null,
    reason: RejectReason,
    detail: string,
    points = 1,
  ) => {
    out.rejected += points;
    count(device?.id ?? '', 0, points);
    if (out.rejections.length < 100)
      out.rejections.push({ index, device: deviceCode, metric, reason, detail });
  };

  if (samples.length > INGEST_LIMITS.maxSamplesPerMessage) {
    reject(
      0,
      null,
      null,
      null,
      'too_many_samples',
      `at most ${INGEST_LIMITS.maxSamplesPerMessage} samples per message`,
      samples.length,
    );
    return out;
  }
  samples.forEach((s, index) => {
    const values = s.values;
    const pointCount =
      typeof values === 'object' && values !== null && !Array.isArray(values)
        ? Object.keys(values).length
        : 1;
    if (s.device !== undefined && typeof s.device !== 'string')
      return reject(
        index,
        null,
        null,
        null,
        'bad_payload',
        'device must be a device code (string)',
        pointCount,
      );
    const code = (s.device as string | undefined) ?? (sender.kind === 'device' ? sender.code : undefined);
    if (code === undefined)
      return reject(
        index,
        null,
        null,
        null,
        'bad_payload',
        'a gateway must name the device of each sample',
        pointCount,
      );
    const device = devices.get(code) ?? null;
    if (!device)
      return reject(
        index,
        null,
        code,
        null,
        'unknown_device',
        `no device ${code} in this enterprise`,
        pointCount,
      );
    if (sender.kind === 'device' && code !== sender.code)
      return reject(
        index,
        device,
        code,
        null,
        'device_not_allowed',
        `this credential may only send for device ${sender.code}`,
        pointCount,
      );
    if (sender.kind === 'gateway' && sender.id !== null && device.gatewayId !== sender.id)
      return reject(
        index,
        device,
        code,
        null,
        'device_not_allowed',
        `device ${code} is not behind gateway ${sender.code}`,
        pointCount,
      );
    if (!device.isEnabled)
      return reject(index, device, code, null, 'device_disabled', `device ${code} is disabled`, pointCount);
    if (typeof values !== 'object' || values === null || Array.isArray(values))
      return reject(
        index,
        device,
        code,
        null,
        'bad_payload',
        'values must be an object of metric key → value',
        pointCount,
      );
    const ts = parseTs(s.ts, nowMs);
    if (typeof ts !== 'number') return reject(index, device, code, null, ts.reason, ts.detail, pointCount);
    if (s.historical !== undefined && typeof s.historical !== 'boolean')
      return reject(index, device, code, null, 'bad_payload', 'historical must be true or false', pointCount);
    let accepted = 0;
    for (const [key, raw] of Object.entries(values as Record<string, unknown>)) {
      const metric = device.metrics.get(key);
      if (!metric) {
        reject(
          index,
          device,
          code,
          key,
          'unknown_metric',
          `device ${code} has no metric ${key.slice(0, 64)}`,
        );
        continue;
      }
      const stored = storedValue(metric, raw);
      if ('reason' in stored) {
        reject(index, device, code, key, stored.reason, stored.detail);
        continue;
      }
      accepted++;
      out.samples.push({
        tenantId: device.tenantId,
        deviceId: device.id,
        metricId: metric.id,
        ts,
        ...stored,
      });
    }
    if (accepted) count(device.id, accepted, 0);
  });
  return out;
}
