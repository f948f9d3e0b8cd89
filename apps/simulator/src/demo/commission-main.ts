/**
 * `npm start` runs this before the simulator and the edge gateway: commissions the demo tenant's gateway
 * EDGE-01 against the running server and writes the gateway's local configuration file. Environment: the
 * simulator's SIM_* endpoints (config.ts) and
 *   GREENMES_URL            the server, default http://127.0.0.1:3000
 *   GREENMES_CLOUD_MQTT_URL the server's broker the gateway uploads to, default mqtt://127.0.0.1:1883
 *   GREENMES_DEMO_PASSWORD  the demo admin's password, default greenmes-demo
 *   EDGE_DIR                where the gateway keeps gateway.json and its queue, default ./data/edge
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config.ts';
import { commissionGateway } from './commission.ts';
import { edgeWiring } from './edge-wiring.ts';

const env = process.env;
try {
  const sim = parseConfig(env);
  const mqttUrl =
    sim.SIM_MQTT_URL ??
    (sim.SIM_MQTT_BROKER_PORT ? `mqtt://${sim.SIM_HOST}:${sim.SIM_MQTT_BROKER_PORT}` : null);
  if (!mqttUrl) throw new Error('set SIM_MQTT_BROKER_PORT or SIM_MQTT_URL: the edge reads the sensors there');
  const dir = env.EDGE_DIR || './data/edge';
  const r = await commissionGateway({
    baseUrl: env.GREENMES_URL || 'http://127.0.0.1:3000',
    cloudMqttUrl: env.GREENMES_CLOUD_MQTT_URL || 'mqtt://127.0.0.1:1883',
    tenant: 'demo',
    username: 'admin',
    password: env.GREENMES_DEMO_PASSWORD || 'greenmes-demo',
    gatewayCode: 'EDGE-01',
    file: join(dir, 'gateway.json'),
    queueDir: join(dir, 'queue'),
    wiring: edgeWiring({
      host: sim.SIM_HOST,
      modbusPort: sim.SIM_MODBUS_PORT,
      opcuaPort: sim.SIM_OPCUA_PORT,
      mqttUrl,
      mqttPrefix: sim.SIM_MQTT_PREFIX,
    }),
  });
  // the simulator continues its counters from the cloud's readings (SIM_COUNTERS_FILE, set by npm start)
  if (env.SIM_COUNTERS_FILE) writeFileSync(env.SIM_COUNTERS_FILE, `${JSON.stringify(r.counters)}\n`);
  console.log(`commission: EDGE-01 ready (configuration v${r.version}); local file ${r.file}`);
} catch (err) {
  console.error(`commission: ${(err as Error).message}`);
  process.exit(1);
}
