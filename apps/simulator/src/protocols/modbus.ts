import { ServerTCP } from 'modbus-serial';
import type { MeterValues } from '../model/meter.ts';

/**
 * Holding registers of every meter (function code 3), one Modbus unit id per meter:
 *   0–1  kWh   uint32, 0.1 kWh units, high word first (big-endian words), rolls over at 2^32
 *   2    kW    int16, ×10 (0.1 kW)
 *   3    V     uint16, ×10 (0.1 V), line-to-line voltage
 *   4    pf    uint16, ×1000
 * Other addresses answer exception 02 (illegal data address); an unknown unit id answers 0B
 * (gateway target failed to respond); a meter in a communication drop-out does not answer at all.
 */
export const REGISTER_COUNT = 5;

export function meterRegisters(m: MeterValues): number[] {
  const kw = Math.max(-32768, Math.min(32767, Math.round(m.kw * 10)));
  return [
    (m.kwhRaw >>> 16) & 0xffff,
    m.kwhRaw & 0xffff,
    kw & 0xffff, // two's complement in the register
    Math.round(m.voltage * 10) & 0xffff,
    Math.round(m.pf * 1000) & 0xffff,
  ];
}

type Callback = (err: Error | null, value: number) => void;
const modbusError = (code: number, msg: string) => Object.assign(new Error(msg), { modbusErrorCode: code });

export interface ModbusMeterServer {
  close(): Promise<void>;
}

/** Serves the meters; `read(unitId)` returns the meter's current values or undefined for an unknown unit. */
export async function startModbusServer({
  host,
  port,
  read,
}: {
  host: string;
  port: number;
  read: (unitId: number) => MeterValues | undefined;
}): Promise<ModbusMeterServer> {
  const vector = {
    // Callback form: a meter that has dropped out simply never answers, and the client times out.
    getHoldingRegister(addr: number, unitId: number, cb: Callback) {
      const meter = read(unitId);
      if (!meter) return cb(modbusError(0x0b, `no meter at unit ${unitId}`), 0);
      if (!meter.isOnline) return;
      const value = meterRegisters(meter)[addr];
      if (value === undefined) return cb(modbusError(0x02, `no register ${addr}`), 0);
      cb(null, value);
    },
  };
  // unitID 255: answer every unit id; the vector decides which exist.
  const server = new ServerTCP(vector, { host, port, unitID: 255 });
  await new Promise<void>((resolve, reject) => {
    server.on('initialized', () => resolve());
    server.on('serverError', (err: Error | null) => reject(err ?? new Error('modbus server error')));
  });
  server.on('socketError', () => undefined); // a client hanging up mid-request is not our failure
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
