import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './platform/config/config.ts';
import type { Database } from './platform/db/database.ts';
import { registerAuth } from './platform/auth/auth.plugin.ts';
import { AppError } from './platform/http/errors.ts';
import { registerErrorHandler } from './platform/http/error-handler.ts';
import { healthRoutes } from './platform/http/health.routes.ts';
import { registerMetrics } from './platform/http/metrics.ts';
import { isSpaRequest, registerWeb } from './platform/http/web.ts';
import { adminRoutes } from './modules/platform/admin.routes.ts';
import { authRoutes } from './modules/platform/auth.routes.ts';
import { platformRoutes } from './modules/platform/platform.routes.ts';
import { modelingRoutes } from './modules/modeling/modeling.routes.ts';
import { energyRoutes } from './modules/energy/energy.routes.ts';
import { energyLedgerRoutes } from './modules/energy/ledgers/ledgers.routes.ts';
import { tariffRoutes } from './modules/energy/tariffs/tariffs.routes.ts';
import { meteringRoutes } from './modules/energy/metering/metering.routes.ts';
import { energyReportRoutes } from './modules/energy/reports/reports.routes.ts';
import { enpiRoutes } from './modules/energy/enpi/enpi.routes.ts';
import { enpiAlarmJobs } from './modules/energy/enpi/enpi-alarms.job.ts';
import { calendarRoutes } from './modules/calendars/calendars.routes.ts';
import { productEnergyRoutes } from './modules/energy/products/products.routes.ts';
import { workOrderEnergyRoutes } from './modules/energy/work-orders/work-order-energy.routes.ts';
import { productionRoutes } from './modules/production/production.routes.ts';
import { jobReportRoutes } from './modules/production/job-reports.routes.ts';
import { reasonCodeRoutes } from './modules/production/reason-codes.routes.ts';
import { andonRoutes } from './modules/production/andon.routes.ts';
import { andonJobs } from './modules/production/andon.jobs.ts';
import { scheduleRoutes } from './modules/production/scheduling/schedule.routes.ts';
import { workOrderRoutes } from './modules/production/work-orders.routes.ts';
import { wipRoutes } from './modules/production/wip.routes.ts';
import { oeeRoutes } from './modules/production/oee.routes.ts';
import { labourRoutes } from './modules/labour/labour.routes.ts';
import { inventoryRoutes } from './modules/inventory/inventory.routes.ts';
import { genealogyRoutes } from './modules/production/genealogy.routes.ts';
import { plantLayoutRoutes } from './modules/visualization/layouts/layouts.routes.ts';
import { screenRoutes } from './modules/visualization/screens/screens.routes.ts';
import { dashboardRoutes } from './modules/visualization/dashboards/dashboards.routes.ts';
import { startJobs, type JobRunner } from './platform/jobs/jobs.ts';
import { TelemetryEvents } from './modules/telemetry/telemetry.events.ts';
import { telemetryModule, type TelemetryModule } from './modules/telemetry/telemetry.module.ts';
import { liveModule } from './modules/telemetry/live/live.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** device data: events after commit, background jobs, the ingest path and MQTT */
    telemetry: { events: TelemetryEvents; jobs: JobRunner; module: TelemetryModule };
  }
}

export interface AppOptions {
  config: Config;
  database: Database;
  /** false in most tests: no web build needed */
  serveWeb?: boolean;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Registers the platform plugins, then every module. Does not listen. */
export async function buildApp({ config, database, serveWeb = true }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.LOG_LEVEL },
    trustProxy: config.TRUST_PROXY,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 20 * 1024 * 1024,
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addContentTypeParser([XLSX, 'application/octet-stream'], { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });

  registerErrorHandler(app);
  const registry = registerMetrics(app, database);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('RATE_LIMITED', {
        retryAfter: `${Math.ceil(ctx.ttl / 1000)} s`,
        retryAfterSeconds: Math.ceil(ctx.ttl / 1000),
      }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'GreenMES API', version: '0.1.0', description: 'Multi-tenant MES for green factories' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'greenmes_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  registerAuth(app, database);

  const events = new TelemetryEvents();
  const telemetry = await telemetryModule({ config, database, events, registry, log: app.log });
  // the live WebSocket: fan-out through the broker, so every instance serves every tenant's updates
  await liveModule({
    database,
    hub: telemetry.mqtt,
    events,
    log: app.log,
    onAlarmChanged: telemetry.alarms.onAlarmChanged,
  }).register(app);

  healthRoutes(app, { database, registry });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(
    async (api) => {
      authRoutes(api, { config, database });
      adminRoutes(api, { config, database });
      platformRoutes(api);
      modelingRoutes(api);
      telemetry.routes(api);
      energyRoutes(api);
      energyLedgerRoutes(api);
      tariffRoutes(api);
      meteringRoutes(api);
      energyReportRoutes(api);
      enpiRoutes(api);
      calendarRoutes(api);
      productionRoutes(api);
      workOrderRoutes(api);
      jobReportRoutes(api);
      wipRoutes(api);
      oeeRoutes(api);
      reasonCodeRoutes(api);
      andonRoutes(api);
      scheduleRoutes(api);
      labourRoutes(api);
      inventoryRoutes(api);
      genealogyRoutes(api);
      plantLayoutRoutes(api);
      screenRoutes(api);
      dashboardRoutes(api);
      productEnergyRoutes(api);
      workOrderEnergyRoutes(api);
    },
    { prefix: '/api/v1' },
  );
  const jobs = startJobs({
    database,
    log: app.log,
    jobs: [
      ...telemetry.jobs,
      ...enpiAlarmJobs({ database, log: app.log, announce: telemetry.alarms.announce }),
      ...andonJobs({ database, log: app.log, announce: app.announceProduction }),
    ],
    autoStart: config.JOBS_ENABLED,
  });
  app.decorate('telemetry', { events, jobs, module: telemetry });
  app.addHook('onClose', async () => {
    await jobs.stop();
    await telemetry.close();
  });

  const hasWeb = serveWeb && (await registerWeb(app, config.WEB_DIST_DIR));
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && isSpaRequest(req.method, req.url, req.headers.accept)) return reply.sendFile('index.html');
    return reply.status(404).send({
      error: {
        code: 'ROUTE_NOT_FOUND',
        message: `No such route: ${req.method} ${req.url.split('?')[0]}`,
        requestId: req.id,
      },
    });
  });
  return app;
}
