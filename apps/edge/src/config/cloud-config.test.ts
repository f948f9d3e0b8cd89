import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApplied, mergeCloudConfig, saveApplied } from './cloud-config.ts';
import { ConfigError, parseConfig } from './config.ts';

const gas = {
  kind: 'mqtt',
  name: 'gas',
  url: 'mqtt://127.0.0.1:18831',
  topics: [{ topic: 'line1/gas', device: 'GAS-01', map: [{ path: '$.gas_flow_m3h', metric: 'flow' }] }],
};
const validConfig = () => ({
  gateway: { cloudUrl: 'mqtt://127.0.0.1:18830', token: 'gmd_x', tenantCode: 'acme', gatewayCode: 'GW-1' },
  queue: { dir: './queue' },
  adapters: [gas],
});
const local = () => parseConfig({ json: validConfig() });
const problems = (config: unknown) => {
  try {
    mergeCloudConfig(local(), { version: 7, config });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
};

describe('cloud config document', () => {
  it('replaces the adapters (and statusIntervalS) and keeps gateway, queue and uplink local', () => {
    const adapters = [gas];
    const merged = mergeCloudConfig(local(), { version: 3, config: { adapters, statusIntervalS: 5 } });
    expect(merged.adapters.map((a) => a.name)).toEqual(['gas']);
    expect(merged.statusIntervalS).toBe(5);
    expect(merged.gateway).toEqual(local().gateway);
    expect(merged.queue).toEqual(local().queue);
    expect(mergeCloudConfig(local(), { version: 4, config: { adapters: [] } }).statusIntervalS).toBe(60);
  });

  it('names the path of each problem; local sections are not accepted from the cloud', () => {
    expect(problems({ adapters: [{ ...gas, url: 'http://x' }] })).toEqual([
      'adapters[0].url: an mqtt:// or mqtts:// URL',
    ]);
    expect(problems({ adapters: [], gateway: {} })[0]).toMatch(/^\(root\): .*gateway/);
    expect(problems({})[0]).toMatch(/^adapters: /);
  });

  it('persists the applied document atomically', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'edge-cloud-config-')), 'queue');
    expect(loadApplied(dir)).toBeNull();
    saveApplied(dir, { version: 2, config: { adapters: [] } });
    saveApplied(dir, { version: 3, config: { adapters: [] } });
    expect(loadApplied(dir)).toEqual({ version: 3, config: { adapters: [] } });
    expect(readdirSync(dir)).toEqual(['cloud-config.json']);
  });
});
