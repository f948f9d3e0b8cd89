import {
  DataType,
  MessageSecurityMode,
  OPCUAServer,
  SecurityPolicy,
  StatusCodes,
  Variant,
  type UAVariable,
} from 'node-opcua';
import type { MachineValues } from '../model/machine.ts';

/**
 * One folder per machine controller under Objects/Factory, node ids `ns=1;s=<controller>.<Variable>`:
 *   State (String: idle | running | down | setup), SpindlePowerKw (Double), PartCount (UInt32),
 *   AlarmCode (String, empty when none).
 */
export const OPCUA_VARIABLES = {
  State: { dataType: DataType.String, of: (m: MachineValues) => m.state },
  SpindlePowerKw: { dataType: DataType.Double, of: (m: MachineValues) => Math.round(m.powerKw * 100) / 100 },
  PartCount: { dataType: DataType.UInt32, of: (m: MachineValues) => m.parts },
  AlarmCode: { dataType: DataType.String, of: (m: MachineValues) => m.alarmCode },
} as const;

type VariableName = keyof typeof OPCUA_VARIABLES;

export interface MachineOpcuaServer {
  endpointUrl: string;
  /** Push the current values with the simulated time as source timestamp. */
  update(options: { ts: number; machines: Array<MachineValues & { controller: string }> }): void;
  close(): Promise<void>;
}

export async function startOpcuaServer({
  port,
  hostname = '127.0.0.1',
  machines,
}: {
  port: number;
  hostname?: string;
  machines: Array<MachineValues & { controller: string }>;
}): Promise<MachineOpcuaServer> {
  // SecurityPolicy None and anonymous: a loopback/lab simulator; node-opcua warns about legacy RSA on Node 20.
  const server = new OPCUAServer({
    port,
    hostname,
    securityPolicies: [SecurityPolicy.None],
    securityModes: [MessageSecurityMode.None],
    allowAnonymous: true,
    buildInfo: { productName: 'GreenMES factory simulator', manufacturerName: 'GreenMES' },
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace;
  if (!addressSpace) throw new Error('OPC UA address space not initialised');
  const ns = addressSpace.getOwnNamespace();
  const factory = ns.addFolder(addressSpace.rootFolder.objects, {
    browseName: 'Factory',
    nodeId: 's=Factory',
  });
  const nodes = new Map<string, Record<VariableName, UAVariable>>();
  for (const m of machines) {
    const folder = ns.addFolder(factory, { browseName: m.controller, nodeId: `s=${m.controller}` });
    const vars = {} as Record<VariableName, UAVariable>;
    for (const [name, spec] of Object.entries(OPCUA_VARIABLES) as Array<
      [VariableName, (typeof OPCUA_VARIABLES)[VariableName]]
    >) {
      vars[name] = ns.addVariable({
        componentOf: folder,
        browseName: name,
        nodeId: `s=${m.controller}.${name}`,
        dataType: spec.dataType,
        value: new Variant({ dataType: spec.dataType, value: spec.of(m) }),
      });
    }
    nodes.set(m.controller, vars);
  }
  await server.start();
  return {
    endpointUrl: `opc.tcp://${hostname}:${port}`,
    update({ ts, machines: values }) {
      const sourceTimestamp = new Date(ts);
      for (const m of values) {
        const vars = nodes.get(m.controller);
        if (!vars) continue;
        for (const name of Object.keys(OPCUA_VARIABLES) as VariableName[]) {
          const spec = OPCUA_VARIABLES[name];
          vars[name].setValueFromSource(
            new Variant({ dataType: spec.dataType, value: spec.of(m) }),
            StatusCodes.Good,
            sourceTimestamp,
          );
        }
      }
    },
    close: () => server.shutdown(0),
  };
}
