import { AttributeIds, MessageSecurityMode, OPCUAClient, SecurityPolicy } from 'node-opcua';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory } from '../model/factory.ts';
import { controllerValues } from '../model/controllers.ts';
import { freePort } from './free-port.ts';
import { startOpcuaServer, type MachineOpcuaServer } from './opcua.ts';

const ts = Date.parse('2026-11-23T10:30:00+08:00');
const factory = new Factory({ seed: 4, startMs: ts - 3 * 3_600_000 });
factory.advanceTo(ts);
let server: MachineOpcuaServer;

beforeAll(async () => {
  server = await startOpcuaServer({ port: await freePort(), machines: controllerValues(factory) });
});
afterAll(async () => {
  await server.close();
});

describe('OPC UA machine controllers', () => {
  it('exposes state, spindle power, part count and alarm code of each controller', async () => {
    factory.advanceBy(60_000);
    server.update({ ts: factory.nowMs, machines: controllerValues(factory) });
    const client = OPCUAClient.create({
      securityMode: MessageSecurityMode.None,
      securityPolicy: SecurityPolicy.None,
      endpointMustExist: false,
      connectionStrategy: { maxRetry: 1 },
    });
    await client.connect(server.endpointUrl);
    const session = await client.createSession();
    try {
      const hmc = factory.machine('HMC-01')!.values();
      const names = ['State', 'SpindlePowerKw', 'PartCount', 'AlarmCode'];
      const results = await session.read(
        names.map((n) => ({ nodeId: `ns=1;s=PLC-HMC-01.${n}`, attributeId: AttributeIds.Value })),
      );
      expect(results.map((r) => r.statusCode.name)).toEqual(['Good', 'Good', 'Good', 'Good']);
      expect(results.map((r) => r.value.value)).toEqual([
        hmc.state,
        Math.round(hmc.powerKw * 100) / 100,
        hmc.parts,
        hmc.alarmCode,
      ]);
      expect(results[0]?.sourceTimestamp?.getTime()).toBe(factory.nowMs);
      const all = controllerValues(factory);
      expect(all.map((m) => m.controller)).toContain('PLC-CNC-T01');
      const states = await session.read(
        all.map((m) => ({ nodeId: `ns=1;s=${m.controller}.State`, attributeId: AttributeIds.Value })),
      );
      expect(states.map((s) => s.value.value)).toEqual(all.map((m) => m.state));
    } finally {
      await session.close();
      await client.disconnect();
    }
  });
});
