import mqtt, { type MqttClient } from 'mqtt';
import type { SensorReading } from '../model/sensors.ts';

/** Topic of a sensor: `factory/<area>/<device>`, e.g. factory/UT/FM-GAS-MAIN. */
export const sensorTopic = (r: Pick<SensorReading, 'area' | 'device'>, prefix = 'factory') =>
  `${prefix}/${r.area}/${r.device}`;

export interface SensorPublisher {
  /** Publishes one JSON message per sensor: `{"ts": <simulated epoch ms>, "<key>": <value>, …}`. */
  publish(options: { ts: number; readings: SensorReading[] }): Promise<void>;
  close(): Promise<void>;
}

export async function startMqttPublisher({
  url,
  clientId = 'greenmes-simulator',
  prefix = 'factory',
}: {
  url: string;
  clientId?: string;
  prefix?: string;
}): Promise<SensorPublisher> {
  const client: MqttClient = await mqtt.connectAsync(url, { clientId, reconnectPeriod: 2_000 });
  return {
    async publish({ ts, readings }) {
      // QoS 0 and no retain: these are live samples, and a missed one is followed by the next tick's.
      if (!client.connected) return;
      await Promise.all(
        readings.map((r) => client.publishAsync(sensorTopic(r, prefix), JSON.stringify({ ts, ...r.values }))),
      );
    },
    async close() {
      await client.endAsync();
    },
  };
}
