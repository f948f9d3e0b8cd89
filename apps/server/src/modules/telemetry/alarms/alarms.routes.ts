import type { FastifyInstance } from 'fastify';
import {
  WEBHOOK_TEST_EVENT,
  ZAcknowledgeAlarm,
  ZAlarm,
  ZAlarmDetail,
  ZAlarmQuery,
  ZAlarmRule,
  ZAlarmRuleQuery,
  ZAlarmSummary,
  ZCreateAlarmRule,
  ZCreateWebhook,
  ZCreatedWebhook,
  ZIdParams,
  ZOk,
  ZPage,
  ZShelveAlarm,
  ZUnshelveAlarm,
  ZUpdateAlarmRule,
  ZUpdateWebhook,
  ZWebhook,
  ZWebhookDelivery,
  ZWebhookDeliveryQuery,
  ZWebhookQuery,
  type TAlarm,
} from '@greenmes/contracts';
import { typed } from '../../../platform/http/routes.ts';
import type { AlarmRuntime } from './alarm-runtime.ts';
import * as rules from './alarm-rules.service.ts';
import * as alarms from './alarms.service.ts';
import { sendWebhook } from './webhook-sender.ts';
import * as webhooks from './webhooks.service.ts';

const ok = { ok: true as const };

/** Alarm rules, alarms (list, detail with history, acknowledge, shelve), summary, webhooks. */
export function alarmsRoutes(
  app: FastifyInstance,
  {
    runtime,
    notify,
  }: { runtime: Pick<AlarmRuntime, 'invalidate'>; notify: (tenantId: string, alarm: TAlarm) => void },
) {
  const r = typed(app);
  // after the commit: the evaluator reloads the tenant's rules, listeners hear of ended alarms
  const afterRuleWrite = (tenantId: string, changed: TAlarm[]) => {
    runtime.invalidate(tenantId);
    for (const alarm of changed) notify(tenantId, alarm);
  };

  // ---- rules ----
  let tags = ['alarm rules'];
  r.get(
    '/alarm-rules',
    {
      schema: { tags, querystring: ZAlarmRuleQuery, response: { 200: ZPage(ZAlarmRule) } },
      config: { access: 'telemetry.alarm.read' },
    },
    (req) => req.inTenant((ctx) => rules.listRules({ ctx, query: req.query })),
  );
  r.post(
    '/alarm-rules',
    {
      schema: {
        tags,
        summary:
          'A rule on one metric (metricId) or on a device profile’s metric key (profileId + metricKey)',
        body: ZCreateAlarmRule,
        response: { 201: ZAlarmRule },
      },
      config: { access: 'telemetry.alarm.manage' },
    },
    async (req, reply) => {
      const rule = await req.inTenant((ctx) => rules.createRule({ ctx, input: req.body }));
      afterRuleWrite(req.tenantActor().tenantId, []);
      return reply.status(201).send(rule);
    },
  );
  r.get(
    '/alarm-rules/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZAlarmRule } },
      config: { access: 'telemetry.alarm.read' },
    },
    (req) => req.inTenant((ctx) => rules.getRule({ ctx, id: req.params.id })),
  );
  r.patch(
    '/alarm-rules/:id',
    {
      schema: {
        tags,
        summary: 'Disabling or retargeting a rule clears its open alarms',
        params: ZIdParams,
        body: ZUpdateAlarmRule,
        response: { 200: ZAlarmRule },
      },
      config: { access: 'telemetry.alarm.manage' },
    },
    async (req) => {
      const { rule, changed } = await req.inTenant((ctx) =>
        rules.updateRule({ ctx, id: req.params.id, input: req.body }),
      );
      afterRuleWrite(req.tenantActor().tenantId, changed);
      return rule;
    },
  );
  r.delete(
    '/alarm-rules/:id',
    {
      schema: {
        tags,
        summary: 'Clears its open alarms; its alarms stay as history',
        params: ZIdParams,
        response: { 200: ZOk },
      },
      config: { access: 'telemetry.alarm.manage' },
    },
    async (req) => {
      const { changed } = await req.inTenant((ctx) => rules.deleteRule({ ctx, id: req.params.id }));
      afterRuleWrite(req.tenantActor().tenantId, changed);
      return ok;
    },
  );

  // ---- alarms ----
  tags = ['alarms'];
  r.get(
    '/alarms',
    {
      schema: { tags, querystring: ZAlarmQuery, response: { 200: ZPage(ZAlarm) } },
      config: { access: 'telemetry.alarm.read' },
    },
    (req) => req.inTenant((ctx) => alarms.listAlarms({ ctx, query: req.query })),
  );
  r.get(
    '/alarms/summary',
    {
      schema: {
        tags,
        summary: 'Open alarms by severity (shelved ones counted apart), unacknowledged count',
        response: { 200: ZAlarmSummary },
      },
      config: { access: 'telemetry.alarm.read' },
    },
    (req) => req.inTenant((ctx) => alarms.alarmSummary({ ctx })),
  );
  r.get(
    '/alarms/:id',
    {
      schema: { tags, summary: 'With its history', params: ZIdParams, response: { 200: ZAlarmDetail } },
      config: { access: 'telemetry.alarm.read' },
    },
    (req) => req.inTenant((ctx) => alarms.getAlarm({ ctx, id: req.params.id })),
  );
  r.post(
    '/alarms/:id/acknowledge',
    {
      schema: { tags, params: ZIdParams, body: ZAcknowledgeAlarm, response: { 200: ZAlarm } },
      config: { access: 'telemetry.alarm.ack' },
    },
    async (req) => {
      const alarm = await req.inTenant((ctx) =>
        alarms.acknowledgeAlarm({ ctx, id: req.params.id, input: req.body }),
      );
      notify(req.tenantActor().tenantId, alarm);
      return alarm;
    },
  );
  r.post(
    '/alarms/:id/shelve',
    {
      schema: {
        tags,
        summary: 'No notifications and out of the open counts until the time is up (or unshelved)',
        params: ZIdParams,
        body: ZShelveAlarm,
        response: { 200: ZAlarm },
      },
      config: { access: 'telemetry.alarm.ack' },
    },
    async (req) => {
      const alarm = await req.inTenant((ctx) =>
        alarms.shelveAlarm({ ctx, id: req.params.id, input: req.body }),
      );
      notify(req.tenantActor().tenantId, alarm);
      return alarm;
    },
  );
  r.post(
    '/alarms/:id/unshelve',
    {
      schema: { tags, params: ZIdParams, body: ZUnshelveAlarm.nullish(), response: { 200: ZAlarm } },
      config: { access: 'telemetry.alarm.ack' },
    },
    async (req) => {
      const alarm = await req.inTenant((ctx) =>
        alarms.unshelveAlarm({ ctx, id: req.params.id, input: req.body }),
      );
      notify(req.tenantActor().tenantId, alarm);
      return alarm;
    },
  );

  // ---- webhooks: their URLs and deliveries are configuration, so all of it needs manage ----
  tags = ['webhooks'];
  r.get(
    '/webhooks',
    {
      schema: { tags, querystring: ZWebhookQuery, response: { 200: ZPage(ZWebhook) } },
      config: { access: 'telemetry.alarm.manage' },
    },
    (req) => req.inTenant((ctx) => webhooks.listWebhooks({ ctx, query: req.query })),
  );
  r.post(
    '/webhooks',
    {
      schema: {
        tags,
        summary: 'The signing secret is in this answer only',
        body: ZCreateWebhook,
        response: { 201: ZCreatedWebhook },
      },
      config: { access: 'telemetry.alarm.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await req.inTenant((ctx) => webhooks.createWebhook({ ctx, input: req.body }))),
  );
  r.get(
    '/webhooks/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZWebhook } },
      config: { access: 'telemetry.alarm.manage' },
    },
    (req) => req.inTenant((ctx) => webhooks.getWebhook({ ctx, id: req.params.id })),
  );
  r.patch(
    '/webhooks/:id',
    {
      schema: { tags, params: ZIdParams, body: ZUpdateWebhook, response: { 200: ZWebhook } },
      config: { access: 'telemetry.alarm.manage' },
    },
    (req) => req.inTenant((ctx) => webhooks.updateWebhook({ ctx, id: req.params.id, input: req.body })),
  );
  r.delete(
    '/webhooks/:id',
    {
      schema: { tags, params: ZIdParams, response: { 200: ZOk } },
      config: { access: 'telemetry.alarm.manage' },
    },
    async (req) => {
      await req.inTenant((ctx) => webhooks.deleteWebhook({ ctx, id: req.params.id }));
      return ok;
    },
  );
  r.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        params: ZIdParams,
        querystring: ZWebhookDeliveryQuery,
        response: { 200: ZPage(ZWebhookDelivery) },
      },
      config: { access: 'telemetry.alarm.manage' },
    },
    (req) => req.inTenant((ctx) => webhooks.listDeliveries({ ctx, id: req.params.id, query: req.query })),
  );
  r.post(
    '/webhooks/:id/test',
    {
      schema: {
        tags,
        summary: 'Sends a signed webhook.test event now (one attempt) and answers with the delivery',
        params: ZIdParams,
        response: { 200: ZWebhookDelivery },
      },
      config: { access: 'telemetry.alarm.manage' },
    },
    async (req) => {
      const test = await req.inTenant((ctx) => webhooks.createTestDelivery({ ctx, id: req.params.id }));
      // sent between two transactions: no database connection waits on a remote server
      const result = await sendWebhook({
        url: test.url,
        secret: test.secret,
        event: WEBHOOK_TEST_EVENT,
        deliveryId: test.deliveryId,
        payload: test.payload,
      });
      return req.inTenant(async (ctx) => {
        await webhooks.recordAttempt(ctx.tx, {
          tenantId: ctx.actor.tenantId,
          id: test.deliveryId,
          result,
          maxAttempts: 1,
        });
        return webhooks.getDelivery({ ctx, id: test.deliveryId });
      });
    },
  );
}
