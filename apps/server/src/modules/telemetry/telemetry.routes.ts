import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ZCreateCredential,
  ZCreateDevice,
  ZCreateDeviceProfile,
  ZCreateGateway,
  ZCreatedCredential,
  ZCredential,
  ZCredentialParams,
  ZDevice,
  ZGatewayConfigVersion,
  ZGatewayStatusReport,
  ZSaveGatewayConfig,
  ZDeviceProfile,
  ZDeviceQuery,
  ZEquipmentState,
  ZEquipmentStatesQuery,
  ZGateway,
  ZGatewayQuery,
  ZIdParams,
  ZIngestError,
  ZIngestErrorQuery,
  ZLatestValue,
  ZMetric,
  ZMetricDefinition,
  ZMetricIdParams,
  ZOk,
  ZPage,
  ZPageQuery,
  ZProfileMetric,
  ZProfileMetricParams,
  ZSeries,
  ZSeriesExportQuery,
  ZSeriesQuery,
  ZUpdateDevice,
  ZUpdateDeviceProfile,
  ZUpdateGateway,
  ZUpdateMetricDefinition,
} from '@greenmes/contracts';
import { typed } from '../../platform/http/routes.ts';
import * as devices from './devices.service.ts';
import * as edge from './edge.service.ts';
import { equipmentStates } from './equipment-states.service.ts';
import * as gateways from './gateways.service.ts';
import * as profiles from './profiles.service.ts';
import * as data from './series.service.ts';
import type { TelemetryEvents } from './telemetry.events.ts';

const ok = { ok: true as const };

/** Gateways, device profiles, devices, metrics, credentials, latest values and series. */
export function telemetryRoutes(
  app: FastifyInstance,
  {
    events,
    onCredentialRevoked,
    onConfigSaved,
  }: {
    events: TelemetryEvents;
    onCredentialRevoked(id: string): void;
    onConfigSaved(tenantCode: string, gatewayCode: string, version: number): void;
  },
) {
  const r = typed(app);
  // after the commit: the ingest caches of this instance drop the tenant's devices
  const changed = (req: FastifyRequest) => events.emitDevicesChanged(req.tenantActor().tenantId);
  const READ = 'telemetry.device.read' as const;
  const MANAGE = 'telemetry.device.manage' as const;

  // ---- gateways ----
  let tags = ['gateways'];
  r.get(
    '/gateways',
    {
      schema: { tags, querystring: ZGatewayQuery, response: { 200: ZPage(ZGateway) } },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => gateways.listGateways({ ctx, query: req.query })),
  );
  r.post(
    '/gateways',
    { schema: { tags, body: ZCreateGateway, response: { 201: ZGateway } }, config: { access: MANAGE } },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => gateways.createGateway({ ctx, input: req.body }))),
  );
  r.get(
    '/gateways/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZGateway } }, config: { access: READ } },
    (req) => req.inTenant((ctx) => gateways.getGateway({ ctx, id: req.params.id })),
  );
  r.patch(
    '/gateways/:id',
    {
      schema: { tags, params: ZIdParams, body: ZUpdateGateway, response: { 200: ZGateway } },
      config: { access: MANAGE },
    },
    async (req) => {
      const out = await req.inTenant((ctx) =>
        gateways.updateGateway({ ctx, id: req.params.id, input: req.body }),
      );
      changed(req);
      return out;
    },
  );
  r.delete(
    '/gateways/:id',
    {
      schema: { tags, summary: '409 while devices sit behind it', params: ZIdParams, response: { 200: ZOk } },
      config: { access: MANAGE },
    },
    async (req) => {
      await req.inTenant((ctx) => gateways.deleteGateway({ ctx, id: req.params.id }));
      changed(req);
      return ok;
    },
  );

  r.get(
    '/gateways/:id/status',
    {
      schema: {
        tags,
        summary: 'What the gateway last reported: uplink, queue, adapters',
        params: ZIdParams,
        response: { 200: ZGatewayStatusReport },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => edge.gatewayStatus({ ctx, id: req.params.id })),
  );
  r.get(
    '/gateways/:id/config',
    {
      schema: {
        tags,
        summary: 'Configuration versions, newest first',
        params: ZIdParams,
        response: { 200: z.array(ZGatewayConfigVersion) },
      },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => edge.listConfigVersions({ ctx, id: req.params.id })),
  );
  r.post(
    '/gateways/:id/config',
    {
      schema: {
        tags,
        summary: 'Save a new configuration version; the gateway is told and applies it without a restart',
        params: ZIdParams,
        body: ZSaveGatewayConfig,
        response: { 201: ZGatewayConfigVersion },
      },
      config: { access: MANAGE },
    },
    async (req, reply) => {
      const saved = await req.inTenant((ctx) => edge.saveConfig({ ctx, id: req.params.id, input: req.body }));
      const gateway = await req.inTenant((ctx) => gateways.getGateway({ ctx, id: req.params.id }));
      onConfigSaved(req.tenantActor().tenantCode, gateway.code, saved.version);
      return reply.status(201).send(saved);
    },
  );

  // ---- credentials (devices and gateways alike) ----
  for (const kind of ['device', 'gateway'] as const) {
    const base = kind === 'device' ? '/devices/:id/credentials' : '/gateways/:id/credentials';
    const ctags = [kind === 'device' ? 'devices' : 'gateways'];
    r.get(
      base,
      {
        schema: { tags: ctags, params: ZIdParams, response: { 200: z.array(ZCredential) } },
        config: { access: READ },
      },
      (req) => req.inTenant((ctx) => gateways.listCredentials({ ctx, owner: { kind, id: req.params.id } })),
    );
    r.post(
      base,
      {
        schema: {
          tags: ctags,
          summary: 'New access token or username/password; the token is shown only in this response',
          params: ZIdParams,
          body: ZCreateCredential,
          response: { 201: ZCreatedCredential },
        },
        config: { access: MANAGE },
      },
      async (req, reply) => {
        const out = await req.inTenant((ctx) =>
          gateways.createCredential({ ctx, owner: { kind, id: req.params.id }, input: req.body }),
        );
        changed(req);
        return reply.status(201).send(out);
      },
    );
    r.delete(
      `${base}/:credentialId`,
      {
        schema: {
          tags: ctags,
          summary: 'Revoke: the device is refused from now on',
          params: ZCredentialParams,
          response: { 200: ZOk },
        },
        config: { access: MANAGE },
      },
      async (req) => {
        await req.inTenant((ctx) =>
          gateways.revokeCredential({
            ctx,
            owner: { kind, id: req.params.id },
            credentialId: req.params.credentialId,
          }),
        );
        changed(req);
        onCredentialRevoked(req.params.credentialId);
        return ok;
      },
    );
  }

  // ---- device profiles ----
  tags = ['device profiles'];
  r.get(
    '/device-profiles',
    {
      schema: { tags, querystring: ZPageQuery, response: { 200: ZPage(ZDeviceProfile) } },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => profiles.listProfiles({ ctx, query: req.query })),
  );
  r.post(
    '/device-profiles',
    {
      schema: { tags, body: ZCreateDeviceProfile, response: { 201: ZDeviceProfile } },
      config: { access: MANAGE },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => profiles.createProfile({ ctx, input: req.body }))),
  );
  r.get(
    '/device-profiles/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZDeviceProfile } }, config: { access: READ } },
    (req) => req.inTenant((ctx) => profiles.getProfile({ ctx, id: req.params.id })),
  );
  r.patch(
    '/device-profiles/:id',
    {
      schema: { tags, params: ZIdParams, body: ZUpdateDeviceProfile, response: { 200: ZDeviceProfile } },
      config: { access: MANAGE },
    },
    (req) => req.inTenant((ctx) => profiles.updateProfile({ ctx, id: req.params.id, input: req.body })),
  );
  r.delete(
    '/device-profiles/:id',
    {
      schema: { tags, summary: '409 while devices use it', params: ZIdParams, response: { 200: ZOk } },
      config: { access: MANAGE },
    },
    async (req) => {
      await req.inTenant((ctx) => profiles.deleteProfile({ ctx, id: req.params.id }));
      return ok;
    },
  );
  r.post(
    '/device-profiles/:id/metrics',
    {
      schema: {
        tags,
        summary: 'Add a metric to the profile and to every device using it',
        params: ZIdParams,
        body: ZMetricDefinition,
        response: { 201: ZProfileMetric },
      },
      config: { access: MANAGE },
    },
    async (req, reply) => {
      const out = await req.inTenant((ctx) =>
        profiles.addProfileMetric({ ctx, profileId: req.params.id, input: req.body }),
      );
      changed(req);
      return reply.status(201).send(out);
    },
  );
  r.patch(
    '/device-profiles/:id/metrics/:metricId',
    {
      schema: {
        tags,
        params: ZProfileMetricParams,
        body: ZUpdateMetricDefinition,
        response: { 200: ZProfileMetric },
      },
      config: { access: MANAGE },
    },
    async (req) => {
      const out = await req.inTenant((ctx) =>
        profiles.updateProfileMetric({
          ctx,
          profileId: req.params.id,
          id: req.params.metricId,
          input: req.body,
        }),
      );
      changed(req);
      return out;
    },
  );
  r.delete(
    '/device-profiles/:id/metrics/:metricId',
    {
      schema: {
        tags,
        summary: '409 once any device has data for it',
        params: ZProfileMetricParams,
        response: { 200: ZOk },
      },
      config: { access: MANAGE },
    },
    async (req) => {
      await req.inTenant((ctx) =>
        profiles.deleteProfileMetric({ ctx, profileId: req.params.id, id: req.params.metricId }),
      );
      changed(req);
      return ok;
    },
  );

  // ---- devices and their metrics ----
  tags = ['devices'];
  r.get(
    '/devices',
    {
      schema: { tags, querystring: ZDeviceQuery, response: { 200: ZPage(ZDevice) } },
      config: { access: READ },
    },
    (req) => req.inTenant((ctx) => devices.listDevices({ ctx, query: req.query })),
  );
  r.post(
    '/devices',
    { schema: { tags, body: ZCreateDevice, response: { 201: ZDevice } }, config: { access: MANAGE } },
    async (req, reply) => {
      const out = await req.inTenant((ctx) => devices.createDevice({ ctx, input: req.body }));
      changed(req);
      return reply.status(201).send(out);
    },
  );
  r.get(
    '/devices/:id',
    { schema: { tags, params: ZIdParams, response: { 200: ZDevice } }, config: { access: READ } },
    (req) => req.inTenant((ctx) => devices.getDevice({ ctx, id: req.params.id })),
  );
  r.patch(
    '/devices/:id',
    {
      schema: { tags, params: ZIdParams, body: ZUpdateDevice, response: { 200: ZDevice } },
      config: { access: MANAGE },
    },
    async (req) => {
      const out = await req.inTenant((ctx) =>
        devices.updateDevice({ ctx, id: req.params.id, input: req.body }),
      );
      changed(req);
      return out;
    },
  );
  r.delete(
    '/devices/:id',
    {
      schema: {
        tags,
        summary: '409 once it has stored data (disable it instead)',
        params: ZIdParams,
        response: { 200: ZOk },
      },
      config: { access: MANAGE },
    },
    async (req) => {
      await req.inTenant((ctx) => devices.deleteDevice({ ctx, id: req.params.id }));
      changed(req);
      return ok;
    },
  );
  r.get(
    '/devices/:id/metrics',
    { schema: { tags, params: ZIdParams, response: { 200: z.array(ZMetric) } }, config: { access: READ } },
    (req) => req.inTenant((ctx) => devices.listMetrics({ ctx, deviceId: req.params.id })),
  );
  r.post(
    '/devices/:id/metrics',
    {
      schema: { tags, params: ZIdParams, body: ZMetricDefinition, response: { 201: ZMetric } },
      config: { access: MANAGE },
    },
    async (req, reply) => {
      const out = await req.inTenant((ctx) =>
        devices.addMetric({ ctx, deviceId: req.params.id, input: req.body }),
      );
      changed(req);
      return reply.status(201).send(out);
    },
  );
  r.patch(
    '/devices/:id/metrics/:metricId',
    {
      schema: { tags, params: ZMetricIdParams, body: ZUpdateMetricDefinition, response: { 200: ZMetric } },
      config: { access: MANAGE },
    },
    async (req) => {
      const out = await req.inTenant((ctx) =>
        devices.updateMetric({
          ctx,
          deviceId: req.params.id,
          metricId: req.params.metricId,
          input: req.body,
        }),
      );
      changed(req);
      return out;
    },
  );
  r.delete(
    '/devices/:id/metrics/:metricId',
    { schema: { tags, params: ZMetricIdParams, response: { 200: ZOk } }, config: { access: MANAGE } },
    async (req) => {
      await req.inTenant((ctx) =>
        devices.deleteMetric({ ctx, deviceId: req.params.id, metricId: req.params.metricId }),
      );
      changed(req);
      return ok;
    },
  );
  r.get(
    '/devices/:id/latest',
    {
      schema: { tags, params: ZIdParams, response: { 200: z.array(ZLatestValue) } },
      config: { access: 'telemetry.data.read' },
    },
    (req) => req.inTenant((ctx) => devices.deviceLatest({ ctx, id: req.params.id })),
  );
  r.get(
    '/equipment/:id/latest',
    {
      schema: {
        tags: ['equipment'],
        summary: 'Latest values of every device bound to the equipment',
        params: ZIdParams,
        response: { 200: z.array(ZLatestValue) },
      },
      config: { access: 'telemetry.data.read' },
    },
    (req) => req.inTenant((ctx) => devices.equipmentLatest({ ctx, equipmentId: req.params.id })),
  );
  r.get(
    '/telemetry/equipment-states',
    {
      schema: {
        tags: ['equipment'],
        summary: 'Running state of each listed equipment, from the state metrics of its devices',
        querystring: ZEquipmentStatesQuery,
        response: { 200: z.array(ZEquipmentState) },
      },
      config: { access: 'telemetry.data.read' },
    },
    (req) => req.inTenant((ctx) => equipmentStates({ ctx, equipmentIds: req.query.equipmentIds })),
  );

  // ---- series, export, ingest errors ----
  tags = ['telemetry data'];
  r.get(
    '/telemetry/series',
    {
      schema: {
        tags,
        summary: 'Raw or rolled-up series, downsampled on the server to at most maxPoints per metric',
        querystring: ZSeriesQuery,
        response: { 200: ZSeries },
      },
      config: { access: 'telemetry.data.read' },
    },
    (req) => req.inTenant((ctx) => data.getSeries({ ctx, query: req.query })),
  );
  r.get(
    '/telemetry/series/export',
    {
      schema: {
        tags,
        summary: 'CSV or Excel, one row per timestamp and a column per metric',
        querystring: ZSeriesExportQuery,
      },
      config: { access: 'telemetry.data.read' },
    },
    async (req, reply) => {
      const file = await req.inTenant((ctx) => data.exportSeries({ ctx, query: req.query }));
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
  r.get(
    '/telemetry/ingest-errors',
    {
      schema: {
        tags,
        summary: 'Recently rejected samples, newest first',
        querystring: ZIngestErrorQuery,
        response: { 200: ZPage(ZIngestError) },
      },
      config: { access: 'telemetry.device.read' },
    },
    (req) => req.inTenant((ctx) => data.listIngestErrors({ ctx, query: req.query })),
  );
}
