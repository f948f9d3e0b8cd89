import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DataType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAServer,
  SecurityPolicy,
  Variant,
} from 'node-opcua';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config.ts';
import type { TOpcuaAdapter } from '../config/config.schema.ts';
import type { Sample } from '../sample.ts';
import { freePort } from '../../test/free-port.ts';
import { waitFor } from '../../test/cloud.ts';
import { OpcuaAdapter } from './opcua.ts';

const pki = mkdtempSync(join(tmpdir(), 'edge-opcua-'));
let server: OPCUAServer;
let port: number;
let power = 10;

beforeAll(async () => {
  port = await freePort();
  server = new OPCUAServer({
    port,
    hostname: '127.0.0.1',
    securityModes: [MessageSecurityMode.None],
    securityPolicies: [SecurityPolicy.None],
    allowAnonymous: true,
    serverCertificateManager: new OPCUACertificateManager({ rootFolder: join(pki, 'server') }),
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace!;
  const ns = addressSpace.getOwnNamespace();
  ns.addVariable({
    organizedBy: addressSpace.rootFolder.objects,
    browseName: 'Power',
    nodeId: 's=Line1.Power',
    dataType: 'Double',
    minimumSamplingInterval: 50,
    value: { get: () => new Variant({ dataType: DataType.Double, value: power }) },
  });
  await server.start();
});
afterAll(() => server?.shutdown(0));

describe('OPC UA adapter', () => {
  it('subscribes with a deadband and reports changes beyond it, scaled', async () => {
    const config = parseConfig({
      json: {
        gateway: { cloudUrl: 'mqtt://127.0.0.1:1', token: 't', tenantCode: 'a', gatewayCode: 'g' },
        queue: { dir: '/tmp/x' },
        adapters: [
          {
            kind: 'opcua',
            name: 'line1',
            endpointUrl: `opc.tcp://127.0.0.1:${port}`,
            device: 'L1',
            samplingIntervalMs: 50,
            pkiDir: join(pki, 'client'),
            nodes: [{ nodeId: 'ns=1;s=Line1.Power', metric: 'kw', scale: 2, deadband: 1 }],
          },
        ],
      },
    }).adapters[0] as TOpcuaAdapter;
    const got: Sample[] = [];
    const adapter = new OpcuaAdapter(
      config,
      (s) => got.push(...s),
      () => {},
    );
    adapter.start();
    await waitFor(() => got.length >= 1);
    expect(got[0]).toMatchObject({ device: 'L1', metric: 'kw', value: 20 });
    expect(adapter.health().state).toBe('up');
    power = 10.2; // 20.4 scaled: inside the deadband of 1
    await new Promise((r) => setTimeout(r, 400));
    expect(got).toHaveLength(1);
    power = 11; // 22: beyond it
    await waitFor(() => got.length >= 2);
    expect(got[1]!.value).toBe(22);
    await adapter.stop();
  });
});
