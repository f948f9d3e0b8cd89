import { existsSync, readFileSync } from 'node:fs';
import type { TSimulatorConfig } from './config.ts';
import { SimClock } from './model/clock.ts';
import { controllerValues } from './model/controllers.ts';
import { Factory } from './model/factory.ts';
import { METERS } from './model/layout.ts';
import { sensorReadings } from './model/sensors.ts';
import { startPlantBroker } from './protocols/broker.ts';
import { startModbusServer } from './protocols/modbus.ts';
import { startMqttPublisher } from './protocols/mqtt.ts';
import { startOpcuaServer } from './protocols/opcua.ts';

/** The factory model and its protocol servers, advanced every SIM_TICK_MS. */
export async function startSimulator(config: TSimulatorConfig) {
  const startMs = config.SIM_START ? Date.parse(config.SIM_START) : Date.now();
  const factory = new Factory({ seed: config.SIM_SEED, startMs });
  if (config.SIM_COUNTERS_FILE && existsSync(config.SIM_COUNTERS_FILE))
    factory.resumeCounters(
      JSON.parse(readFileSync(config.SIM_COUNTERS_FILE, 'utf8')) as Record<string, number>,
    );
  const clock = new SimClock({ startMs, speed: config.SIM_SPEED });
  const unitToMeter = new Map<number, (typeof METERS)[number]['code']>(METERS.map((m) => [m.unitId, m.code]));

  const modbus = await startModbusServer({
    host: config.SIM_HOST,
    port: config.SIM_MODBUS_PORT,
    read: (unitId) => {
      const code = unitToMeter.get(unitId);
      return code ? factory.meter(code).values() : undefined;
    },
  });
  const opcua = await startOpcuaServer({
    hostname: config.SIM_HOST,
    port: config.SIM_OPCUA_PORT,
    machines: controllerValues(factory),
  });
  const broker = config.SIM_MQTT_BROKER_PORT
    ? await startPlantBroker({ host: config.SIM_HOST, port: config.SIM_MQTT_BROKER_PORT })
    : undefined;
  const mqttUrl = config.SIM_MQTT_URL ?? broker?.url;
  const mqtt = mqttUrl
    ? await startMqttPublisher({ url: mqttUrl, prefix: config.SIM_MQTT_PREFIX })
    : undefined;

  const tick = async () => {
    factory.advanceTo(clock.now());
    opcua.update({ ts: factory.nowMs, machines: controllerValues(factory) });
    await mqtt?.publish({ ts: factory.nowMs, readings: sensorReadings(factory) });
  };
  const timer = setInterval(() => {
    tick().catch((err: unknown) => console.error('simulator tick failed:', err));
  }, config.SIM_TICK_MS);

  return {
    factory,
    opcuaEndpointUrl: opcua.endpointUrl,
    /** where the sensors are published; undefined: MQTT is off */
    mqttUrl,
    /** true when the simulator runs the plant broker itself */
    runsBroker: broker !== undefined,
    async close() {
      clearInterval(timer);
      await Promise.allSettled([modbus.close(), opcua.close(), mqtt?.close()]);
      await broker?.close();
    },
  };
}
