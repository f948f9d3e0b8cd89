// Issue 4, the demo: what `npm start` wires together — the server with the demo tenant, the factory simulator
// and an edge gateway commissioned through the API — brings every demo device to life.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/modules/demo/demo.seed.ts';
import { startTestApp, type TestApp } from '../../server/test/harness.ts';
import { parseConfig as parseSimConfig } from '../../simulator/src/config.ts';
import { commissionGateway } from '../../simulator/src/demo/commission.ts';
import { edgeWiring } from '../../simulator/src/demo/edge-wiring.ts';
import { startSimulator } from '../../simulator/src/simulator.ts';
import { loadConfig } from './config/config.ts';
import { startGateway } from './gateway.ts';
import { waitFor } from '../test/cloud.ts';
import { freePort } from '../test/free-port.ts';

const PASSWORD = 'demo-Pass-1';
let t: TestApp;
let sim: Awaited<ReturnType<typeof startSimulator>>;
let gateway: Awaited<ReturnType<typeof startGateway>> | undefined;
let baseUrl: string;
let token: string;
let simConfig: ReturnType<typeof parseSimConfig>;
const dir = mkdtempSync(join(tmpdir(), 'edge-demo-'));

interface Device {
  code: string;
  lastSeenAt: string | null;
  accepted: number;
  rejected: number;
}

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo({ db: t.database.db, password: PASSWORD });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  token = await t.login('demo', 'admin', PASSWORD);
  simConfig = parseSimConfig({
    SIM_MODBUS_PORT: String(await freePort()),
    SIM_OPCUA_PORT: String(await freePort()),
    SIM_MQTT_BROKER_PORT: String(await freePort()),
    SIM_TICK_MS: '200',
  });
  sim = await startSimulator(simConfig);
});

afterAll(async () => {
  await gateway?.stop();
  await sim?.close();
  await t?.close();
});

describe('the demo factory', () => {
  it('commissions EDGE-01 through the API and every demo device reports, none rejected', async () => {
    const wiring = edgeWiring({
      host: simConfig.SIM_HOST,
      modbusPort: simConfig.SIM_MODBUS_PORT,
      opcuaPort: simConfig.SIM_OPCUA_PORT,
      mqttUrl: sim.mqttUrl!,
      mqttPrefix: simConfig.SIM_MQTT_PREFIX,
    });
    const options = {
      baseUrl,
      cloudMqttUrl: `mqtt://127.0.0.1:${t.app.telemetry.module.mqtt.port}`,
      tenant: 'demo',
      username: 'admin',
      password: PASSWORD,
      gatewayCode: 'EDGE-01',
      file: join(dir, 'gateway.json'),
      queueDir: join(dir, 'queue'),
      wiring,
      log: () => {},
    };
    const first = await commissionGateway(options);
    expect(first.version).toBe(1);
    const file = readFileSync(options.file, 'utf8');

    gateway = await startGateway({ config: loadConfig(options.file), log: () => {} });
    const devices = async () =>
      (await t.call({ url: '/api/v1/devices?pageSize=200', token })).json<{ items: Device[] }>().items;
    const expected = (await devices()).map((d) => d.code).sort();
    // meters, every machine controller and every sensor of the simulator
    expect(expected).toHaveLength(30);
    // the per-device counters are flushed a moment after the samples are committed
    await waitFor(
      async () => (await devices()).every((d) => d.lastSeenAt !== null && d.accepted > 0),
      45_000,
    );
    const seen = await devices();
    expect(seen.filter((d) => d.rejected > 0).map((d) => d.code)).toEqual([]);
    expect(gateway.config().version).toBe(1);
    // the demo's metering reads the simulator's counters: incomers, workshop sub-meters, losses, a diesel meter
    const meters = (await t.call({ url: '/api/v1/energy/meters?pageSize=100', token })).json<{
      items: Array<{ code: string; source: string; metricLabel: string | null }>;
    }>().items;
    expect(meters.map((m) => m.code).sort()).toEqual(
      [
        'A-COMP',
        'D-FORKLIFT',
        'E-AS',
        'E-LOSS',
        'E-MAIN',
        'E-MC',
        'E-PT',
        'E-UT',
        'G-MAIN',
        'S-BLR',
        'W-MAIN',
      ].sort(),
    );
    expect(meters.find((m) => m.code === 'E-MAIN')?.metricLabel).toBe('PM-MAIN / kwh');

    // a restart commissions again without a new token or a new version
    const again = await commissionGateway(options);
    expect(again.version).toBe(1);
    expect(readFileSync(options.file, 'utf8')).toBe(file);

    // a version a user saved in the UI is kept; changed wiring only replaces a commissioned version
    const saved = await t.call({
      method: 'POST',
      url: `/api/v1/gateways/${first.gatewayId}/config`,
      token,
      body: { config: { ...wiring, statusIntervalS: 45 }, comment: 'tuned by the energy manager' },
    });
    expect(saved.statusCode).toBe(201);
    const third = await commissionGateway({ ...options, wiring: { ...wiring, statusIntervalS: 20 } });
    expect(third.version).toBe(2);
  });
});
