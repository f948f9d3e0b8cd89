// Issue 4: each edge adapter against the factory simulator's protocol servers, started in-process.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aedes } from 'aedes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClock } from '../../../simulator/src/model/clock.ts';
import { controllerValues } from '../../../simulator/src/model/controllers.ts';
import { Factory } from '../../../simulator/src/model/factory.ts';
import { METERS, type MeterCode } from '../../../simulator/src/model/layout.ts';
import type { MachineValues } from '../../../simulator/src/model/machine.ts';
import type { MeterValues } from '../../../simulator/src/model/meter.ts';
import { sensorReadings } from '../../../simulator/src/model/sensors.ts';
import {
  meterRegisters,
  startModbusServer,
  type ModbusMeterServer,
} from '../../../simulator/src/protocols/modbus.ts';
import { startMqttPublisher, type SensorPublisher } from '../../../simulator/src/protocols/mqtt.ts';
import { startOpcuaServer, type MachineOpcuaServer } from '../../../simulator/src/protocols/opcua.ts';
import { parseConfig } from '../config/config.ts';
import type { TModbusAdapter, TMqttAdapter, TOpcuaAdapter } from '../config/config.schema.ts';
import type { Sample } from '../sample.ts';
import { waitFor } from '../../test/cloud.ts';
import { freePort } from '../../test/free-port.ts';
import type { Adapter } from './adapter.ts';
import { ModbusAdapter } from './modbus.ts';
import { MqttAdapter } from './mqtt.ts';
import { OpcuaAdapter } from './opcua.ts';

const SEED = 20261123;
const SPEED = 600; // 10 simulated minutes per real second
const TICK_MS = 100;
// Monday, mid-morning shift: machines are set up and running, the boiler fires.
const START = Date.parse('2026-11-23T09:00:00+08:00');

const factory = new Factory({ seed: SEED, startMs: START - 90 * 60_000 });
factory.advanceTo(START);
const clock = new SimClock({ startMs: START, speed: SPEED });
const unitToMeter = new Map<number, MeterCode>(METERS.map((m) => [m.unitId, m.code]));

/** What the model held after each tick (index = tick number). */
const meterHistory: Array<Record<string, MeterValues>> = [];
/** By simulated ts: the values pushed to OPC UA and published on MQTT at that tick. */
const hmcHistory = new Map<number, MachineValues>();
const gasHistory = new Map<number, Record<string, number | boolean>>();

const pki = mkdtempSync(join(tmpdir(), 'edge-sim-'));
let broker: Aedes;
let brokerServer: Server;
let brokerUrl: string;
let modbus: ModbusMeterServer;
let modbusPort: number;
let opcua: MachineOpcuaServer;
let mqttPub: SensorPublisher;
let timer: ReturnType<typeof setInterval> | undefined;
const adapters: Adapter[] = [];

function record() {
  meterHistory.push(Object.fromEntries(METERS.map((m) => [m.code, factory.meter(m.code).values()])));
  hmcHistory.set(factory.nowMs, factory.machine('HMC-01')!.values());
  const gas = sensorReadings(factory).find((r) => r.device === 'FM-GAS-MAIN');
  if (gas) gasHistory.set(factory.nowMs, gas.values);
}

// As apps/simulator/src/main.ts: advance the model to the clock, push OPC UA values, publish MQTT.
async function tick() {
  factory.advanceTo(clock.now());
  record();
  opcua.update({ ts: factory.nowMs, machines: controllerValues(factory) });
  await mqttPub.publish({ ts: factory.nowMs, readings: sensorReadings(factory) });
}

const gateway = { cloudUrl: 'mqtt://127.0.0.1:1', token: 't', tenantCode: 'a', gatewayCode: 'g' };
function adapterConfig<T>(adapter: Record<string, unknown>): T {
  return parseConfig({ json: { gateway, queue: { dir: '/tmp/x' }, adapters: [adapter] } }).adapters[0] as T;
}
function collect(adapter: Adapter, got: Sample[]) {
  adapters.push(adapter);
  adapter.start();
  return got;
}

beforeAll(async () => {
  broker = await Aedes.createBroker();
  brokerServer = createServer(broker.handle);
  await new Promise<void>((r) => brokerServer.listen(0, '127.0.0.1', r));
  brokerUrl = `mqtt://127.0.0.1:${(brokerServer.address() as { port: number }).port}`;

  modbusPort = await freePort();
  modbus = await startModbusServer({
    host: '127.0.0.1',
    port: modbusPort,
    read: (unitId) => {
      const code = unitToMeter.get(unitId);
      return code ? factory.meter(code).values() : undefined;
    },
  });
  opcua = await startOpcuaServer({
    hostname: '127.0.0.1',
    port: await freePort(),
    machines: controllerValues(factory),
  });
  mqttPub = await startMqttPublisher({ url: brokerUrl, clientId: 'sim-int-test' });
  await tick(); // every OPC UA value carries a simulated source timestamp before any client subscribes
  timer = setInterval(() => {
    tick().catch((err: unknown) => console.error('simulator tick failed:', err));
  }, TICK_MS);
});

afterAll(async () => {
  if (timer) clearInterval(timer);
  await Promise.allSettled(adapters.map((a) => a.stop()));
  await Promise.allSettled([modbus?.close(), opcua?.close(), mqttPub?.close()]);
  await new Promise<void>((r) => (broker ? broker.close(() => r()) : r()));
  await new Promise<void>((r) => (brokerServer ? brokerServer.close(() => r()) : r()));
});

describe('edge adapters against the simulator', () => {
  it('Modbus: decodes PM-MAIN and PM-MC with the documented register map, equal to the model', async () => {
    const registers = [
      { metric: 'kwh', address: 0, type: 'uint32', scale: 0.1 },
      { metric: 'kw', address: 2, type: 'int16', scale: 0.1 },
      { metric: 'voltage', address: 3, type: 'uint16', scale: 0.1 },
      { metric: 'pf', address: 4, type: 'uint16', scale: 0.001 },
    ];
    const meters = [
      { code: 'PM-MAIN', unitId: 1 },
      { code: 'PM-MC', unitId: 2 },
    ] as const;
    // one poll = one sink call with the four metrics; note the tick it arrived in
    const polls = new Map<
      string,
      Array<{ devices: string[]; tick: number; values: Record<string, number> }>
    >();
    for (const m of meters) {
      const list: Array<{ devices: string[]; tick: number; values: Record<string, number> }> = [];
      polls.set(m.code, list);
      const adapter = new ModbusAdapter(
        adapterConfig<TModbusAdapter>({
          kind: 'modbus',
          name: m.code,
          host: '127.0.0.1',
          port: modbusPort,
          unitId: m.unitId,
          pollIntervalMs: 50,
          timeoutMs: 500, // a meter in a drop-out does not answer
          reconnectMinMs: 20,
          reconnectMaxMs: 200,
          device: m.code,
          registers,
        }),
        (samples) => {
          list.push({
            devices: samples.map((s) => s.device),
            tick: meterHistory.length - 1,
            values: Object.fromEntries(samples.map((s) => [s.metric, s.value as number])),
          });
        },
        () => {},
      );
      collect(adapter, []);
    }
    const firstTick = meterHistory.length - 1;
    await waitFor(() =>
      meters.every((m) => {
        const list = polls.get(m.code)!;
        return list.length >= 20 && list[list.length - 1]!.tick - firstTick >= 10;
      }),
    );

    const decode = (v: MeterValues) => {
      const [hi, lo, kw, volt, pf] = meterRegisters(v) as [number, number, number, number, number];
      return {
        kwh: (hi * 0x10000 + lo) * 0.1,
        kw: (kw >= 0x8000 ? kw - 0x10000 : kw) * 0.1,
        voltage: volt * 0.1,
        pf: pf * 0.001,
      };
    };
    const close = (a: Record<string, number>, b: Record<string, number>) =>
      Object.keys(b).every((k) => Math.abs((a[k] ?? NaN) - b[k]!) < 1e-6);
    for (const m of meters) {
      const list = polls.get(m.code)!;
      for (const poll of list) {
        expect(Object.keys(poll.values).sort()).toEqual(['kw', 'kwh', 'pf', 'voltage']);
        expect(new Set(poll.devices)).toEqual(new Set([m.code]));
        // the model's values of the tick the poll arrived in or of a few before it: the answer was in
        // flight, and a loaded CI machine can stall the event loop for a few ticks
        const candidates = [0, 1, 2, 3, 4]
          .map((back) => poll.tick - back)
          .filter((t) => t >= 0)
          .map((t) => decode(meterHistory[t]![m.code]!));
        expect(
          candidates.some((c) => close(poll.values, c)),
          `${m.code} ${JSON.stringify(poll.values)} vs ${JSON.stringify(candidates)}`,
        ).toBe(true);
        expect(poll.values.voltage).toBeGreaterThan(380);
        expect(poll.values.voltage).toBeLessThan(410);
        expect(poll.values.pf).toBeGreaterThan(0.5);
        expect(poll.values.pf).toBeLessThanOrEqual(0.99 + 1e-9);
      }
      const kwh = list.map((p) => p.values.kwh!);
      for (let i = 1; i < kwh.length; i++) expect(kwh[i]).toBeGreaterThanOrEqual(kwh[i - 1]!);
      expect(kwh[kwh.length - 1]).toBeGreaterThan(kwh[0]!); // the values move
    }
  });

  it('OPC UA: PLC-HMC-01 State, SpindlePowerKw and PartCount arrive and match the model', async () => {
    const got = collect(
      new OpcuaAdapter(
        adapterConfig<TOpcuaAdapter>({
          kind: 'opcua',
          name: 'hmc',
          endpointUrl: opcua.endpointUrl,
          device: 'PLC-HMC-01',
          samplingIntervalMs: 100,
          pkiDir: join(pki, 'client'),
          nodes: [
            { nodeId: 'ns=1;s=PLC-HMC-01.State', metric: 'state' },
            { nodeId: 'ns=1;s=PLC-HMC-01.SpindlePowerKw', metric: 'spindle_kw' },
            { nodeId: 'ns=1;s=PLC-HMC-01.PartCount', metric: 'parts' },
          ],
        }),
        (s) => got.push(...s),
        () => {},
      ),
      [] as Sample[],
    );
    const of = (metric: string) => got.filter((s) => s.metric === metric);
    await waitFor(
      () => of('state').length >= 1 && of('parts').length >= 2 && of('spindle_kw').length >= 3,
      45_000,
    );

    for (const s of got) {
      expect(s.device).toBe('PLC-HMC-01');
      // the source timestamp is the simulated instant of a tick; the value is the model's at that tick
      const model = hmcHistory.get(s.ts);
      expect(model, `no tick at ${s.ts}`).toBeDefined();
      const expected = {
        state: model!.state,
        spindle_kw: Math.round(model!.powerKw * 100) / 100,
        parts: model!.parts,
      }[s.metric];
      expect(s.value).toBe(expected);
    }
    for (const s of of('state')) expect(['idle', 'running', 'down', 'setup']).toContain(s.value);
    const parts = of('parts').map((s) => s.value as number);
    for (let i = 1; i < parts.length; i++) expect(parts[i]).toBeGreaterThanOrEqual(parts[i - 1]!);
  });

  it('MQTT: maps factory/UT/FM-GAS-MAIN published through a local broker, with the simulated ts', async () => {
    const got = collect(
      new MqttAdapter(
        adapterConfig<TMqttAdapter>({
          kind: 'mqtt',
          name: 'utilities',
          url: brokerUrl,
          reconnectMinMs: 20,
          topics: [
            {
              topic: 'factory/UT/FM-GAS-MAIN',
              device: 'FM-GAS-MAIN',
              tsPath: '$.ts',
              map: [
                { path: '$.gas_flow_m3h', metric: 'flow' },
                { path: '$.gas_total_m3', metric: 'total' },
              ],
            },
          ],
        }),
        (s) => got.push(...s),
        () => {},
      ),
      [] as Sample[],
    );
    await waitFor(() => got.filter((s) => s.metric === 'flow').length >= 5);

    for (const s of got) {
      expect(s.device).toBe('FM-GAS-MAIN');
      const published = gasHistory.get(s.ts);
      expect(published, `no tick at ${s.ts}`).toBeDefined();
      expect(s.ts).toBeGreaterThanOrEqual(START);
      expect(s.value).toBe(published![{ flow: 'gas_flow_m3h', total: 'gas_total_m3' }[s.metric]!]);
    }
    const flows = got.filter((s) => s.metric === 'flow');
    expect(new Set(flows.map((s) => s.ts)).size).toBe(flows.length); // one message per tick
    expect(flows.some((s) => (s.value as number) > 0)).toBe(true); // the boiler fires on a Monday morning
  });
});
