import ModbusRTU from 'modbus-serial';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory } from '../model/factory.ts';
import { METERS } from '../model/layout.ts';
import { freePort } from './free-port.ts';
import { startModbusServer, type ModbusMeterServer } from './modbus.ts';

const factory = new Factory({ seed: 9, startMs: Date.parse('2026-11-23T10:00:00+08:00') });
factory.advanceBy(600_000);
const unit = new Map<number, string>(METERS.map((m) => [m.unitId, m.code]));
const read = (unitId: number) => {
  const code = unit.get(unitId);
  return code ? factory.meters.get(code as 'PM-MAIN')?.values() : undefined;
};

let server: ModbusMeterServer;
const client = new ModbusRTU();

beforeAll(async () => {
  const port = await freePort();
  server = await startModbusServer({ host: '127.0.0.1', port, read });
  await client.connectTCP('127.0.0.1', { port });
  client.setTimeout(500);
});
afterAll(async () => {
  await new Promise<void>((resolve) => client.close(() => resolve()));
  await server.close();
});

describe('Modbus TCP meters', () => {
  it('serves kWh, kW, voltage and pf of each meter at its unit id', async () => {
    for (const m of METERS) {
      const meter = factory.meter(m.code);
      client.setID(m.unitId);
      const { data } = await client.readHoldingRegisters(0, 5);
      const [hi = 0, lo = 0, kw = 0, v = 0, pf = 0] = data;
      expect(hi * 65536 + lo).toBe(meter.values().kwhRaw);
      expect(Math.abs(hi * 65536 + lo - meter.kwh * 10)).toBeLessThan(1);
      expect((kw << 16) >> 16).toBe(Math.round(meter.kw * 10));
      expect(v / 10).toBeCloseTo(meter.voltage, 1);
      expect(pf / 1000).toBeCloseTo(meter.pf, 2);
    }
    // PM-MAIN exceeds the sum of sub-meters: the edge can check the balance from the registers.
    expect(factory.meter('PM-MAIN').kw).toBeGreaterThan(
      factory.meter('PM-MC').kw + factory.meter('PM-UT').kw,
    );
  });

  it('answers an exception for an unknown unit or register, and nothing while a meter drops out', async () => {
    client.setID(42);
    await expect(client.readHoldingRegisters(0, 2)).rejects.toMatchObject({ modbusCode: 0x0b });
    client.setID(1);
    await expect(client.readHoldingRegisters(3, 4)).rejects.toMatchObject({ modbusCode: 0x02 });
    const main = factory.meter('PM-MAIN');
    main.isOnline = false;
    await expect(client.readHoldingRegisters(0, 2)).rejects.toThrow(/timed out/i);
    main.isOnline = true;
  });
});
