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
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config.ts';
import type { TOpcuaAdapter } from '../config/config.schema.ts';
import type { Sample } from '../sample.ts';
import { freePort } from '../../test/free-port.ts';
import { waitFor } from '../../test/cloud.ts';
import { OpcuaAdapter } from './opcua.ts';

const pki = mkdtempSync(join(tmpdir(), 'edge-opcua-'));
/** what the Power variable reads: the servers' getter reads it on each sample */
let power = 10;

/** A real OPC UA server on loopback with one variable, ns=1;s=Line1.Power, read from `power`. */
async function startServer(port: number): Promise<OPCUAServer> {
  const server = new OPCUAServer({
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
  return server;
}

function adapterConfig(port: number, deadband = 0): TOpcuaAdapter {
  return parseConfig({
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
          reconnectMinMs: 20,
          reconnectMaxMs: 200,
          pkiDir: join(pki, 'client'),
          nodes: [{ nodeId: 'ns=1;s=Line1.Power', metric: 'kw', scale: 2, deadband }],
        },
      ],
    },
  }).adapters[0] as TOpcuaAdapter;
}

// a rejection nobody awaits (a session call left hanging when the server went away) fails the test
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
let cleanup: Array<() => Promise<void>> = [];
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
  expect(unhandled).toEqual([]);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

const kw = (got: Sample[]) => got.filter((s) => s.metric === 'kw').map((s) => s.value);

describe('OPC UA adapter', () => {
  it('subscribes with a deadband and reports changes beyond it, scaled', async () => {
    const port = await freePort();
    power = 10;
    const server = await startServer(port);
    cleanup.push(() => server.shutdown(0));
    const got: Sample[] = [];
    const adapter = new OpcuaAdapter(
      adapterConfig(port, 1),
      (s) => got.push(...s),
      () => {},
    );
    adapter.start();
    cleanup.push(() => adapter.stop());
    await waitFor(() => got.length >= 1);
    expect(got[0]).toMatchObject({ device: 'L1', metric: 'kw', value: 20 });
    expect(adapter.health().state).toBe('up');
    power = 10.2; // 20.4 scaled: inside the deadband of 1
    await new Promise((r) => setTimeout(r, 400));
    expect(got).toHaveLength(1);
    power = 11; // 22: beyond it
    await waitFor(() => got.length >= 2);
    expect(got[1]!.value).toBe(22);
  });

  it('reconnects with back-off after the server restarts on the same port and resubscribes', async () => {
    const port = await freePort();
    power = 5;
    let server = await startServer(port);
    const got: Sample[] = [];
    const log: string[] = [];
    const adapter = new OpcuaAdapter(
      adapterConfig(port),
      (s) => got.push(...s),
      (l) => log.push(l),
    );
    adapter.start();
    cleanup.push(() => adapter.stop());
    await waitFor(() => kw(got).includes(10), 15_000);
    expect(adapter.health()).toMatchObject({ state: 'up', lastError: null, failures: 0 });

    await server.shutdown(0);
    await waitFor(() => adapter.health().state === 'down', 15_000);
    expect(adapter.health().lastError).toBeTruthy();
    // it keeps trying while the server is away (back-off of 20 … 200 ms)
    await waitFor(() => adapter.health().failures >= 3, 15_000);
    expect(adapter.health().state).toBe('down');

    power = 21.5; // the restarted machine reads differently: 43 scaled
    server = await startServer(port);
    cleanup.push(() => server.shutdown(0));
    await waitFor(() => kw(got).includes(43), 15_000);
    await waitFor(() => adapter.health().state === 'up', 15_000);
    expect(adapter.health().lastError).toBeNull();
    // and it goes on following changes on the new server's subscription
    power = 30;
    await waitFor(() => kw(got).includes(60), 15_000);
    // each retry waited per the back-off (20 ms doubling to 200 ms, ±20 % jitter), not a hot loop
    const waits = log
      .map((l) => /reconnecting in (\d+) ms/.exec(l)?.[1])
      .filter(Boolean)
      .map(Number);
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(16);
    expect(Math.max(...waits)).toBeLessThanOrEqual(240);
  });

  it('starts while the server is down and connects once it comes up', async () => {
    const port = await freePort();
    power = 7;
    const got: Sample[] = [];
    const adapter = new OpcuaAdapter(
      adapterConfig(port),
      (s) => got.push(...s),
      () => {},
    );
    adapter.start();
    cleanup.push(() => adapter.stop());
    await waitFor(() => adapter.health().failures >= 3, 15_000);
    expect(adapter.health().state).toBe('down');
    expect(adapter.health().lastError).toBeTruthy();
    expect(got).toEqual([]);

    const server = await startServer(port);
    cleanup.push(() => server.shutdown(0));
    await waitFor(() => kw(got).includes(14), 15_000);
    expect(adapter.health()).toMatchObject({ state: 'up', lastError: null });
  });
});
