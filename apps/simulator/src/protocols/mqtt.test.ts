import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory } from '../model/factory.ts';
import { sensorReadings } from '../model/sensors.ts';
import { startMqttPublisher, type SensorPublisher } from './mqtt.ts';

let broker: Aedes;
let server: net.Server;
let url: string;
let publisher: SensorPublisher;

beforeAll(async () => {
  broker = await Aedes.createBroker();
  server = net.createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `mqtt://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  publisher = await startMqttPublisher({ url });
});
afterAll(async () => {
  await publisher.close();
  await new Promise<void>((resolve) => broker.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('MQTT sensors', () => {
  it('publishes each utility and environmental sensor as flat JSON on factory/<area>/<device>', async () => {
    const ts = Date.parse('2026-11-23T10:00:00+08:00');
    const factory = new Factory({ seed: 2, startMs: ts - 3_600_000 });
    factory.advanceTo(ts);
    const readings = sensorReadings(factory);
    const subscriber = await mqtt.connectAsync(url);
    await subscriber.subscribeAsync('factory/#');
    const received = new Map<string, Record<string, unknown>>();
    const all = new Promise<void>((resolve) =>
      subscriber.on('message', (topic, payload) => {
        received.set(topic, JSON.parse(payload.toString()) as Record<string, unknown>);
        if (received.size === readings.length) resolve();
      }),
    );
    await publisher.publish({ ts, readings });
    await all;
    await subscriber.endAsync();

    const gas = received.get('factory/UT/FM-GAS-MAIN');
    expect(gas?.ts).toBe(ts);
    expect(gas?.gas_flow_m3h).toBeGreaterThan(20); // boiler and curing oven both burn gas at 10:00
    const cems = received.get('factory/UT/CEMS-01');
    expect(cems).toMatchObject({ ts, nox_mgm3: expect.any(Number), so2_mgm3: expect.any(Number) });
    expect(received.get('factory/UT/BLR-01')?.is_firing).toBe(true);
    expect(received.get('factory/GY-SITE/NOISE-01')?.noise_dba).toBeGreaterThan(40);
    expect([...received.keys()].sort()).toEqual(readings.map((r) => `factory/${r.area}/${r.device}`).sort());
  });
});
