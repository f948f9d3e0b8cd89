import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { TAlarm } from '@greenmes/contracts';
import type { Database } from '../../../platform/db/database.ts';
import type { Job } from '../../../platform/jobs/jobs.ts';
import type { TelemetryEvents } from '../telemetry.events.ts';
import { AlarmRuntime } from './alarm-runtime.ts';
import { alarmJobs } from './alarms.jobs.ts';
import { alarmsRoutes } from './alarms.routes.ts';

/**
 * Alarms on device data: evaluates committed samples against the tenants' rules in memory, keeps
 * alarm instances and their history, notifies listeners and signed webhooks.
 */
export function alarmsModule(opts: { database: Database; events: TelemetryEvents; log: FastifyBaseLogger }): {
  routes(api: FastifyInstance): void; // registered under /api/v1
  jobs: Job[];
  /** alarm raised/acknowledged/cleared/shelved, after commit — the live WebSocket pushes these */
  onAlarmChanged(listener: (tenantId: string, alarm: TAlarm) => void): () => void;
  /** after commit: alarms of other sources (source-alarms.ts) reach the same listeners */
  announce(tenantId: string, alarm: TAlarm): void;
  close(): Promise<void>;
} {
  const { database, events, log } = opts;
  const listeners = new Set<(tenantId: string, alarm: TAlarm) => void>();
  const notify = (tenantId: string, alarm: TAlarm) => {
    for (const listener of listeners)
      try {
        listener(tenantId, alarm);
      } catch (err) {
        log.error({ err }, 'alarm listener failed');
      }
  };
  const runtime = new AlarmRuntime({ database, events, log, notify });
  return {
    routes: (api) => alarmsRoutes(api, { runtime, notify }),
    jobs: alarmJobs({ database, log, notify }),
    announce: notify,
    onAlarmChanged(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close: () => runtime.close(),
  };
}
