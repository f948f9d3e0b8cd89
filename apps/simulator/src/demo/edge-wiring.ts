import { controllerValues } from '../model/controllers.ts';
import { Factory } from '../model/factory.ts';
import { METERS } from '../model/layout.ts';
import { sensorReadings } from '../model/sensors.ts';
import type { OPCUA_VARIABLES } from '../protocols/opcua.ts';
import { sensorTopic } from '../protocols/mqtt.ts';

export interface WiringEndpoints {
  /** host the edge reaches the simulator on */
  host: string;
  modbusPort: number;
  opcuaPort: number;
  /** the plant broker the simulator publishes its sensors to */
  mqttUrl: string;
  mqttPrefix?: string;
}

/**
 * Report-by-exception per metric key: the deadband is about the sensor's noise, so the demo stores changes
 * that mean something (≈ 20 samples/s for the whole plant) and a keep-alive every minute.
 */
const DEADBAND: Record<string, number> = {
  kw: 0.5,
  kwh: 0.5,
  voltage: 2,
  pf: 0.01,
  spindle_kw: 0.5,
  gas_flow_m3h: 1,
  gas_total_m3: 1,
  water_flow_m3h: 0.2,
  water_total_m3: 0.5,
  steam_flow_th: 0.05,
  steam_total_t: 0.1,
  steam_pressure_mpa: 0.02,
  air_flow_m3min: 0.5,
  air_total_m3: 5,
  air_pressure_bar: 0.1,
  flue_temp_c: 2,
  so2_mgm3: 1,
  nox_mgm3: 2,
  pm_mgm3: 0.5,
  o2_pct: 0.2,
  flue_flow_m3h: 100,
  cod_mgl: 2,
  ph: 0.05,
  flow_m3h: 0.2,
  noise_dba: 1,
};
const KEEP_ALIVE_S = 60;
const report = (metric: string) => ({ deadband: DEADBAND[metric] ?? 0, keepAliveS: KEEP_ALIVE_S });

/** Metric keys of the OPC UA variables (apps/simulator README). */
const OPCUA_METRIC: Record<keyof typeof OPCUA_VARIABLES, string> = {
  State: 'state',
  SpindlePowerKw: 'spindle_kw',
  PartCount: 'parts',
  AlarmCode: 'alarm_code',
};

/**
 * The adapters part of an edge gateway's configuration (the document the cloud stores per version) that reads
 * everything this simulator serves: each Modbus meter, every machine controller over one OPC UA session, and
 * every sensor topic on the plant broker. Device codes and metric keys are the demo tenant's.
 */
export function edgeWiring(e: WiringEndpoints) {
  // the layout does not depend on the seed or the time: a throwaway model names every controller and sensor
  const model = new Factory({ seed: 1, startMs: Date.parse('2026-01-05T00:00:00Z') });
  const modbus = METERS.map((m) => ({
    kind: 'modbus' as const,
    name: `modbus-${m.code}`,
    host: e.host,
    port: e.modbusPort,
    unitId: m.unitId,
    pollIntervalMs: 1_000,
    timeoutMs: 2_000,
    device: m.code,
    registers: [
      {
        metric: 'kwh',
        address: 0,
        type: 'uint32' as const,
        wordOrder: 'BE' as const,
        // raw 0.1 kWh counts: the cloud's power-meter profile scales kwh by 0.1 itself (and wraps at 2^32 counts)
        scale: 1,
        deadband: 5,
        keepAliveS: KEEP_ALIVE_S,
      },
      { metric: 'kw', address: 2, type: 'int16' as const, scale: 0.1, ...report('kw') },
      { metric: 'voltage', address: 3, type: 'uint16' as const, scale: 0.1, ...report('voltage') },
      { metric: 'pf', address: 4, type: 'uint16' as const, scale: 0.001, ...report('pf') },
    ],
  }));
  const opcua = {
    kind: 'opcua' as const,
    name: 'opcua-controllers',
    endpointUrl: `opc.tcp://${e.host}:${e.opcuaPort}`,
    samplingIntervalMs: 1_000,
    nodes: controllerValues(model).flatMap(({ controller }) =>
      (Object.keys(OPCUA_METRIC) as Array<keyof typeof OPCUA_METRIC>).map((variable) => ({
        nodeId: `ns=1;s=${controller}.${variable}`,
        device: controller,
        metric: OPCUA_METRIC[variable],
        ...report(OPCUA_METRIC[variable]),
      })),
    ),
  };
  const mqtt = {
    kind: 'mqtt' as const,
    name: 'mqtt-plant-broker',
    url: e.mqttUrl,
    topics: sensorReadings(model).map((r) => ({
      topic: sensorTopic(r, e.mqttPrefix),
      device: r.device,
      tsPath: '$.ts',
      map: Object.keys(r.values).map((key) => ({ path: `$.${key}`, metric: key, ...report(key) })),
    })),
  };
  return { adapters: [...modbus, opcua, mqtt], statusIntervalS: 30 };
}
