import { ServerTCP } from 'modbus-serial';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config.ts';
import type { TModbusAdapter } from '../config/config.schema.ts';
import type { Sample } from '../sample.ts';
import { freePort } from '../../test/free-port.ts';
import { waitFor } from '../../test/cloud.ts';
import { ModbusAdapter, planReads } from './modbus.ts';
import { encodeRegisters } from './modbus-decode.ts';

const holding = new Map<number, number>();
const input = new Map<number, number>();
function put(table: Map<number, number>, address: number, words: number[]) {
  words.forEach((w, i) => table.set(address + i, w));
}
async function startSlave(port: number) {
  const server = new ServerTCP(
    {
      getHoldingRegister: (addr: number) => holding.get(addr) ?? 0,
      getInputRegister: (addr: number) => input.get(addr) ?? 0,
    },
    { host: '127.0.0.1', port, unitID: 1 },
  );
  await new Promise<void>((resolve) => server.on('initialized', () => resolve()));
  return server;
}
const closeSlave = (s: ServerTCP) => new Promise<void>((resolve) => s.close(() => resolve()));

function adapterConfig(port: number): TModbusAdapter {
  const c = parseConfig({
    json: {
      gateway: { cloudUrl: 'mqtt://127.0.0.1:1', token: 't', tenantCode: 'a', gatewayCode: 'g' },
      queue: { dir: '/tmp/x' },
      adapters: [
        {
          kind: 'modbus',
          name: 'meter',
          host: '127.0.0.1',
          port,
          pollIntervalMs: 50,
          reconnectMinMs: 20,
          reconnectMaxMs: 100,
          device: 'PM-01',
          registers: [
            { metric: 'kw', address: 0, type: 'float32', wordOrder: 'LE' },
            { metric: 'kwh', address: 2, type: 'uint32', scale: 0.1 },
            { metric: 'temp', address: 10, table: 'input', type: 'int16', scale: 0.1 },
          ],
        },
      ],
    },
  });
  return c.adapters[0] as TModbusAdapter;
}

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe('Modbus TCP poller', () => {
  it('plans one read per contiguous span of a table', () => {
    const spans = planReads(adapterConfig(1).registers);
    expect(spans.map((s) => [s.table, s.start, s.length])).toEqual([
      ['holding', 0, 4],
      ['input', 10, 1],
    ]);
  });

  it('polls a real Modbus TCP slave, decodes and scales, and reconnects after the slave restarts', async () => {
    const port = await freePort();
    put(holding, 0, encodeRegisters({ value: 12.5, type: 'float32', wordOrder: 'LE' }));
    put(holding, 2, encodeRegisters({ value: 1_000_005, type: 'uint32' }));
    put(input, 10, encodeRegisters({ value: -123, type: 'int16' }));
    let slave = await startSlave(port);
    const got: Sample[] = [];
    const adapter = new ModbusAdapter(
      adapterConfig(port),
      (s) => got.push(...s),
      () => {},
    );
    adapter.start();
    cleanup.push(() => adapter.stop());
    await waitFor(() => got.length >= 3);
    const byMetric = Object.fromEntries(got.slice(0, 3).map((s) => [s.metric, s.value]));
    expect(byMetric.kw).toBe(12.5);
    expect(byMetric.kwh).toBeCloseTo(100_000.5, 6);
    expect(byMetric.temp).toBeCloseTo(-12.3, 6);
    expect(adapter.health().state).toBe('up');

    await closeSlave(slave);
    await waitFor(() => adapter.health().state === 'down');
    expect(adapter.health().lastError).toBeTruthy();
    put(holding, 0, encodeRegisters({ value: 7.25, type: 'float32', wordOrder: 'LE' }));
    slave = await startSlave(port);
    cleanup.push(() => closeSlave(slave));
    await waitFor(() => got.some((s) => s.metric === 'kw' && s.value === 7.25));
    expect(adapter.health()).toMatchObject({ state: 'up', lastError: null });
    expect(adapter.health().failures).toBeGreaterThan(0);
  });
});
