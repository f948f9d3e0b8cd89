import { parseConfig } from './config.ts';
import { SimClock } from './model/clock.ts';
import { controllerValues } from './model/controllers.ts';
import { Factory } from './model/factory.ts';
import { METERS } from './model/layout.ts';
import { sensorReadings } from './model/sensors.ts';
import { startModbusServer } from './protocols/modbus.ts';
import { startMqttPublisher } from './protocols/mqtt.ts';
import { startOpcuaServer } from './protocols/opcua.ts';

let config;
try {
  config = parseConfig(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

const startMs = config.SIM_START ? Date.parse(config.SIM_START) : Date.now();
const factory = new Factory({ seed: config.SIM_SEED, startMs });
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
const mqtt = config.SIM_MQTT_URL
  ? await startMqttPublisher({ url: config.SIM_MQTT_URL, prefix: config.SIM_MQTT_PREFIX })
  : undefined;
console.log(
  `simulator: seed ${config.SIM_SEED}, speed ×${config.SIM_SPEED}; Modbus TCP ${config.SIM_HOST}:${config.SIM_MODBUS_PORT}, ` +
    `OPC UA ${opcua.endpointUrl}, MQTT ${config.SIM_MQTT_URL ?? 'off (set SIM_MQTT_URL)'}`,
);

const tick = async () => {
  factory.advanceTo(clock.now());
  opcua.update({ ts: factory.nowMs, machines: controllerValues(factory) });
  await mqtt?.publish({ ts: factory.nowMs, readings: sensorReadings(factory) });
};
const timer = setInterval(() => {
  tick().catch((err: unknown) => console.error('simulator tick failed:', err));
}, config.SIM_TICK_MS);

let isStopping = false;
async function stop(signal: string) {
  if (isStopping) return;
  isStopping = true;
  console.log(`simulator: ${signal}, stopping`);
  clearInterval(timer);
  await Promise.allSettled([modbus.close(), opcua.close(), mqtt?.close()]);
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
