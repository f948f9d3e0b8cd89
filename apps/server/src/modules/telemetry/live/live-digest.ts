import { INTERNAL_PREFIX } from '../../../platform/mqtt/mqtt.ts';
import type { CommittedSample } from '../telemetry.events.ts';

/** One metric's latest value, as the live protocol pushes it. */
export interface LiveValue {
  metricId: number;
  deviceId: string;
  /** epoch milliseconds */
  ts: number;
  value: number | null;
  text: string | null;
}

/** An alarm as the alarms module announces it; the live stream only needs its id and device. */
export type LiveAlarm = { id: string; deviceId: string | null } & Record<string, unknown>;

/** Broker topics of the cross-instance fan-out; each ends with the tenant id. */
export const LIVE_TOPICS = {
  values: `${INTERNAL_PREFIX}live/`,
  alarms: `${INTERNAL_PREFIX}alarms/`,
  devicesChanged: `${INTERNAL_PREFIX}devices-changed/`,
  production: `${INTERNAL_PREFIX}production/`,
} as const;

/**
 * Something that happened on the floor, as it crosses the broker. `workCenterId` is set when the
 * publisher knows it for free (an Andon exception carries it); otherwise a receiving instance with
 * data-scoped subscribers looks the order's work centers up.
 */
export interface LiveProductionEvent {
  kind: 'job-report' | 'andon' | 'transfer' | 'work-order';
  workOrderId: string | null;
  operationId: string | null;
  workCenterId: string | null;
  /** epoch milliseconds */
  at: number;
}

const PRODUCTION_KINDS = new Set<string>(['job-report', 'andon', 'transfer', 'work-order']);

export function decodeProduction(payload: Buffer): LiveProductionEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const idOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
  return (parsed as unknown[]).flatMap((item) => {
    const e = item as Partial<Record<keyof LiveProductionEvent, unknown>> | null;
    if (!e || typeof e.kind !== 'string' || !PRODUCTION_KINDS.has(e.kind) || typeof e.at !== 'number')
      return [];
    return [
      {
        kind: e.kind as LiveProductionEvent['kind'],
        workOrderId: idOrNull(e.workOrderId),
        operationId: idOrNull(e.operationId),
        workCenterId: idOrNull(e.workCenterId),
        at: e.at,
      },
    ];
  });
}

/**
 * The newest sample per metric, per tenant. Ingest commits up to 100k samples a second, but a screen
 * only ever shows the latest value, so this is all that crosses the broker.
 */
export function latestPerMetric(samples: CommittedSample[]): Map<string, LiveValue[]> {
  const byTenant = new Map<string, Map<number, CommittedSample>>();
  for (const s of samples) {
    let latest = byTenant.get(s.tenantId);
    if (!latest) byTenant.set(s.tenantId, (latest = new Map()));
    const seen = latest.get(s.metricId);
    if (!seen || s.ts >= seen.ts) latest.set(s.metricId, s);
  }
  const out = new Map<string, LiveValue[]>();
  for (const [tenantId, latest] of byTenant)
    out.set(
      tenantId,
      [...latest.values()].map((s) => ({
        metricId: s.metricId,
        deviceId: s.deviceId,
        ts: s.ts,
        value: s.value,
        text: s.text,
      })),
    );
  return out;
}

type Row = [metricId: number, ts: number, value: number | null, text: string | null];

/** `{"d": {deviceId: [[metricId, ts, value, text], …]}}`: the device id once per device, not per metric. */
export function encodeValues(values: LiveValue[]): string {
  const byDevice: Record<string, Row[]> = {};
  for (const v of values) (byDevice[v.deviceId] ??= []).push([v.metricId, v.ts, v.value, v.text]);
  return JSON.stringify({ d: byDevice });
}

/** Parses a digest from the broker; malformed entries are skipped (the topic is internal, but trust nothing). */
export function decodeValues(payload: Buffer): LiveValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return [];
  }
  const byDevice = (parsed as { d?: unknown } | null)?.d;
  if (!byDevice || typeof byDevice !== 'object') return [];
  const out: LiveValue[] = [];
  for (const [deviceId, rows] of Object.entries(byDevice as Record<string, unknown>)) {
    if (!Array.isArray(rows)) continue;
    for (const row of rows as unknown[]) {
      if (!Array.isArray(row)) continue;
      const [metricId, ts, value, text] = row as unknown[];
      if (typeof metricId !== 'number' || typeof ts !== 'number') continue;
      out.push({
        metricId,
        deviceId,
        ts,
        value: typeof value === 'number' ? value : null,
        text: typeof text === 'string' ? text : null,
      });
    }
  }
  return out;
}

export function decodeAlarm(payload: Buffer): LiveAlarm | null {
  try {
    const alarm = JSON.parse(payload.toString('utf8')) as Partial<LiveAlarm> | null;
    return alarm &&
      typeof alarm.id === 'string' &&
      (typeof alarm.deviceId === 'string' || alarm.deviceId === null)
      ? (alarm as LiveAlarm)
      : null;
  } catch {
    return null;
  }
}
